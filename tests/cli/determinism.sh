# Same bytes whatever the run: -j1 or -j2 (files cut into many pieces), plain, gzip (one or
# several members) or stdin, any file order, csv/tsv/json, and partials merged in any order;
# the csv equals awk's exact totals of the same selection.
cd "$TMP" || exit 9
F="$FIXTURES/open-damir/A202501-head.csv"
awk -v copies=30 -f "$OLDPWD/gen_lines.awk" "$F" > a.csv
awk -v copies=50 -f "$OLDPWD/gen_lines.awk" "$F" > b.csv
awk -v copies=5 -f "$OLDPWD/gen_lines.awk" "$F" > c.csv
gzip -c b.csv > b.csv.gz
head -n 400 c.csv | gzip -c > c.gz; tail -n +401 c.csv | gzip -c >> c.gz
cat > want.awk <<'AWK'
FNR > 1 && ($48 == 1 || $48 == 22 || $48 == 23 || cents($21) < 0) {
    k = $4 "," $7; pai[k] += cents($21); rem[k] += cents($23); n[k]++ }
END { for (k in n) printf "%s,%s,%s,%d\n", k, dec(pai[k]), dec(rem[k]), n[k] }
AWK
{ echo "BEN_RES_REG,BEN_SEX_COD,sum_PRS_PAI_MNT,sum_PRS_REM_MNT,count"
  awk -F';' -f "$OLDPWD/cents.awk" -f want.awk a.csv b.csv c.csv | sort -t, -k1,1n -k2,2n; } > want
test "$(wc -l < want)" -gt 10 || echo "too few groups"
export DAMIRSTAT_PIECE_BYTES=6000
Q="--by BEN_RES_REG,BEN_SEX_COD --sum PRS_PAI_MNT,PRS_REM_MNT --count"
W="PSE_SPE_SNDS in (1, 22, 23) or PRS_PAI_MNT < 0"
for fmt in csv tsv json; do
    "$DS" aggregate -j1 a.csv b.csv c.csv $Q --where "$W" --format $fmt > ref.$fmt || exit 9
    for j in 1 2; do
        for files in "c.csv b.csv a.csv" "b.csv.gz a.csv c.gz" "c.gz a.csv b.csv.gz" "a.csv - c.csv"; do
            "$DS" aggregate -j$j $files $Q --where "$W" --format $fmt < b.csv.gz > got || exit 9
            cmp -s ref.$fmt got || echo "$fmt -j$j $files: differs"
        done
    done
done
cmp want ref.csv && echo "csv equals awk"
for f in a b c; do "$DS" aggregate $f.csv $Q --where "$W" --partial $f.part || exit 9; done
"$DS" merge a.part b.part c.part --format json > m1 || exit 9
"$DS" merge c.part a.part b.part --format json > m2 || exit 9
"$DS" merge b.part c.part --partial bc.part && "$DS" merge bc.part a.part --format json > m3 || exit 9
cmp ref.json m1 && cmp ref.json m2 && cmp ref.json m3 && echo "merges equal one run"
