"$DS" table --skip=x "$FIXTURES/table/small.csv"
