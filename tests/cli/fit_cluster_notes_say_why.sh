# The text report says why a robust --se kept summary.lm's classical F (a clustered
# covariance too short in rank for all terms, CR2, hat values of 1) instead of printing the
# classical F beside robust term tests without a reason; and the few-clusters note of a
# two-way clustering names what runs (CR2 and the wild bootstrap take one clustering
# column: --se cr2 with two columns is refused).
cd "$TMP" || exit 9
"$DS" join "$ROOT/external-data/hackathon-2013/damir2013_2.csv" \
    "$ROOT/external-data/departements.csv" --on codep=dep -o d.csv 2>/dev/null || exit 9
"$DS" fit d.csv --model 'acte_affilies ~ densite_medecins + factor(reg_2016)' \
    --cluster reg_2016 2>/dev/null | grep -A1 '^F-statistic'
"$DS" fit d.csv --model 'acte_affilies ~ densite_medecins' --cluster reg_2016 --se cr2 \
    2>/dev/null | grep -A1 '^F-statistic'
"$DS" fit d.csv --model 'acte_affilies ~ densite_medecins | reg_2016' --se hc3 2>/dev/null |
    grep -A1 '^F-statistic'
L="$ROOT/external-data/licences-departements.csv"
"$DS" fit "$L" --model 'licences_pour_100_hab ~ factor(annee) | dep' --cluster dep,annee \
    2>/dev/null | grep '^Note: 9'
# A wild bootstrap p of 0 is a bound (no draw of B as far out), which the text says.
"$DS" fit d.csv --model 'acte_affilies ~ densite_medecins' --cluster reg_2016 \
    --wild-bootstrap 99 2>/dev/null | grep -o 'p = 0 ([^)]*)'
