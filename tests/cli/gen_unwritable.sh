# An output folder that cannot be created is an I/O error (exit 3) and nothing is written,
# not even the truth file asked for elsewhere.
. ./gen_lib.inc
touch "$TMP/file"
"$DS" gen --rows 1000 -o "$TMP/file/out" --truth "$TMP/truth.json" $TABLES 2>"$TMP/err"
rc=$?
sed "s|$TMP|TMP|" "$TMP/err" >&2
test "$(ls "$TMP")" = "$(printf 'err\nfile')" || { ls "$TMP"; exit 9; }
exit $rc
