"$DS" join ../fixtures/join/left.csv ../fixtures/join/right.csv --on dep=code --strict -o "$TMP/out.csv"
rc=$?
ls "$TMP"
exit $rc
