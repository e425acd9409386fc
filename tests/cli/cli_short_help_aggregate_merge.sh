# -h is --help on every command, aggregate and merge included (they used to refuse it).
"$DS" aggregate -h | head -1
"$DS" merge -h | head -1
"$DS" aggregate -h > "$TMP/a" && "$DS" aggregate --help | cmp - "$TMP/a" && echo "aggregate: -h = --help"
"$DS" merge -h > "$TMP/m" && "$DS" merge --help | cmp - "$TMP/m" && echo "merge: -h = --help"
