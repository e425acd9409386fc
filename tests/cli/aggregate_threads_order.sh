# -j1, -j2 and shuffled file orders, with big files cut into many pieces, print the same
# bytes, equal to awk's exact totals.
cd "$TMP" || exit 9
F="$FIXTURES/open-damir/A202501-head.csv"
awk -v copies=40 -f "$OLDPWD/gen_lines.awk" "$F" > a.csv
awk -v copies=90 -f "$OLDPWD/gen_lines.awk" "$F" > b.csv
awk -v copies=3 -f "$OLDPWD/gen_lines.awk" "$F" > c.csv
gzip -c b.csv > b.csv.gz
cat > want.awk <<'AWK'
FNR > 1 { k = $4 "," $7; pai[k] += cents($21); qte[k] += cents($19); n[k]++ }
END { for (k in n) printf "%s,%s,%s,%d\n", k, dec(pai[k]), dec(qte[k]), n[k] }
AWK
{ echo "BEN_RES_REG,BEN_SEX_COD,sum_PRS_PAI_MNT,sum_PRS_ACT_QTE,count"
  awk -F';' -f "$OLDPWD/cents.awk" -f want.awk a.csv b.csv c.csv | sort -t, -k1,1n -k2,2n; } > want
Q="--by BEN_RES_REG,BEN_SEX_COD --sum PRS_PAI_MNT,PRS_ACT_QTE --count"
export DAMIRSTAT_PIECE_BYTES=7000
"$DS" aggregate -j1 a.csv b.csv c.csv $Q > j1 || exit 9
"$DS" aggregate -j2 c.csv a.csv b.csv $Q > j2 || exit 9
"$DS" aggregate -j3 b.csv.gz c.csv a.csv $Q > j3 || exit 9
"$DS" aggregate -j2 c.csv b.csv.gz a.csv $Q --format json > json2 || exit 9
"$DS" aggregate -j1 a.csv b.csv c.csv $Q --format json > json1 || exit 9
cmp want j1 && cmp j1 j2 && cmp j1 j3 && cmp json1 json2 && echo same
