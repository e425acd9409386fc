# Rows 10 (gp NA) and 11 (visits empty) are dropped. Expected digits from R 4.2.2 (the data of
# ?cor.test's example): cor.test(x, y): r 0.5711816, t 1.8411, df 7, p 0.1082, 95% CI
# -0.1497426 0.8955795; spearman rho 0.6, S = 48, p-value = 0.0968; kendall tau 0.4444444,
# T = 26, p-value = 0.1194 (exact, R's default for untied data); with exact = FALSE:
# spearman p 0.08762, kendall z 1.6681, p 0.09529.
"$DS" corr ../fixtures/corr/nine.csv --x gp --y visits --method all
"$DS" corr ../fixtures/corr/nine.csv --x gp --y visits --method all --exact no
