# corr, moran and table take -o FILE: the file holds what stdout would, stdout stays empty,
# and a failed run leaves neither the file nor a temporary one.
cp "$FIXTURES/corr/nine.csv" "$FIXTURES/moran/ring5.csv" "$FIXTURES/table/small.csv" \
    "$FIXTURES/table/unterminated.csv" "$TMP/" || exit 9
printf 'dep,x\n01,1\n02,2\n03,3\n04,4\n05,5\n' > "$TMP/d.csv"
cd "$TMP" || exit 9
check() { # NAME: the -o file equals the stdout run, and -o printed nothing
    cmp -s "$1.stdout" "$1.file" && test ! -s "$1.printed" && echo "$1: -o file = stdout"
}
"$DS" corr nine.csv --x gp --y visits --method all > corr.stdout
"$DS" corr nine.csv --x gp --y visits --method all -o corr.file > corr.printed; check corr
"$DS" moran d.csv --value x --neighbours ring5.csv --format json > moran.stdout
"$DS" moran d.csv --value x --neighbours ring5.csv --format json --output moran.file > moran.printed; check moran
"$DS" table small.csv > table.stdout
"$DS" table small.csv -o table.file > table.printed; check table
"$DS" corr nine.csv --x gp --y nope -o corr.bad; echo "corr: exit $?"
"$DS" moran d.csv --value nope --neighbours ring5.csv -o moran.bad; echo "moran: exit $?"
"$DS" table unterminated.csv -o table.bad; echo "table: exit $?"
echo "left behind: $(ls | grep -c 'bad\|tmp')"
