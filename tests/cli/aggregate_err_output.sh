# Unwritable output (exit 3, nothing left behind), stdout on a full device (exit 3), and a
# missing input file (exit 3).
cd "$TMP" || exit 9
printf "A;B;C;\n1;2;3;\n" > s.csv
"$DS" aggregate s.csv --by A -o no/such/dir/out.csv; echo "status $?"
"$DS" aggregate s.csv --by A --partial no/such/dir/p.part; echo "status $?"
"$DS" aggregate s.csv --by A > /dev/full 2> full.err; echo "status $?"
head -n 1 full.err
"$DS" aggregate missing.csv --by A; echo "status $?"
ls | grep -v -e "^stdout$" -e "^stderr$"
