# --partial beside -o: merge writes both (it ignored -o); a run whose -o cannot be written
# leaves the old partial as it was (it was replaced first); a --where holding a newline (in
# a quoted string) writes a partial that merge reads back (its query line was cut in two).
cd "$TMP" || exit 9
printf 'A;B;C;\n1;11;x;\n' >f.csv
printf 'A;B;C;\n1;10;x;\n2;32;z;\n' >g.csv
"$DS" aggregate g.csv --by A --sum B --partial g.p || exit 9
"$DS" merge g.p --partial m.p -o m.csv
echo "merge: exit $?, table: $(tail -1 m.csv), partial: $(head -1 m.p)"
cp g.p old.p
"$DS" aggregate f.csv --by A --sum B --partial g.p -o missing/t.csv
echo "unwritable -o: exit $?"
cmp -s g.p old.p && echo "the old partial is kept"
ls | grep -c tmp
"$DS" aggregate g.csv --by A --sum B --where "C = 'x
y' or A = 2" --partial nl.p
"$DS" merge nl.p
echo "where with a newline: exit $?"
