# A changed partial fails its checksum; a file that is not a partial is named as such.
cd "$TMP" || exit 9
"$DS" aggregate "$FIXTURES/open-damir/A202501-head.csv" --by BEN_RES_REG --partial a.part || exit 9
sed 's/^11\t/12\t/' a.part > b.part
"$DS" merge b.part; echo "status $?"
cp "$FIXTURES/open-damir/SOURCE.md" notes.md; "$DS" merge notes.md; echo "status $?"
head -n 5 a.part > c.part
"$DS" merge c.part; echo "status $?"
