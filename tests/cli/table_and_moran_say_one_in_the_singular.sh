# "1 rows, 1 columns" and "none of the 1 departments has a neighbour" read as broken output.
cd "$TMP" || exit 9
printf 'dep\n01\n' > one.csv
"$DS" table one.csv | head -1
printf 'dep;v\n01;1\n' > m.csv
"$DS" moran m.csv --value v; echo "exit $?"
