# A needed column named twice in a header is ambiguous: refused.
cd "$TMP" || exit 9
printf "A;B;A;\n1;2;3;\n" > d.csv
"$DS" aggregate d.csv --by A --count
