# A quasi-Poisson row of a [robustness] table gives p as summary.glm does (t on the residual
# df) and the interval as confint.default does (normal quantile): both as R gives them, and
# the row and the model's section now say which is which (before: "quasipoisson, Wald", a
# t-based p beside a z-based interval with nothing to tell them apart). R 4.2:
#   d <- read.csv2("external-data/hackathon-2013/damir2013_2.csv")
#   m <- glm(nb_actes ~ densite_medecins, quasipoisson, d, offset = log(pop_affiliee))
#   b <- coef(m)[2]; se <- sqrt(vcov(m)[2, 2]); k <- mean(d$acte_affilies)   # 4.04289
#   100 * k * (b + c(0, -1, 1) * qnorm(0.975) * se)  -> 0.739732 0.271604 1.207860
#   2 * pt(-abs(b / se), m$df.residual)              -> 0.002543 (99 df; z would give 0.001954)
#   100 * k * (b + c(-1, 1) * qt(0.975, 99) * se)    -> 0.265811 1.213652 (not the interval)
cd "$TMP" || exit 9
cat > qp.study <<STUDY
[table d]
from = $ROOT/external-data/hackathon-2013/damir2013_2.csv

[fit qp]
label = quasi-Poisson
data = d
model = nb_actes ~ densite_medecins
family = quasipoisson
offset = log(pop_affiliee)
term = densite_medecins
scale = 100

[robustness t]
title = Table
rows = qp
count_rate = acte_affilies
STUDY
"$DS" run -q qp.study -o out >/dev/null || exit 1
grep '^| quasi-Poisson | 101 | 0.740 |' out/report.md
grep -o 'Intervals: Wald.*summary.glm' out/report.md
