# CR2 of a weighted fit is clubSandwich's (working model Θ = I: vcovCR.lm's default for a
# weighted lm, inverse_var = FALSE) and estimatr's; it was the CR2 of the √w-transformed
# model (clubSandwich's target = 1/w), which gave SE 0.0026036 on 5.39 df, p = 0.034, for
# the slope below instead of R's 0.0025173 on 2.49 df, p = 0.077. R 4.2.2, clubSandwich
# 0.5.8, estimatr 1.0.0:
#   d <- read.csv2("external-data/hackathon-2013/damir2013_2.csv", colClasses = c(codep = "character"))
#   r <- read.csv("external-data/departements.csv", colClasses = "character")
#   d <- merge(d, r, by.x = "codep", by.y = "dep")
#   m <- lm(acte_affilies ~ densite_medecins, d, weights = pop_affiliee)
#   ct <- coef_test(m, vcov = vcovCR(m, cluster = d$reg_2016, type = "CR2"), test = "Satterthwaite")
#   ct$SE      0.44479130738901468 0.0025172988554009045
#   ct$df_Satt 2.3258856668715535  2.4912418179289575
#   ct$p_Satt  0.017397307705893102 0.076666390899567588
#   (lm_robust(..., weights = pop_affiliee, clusters = reg_2016, se_type = "CR2"): the same
#    SEs and df to 13 digits)
# With the region dummies (tests/fixtures/cluster/panel-fe.csv, weights w):
#   p <- read.csv("tests/fixtures/cluster/panel-fe.csv", colClasses = c(reg = "character"))
#   p$reg[p$reg == "084"] <- "84"; m <- lm(y ~ x + z + factor(reg), p, weights = w)
#   coef_test(m, vcov = vcovCR(m, cluster = p$reg, type = "CR2"), test = "Satterthwaite")
#     x: SE 0.26579314365067125, df 6.6447113276074976
# The same fixed effects absorbed ('| reg') would give another CR2 under weights: refused.
cd "$TMP" || exit 9
"$DS" join "$ROOT/external-data/hackathon-2013/damir2013_2.csv" \
    "$ROOT/external-data/departements.csv" --on codep=dep -o d.csv 2>/dev/null || exit 9
"$DS" fit d.csv --model 'acte_affilies ~ densite_medecins' --weight pop_affiliee \
    --cluster reg_2016 --se cr2 --format json 2>/dev/null | jq -r '
  def near(a; b; tol): ((a - b) | fabs) <= tol * (b | fabs);
  [[0.44479130738901468, 2.3258856668715535, 0.017397307705893102],
   [0.0025172988554009045, 2.4912418179289575, 0.076666390899567588]] as $r
  | range(2) as $j | .coefficients[$j] as $c
  | "\($c.term): se \(near($c.std_error; $r[$j][0]; 1e-10)) df \(near($c.df; $r[$j][1]; 1e-10)) p \(near($c.p_value; $r[$j][2]; 1e-10))"'
P="$ROOT/tests/fixtures/cluster/panel-fe.csv"
"$DS" fit "$P" --model 'y ~ x + z + factor(reg)' --weight w --cluster reg --se cr2 \
    --format json 2>/dev/null | jq -r '
  def near(a; b): ((a - b) | fabs) <= 1e-10 * (b | fabs);
  .coefficients[1] | "\(.term): se \(near(.std_error; 0.26579314365067125)) df \(near(.df; 6.6447113276074976))"'
"$DS" fit "$P" --model 'y ~ x + z | reg' --weight w --cluster reg --se cr2 2>&1
echo "exit $?"
