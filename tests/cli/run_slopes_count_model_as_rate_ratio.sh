# The slopes table never sets a count model's log slope beside the linear slopes as if it
# were visits per affiliate: a quasi-Poisson row gives its rate ratio per +100 and the
# ratio's interval, marked "RR", with no SE or R² (Table 2 converts the same fit at the mean
# rate: 0.740). R 4.2.2 on the 2013 table (x as in tests/cli/run_table2_matches_r.sh):
#   q <- glm(nb_actes ~ densite_medecins + offset(log(pop_affiliee)), quasipoisson, x)
#   exp(100 * c(coef(q)[2], confint.default(q)[2, ]))   # 1.200779686 1.069488721 1.348187996
#   with the 18 age shares:                              # 1.243708674 1.077945612 1.434962255
cd "$ROOT" || exit 3
"$DS" run -q studies/density-visits-2013.study -o "$TMP/o" >/dev/null || exit
grep 'quasi-Poisson' "$TMP/o/report.md" | grep '^| [^|]* | 101 | [^|]* | [^|]* | [^|]* | [^|]* | [^|]* | [^|]* |[^|]*|$'
sed -n '/^## Slopes/,/^## /p' "$TMP/o/report.md" | grep -i 'rate ratio'
