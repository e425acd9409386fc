# Both tables have 'name': the right one becomes name_right; -o writes the file whole, ';'.
printf 'dep,name,visits\n1,ain,4.5\n21,cote,3.9\n' >"$TMP/l.csv"
"$DS" join "$TMP/l.csv" ../fixtures/join/right.csv --on dep=code -o "$TMP/out.csv" --delim ';' 2>/dev/null || exit
cat "$TMP/out.csv"
ls "$TMP"
