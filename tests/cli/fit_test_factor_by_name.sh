# --test 'factor(reg_2016)' tests every dummy of the factor, as R's
#   waldtest(m, . ~ . - factor(reg_2016), test = "F")
# names it (it used to answer "no term of the model is 'factor(reg_2016)'" and needed
# 'factor(reg_2016)*'). R 4.2.2, lmtest 0.9-40:
#   d <- read.csv2("external-data/hackathon-2013/damir2013_2.csv", colClasses = c(codep = "character"))
#   r <- read.csv("external-data/departements.csv", colClasses = c(dep = "character"))
#   d <- merge(d, r, by.x = "codep", by.y = "dep")
#   m <- lm(acte_affilies ~ densite_medecins + factor(reg_2016), d)
#   waldtest(m, . ~ . - factor(reg_2016), test = "F")
#     F 13.193592866192981 on 17 and 82 df, p 6.5346418934436452e-17
cd "$TMP" || exit 9
"$DS" join "$ROOT/external-data/hackathon-2013/damir2013_2.csv" \
    "$ROOT/external-data/departements.csv" --on codep=dep -o d.csv 2>/dev/null || exit 9
"$DS" fit d.csv --model 'acte_affilies ~ densite_medecins * factor(reg_2016)' \
    --test 'factor(reg_2016)' --format json 2>/dev/null | jq -c '.test | {q}'
"$DS" fit d.csv --model 'acte_affilies ~ densite_medecins + factor(reg_2016)' \
    --test 'factor(reg_2016)' --format json 2>/dev/null | jq -r '
  def near(a; b): ((a - b) | fabs) <= 1e-10 * (b | fabs);
  .test | "q \(.q) df2 \(.df2) F \(near(.statistic; 13.193592866192981)) p \(near(.p_value; 6.5346418934436452e-17))"'
