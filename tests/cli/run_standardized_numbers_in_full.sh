# Large numbers are written in full, grouped: the standardised-ratio tables write amounts
# with thousands grouped, in one notation (5,218,374,165 beside 2.517288858e+10 before),
# and what was left out with its share in significant digits (0.00033 % was written 0.000 %).
# R 4.2.2 (2023, by age; the sex table: 2019-2023, sexe 0 and 9 left out):
#   o <- subset(obs, annee == 2023 & age != 99); oa <- tapply(o$montant_paye_eur,
#   list(o$reg_open_damir, o$age), sum); p <- subset(pop, annee == 2023); pa <- tapply(
#   p$population, list(p$reg_open_damir, p$age), sum); e <- pa %*% (colSums(oa) / colSums(pa))
#   region 5: observed 5218374165.17, expected 4216430047.46, crude 2363.657
#   region 11: observed 25172888583.42, expected 24428077699.25, crude 2036.817
#   age 99 in 2023: 161195970.6 euros, 0.10889 % of the year's total
#   sexe 0 or 9, 2019-2023: 2330226.84 euros, 0.00033374 % of the total, 204 rows
cd "$ROOT" || exit 3
"$DS" run -q studies/regions-panel-real.study -o "$TMP/r" >/dev/null || exit
sed -n '/^### Spending per inhabitant standardised by age, 2023/,/^## /p' "$TMP/r/report.md" |
    grep '^| 5 \|^| 11 \|^Left out'
sed -n '/^### Spending per inhabitant standardised by sex,/,/^### /p' "$TMP/r/report.md" |
    grep '^Left out'
# The descriptive statistics likewise: the 13 regions' populations (departements.csv summed
# by reg_open_damir; R: mean 5234045.462, sd 2779860.943, quantiles 2207754 3317023 5511346
# 6101005 12358932), and the SD in "How to read it".
"$DS" run -q studies/regions-real.study -o "$TMP/rr" >/dev/null || exit
grep '(`population`)' "$TMP/rr/report.md"
grep -o '13 regions (SD [0-9,]*)' "$TMP/rr/report.md"
