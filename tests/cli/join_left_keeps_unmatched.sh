"$DS" join ../fixtures/join/left.csv ../fixtures/join/right.csv --on dep=code --how left 2>/dev/null
