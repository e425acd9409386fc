# A column named in --by, --sum or --where that the file lacks: exit 1 naming both.
cd "$TMP" || exit 9
printf "A;B;C;\n1;2;3;\n" > u.csv
"$DS" aggregate u.csv --by Z; echo "status $?"
"$DS" aggregate u.csv --sum Y; echo "status $?"
"$DS" aggregate u.csv --where "A = 1 or X in (1, 2)"; echo "status $?"
"$DS" aggregate u.csv --where "C = 3"
