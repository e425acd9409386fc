# A month that cannot be renamed into place (a folder has its name) fails the whole run:
# exit 3, and the months already renamed are taken back; no temp file stays behind.
. ./gen_lib.inc
mkdir -p "$TMP/out/A202403.csv"
"$DS" gen --rows 3000 --months 202401-202406 -o "$TMP/out" --truth "$TMP/out/truth.json" $TABLES 2>"$TMP/err"
rc=$?
sed "s|$TMP|TMP|" "$TMP/err" >&2
test "$(ls -A "$TMP/out")" = "A202403.csv" || { ls -A "$TMP/out"; exit 9; }
exit $rc
