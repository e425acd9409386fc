"$DS" table --format json
