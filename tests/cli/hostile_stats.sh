# Hostile data for corr and moran: too few complete pairs (n <= p), a constant variable,
# an all-missing column, too few departments: each status 1 with a message that says what
# is missing; a full stdout is status 3.
cd "$TMP" || exit 9
printf 'x,y\n1,2\n2,3\n' > two-pairs.csv
printf 'x,y\n1,2\n1,3\n1,5\n1,7\n' > constant-x.csv
printf 'x,y\n1,NA\n2,NA\n3,NA\n4,\n' > missing-y.csv
for f in two-pairs constant-x missing-y; do "$DS" corr $f.csv --x x --y y; echo "status $?"; done
"$DS" corr constant-x.csv --x x --y y --method spearman; echo "status $?"
printf 'x,y\n1,2\n2,3\n3,5\n4,4\n' > ok.csv
"$DS" corr ok.csv --x x --y y > /dev/full; echo "status $?"
N="$FIXTURES/moran/ring5.csv"
printf 'dep,v\n01,1\n02,1\n03,1\n04,1\n05,1\n' > constant.csv
printf 'dep,v\n01,NA\n02,NA\n03,NA\n04,NA\n05,NA\n' > missing.csv
printf 'dep,v\n01,1\n02,2\n03,NA\n' > few.csv
for f in constant missing few; do "$DS" moran $f.csv --value v --neighbours "$N"; echo "status $?"; done
printf 'dep,v\n01,1\n02,2\n03,3\n04,5\n05,4\n' > five.csv
"$DS" moran five.csv --value v --neighbours "$N" > /dev/full; echo "status $?"
