printf 'dep,x\n01,1\n96,2\n' > "$TMP/l.csv"
"$DS" join "$TMP/l.csv" ../fixtures/join/right.csv --on dep=code --key-type dept 2>&1 | sed "s|$TMP|TMP|"
