# Every bad-data case exits 1 with a message naming the cause; a missing neighbours file is
# an I/O error (exit 3).
nb=../fixtures/moran/ring5.csv
printf 'dep,v,t\n01,NA,a\n02,,b\n03,,c\n' >"$TMP/allna.csv"
printf 'dep,v\n01,1\n99,2\n03,3\n' >"$TMP/badkey.csv"
printf 'dep,v\n01,1\n1,2\n03,3\n04,4\n' >"$TMP/twice.csv"
printf 'dep,v\n01,2\n02,2\n03,2\n04,2\n05,2\n' >"$TMP/flat.csv"
printf 'dep,v\n' >"$TMP/empty.csv"
cd "$TMP" || exit
"$DS" moran allna.csv --value v --neighbours "$OLDPWD/$nb"; echo "exit $?"
"$DS" moran allna.csv --value t --neighbours "$OLDPWD/$nb"; echo "exit $?"
"$DS" moran badkey.csv --value v --key dep --neighbours "$OLDPWD/$nb"; echo "exit $?"
"$DS" moran twice.csv --value v --neighbours "$OLDPWD/$nb"; echo "exit $?"
"$DS" moran flat.csv --value v --neighbours "$OLDPWD/$nb"; echo "exit $?"
"$DS" moran empty.csv --value v --neighbours "$OLDPWD/$nb"; echo "exit $?"
"$DS" moran flat.csv --value v --neighbours nowhere.csv; echo "exit $?"
