# The stdout headline (and results.json's) gives the numbers of the model it names:
# 1. with a wild cluster bootstrap, its interval and p beside CR1's (regions-panel-real: the
#    study's own text says to read the bootstrap with 13 clusters). Independent enumerated
#    restricted WCR in R (all 2^13 Rademacher vectors, CR1 t, p = share of |t*| > |t| with
#    the two exact ties left out; interval where p crosses 0.05):
#      X <- model.matrix(~ licences_pour_100_hab + factor(annee), x); y <- x$standardised_rate
#      p = 0.009521484 (78/8192); interval -67.19591 to -21.53634
#    (x as in tests/cli/run_regions_panel_matches_r.sh).
# 2. with absorbed fixed effects, the within R², not the R² of the dummies (0.998):
#      m <- lm(v ~ dens + factor(dep) + factor(annee), x); yd <- resid(lm(v ~ factor(dep) +
#      factor(annee), x)); 1 - sum(resid(m)^2) / sum(yd^2)  # 0.04777914
#    (density-visits-panel, x as in tests/cli/run_density_panel_matches_r.sh).
# 3. of a spatial model, that model's slope and n, never the OLS fit beside it (spatialreg:
#    errorsarlm(acte_affilies ~ densite_medecins, metro, W, method = "eigen"):
#    densite_medecins 0.003435655828, SE 0.001262685353, n = 96; 95 % CI by z).
cd "$ROOT" || exit 3
"$DS" run -q studies/regions-panel-real.study -o "$TMP/r" | head -1
"$DS" run -q studies/density-visits-panel.study -o "$TMP/p" | head -1
cat > "$TMP/sem.study" <<'STUDY'
[table d]
from = external-data/hackathon-2013/damir2013_2.csv

[fit sem]
label = Spatial error model
data = d
model = acte_affilies ~ densite_medecins
spatial = error
term = densite_medecins
term_label = GPs per 100,000 affiliates
response_label = GP visits per affiliate a year
scale = 100
published = 0.9
key = codep
STUDY
"$DS" run -q "$TMP/sem.study" -o "$TMP/s" | head -1
jq -c '.fits[0].headline' "$TMP/s/results.json"
grep '^\*\*Headline' "$TMP/s/report.md" | cut -c1-200
