# A number column whose commas all stand before three digits ("1,223") beside numbers an
# English table writes ("987") is read with decimal commas (1.223), as French tables write
# them, and now said so on stderr by every command that loads it (before: silently). A
# French column ("1,5" beside "987") and a column of "1,223" alone say nothing.
cd "$TMP" || exit 9
printf 'dep,pop\n01,"1,223"\n02,987\n03,"12,500"\n' >en.csv
printf 'dep;taux\n01;1,223\n02;987\n03;1,5\n' >fr.csv
printf 'dep;taux\n01;1,223\n02;0,987\n' >fr3.csv
"$DS" table en.csv --format json | grep -o '"max": [0-9.]*'
"$DS" table fr.csv >/dev/null
"$DS" table fr3.csv >/dev/null
"$DS" derive en.csv 'x = pop * 2' -q >/dev/null
printf '[table p]\nfrom = en.csv\n[output]\ndir = out\n' >s.study
"$DS" run s.study >/dev/null
echo "run: exit $?"
