# A non-numeric --rows is a usage error naming the option.
"$DS" gen --rows 12x -o "$TMP/o"
