# A factor nested in the clusters (factor(reg_2016) clustered by reg_2016): each dummy is
# non-zero in one cluster only, so its clustered standard error rests on that one cluster.
# R prints those numbers without a word (sandwich::vcovCL(m, cluster = ~reg_2016) on
# lm(acte_affilies ~ densite_medecins + factor(reg_2016)) gives the Mayotte dummy
# factor(reg_2016)6 an SE of 0.106 where the classical one is 0.487, t = -22.7, though
# Mayotte is one department); fixest absorbs the factor and shows none. damirstat names
# them (JSON cluster.terms_in_one_cluster, a note in the text) and says what to do.
cd "$TMP" || exit 9
"$DS" join "$ROOT/external-data/hackathon-2013/damir2013_2.csv" \
    "$ROOT/external-data/departements.csv" --on codep=dep -o d.csv 2>/dev/null || exit 9
"$DS" fit d.csv --model 'acte_affilies ~ densite_medecins + factor(reg_2016)' \
    --cluster reg_2016 --format json 2>/dev/null |
    jq -c '.cluster.terms_in_one_cluster | [length, .[0], .[3]]'
"$DS" fit d.csv --model 'acte_affilies ~ densite_medecins + factor(reg_2016)' \
    --cluster reg_2016 2>/dev/null | grep '^Note: factor'
"$DS" fit d.csv --model 'acte_affilies ~ densite_medecins | reg_2016' --cluster reg_2016 \
    --format json 2>/dev/null | jq -c '.cluster.terms_in_one_cluster'
"$DS" fit d.csv --model 'acte_affilies ~ densite_medecins | reg_2016' --cluster reg_2016 \
    2>/dev/null | grep -c '^Note: .*one cluster only' || true
