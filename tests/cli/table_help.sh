"$DS" table --help | head -1
