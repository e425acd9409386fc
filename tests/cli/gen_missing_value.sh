# An option without its value is a usage error.
"$DS" gen -o "$TMP/o" --seed
