cd "$FIXTURES/table" && "$DS" table small.csv
