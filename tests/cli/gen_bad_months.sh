# A month 13 is a usage error naming --months.
"$DS" gen --months 202401-202413 -o "$TMP/o"
