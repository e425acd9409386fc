# A bad line inside the 3rd piece of a cut file, read by another thread, is still reported
# with its line number counted from the top of the file (as awk counts it), for any -j;
# --skip-bad names the same line.
cd "$TMP" || exit 9
awk -v copies=40 -f "$OLDPWD/gen_lines.awk" "$FIXTURES/open-damir/A202501-head.csv" > f.csv
awk -F';' -v OFS=';' 'NR == 1000 { $21 = "12,5x" } NR == 1200 { $19 = "" } { print }' f.csv > bad.csv
export DAMIRSTAT_PIECE_BYTES=20000
for j in 1 2 3; do
    "$DS" aggregate bad.csv --by BEN_RES_REG --sum PRS_PAI_MNT -j$j -o out.csv 2>&1
done
"$DS" aggregate bad.csv --by BEN_RES_REG --sum PRS_PAI_MNT --skip-bad -j2 2>&1 > /dev/null
col=$(awk -F';' 'NR == 1000 { print length($1 ";" $2 ";" $3 ";" $4 ";" $5 ";" $6 ";" $7 ";" $8 ";" $9 ";" $10 ";" $11 ";" $12 ";" $13 ";" $14 ";" $15 ";" $16 ";" $17 ";" $18 ";" $19 ";" $20 ";") + 1 }' bad.csv)
echo "awk says column $col"
if test -e out.csv; then echo "output left behind"; fi
