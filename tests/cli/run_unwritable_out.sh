# An output folder that cannot be created is an I/O error (exit 3) naming it.
cd "$TMP" || exit 3
printf 'dep,x,y\n01,1,2\n02,2,3\n03,3,5\n' >a.csv
printf '[table a]\nfrom = a.csv\n[fit f]\nmodel = y ~ x\n' >s.study
touch file
"$DS" run s.study --out file/out
