# A derive expression or a model naming a column that does not exist: FILE:LINE of the key.
cd "$TMP" || exit 3
printf 'dep,x,y\n01,1,2\n02,2,3\n03,3,5\n04,4,4\n' >a.csv
printf '[table a]\nfrom = a.csv\n[derive]\nz = x / w\n[output]\ndir = out\n' >s.study
"$DS" run s.study 2>&1 | sed 's/^\(damirstat: s.study:4: \[derive\] z: \).*/\1…/'
printf '[table a]\nfrom = a.csv\n[fit f]\nmodel = y ~ w\n[output]\ndir = out\n' >t.study
"$DS" run t.study 2>&1 | sed 's/^\(damirstat: t.study:4: \[fit f\]: \).*/\1…/'
printf '[table a]\nfrom = a.csv\n[fit f]\nmodel = y ~ x\nterm = w\n[output]\ndir = out\n' >u.study
"$DS" run u.study
echo "rc=$?"
printf '[table a]\nfrom = a.csv\n[fit f]\nmodel = y ~ x\nterm = x\n[report]\nheadline = g\n[output]\ndir = out\n' >v.study
"$DS" run v.study
echo "rc=$?"
