# Usage errors exit 2; --help exits 0 and shows an example.
cd "$TMP" || exit 9
printf "A;B;C;\n1;2;3;\n" > s.csv
"$DS" aggregate; echo "status $?"
"$DS" aggregate s.csv -j 0; echo "status $?"
"$DS" aggregate s.csv --format xml; echo "status $?"
"$DS" aggregate s.csv --frobnicate; echo "status $?"
"$DS" aggregate s.csv --by; echo "status $?"
"$DS" aggregate s.csv --by A,,B; echo "status $?"
"$DS" aggregate s.csv --sum B,B; echo "status $?"
"$DS" merge; echo "status $?"
"$DS" aggregate --help | grep -c "Example"
"$DS" merge --help | grep -c "Example"
