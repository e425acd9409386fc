# --where syntax errors are usage errors (2) with a caret under the place.
cd "$TMP" || exit 9
printf "A;B;C;\n1;2;3;\n" > s.csv
for w in "B = = 2" "B in (1,2" "(A = 1" "A between 1 or 2" "A = 1 B = 2" "A ~ 1" "" "A in (1, 'x')"; do
    "$DS" aggregate s.csv --where "$w"; echo "status $?"
done
