# --progress reports bytes and rows/s on stderr and leaves stdout as it is; --quiet (and a
# stderr that is not a terminal) keeps stderr empty.
cd "$TMP" || exit 9
F="$FIXTURES/open-damir/A202501-head.csv"
"$DS" aggregate "$F" --by BEN_RES_REG --progress > with 2> progress.txt || exit 9
"$DS" aggregate "$F" --by BEN_RES_REG --quiet > without 2> quiet.txt || exit 9
"$DS" aggregate "$F" --by BEN_RES_REG > plain 2> plain.txt || exit 9
cmp with without && cmp with plain && echo "same stdout"
grep -c "rows/s" progress.txt
test -s quiet.txt || test -s plain.txt || echo "quiet"
# The final report counts every data row once, also when threads share cut files.
awk -v copies=50 -f "$OLDPWD/gen_lines.awk" "$F" > big.csv
cp big.csv big2.csv
DAMIRSTAT_PIECE_BYTES=9000 "$DS" aggregate big.csv big2.csv --count -j2 --progress 2> p2.txt > /dev/null
got=$(tr '\r' '\n' < p2.txt | tail -n 1 | sed 's/.* \([0-9]*\) rows,.*/\1/')
want=$(awk 'FNR > 1' big.csv big.csv | wc -l)
test "$got" = "$want" && echo "rows counted once"
