# Rows 10 (gp NA) and 11 (visits empty) are dropped. Expected digits from R 4.2.2:
# cor.test(x, y): r 0.5711816, t 1.8411, df 7, p 0.1082, 95% CI -0.1497426 0.8955795;
# spearman (exact=FALSE) rho 0.6, S 48, p 0.08762; kendall (exact=FALSE) tau 0.4444444,
# z 1.6681, p 0.09529. Spearman's t: 0.6*sqrt(7/(1-0.36)) = 1.98431 (by hand).
"$DS" corr ../fixtures/corr/nine.csv --x gp --y visits --method all
