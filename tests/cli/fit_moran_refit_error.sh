# fit --moran refits the model without the departments that have no neighbour (971 here, on
# a ring of five): a term that only 971 informs cannot be estimated then, and the message
# says why. A department column that is not one is a data error too.
nb=../fixtures/moran/ring5.csv
printf 'dep,x,y,d971\n01,1,2,0\n02,2,1,0\n971,9,-40,1\n03,3,4,0\n04,4,3,0\n05,5,7,0\n' >"$TMP/r.csv"
cd "$TMP" || exit
"$DS" fit r.csv --model 'y ~ x + d971' --key dep --moran --neighbours "$OLDPWD/$nb" >/dev/null
echo "exit $?"
"$DS" fit r.csv --model 'y ~ x' --key y --moran --neighbours "$OLDPWD/$nb" >/dev/null
echo "exit $?"
"$DS" fit r.csv --model 'y ~ x' --key dep --moran --permutations 0 --neighbours "$OLDPWD/$nb" |
  grep -A1 "^Moran's I"
