cd "$FIXTURES/table" && "$DS" table --json unterminated.csv
