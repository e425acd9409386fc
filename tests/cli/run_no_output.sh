# A study without [output] and without -o: an error of the study (status 1), before any work.
cd "$TMP" || exit 3
printf 'dep,x,y\n01,1,2\n02,2,3\n03,3,5\n' >a.csv
printf '[table a]\nfrom = a.csv\n' >s.study
"$DS" run s.study
