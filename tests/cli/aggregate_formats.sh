# CSV quotes codes holding a comma; TSV and JSON print the same numbers; codes keep their
# text ("01" stays "01", "2A" sorts after the numbers) and numeric codes sort as numbers.
cd "$TMP" || exit 9
printf "D;B;C;\n2A;1;x;\n10;2;x;\n9;.5;x;\n01;-3;x;\n01;1.1;x;\na,b;7;x;\n" > f.csv
"$DS" aggregate f.csv --by D --sum B --count
"$DS" aggregate f.csv --by D --sum B --format tsv
"$DS" aggregate f.csv --by D --count --format json
