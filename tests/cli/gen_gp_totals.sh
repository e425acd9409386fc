# Per-department GP acts, cents and rows summed by awk over the files = the truth manifest.
. ./gen_lib.inc
set -e
"$DS" gen --seed 11 --rows 9000 --geo dept -o "$TMP/d" --truth "$TMP/truth.json" $TABLES
gp_totals BEN_RES_DPT "$TMP"/d/A2024*.csv >"$TMP/awk"
truth_totals "$TMP/truth.json" >"$TMP/truth"
test "$(wc -l <"$TMP/awk")" -eq 6
diff "$TMP/awk" "$TMP/truth"
