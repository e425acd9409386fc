"$DS" join ../fixtures/join/left.csv ../fixtures/join/right.csv --on dept=code
