# plot slope: a line a department from its 2010 rate (left) to its 2013 rate (right), the 4
# largest falls (vermillion) and 4 largest rises (blue) named at the right. The named rows
# are worked out here with awk from the same table (changes 2013 - 2010, Mayotte has no
# 2010 rate and is left out); the script's data blocks hold 92 grey and 4 + 4 coloured lines.
p=$ROOT/external-data/panel-mg-departements.csv
{ echo "dep,visits_2010,visits_2013"
  awk -F, 'NR > 1 && $3 == 2010 { a[$1] = $7 } NR > 1 && $3 == 2013 { b[$1] = $7 }
           END { for (k in a) print k "," a[k] "," b[k] }' "$p" | sort; } > "$TMP/t.csv"
"$DS" plot slope "$TMP/t.csv" --from visits_2010 --to visits_2013 --label dep \
    --from-label 2010 --to-label 2013 -o "$TMP/s.png" --script "$TMP/s.gp" || exit
blocks() { awk -v b="$2" '$0 == b " << EOD" { on = 1; next } /^EOD/ { on = 0 }
           on && $1 == 1 { n++ } END { print b ": " n + 0 " lines" }' "$1"; }
for b in '$rest' '$falls' '$rises'; do blocks "$TMP/s.gp" "$b"; done
echo "named in the figure:"
grep "^set label '.*' at screen .* left front" "$TMP/s.gp" | sed "s/^set label '\([^']*\)'.*/\1/" | sort
echo "largest falls and rises by awk:"
awk -F, 'NR > 1 && $2 != "" && $3 != "" { print $3 - $2, $1 }' "$TMP/t.csv" | sort -g > "$TMP/d"
{ head -4 "$TMP/d"; tail -4 "$TMP/d"; } | while read -r d code; do
    grep "^$code," "$ROOT/external-data/departements.csv" | cut -d, -f2; done | sort
echo "under the columns:"
sed -n "s/^set label '\(20[0-9]*\)' at screen .* center .*/\1/p" "$TMP/s.gp"
# Errors: both columns needed; a text column; no row with both values.
{ "$DS" plot slope "$TMP/t.csv" --from visits_2010 -o "$TMP/e.png" 2>&1; echo "exit $?"; }
{ "$DS" plot slope "$TMP/t.csv" --from dep --to visits_2013 -o "$TMP/e.png" 2>&1; echo "exit $?"; } |
    sed "s|$TMP|TMP|"
printf 'dep,a,b\n01,,1\n02,2,\n' > "$TMP/n.csv"
{ "$DS" plot slope "$TMP/n.csv" --from a --to b -o "$TMP/e.png" 2>&1; echo "exit $?"; } |
    sed "s|$TMP|TMP|"
test -e "$TMP/e.png" && echo "a figure was written" || echo "no figure written"
