# A study's [fit] steps as count models on the 2013 hackathon table with its 18 age shares:
# GP acts with the affiliates as exposure (family, offset, se, exp, test keys), checked in
# results.json against R 4.2.2 (MASS 7.3-58, sandwich 3.0-2, lmtest 0.9-40, car 3.1-1), with
# x built as in tests/cli/run_density_2013.sh (a1 … a18 the shares, 90+ the reference):
#   fa <- nb_actes ~ densite_medecins + a1 + ... + a18
#   q2 <- glm(fa, family = quasipoisson, offset = log(pop_affiliee), data = x)
#   coef(q2)[2]; sqrt(vcov(q2)[2, 2]); summary(q2)$dispersion
#   linearHypothesis(q2, paste0("a", 1:18), test = "F")          F 7.47432774414081, p 6.55701659825943e-11
#   n2 <- glm.nb(update(fa, . ~ . + offset(log(pop_affiliee))), data = x)
#   V <- vcovHC(n2, "HC0"); coef(n2)[2]; sqrt(V[2, 2]); n2$theta; n2$SE.theta
#   exp(coef(n2)[2]); exp(lmtest::coefci(n2, vcov. = V)[2, ])
#   the HC0 chi-squared of the shares in exact arithmetic, 321.81923900491 (R's own
#   linearHypothesis(n2, ..., vcov. = V) prints 321.819239123178: see tests/test_glm_ages.c)
#   clustered by region (x merged with departements.csv's reg_2016: 18 groups):
#   sqrt(vcovCL(n2, ~reg_2016, type = "HC1")[2, 2]) = 0.000608045295577427; the CR1
#   covariance of the 18 shares has rank 17 (18 clusters whose scores sum to 0), so their
#   joint test is refused (R's linearHypothesis prints F = -91393526 on the linear model).
cd "$TMP" || exit 3
cat >s.study <<S
[table damir]
from = $ROOT/external-data/hackathon-2013/damir2013_2.csv

[table ages]
from = $ROOT/external-data/hackathon-2013/population_protegee/nb_2013.csv
recode = dpt 5N=59
group_by = dpt
sum_suffix = .1
shares = all
shares_reference = 90 ans et plus

[join d0]
left = damir
right = ages
on = codep
right_on = dpt

[join d]
left = d0
right = $ROOT/external-data/departements.csv
on = codep
right_on = dep

[fit quasi]
data = d
model = nb_actes ~ densite_medecins + share_*
family = quasipoisson
offset = log(pop_affiliee)
test = share_*
term = densite_medecins
scale = 100
key = codep

[fit negbin]
data = d
model = nb_actes ~ densite_medecins + share_*
family = negbin
offset = log(pop_affiliee)
se = hc0
exp = yes
test = share_*
term = densite_medecins
scale = 100
key = codep

[fit negbin_region]
data = d
model = nb_actes ~ densite_medecins + share_*
family = negbin
offset = log(pop_affiliee)
cluster = reg_2016
term = densite_medecins
scale = 100
key = codep

[output]
dir = out

[report]
headline = negbin
S
"$DS" run s.study >stdout 2>/dev/null || exit 1
jq -r '
  def near(a; b; tol): ((a - b) | fabs) <= tol * (b | fabs);
  def ok(a; b; tol): if near(a; b; tol) then "ok" else "DIFFERS: \(a) vs \(b)" end;
  .fits[] | .fit as $f | ($f.coefficients[] | select(.term == "densite_medecins")) as $t |
  if .name == "quasi" then
    "quasi family \($f.family) offset \($f.offset)",
    "quasi estimate \(ok($t.estimate; 0.00218097782101936; 1e-8)) se \(ok($t.std_error; 0.000729813226103684; 1e-8))",
    "quasi dispersion \(ok($f.dispersion; 30378.0482392424; 1e-8)) theta \($f.theta)",
    "quasi test \($f.test.distribution) on \($f.test.df1) and \($f.test.df2): \(ok($f.test.statistic; 7.47432774414081; 1e-10)) p \(ok($f.test.p_value; 6.55701659825943e-11; 1e-9))"
  elif .name == "negbin_region" then
    "negbin_region \($f.se_type) by \($f.cluster.column // $f.cluster): se \(ok($t.std_error; 0.000608045295577427; 1e-8))"
  else
    "negbin family \($f.family) se_type \($f.se_type)",
    "negbin estimate \(ok($t.estimate; 0.000973714361437843; 1e-8)) se \(ok($t.std_error; 0.000447419203117793; 1e-8))",
    "negbin theta \(ok($f.theta; 90.148584952449; 1e-6)) theta_se \(ok($f.theta_se; 12.6632383360298; 1e-6))",
    "negbin rate ratio \(ok($t.exp_estimate; 1.00097418857517; 1e-10)) \(ok($t.exp_ci_low; 1.00009679352153; 1e-10)) \(ok($t.exp_ci_high; 1.00185235337639; 1e-10))",
    "negbin test \($f.test.distribution) on \($f.test.df1): \(ok($f.test.statistic; 321.81923900491; 1e-11))"
  end' out/results.json
# the headline is a rate ratio per +100 (exp(100 b) = 1.102), not a slope
cat stdout | head -1
# the 18 shares cannot be tested jointly with 18 region clusters
sed -e 's/^\[fit negbin_region\]/&\ntest = share_*/' s.study >t.study
"$DS" run t.study >/dev/null 2>err
echo "status $?: $(sed "s|$TMP/||" err)"
