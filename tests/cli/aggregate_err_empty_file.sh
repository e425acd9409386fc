# An empty file has no header: an error naming it (plain and gzip).
cd "$TMP" || exit 9
: > empty.csv; gzip -c empty.csv > empty.gz
"$DS" aggregate empty.gz --count; echo "status $?"
"$DS" aggregate empty.csv --count
