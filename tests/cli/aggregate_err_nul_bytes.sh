# NUL bytes are damage, reported where they are, in a summed field and in a code alike.
cd "$TMP" || exit 9
printf "A;B;C;\n1;2;3;\n1;4\0005;6;\n" > n1.csv
printf "A;B;C;\n1;2;3;\n7\000;4;6;\n" > n2.csv
"$DS" aggregate n1.csv --by A --sum B; echo "status $?"
"$DS" aggregate n2.csv --by A --sum B; echo "status $?"
