# Region fixed effects on the 2013 table, errors clustered by region: the slope falls from
# +0.97 to +0.30 per +100 GPs and its interval includes 0 (issue 14). The same slope as the
# dummies; standard errors as fixest's defaults give them (fixest not installed: by hand in
# R 4.2 with lm + dummies and sandwich, K = 1 slope + 1 for the nested fixed effect):
#   m <- lm(acte_affilies ~ densite_medecins + factor(reg_2016), d)   # d as fit_cluster_contract
#   vcovCL(m, cluster = ~reg_2016, type = "HC0", cadjust = FALSE)[2, 2] * 18/17 * 100/99
#     -> SE 0.0030052617383991426, p 0.33797485466646737 (t on 17 df),
#        CI -0.0033774563871943031 to 0.0093036396750875855
#   clubSandwich::vcovCR(m, cluster = d$reg_2016, type = "CR2") + coef_test Satterthwaite
#     -> SE 0.0031280505845020148, df 7.90872143859192, p 0.37154416492143993
#   summary(m): R² 0.7891, adjusted 0.7428, F 17.05 on 18 and 82 DF, sigma 0.342; the
#   robust Wald F of the one slope is t² = 0.9859679² = 0.9721 on 1 and 17 df (p = 0.338)
# The wild bootstrap's p (0.360 with seed 1) is within Monte Carlo error of the independent
# R reference of tests/test_fe.c (0.357784 at B = 99999).
cd "$TMP" || exit 9
"$DS" join "$ROOT/external-data/hackathon-2013/damir2013_2.csv" \
    "$ROOT/external-data/departements.csv" --on codep=dep -o d.csv 2>/dev/null || exit 9
"$DS" fit d.csv --model 'acte_affilies ~ densite_medecins | reg_2016' --cluster reg_2016 \
    --key codep || exit 1
echo
"$DS" fit d.csv --model 'acte_affilies ~ densite_medecins | reg_2016' --cluster reg_2016 \
    --se cr2 --format json | jq -c '.coefficients[0] | {std_error, df, p_value}'
"$DS" fit d.csv --model 'acte_affilies ~ densite_medecins | reg_2016' --cluster reg_2016 \
    --wild-bootstrap 9999 --seed 1 --format json 2>/dev/null | jq -c '.wild_bootstrap'
