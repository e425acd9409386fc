# fit --skip N (and -d) read a table with title lines above its header: the fit is the one
# of the file without them, byte for byte.
F="$FIXTURES/fit/small.csv"
{ printf 'Table 3. Made-up data\n(source: tests)\n'; tr ',' ';' < "$F"; } > "$TMP/titled.csv"
"$DS" fit "$F" --model 'y ~ x1 + x2' --format json -q > "$TMP/want"
"$DS" fit "$TMP/titled.csv" --model 'y ~ x1 + x2' --format json --skip 2 -d ';' -q | cmp - "$TMP/want" && echo "--skip 2 -d ';': same fit"
"$DS" fit "$TMP/titled.csv" --model 'y ~ x1 + x2' --skip 2 --skip=two; echo "exit $?"
