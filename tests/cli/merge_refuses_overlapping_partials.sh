# A partial records what it covers (per input: name, bytes, CRC-32 taken during the scan,
# rows), and merge refuses two partials that cover the same input, naming both and the
# input: a copy of a partial, a merged partial with one of its parts, a month aggregated
# twice under two names (exit 1). Before, the rows were counted twice with exit 0. The
# recorded CRC-32 of jan.csv is checked against gzip's, which its trailer stores.
cd "$TMP" || exit 9
printf 'A;B;\n1;10;\n2;32;\n' >jan.csv
printf 'A;B;\n1;5;\n' >feb.csv
"$DS" aggregate jan.csv --by A --sum B --partial jan.p || exit 9
"$DS" aggregate feb.csv --by A --sum B --partial feb.p || exit 9
cp jan.p jan-copy.p
"$DS" merge jan.p feb.p
echo "jan + feb: exit $?"
"$DS" merge jan.p feb.p jan-copy.p
echo "a copy: exit $?"
"$DS" merge jan.p feb.p --partial all.p
echo "merged partial: exit $?"
"$DS" merge feb.p all.p
echo "a merged partial and one of its parts: exit $?"
cp jan.csv jan-again.csv
"$DS" aggregate jan-again.csv --by A --sum B --partial again.p || exit 9
"$DS" merge all.p again.p
echo "the same month under another name: exit $?"
sed -n '/^inputs/,/^groups/p' all.p
# gzip's trailer: the CRC-32 of what it compressed (little-endian, bytes -8 to -5)
gzip -c jan.csv | tail -c 8 | head -c 4 | od -An -tx4 | tr -d ' '
