# Every format; in the SVG one filled polygon a department part of the outline file
# (plot groups 1..N, N = its 'poly' records), the colour box's point, and the grey
# "no data" key entry, which lists 91 departments: the 90 of the 101 not in the table, and
# 87 (its y is NA).
check=../fixtures/plot/figcheck.py
outline=$ROOT/external-data/departements-carte.txt
parts=$(grep -c '^poly' "$outline")
for ext in png svg pdf; do
    "$DS" plot map ../fixtures/plot/small.csv --value y --legend-title 'Visits a year' \
        -o "$TMP/m.$ext" --script "$TMP/m.gp" || exit
    python3 $check "$TMP/m.$ext" 1 "$parts" | sed "s/=$parts /=PARTS /g; s/=$parts\$/=PARTS/"
done
grep -o "title 'no data: [^']*'" "$TMP/m.gp" | tr -d '\n' | tr ',' '\n' | grep -c .
grep -o "title 'no data: [^']*'" "$TMP/m.gp" | grep -c " 87\b"
grep -o "title 'no data: [^']*'" "$TMP/m.gp" | grep -c " 75\b"
# The SVG stays under 1 MB.
test "$(wc -c < "$TMP/m.svg")" -lt 1000000 && echo small
