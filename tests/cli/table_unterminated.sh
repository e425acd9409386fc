cd "$FIXTURES/table" && "$DS" table --format json unterminated.csv
