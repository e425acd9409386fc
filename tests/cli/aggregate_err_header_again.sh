# Files concatenated into one stream (cat A*.csv | damirstat aggregate -): the second header
# is named as such, at its line, whatever the query (a --count alone would otherwise count
# it as a group), in plain and gzip streams, and at -j2; --skip-bad skips it as a bad line.
cd "$TMP" || exit 9
A="$FIXTURES/open-damir/A202501-head.csv"
cat "$A" "$A" | "$DS" aggregate - --by BEN_RES_REG --count; echo "status $?"
cat "$A" "$A" | "$DS" aggregate - --sum PRS_PAI_MNT; echo "status $?"
cat "$A" "$A" | "$DS" aggregate - --where 'PRS_NAT = 1111' --count; echo "status $?"
gzip -c "$A" > a.gz; cat a.gz a.gz > aa.csv.gz
"$DS" aggregate aa.csv.gz --count; echo "status $?"
cat "$A" "$A" "$A" > three.csv
"$DS" aggregate three.csv -j2 --by BEN_RES_REG --count; echo "status $?"
cat "$A" "$A" | "$DS" aggregate - --count --skip-bad; echo "status $?"
# the files given as arguments: 2 x 32 rows, as --skip-bad counted
cp "$A" A202501.csv; cp "$A" A202502.csv
"$DS" aggregate A202501.csv A202502.csv --count; echo "status $?"
