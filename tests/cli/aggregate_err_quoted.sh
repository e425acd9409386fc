# Quotes are not part of the Open DAMIR format: a quoted file is refused with FILE:LINE:COL.
cd "$TMP" || exit 9
printf "A;B;C;\n1;2;3;\n1;\"2\";3;\n" > q.csv
"$DS" aggregate q.csv --by A --sum B
