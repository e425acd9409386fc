# End to end: `damirstat aggregate` with the manifest's query on gzip files finds the planted
# per-department GP acts, cents and rows, as the manifest states them.
. ./gen_lib.inc
set -e
"$DS" gen --seed 21 --rows 12000 --gzip --geo dept -o "$TMP/d" --truth "$TMP/t.json" $TABLES
where=$(sed -n 's/.*"query": {"where": "\([^"]*\)".*/\1/p' "$TMP/t.json")
test "$where" = "PRS_NAT in (1109,1110,1111,1209,1210,1211) and PSE_SPE_SNDS = 1"
"$DS" aggregate --where "$where" --by BEN_RES_DPT --sum PRS_ACT_QTE,PRS_PAI_MNT --count \
    "$TMP"/d/A*.csv.gz >"$TMP/agg.csv"
awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
    { a = $c["sum_PRS_ACT_QTE"]; m = $c["sum_PRS_PAI_MNT"]; sub(/\.00$/, "", a); sub(/\./, "", m)
      sub(/^0+/, "", m); print $c["BEN_RES_DPT"], a, m, $c["count"] }' "$TMP/agg.csv" | sort >"$TMP/got"
truth_totals "$TMP/t.json" >"$TMP/want"
test "$(wc -l <"$TMP/want")" -eq 6
diff "$TMP/got" "$TMP/want"
