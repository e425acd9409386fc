# Open DAMIR's region 93 (BEN_RES_REG) is Provence-Alpes-Côte d'Azur with Corsica and its 5
# all overseas; INSEE's 93 is PACA alone, 94 Corse, 01 … 06 the overseas regions. Joining
# the two schemes paired Open DAMIR's 93 with INSEE's smaller 93 and exited 0 (a rate per
# inhabitant 6.7 % too high: 340,440 Corsicans of 5,421,541 missing from the denominator);
# it is now an error naming the evidence on each side. The same aggregate joins a table by
# Open DAMIR region, whose 93 is PACA + Corse (the awk line adds INSEE's 93 and 94).
cd "$TMP" || exit 9
"$DS" aggregate "$FIXTURES/open-damir/A202501-head.csv" --by BEN_RES_REG --count -o reg.csv || exit
awk -F, 'NR == 1 || $3 == 2019' "$ROOT/external-data/licences-regions.csv" > insee.csv
awk -F, 'NR == 1 || $3 == 2019' "$ROOT/external-data/licences-regions-open-damir.csv" > od.csv
"$DS" join reg.csv insee.csv --on BEN_RES_REG=reg -o j.csv; echo "exit $?"
test -e j.csv && echo "j.csv written"
"$DS" join insee.csv reg.csv --on reg=BEN_RES_REG -q > /dev/null; echo "exit $?"
"$DS" join insee.csv od.csv --on reg=reg_open_damir -q > /dev/null; echo "exit $?"
"$DS" join reg.csv od.csv --on BEN_RES_REG=reg_open_damir -q -o j.csv; echo "exit $?"
grep '^93,' j.csv | cut -d, -f1,2,6
awk -F, '$1 == 93 || $1 == 94 { s += $5 } END { print "INSEE 93 + 94:", s }' insee.csv
