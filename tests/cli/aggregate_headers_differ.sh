# Files may order columns differently and carry other columns: columns are found by name.
# A file lacking a needed column is an error naming the file and the column.
cd "$TMP" || exit 9
printf "A;B;C;\n1;2.50;x;\n2;-.57;y;\n" > one.csv
printf "C;X;B;A;\nz;9;10;1;\nw;8;.5;3;\n" > two.csv
printf "A;C;\n1;z;\n" > three.csv
"$DS" aggregate one.csv two.csv --by A --sum B --count
"$DS" aggregate one.csv three.csv --by A --sum B; echo "status $?"
