"$DS" run "$TMP/none.study"
