# Every format; in the SVG one filled polygon a department part of the outline file
# (plot groups 1..N, N = its 'poly' records) and no marker (the colour box's point is clipped,
# not drawn at size 0, which would make the SVG unreadable to librsvg); the "no data"
# list under the colour box counts 91 departments: the 90 of the 101 not in the table, and
# 87 (its y is NA).
check=../fixtures/plot/figcheck.py
outline=$ROOT/external-data/departements-carte.txt
parts=$(grep -c '^poly' "$outline")
for ext in png svg pdf; do
    "$DS" plot map ../fixtures/plot/small.csv --value y --legend-title 'Visits a year' \
        -o "$TMP/m.$ext" --script "$TMP/m.gp" || exit
    python3 $check "$TMP/m.$ext" 1 "$parts" | sed "s/=$parts /=PARTS /g; s/=$parts\$/=PARTS/"
done
# 30 codes listed, then "+ 61 more": 91 in all.
nodata() { # the "no data" list, its wrapped lines joined
    sed -n "s/^set label '\([^']*\)' at screen.*/\1/p" "$1" | paste -sd' ' - | sed 's/.*\(no data:\)/\1/'
}
nodata "$TMP/m.gp" | sed 's/(.*//' | tr ' ' '\n' | grep -c '^[0-9][0-9AB]*,*$'
nodata "$TMP/m.gp" | grep -o '(+ [0-9]* more)' 
# All 101 departments from external-data but 2A and 2B dropped and 87 blanked: exactly those.
awk -F, 'NR == 1 || ($1 != "2A" && $1 != "2B") { if ($1 == "87") $6 = ""; print }' OFS=, \
    "$ROOT/external-data/departements.csv" > "$TMP/pop.csv"
"$DS" plot map "$TMP/pop.csv" --value population -o "$TMP/p.png" --script "$TMP/p.gp" || exit
nodata "$TMP/p.gp"
# The SVG stays under 1 MB.
test "$(wc -c < "$TMP/m.svg")" -lt 1000000 && echo small
# The same with classes (their legend point too is clipped, not drawn at size 0).
"$DS" plot map ../fixtures/plot/small.csv --value y --breaks quantile:3 -o "$TMP/c.svg" || exit
python3 $check "$TMP/c.svg"
