"$DS" join ../fixtures/join/names.csv ../fixtures/join/right.csv --on nom=code --by-name 2>/dev/null
