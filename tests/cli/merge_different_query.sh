# Partials of different queries do not merge: exit 1, naming both files and queries.
cd "$TMP" || exit 9
F="$FIXTURES/open-damir/A202501-head.csv"
"$DS" aggregate "$F" --by BEN_RES_REG --sum PRS_PAI_MNT --partial a.part || exit 9
"$DS" aggregate "$F" --by BEN_RES_REG --sum PRS_PAI_MNT --where 'SOI_ANN = 2025' --partial b.part || exit 9
"$DS" merge a.part b.part -o out.csv
st=$?
test -e out.csv && echo "output left behind"
exit $st
