# A within R² beside factor() regressors counts what their dummies explain, and the reports
# say so. Region fixed effects absorbed, the year written as factor(annee) (as a wild
# bootstrap needs it), spending per inhabitant on licences, 13 Open DAMIR regions x 6 years:
# fixest's within R² (net of the absorbed region only) is 0.9415, almost all of it the year
# dummies': absorbing the year as well leaves 0.0023 for the slope. R 4.2:
#   p <- read.csv("p.csv")   # the join below
#   m <- lm(paye_par_habitant_eur ~ licences_pour_100_hab + factor(annee) + factor(reg_open_damir), p)
#   1 - sum(resid(m)^2) / sum(resid(lm(paye_par_habitant_eur ~ factor(reg_open_damir), p))^2)
#     -> 0.94145779048244504 (fixest's within R2 of y ~ x + factor(annee) | reg_open_damir)
#   1 - sum(resid(m)^2) / sum(resid(lm(paye_par_habitant_eur ~ factor(reg_open_damir) +
#     factor(annee), p))^2)   -> 0.0023050864626482648 (y ~ x | reg_open_damir + annee)
# Before, the text said "Within R-squared: 0.9415" and a study's slopes table "0.974
# (within)" for a slope with t = 0.34, as if the slope explained it.
cd "$TMP" || exit 9
"$DS" join "$ROOT/external-data/opendamir-depenses-regions.csv" \
    "$ROOT/external-data/licences-regions-open-damir.csv" --on reg_open_damir,annee \
    -o p.csv 2>/dev/null || exit 9
"$DS" fit p.csv --model 'paye_par_habitant_eur ~ licences_pour_100_hab + factor(annee) | reg_open_damir' \
    2>/dev/null | grep -i 'within' || exit 1
"$DS" fit p.csv --model 'paye_par_habitant_eur ~ licences_pour_100_hab | reg_open_damir + annee' \
    2>/dev/null | grep -i 'within' || exit 1
"$DS" fit p.csv --model 'paye_par_habitant_eur ~ licences_pour_100_hab + factor(annee) | reg_open_damir' \
    --format json 2>/dev/null | jq '.fixed_effects.within_r_squared | . * 1e6 | round'
# The study's slopes table and its note (regions-panel-real's two_way: 0.9738411 in R, as
# above with standardised_rate, x as in tests/cli/run_regions_panel_matches_r.sh).
cd "$ROOT" || exit 9
"$DS" run -q studies/regions-panel-real.study -o "$TMP/r" >/dev/null || exit 1
grep -o '0\.974 (within[^|]*' "$TMP/r/report.md"
grep -c '^Within R²: .*factor(annee).*not the share the slope explains' "$TMP/r/report.md"
