cd "$TMP" || exit 3
printf 'dep,x,y\n01,1,2\n02,2,3\n03,3,5\n' >a.csv
printf '[table a]\nfrom = a.csv\n[fit f]\nmodel = y ~ x\nse = hc4\n[output]\ndir = out\n' >s.study
"$DS" run s.study
