# A typo in a column name is bad data (exit 1) and leaves no output file.
"$DS" derive ../fixtures/derive/small.csv 'ok = gp * 2' 'a = visit + 1' -o "$TMP/out.csv"
rc=$?
ls "$TMP"
exit $rc
