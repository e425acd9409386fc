"$DS" join ../fixtures/join/left.csv ../fixtures/join/dup.csv --on dep=code
