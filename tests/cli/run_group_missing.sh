# group_by on an absent column; recode without group_by.
cd "$TMP" || exit 3
printf 'dep,x\n01,1\n' >a.csv
printf '[table a]\nfrom = a.csv\ngroup_by = dpt\n[output]\ndir = out\n' >s.study
"$DS" run s.study
echo "rc=$?"
printf '[table a]\nfrom = a.csv\nrecode = dep 01=1\n[output]\ndir = out\n' >t.study
"$DS" run t.study
echo "rc=$?"
