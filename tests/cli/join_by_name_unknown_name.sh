# With --by-name a name that is no department (a city) is listed unmatched and the other
# names still join; with --strict it is an error naming FILE:LINE.
cd "$TMP" || exit 9
printf 'dep,v\n01,1\n21,2\n42,3\n' > deps.csv
printf "nom,pop\nAin,100\nCôte-d'Or,200\nSaint-Étienne,300\n" > names.csv
"$DS" join deps.csv names.csv --on dep=nom --by-name; echo "exit $?"
"$DS" join deps.csv names.csv --on dep=nom --by-name --strict; echo "exit $?"
