# Unwritable output (exit 3, nothing left behind), a full device as stdout or -o (exit 3,
# one message, the device left alone), and a
# missing input file (exit 3).
cd "$TMP" || exit 9
printf "A;B;C;\n1;2;3;\n" > s.csv
"$DS" aggregate s.csv --by A -o no/such/dir/out.csv; echo "status $?"
"$DS" aggregate s.csv --by A --partial no/such/dir/p.part; echo "status $?"
"$DS" aggregate s.csv --by A > /dev/full; echo "status $?"
"$DS" aggregate s.csv --by A -o /dev/full; echo "status $?"
test -c /dev/full || echo "/dev/full replaced"
"$DS" aggregate missing.csv --by A; echo "status $?"
ls | grep -v -e "^stdout$" -e "^stderr$"
