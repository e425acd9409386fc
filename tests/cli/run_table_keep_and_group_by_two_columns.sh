# [table] keep = COL=V,… cuts a long table (months 1-9 of 2013 and 2014), group_by = dep,
# annee sums it by department and year. Checked through a fit of actes ~ annee (its
# intercept and slope give the two years' means) against awk's sums of the same file.
cd "$TMP" || exit 3
cat >s.study <<STUDY
[table acts]
from = $ROOT/external-data/actes-mg-departements-mois.csv
keep = mois=1,2,3,4,5,6,7,8,9 annee=2013,2014
group_by = dep, annee
sum = actes
[fit f]
data = acts
model = actes ~ annee
[output]
dir = out
STUDY
"$DS" run -q s.study >/dev/null
echo "exit $?"
jq -r '.fits[0].fit | [.n, (.coefficients[0].estimate + 2013 * .coefficients[1].estimate),
       (.coefficients[0].estimate + 2014 * .coefficients[1].estimate)] | map(tostring) | join(" ")' \
    out/results.json | awk '{ printf "damirstat: n %d, means %.4f %.4f\n", $1, $2, $3 }'
awk -F, 'NR > 1 && $3 <= 9 && ($2 == 2013 || $2 == 2014) { s[$2] += $4; k[$1 "," $2] = 1 }
         END { printf "awk:       n %d, means %.4f %.4f\n", length(k), s[2013] / 101, s[2014] / 101 }' \
    "$ROOT/external-data/actes-mg-departements-mois.csv"
printf '[table a]\nfrom = %s\nkeep = mois\n[output]\ndir = o3\n' \
    "$ROOT/external-data/actes-mg-departements-mois.csv" >u.study
"$DS" run u.study 2>&1 | sed "s|$ROOT/||g; s|$TMP/||g"
printf '[table a]\nfrom = %s\ngroup_by = dep, mo\n[output]\ndir = o3\n' \
    "$ROOT/external-data/actes-mg-departements-mois.csv" >v.study
"$DS" run v.study 2>&1 | sed "s|$ROOT/||g; s|$TMP/||g"
