# The 2015 hackathon's own table (external-data/hackathon-2013): GP acts per affiliate on GP
# density, HC3 standard errors. Every number was checked against R 4.2.2:
#   d <- read.csv2("external-data/hackathon-2013/damir2013_2.csv", colClasses = c(codep = "character"))
#   m <- lm(acte_affilies ~ densite_medecins, d); summary(m); logLik(m); AIC(m); BIC(m)
#   HC3 by hand (sandwich::vcovHC type HC3): 0.602907686988, 0.003268690072; t, 2*pt(-|t|, 99)
#   and b -/+ qt(0.975, 99) * se; kappa(exact = TRUE) of the unit-norm model matrix 11.35;
#   d$codep[cooks.distance(m) > 4/101] = 05 62 75 973 976.
#   With --se hc3 the F line is the robust Wald F: waldtest(m, vcov = vcovHC(m, "HC3"))
#   gives F = 8.82082558562528 (= t²), p = 0.0037367965855721; summary(m)'s F is 26.69.
"$DS" fit "$ROOT/external-data/hackathon-2013/damir2013_2.csv" \
    --model 'acte_affilies ~ densite_medecins' --se hc3 --key codep
