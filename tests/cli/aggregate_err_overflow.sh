# Sums past the 64-bit range of cents are an error, never a wrapped number; a single
# value past it too. 50000000000000000.00 is 5e18 cents: two of them exceed 2^63 - 1.
cd "$TMP" || exit 9
printf "A;B;C;\n1;50000000000000000;x;\n1;50000000000000000.00;y;\n" > o.csv
"$DS" aggregate o.csv --by A --sum B -o out.csv; echo "status $?"
printf "A;B;C;\n1;-50000000000000000;x;\n1;-50000000000000000.00;y;\n" > m.csv
"$DS" aggregate m.csv --sum B; echo "status $?"
printf "A;B;C;\n1;100000000000000000;x;\n" > p.csv
"$DS" aggregate p.csv --sum B; echo "status $?"
printf "A;B;C;\n1;50000000000000000;x;\n1;-50000000000000000.00;y;\n" > z.csv
"$DS" aggregate z.csv --sum B
if test -e out.csv; then echo "output left behind"; fi
