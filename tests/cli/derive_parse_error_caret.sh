# The caret sits under the end of the definition, where ')' was expected (column 21).
"$DS" derive ../fixtures/derive/small.csv 'a = (visits + gp * 2' -o "$TMP/out.csv"
rc=$?
ls "$TMP"
exit $rc
