# The range under the headline covers every [robustness] table, a line each: the 2013 study
# has two panels of 11 (without and with the 18 age shares; its headline fit is in the
# second), and the line of the first alone hid the panel the headline belongs to. The rows'
# values are those checked against R in tests/cli/run_table2_matches_r.sh: without controls
# 0.296 (region FE) to 1.593 (lag total), 8 intervals of 11 exclude 0; with the age shares
# 0.380 (region FE) to 2.153 (lag total), 7 of 11 (HC3 and the three region-FE rows do not).
cd "$ROOT" || exit 3
"$DS" run -q studies/density-visits-2013.study -o "$TMP/o" | sed -n '2,3p'
grep '^\*\*Across specifications' "$TMP/o/report.md"
