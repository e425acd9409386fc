# The two usual reasons a reference table "has no column dep": a delimiter given that the
# file does not use (status 2, naming the one it looks like), and title lines above the
# header (status 1, with the --skip that drops them), on the command line and in a study.
cd "$TMP" || exit 9
printf 'dep,nom,pop\n01,Ain,5\n02,Aisne,6\n' > comma.csv
printf 'dep;nom;pop\n01;Ain;5\n' > semi.csv
printf 'Tableau 3 : population\nSource : INSEE\n\ndep,nom,pop\n01,Ain,5\n' > titled.csv
printf 'Population; 2023\ndep,nom,pop\n01,Ain,5\n' > titled2.csv
"$DS" table comma.csv -d ';'; echo "status $?"
"$DS" join semi.csv comma.csv --on dep -d ,; echo "status $?"
printf 'dep\tnom\n01\tAin\n' | "$DS" fit - --model 'dep ~ nom' -d ';'; echo "status $?"
"$DS" table titled.csv; echo "status $?"
"$DS" table titled2.csv; echo "status $?"
"$DS" table titled.csv --skip 3 --format json | jq -c '[.rows, [.columns[].name]]'
printf '[table t]\nfrom = comma.csv\ndelim = ;\n[output]\ndir = out\n' > s.study
"$DS" run s.study; echo "status $?"
