# Every number below is R 4.2.2's: summary(lm(y ~ x1 + x2, d)), confint, logLik, AIC, BIC,
# kappa(exact = TRUE) of the unit-norm model matrix, and cooks.distance > 4/11 (59 and 75).
"$DS" fit "$FIXTURES/fit/small.csv" --model 'y ~ x1 + x2' --key dept
