"$DS" table --delim
