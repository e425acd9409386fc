# A number column whose commas all stand before three digits ("1,223") beside numbers an
# English table writes ("987") is read with decimal commas (1.223), as French tables write
# them, and now said so on stderr by every command that loads it (before: silently). A
# French column ("1,5" beside "987", or "1,223" beside "0,987") says nothing. A column whose
# every comma stands before three digits after a first digit that is not 0 ("1,234",
# "45,600": a quoted English thousands column, 1.234 and 45.6 as read) is said too.
cd "$TMP" || exit 9
printf 'dep,pop\n01,"1,223"\n02,987\n03,"12,500"\n' >en.csv
printf 'dep;taux\n01;1,223\n02;987\n03;1,5\n' >fr.csv
printf 'dep;taux\n01;1,223\n02;0,987\n' >fr3.csv
"$DS" table en.csv --format json | grep -o '"max": [0-9.]*'
"$DS" table fr.csv >/dev/null
"$DS" table fr3.csv >/dev/null
printf 'dep,pop\n01,"1,234"\n02,"45,600"\n03,\n' >en_all.csv
"$DS" table en_all.csv --format json | grep -o '"max": [0-9.]*'
"$DS" derive en.csv 'x = pop * 2' -q >/dev/null
printf '[table p]\nfrom = en.csv\n[output]\ndir = out\n' >s.study
"$DS" run s.study >/dev/null
echo "run: exit $?"
