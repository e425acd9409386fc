# A department twice in LEFT (1 and 01) keeps both rows, as SQL does, with a warning naming
# both lines; a long table (department x year) repeats by design and joins quietly.
cd "$TMP" || exit 9
printf 'dep,v\n1,1\n01,2\n02,3\n' > lt.csv
printf 'dep,w\n01,10\n02,20\n' > rt.csv
"$DS" join lt.csv rt.csv --on dep; echo "exit $?"
printf 'dep,year,v\n01,2015,1\n01,2016,2\n02,2015,3\n02,2016,4\n' > long.csv
"$DS" join long.csv rt.csv --on dep; echo "exit $?"
