# A query reading more than 64 columns finds the empty fields of its means, mins, maxes and
# expressions column by column (the per-row mask holds 64): the same cells as the query of
# three columns. By hand: group 1 has C1 empty then 4 (mean and max 4; C1 + C70 known on the
# second row only: 4 + 70), group 2 has C1 = 3 (3, 73), group 3 only an empty C1 (empty);
# the sums of C2..C70 are 2 k or k a group.
cd "$TMP" || exit 9
awk 'BEGIN { OFS = ";"; h = "G"; for (k = 1; k <= 70; k++) h = h OFS "C" k; print h
             g[1] = 1; g[2] = 1; g[3] = 2; g[4] = 3; c1[1] = ""; c1[2] = 4; c1[3] = 3; c1[4] = ""
             for (r = 1; r <= 4; r++) { l = g[r] OFS c1[r]
                                        for (k = 2; k <= 70; k++) l = l OFS k; print l } }' > wide.csv
S=$(awk 'BEGIN { for (k = 2; k <= 70; k++) printf "%sC%d", (k > 2 ? "," : ""), k }')
"$DS" aggregate wide.csv --by G --mean C1 --max C1 --mean 'C1 + C70' --sum "$S" | cut -d, -f1-4 > wide.out || exit 9
"$DS" aggregate wide.csv --by G --mean C1 --max C1 --mean 'C1 + C70' > narrow.out || exit 9
cmp wide.out narrow.out && cat narrow.out
"$DS" aggregate wide.csv --by G --sum "$S" | cut -d, -f1,2,70
