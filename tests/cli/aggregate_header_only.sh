# A header and no rows: the table has its header line only; counts are 0 in JSON.
cd "$TMP" || exit 9
printf "A;B;C;\n" > h.csv
"$DS" aggregate h.csv --by A --sum B --count
printf "A;B;C;" > h2.csv
"$DS" aggregate h2.csv --sum B --format json
