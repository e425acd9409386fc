# Table 2's last column says how each interval was found in numbers a reader can check: a
# lag model's draws kept and made (spatialreg drops a draw whose ρ leaves its interval: 2 of
# 20,000 with seed 2015 here; "19998 draws" alone read as a typo), and a wild bootstrap
# that enumerated every sign vector (2^13 = 8,192 of 13 clusters) says so.
cd "$ROOT" || exit 3
"$DS" run -q studies/density-visits-2013.study -o "$TMP/d" >/dev/null || exit
sed -n '/^## Table 2/,/^## Slopes/p' "$TMP/d/report.md" | grep 'spatial lag model (total impact) | 96 |' | sed 's/.*| \([^|]*\) |$/\1/'
"$DS" run -q studies/regions-panel-real.study -o "$TMP/r" >/dev/null || exit
grep '(wild bootstrap) |' "$TMP/r/report.md" | sed 's/.*| \([^|]*\) |$/\1/' | sort -u
