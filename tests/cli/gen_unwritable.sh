# An output folder that cannot be created is an I/O error (exit 3) and nothing is written,
# not even the truth file asked for elsewhere.
. ./gen_lib.inc
mkdir "$TMP/w" && touch "$TMP/w/file"
"$DS" gen --rows 1000 -o "$TMP/w/file/out" --truth "$TMP/w/truth.json" $TABLES 2>"$TMP/err"
rc=$?
sed "s|$TMP|TMP|" "$TMP/err" >&2
test "$(ls -A "$TMP/w")" = "file" || { ls -A "$TMP/w"; exit 9; }
exit $rc
