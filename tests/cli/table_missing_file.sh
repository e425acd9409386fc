cd "$TMP" && "$DS" table nope.csv
