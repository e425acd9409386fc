cd "$FIXTURES/table" && "$DS" table ragged.csv
