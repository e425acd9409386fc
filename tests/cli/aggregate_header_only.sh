# A header and no rows: by groups, the table has its header line only; without --by, the one
# total row holds zeros.
cd "$TMP" || exit 9
printf "A;B;C;\n" > h.csv
"$DS" aggregate h.csv --by A --sum B --count
printf "A;B;C;" > h2.csv
"$DS" aggregate h2.csv --sum B --format json
