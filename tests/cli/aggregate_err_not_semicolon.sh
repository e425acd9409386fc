# A comma- or tab-separated file given to aggregate: the header does not split on ';', and
# the message says what the file looks like rather than "no column".
cd "$TMP" || exit 9
tr ';' ',' < "$FIXTURES/open-damir/A202501-head.csv" > comma.csv
"$DS" aggregate comma.csv --by BEN_RES_REG --count; echo "status $?"
printf 'dep\tvisits\n01\t3\n' > tab.csv
"$DS" aggregate tab.csv --by dep --count; echo "status $?"
# a one-column file is a file without delimiter, not an error
printf 'dep\n01\n02\n01\n' > one.csv
"$DS" aggregate one.csv --by dep --count; echo "status $?"
