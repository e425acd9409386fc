# The command-line contract of issue 14: with --cluster the coefficient's std_error is the
# clustered one, and the fit object says how it was clustered. On the 2013 table joined to
# the regions (R 4.2: d <- merge(read.csv2(damir2013_2.csv), read.csv(departements.csv),
# by.x = "codep", by.y = "dep"); m <- lm(acte_affilies ~ densite_medecins +
# factor(reg_2016), d); coef(m)[2] = 0.0029630916439466414;
# sqrt(sandwich::vcovCL(m, cluster = ~reg_2016, type = "HC1")[2, 2]) = 0.0033021209250735368).
cd "$TMP" || exit 9
"$DS" join "$ROOT/external-data/hackathon-2013/damir2013_2.csv" \
    "$ROOT/external-data/departements.csv" --on codep=dep -o d.csv 2>/dev/null || exit 9
"$DS" fit d.csv --model 'acte_affilies ~ densite_medecins + factor(reg_2016)' \
    --cluster reg_2016 --format json 2>/dev/null >fit.json || exit 1
jq -c '.coefficients[] | select(.term == "densite_medecins") | {estimate, std_error, df}' fit.json
jq -c '.cluster | {column, groups, type}' fit.json
jq -r '[.coefficients[].term] | .[0:4] | join(" ")' fit.json
