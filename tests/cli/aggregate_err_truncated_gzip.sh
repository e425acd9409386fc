# A gzip file cut short is an error naming the file; no output file is left.
cd "$TMP" || exit 9
awk -v copies=30 -f "$OLDPWD/gen_lines.awk" "$FIXTURES/open-damir/A202501-head.csv" | gzip > full.gz
head -c 3000 full.gz > cut.csv.gz
"$DS" aggregate cut.csv.gz --by BEN_RES_REG -o out.csv
st=$?; test -e out.csv && echo "output left behind"; exit $st
