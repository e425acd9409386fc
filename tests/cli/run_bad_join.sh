# A join on a column that does not exist names the study line and the table.
cd "$TMP" || exit 3
printf 'dep,x\n01,1\n02,2\n' >a.csv
printf '[table a]\nfrom = a.csv\n[join j]\nleft = a\nright = a.csv\non = code\n[output]\ndir = out\n' >s.study
"$DS" run s.study
