# Gzip input (one member, several members, on stdin) and a plain file named .gz give the
# same bytes as the plain file.
F="$FIXTURES/open-damir/A202501-head.csv"
cd "$TMP" || exit 9
head -n 12 "$F" > a.csv; tail -n +13 "$F" > b.csv
gzip -c "$F" > one.gz; gzip -c a.csv > a.gz; gzip -c b.csv > b.gz; cat a.gz b.gz > multi.gz
cp "$F" plain-named.csv.gz
Q="--by BEN_RES_REG,BEN_SEX_COD --sum PRS_PAI_MNT,PRS_REM_MNT --count"
"$DS" aggregate "$F" $Q > want || exit 9
for f in one.gz multi.gz plain-named.csv.gz; do
    "$DS" aggregate "$f" $Q > got && cmp want got || echo "differs: $f"
done
"$DS" aggregate - $Q < multi.gz > got && cmp want got || echo "differs: stdin gzip"
cat "$F" | "$DS" aggregate - $Q > got && cmp want got || echo "differs: stdin plain"
echo done
