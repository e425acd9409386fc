# With clustered standard errors the F line is the Wald F of the CR1 covariance on G - 1
# denominator df (the terms' t df), and says so. R 4.2.2, sandwich 3.0-2:
#   h <- merge(read.csv2(".../damir2013_2.csv", colClasses = c(codep = "character")),
#              read.csv(".../departements.csv", colClasses = c(dep = "character",
#              reg_2016 = "character")), by.x = "codep", by.y = "dep")
#   m <- lm(acte_affilies ~ densite_medecins, h); V <- vcovCL(m, ~reg_2016, type = "HC1")
#   F <- coef(m)[2]^2 / V[2, 2]; pf(F, 1, 17, lower.tail = FALSE)
#   9.4868272520477, 0.00678821123806605 (18 regions, G - 1 = 17)
"$DS" join "$ROOT/external-data/hackathon-2013/damir2013_2.csv" "$ROOT/external-data/departements.csv" \
    --on codep=dep -o "$TMP/d.csv" 2>/dev/null || exit 1
"$DS" fit "$TMP/d.csv" --model 'acte_affilies ~ densite_medecins' --cluster reg_2016 --format json -q |
    jq -r 'def near(a; b): ((a - b) | fabs) <= 1e-10 * (b | fabs);
        "F \(if near(.f_statistic; 9.4868272520477) then "agrees with R" else .f_statistic end), p \(if near(.f_p_value; 0.00678821123806605) then "agrees with R" else .f_p_value end), f_se_type \(.f_se_type)"'
"$DS" fit "$TMP/d.csv" --model 'acte_affilies ~ densite_medecins' --cluster reg_2016 -q | grep -A1 '^F-statistic'
