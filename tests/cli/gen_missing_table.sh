# A reference table that cannot be read is an I/O error naming it.
"$DS" gen -o "$TMP/o" --departements "$TMP/nope.csv" 2>"$TMP/err"
rc=$?
sed "s|$TMP|TMP|" "$TMP/err" >&2
test ! -e "$TMP/o"
exit $rc
