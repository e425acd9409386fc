# From the repository root with no table options, gen reads external-data/ (the activity
# from synthetic-activite-physique.csv while activite-physique.csv does not exist), plants
# all 101 departments, and awk's per-department GP totals equal the manifest's.
. ./gen_lib.inc
set -e
cd "$ROOT"
"$DS" gen --seed 8 --rows 24000 --months 202301-202312 --geo dept -o "$TMP/d" --truth "$TMP/t.json"
grep -q '"departments": 101,' "$TMP/t.json"
grep -q '"skipped": \[\]' "$TMP/t.json"
if [ ! -f external-data/activite-physique.csv ]; then
    grep -q '"activite": "external-data/synthetic-activite-physique.csv"' "$TMP/t.json"
fi
gp_totals BEN_RES_DPT "$TMP"/d/A2023*.csv >"$TMP/awk"
truth_totals "$TMP/t.json" >"$TMP/truth"
test "$(wc -l <"$TMP/awk")" -eq 101
diff "$TMP/awk" "$TMP/truth"
