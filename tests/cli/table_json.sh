"$DS" table --json "$FIXTURES/table/small.csv"
