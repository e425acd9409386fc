# A code twice on the right side of a join would double rows: an error.
cd "$TMP" || exit 3
printf 'dep,x\n01,1\n02,2\n' >a.csv
printf 'dep,y\n01,1\n01,2\n' >b.csv
printf '[table a]\nfrom = a.csv\n[join j]\nleft = a\nright = b.csv\non = dep\n[output]\ndir = out\n' >s.study
"$DS" run s.study
