# Study keys for clusters and fixed effects: model = … | reg_2016, cluster = reg_2016,
# se = cr2, wild_bootstrap = B with seed = N (of the fit's term). results.json carries the
# very fit object `damirstat fit` prints with the same options, and the report says how the
# standard errors were made, with the few-clusters note (in study-file spelling) where CR1
# stands alone.
cd "$TMP" || exit 9
cat >s.study <<S
[table damir]
from = $ROOT/external-data/hackathon-2013/damir2013_2.csv

[table regions]
from = $ROOT/external-data/departements.csv

[join d]
left = damir
right = regions
on = codep
right_on = dep

[fit fe]
data = d
model = acte_affilies ~ densite_medecins | reg_2016
cluster = reg_2016
term = densite_medecins
scale = 100

[fit fe_wild]
data = d
model = acte_affilies ~ densite_medecins | reg_2016
cluster = reg_2016
term = densite_medecins
wild_bootstrap = 999
seed = 3

[fit dummies_cr2]
data = d
model = acte_affilies ~ densite_medecins + factor(reg_2016)
cluster = reg_2016
se = cr2

[output]
dir = out
S
"$DS" run s.study >/dev/null 2>&1 || exit 1
"$DS" join "$ROOT/external-data/hackathon-2013/damir2013_2.csv" \
    "$ROOT/external-data/departements.csv" --on codep=dep -o d.csv 2>/dev/null || exit 9
. "$ROOT/tests/cli/lib/same_fit.sh"
same fe --model 'acte_affilies ~ densite_medecins | reg_2016' --cluster reg_2016
same fe_wild --model 'acte_affilies ~ densite_medecins | reg_2016' --cluster reg_2016 \
    --wild-bootstrap 999 --seed 3 --term densite_medecins
same dummies_cr2 --model 'acte_affilies ~ densite_medecins + factor(reg_2016)' \
    --cluster reg_2016 --se cr2
jq -c '.cluster' study_fe.json
jq -c '.fixed_effects.absorbed' study_fe.json
jq -c '.wild_bootstrap | {term, reps, seed}' study_fe_wild.json
grep -c "Clustered standard errors (CR1) by reg_2016" out/report.md
grep -o "check with \`se = cr2\`" out/report.md | head -1
grep -c "Wild cluster bootstrap of densite_medecins" out/report.md
grep -c "SE (CR1)" out/report.md
grep -c "SE (CR2)" out/report.md
