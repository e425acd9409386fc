# Title lines above a header, as INSEE and DREES downloads have them, are named as the cause
# with the --skip that drops them: titles without a delimiter above a ';' table (which was
# read as one column, each row whole, and answered "no column 'dep' (columns: 'Title line')"
# in join), and a title split by the header's own delimiter into fewer fields (which said
# "expected 2 fields, got 3" alone). A one-column table is still one.
cd "$TMP" || exit 9
printf 'Tableau 3 : population\nSource : INSEE\ndep;pop\n01;5\n02;6\n' > titled.csv
printf 'Population 2023; INSEE\ndep;nom;pop\n01;Ain;5\n' > titled2.csv
printf 'dep;x\n01;1\n02;2\n' > left.csv
"$DS" table titled.csv; echo "exit $?"
"$DS" join left.csv titled.csv --on dep; echo "exit $?"
"$DS" join left.csv titled.csv --on dep --skip 0,2; echo "exit $?"
"$DS" table titled2.csv; echo "exit $?"
"$DS" table titled2.csv --skip 1 --format json; echo "exit $?"
printf 'nom\nAin\n\nAisne\n' > one.csv
"$DS" table one.csv --format json; echo "exit $?"
