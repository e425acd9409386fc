# A right column whose name is taken gets "_right", then "_right2", "_right3"…: a table
# joined three times on the same key keeps distinct names and can be read back.
cd "$TMP" || exit 9
printf 'dep,nom,a\n01,Ain,1\n02,Aisne,2\n' > a.csv
printf 'dep,nom,b\n01,Ain,3\n02,Aisne,4\n' > b.csv
printf 'dep,nom,nom_right,c\n01,AIN,x,5\n02,AISNE,y,6\n' > c.csv
"$DS" join a.csv b.csv --on dep -o ab.csv
"$DS" join ab.csv c.csv --on dep -o abc.csv
"$DS" join abc.csv b.csv --on dep -o abcb.csv
cat abcb.csv
"$DS" table abcb.csv --format json | jq -r '[.columns[].name] | join(" ")'
