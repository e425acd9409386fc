"$DS" table --json
