# A line with a field missing or one too many: FILE:LINE:COL, exit 1, no output file.
cd "$TMP" || exit 9
printf "A;B;C;\n1;2;3;\n1;2;\n" > short.csv
printf "A;B;C;\r\n1;2;3;\r\n\r\n4;5;6;7;\r\n" > long.csv
"$DS" aggregate short.csv --by A --sum B -o out.csv; echo "status $?"
"$DS" aggregate long.csv --by A --sum B -o out.csv; echo "status $?"
if test -e out.csv; then echo "output left behind"; fi
