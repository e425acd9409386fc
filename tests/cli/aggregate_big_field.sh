# A 1 MB field is read whole: skipped when not needed, reported (shortened) when summed.
cd "$TMP" || exit 9
big=$(head -c 1048576 /dev/zero | tr "\0" "7")
{ printf "A;B;C;\n1;2;"; printf "%s" "$big"; printf ";\n2;3;4;\n"; } > f.csv
"$DS" aggregate f.csv --by A --sum B
{ printf "A;B;C;\n1;"; printf "%s" "$big"; printf ";3;\n"; } > g.csv
"$DS" aggregate g.csv --by A --sum B; echo "status $?"
