"$DS" table --foo "$FIXTURES/table/small.csv"
