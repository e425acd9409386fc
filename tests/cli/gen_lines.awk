# Makes DAMIR-shaped test lines from the real ones: line i of copy r gets region, sex and
# amounts varied deterministically, keeping the real quirks (.81, -.57, empty fields).
BEGIN { FS = OFS = ";"; split("11 24 27 28 32 44 52 53 75 76 84 93 94 5 99 01", reg, " ") }
NR == 1 { if (!nohead) print; next }
{ line[++n] = $0 }
END {
    for (r = 0; r < copies; r++)
        for (i = 1; i <= n; i++) {
            $0 = line[i]
            $4 = reg[(r * 7 + i) % 16 + 1]
            $7 = (r + i) % 2 + 1
            if ((r + i) % 5 == 0) $21 = "-." (r % 90 + 10)
            else if ((r + i) % 7 == 0) $21 = r "." (i % 10)
            print
        }
}
