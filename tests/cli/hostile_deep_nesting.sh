# 50,000 nested parentheses in --where, in a derive expression or in a formula are refused
# with a message (more than 200 levels), never a stack overflow: status 2 (a usage error, as
# every syntax error on the command line), and no output file.
cd "$TMP" || exit 9
deep=$(awk 'BEGIN { for (i = 0; i < 50000; i++) printf "("; printf "A"; for (i = 0; i < 50000; i++) printf ")" }')
printf 'A;B;C;\n1;2;3;\n' > s.csv
"$DS" aggregate s.csv --count --where "$deep = 1" -o out.csv 2> err.txt; echo "status $?"
head -n 1 err.txt
printf 'A,y\n1,2\n2,3\n3,5\n4,4\n' > t.csv
"$DS" derive t.csv "z = $deep" -o out.csv 2> err.txt; echo "status $?"
head -n 1 err.txt
"$DS" fit t.csv --model "y ~ I($deep)" -o out.txt 2> err.txt; echo "status $?"
head -n 1 err.txt
ok=$(awk 'BEGIN { for (i = 0; i < 150; i++) printf "("; printf "A"; for (i = 0; i < 150; i++) printf ")" }')
"$DS" derive t.csv "z = $ok * 2" | tail -n 1
rm err.txt; ls
