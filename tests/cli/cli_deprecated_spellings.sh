# The old spellings work for one release, with a one-line note on stderr: table --json and
# --delim (input), join and derive --delim (output delimiter, now --output-delimiter).
T="$FIXTURES/table/small.csv"
"$DS" table --json "$T" > "$TMP/old" && "$DS" table --format json "$T" | cmp - "$TMP/old" && echo "table --json = --format json"
"$DS" table --delim ';' "$T" > "$TMP/old" && "$DS" table -d ';' "$T" | cmp - "$TMP/old" && echo "table --delim = -d"
J=../fixtures/join
"$DS" join "$J/left.csv" "$J/right.csv" --on dep=code --delim ';' 2>/dev/null | head -1
"$DS" join "$J/left.csv" "$J/right.csv" --on dep=code -q --delim ';' | head -1
"$DS" derive "$J/right.csv" 'd2 = density * 2' --delim tab | head -1 | tr '\t' '|'
