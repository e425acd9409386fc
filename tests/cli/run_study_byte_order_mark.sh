# A study file saved with a UTF-8 byte order mark (Windows Notepad) runs; before, its first
# line was "a key before any [section]". A UTF-16 study is named as such.
cd "$TMP" || exit 9
printf 'dep,x,y\n01,1,2\n02,2,3\n03,3,5\n04,4,4\n' >a.csv
printf '\357\273\277[table a]\nfrom = a.csv\n[fit f]\nmodel = y ~ x\n[output]\ndir = out\n' >s.study
"$DS" run s.study >/dev/null
echo "bom: exit $?, $(grep -c '"name": "f"' out/results.json) fit in results.json"
printf '\377\376[\0t\0\n\0' >u.study
"$DS" run u.study
echo "utf-16: exit $?"
