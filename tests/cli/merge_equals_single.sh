# Partials of two parts merged give the bytes of one run over both (csv and json).
cd "$TMP" || exit 9
F="$FIXTURES/open-damir/A202501-head.csv"
awk -v copies=20 -f "$OLDPWD/gen_lines.awk" "$F" > a.csv
awk -v copies=9 -f "$OLDPWD/gen_lines.awk" "$F" | gzip > b.csv.gz
Q="--by BEN_RES_REG --where SOI_ANN=2025 --sum PRS_PAI_MNT --count"
"$DS" aggregate a.csv b.csv.gz $Q > want || exit 9
"$DS" aggregate a.csv b.csv.gz $Q --format json > want.json || exit 9
"$DS" aggregate a.csv $Q --partial a.part || exit 9
"$DS" aggregate b.csv.gz $Q --partial b.part -o b.csv.out || exit 9
"$DS" merge b.part a.part > got || exit 9
"$DS" merge a.part b.part --format json > got.json || exit 9
"$DS" merge a.part --partial a2.part && "$DS" merge a2.part b.part > got2 || exit 9
cmp want got && cmp want.json got.json && cmp want got2 && test -s b.csv.out && echo same
