# The 2013 hackathon study against R's lm on the same shipped tables.
# Expected values: R 4.2.2 (2022-11-10 r83330), computed from external-data/hackathon-2013/:
#   d  <- read.csv2("damir2013_2.csv", colClasses = c(codep = "character"))
#   p  <- read.csv("population_protegee/nb_2013.csv", check.names = FALSE, colClasses = c(dpt = "character"))
#   p$dpt[p$dpt == "5N"] <- "59"; ages <- names(p)[3:21]
#   m  <- sapply(ages, function(a) p[[a]] + p[[paste0(a, ".1")]])
#   g  <- aggregate(m, by = list(dpt = p$dpt), FUN = sum)
#   sh <- g[, -1] / rowSums(g[, -1]); names(sh) <- paste0("a", 1:19); sh$codep <- g$dpt
#   x  <- merge(d, sh, by = "codep")
#   r  <- read.csv2("revenu_departement_insee_2011.csv", skip = 6, dec = ".",
#                   colClasses = c(CODGEO = "character"))
#   x2 <- merge(x, r, by.x = "codep", by.y = "CODGEO")
#   fa <- acte_affilies ~ densite_medecins + a1 + ... + a18     (a19 = 90+ is the reference)
#   simple: lm(acte_affilies ~ densite_medecins, x); age: lm(fa, x);
#   age_income: lm(update(fa, . ~ . + QUAR2UC11), x2);
#   age_income2: lm(update(fa, . ~ . + QUAR2UC11 + MENIMP11), x2)  (972, 974 lack MENIMP11);
#   metro, metro_age: the same on x[nchar(x$codep) == 2, ]; no_mayotte: fa on codep != "976";
#   HC3: B <- summary(f)$cov.unscaled; X <- model.matrix(f); h <- hatvalues(f);
#        sqrt(diag(B %*% crossprod(X * (resid(f) / (1 - h))) %*% B))
#   Cook: names of which.max(cooks.distance(f)).
cd "$ROOT" || exit 3
"$DS" run studies/density-visits-2013.study --out "$TMP/o" >"$TMP/stdout" || exit 1
J="$TMP/o/results.json"
# name n slope se r2 ci_low ci_high
while read -r name n slope se r2 lo hi; do
    jq -r --arg f "$name" '.fits[] | select(.name == $f) |
        [.fit.n, (.fit.coefficients[] | select(.term == "densite_medecins") |
         .estimate, .std_error, .ci_low, .ci_high), .fit.r_squared] | @tsv' "$J" |
    awk -v name="$name" -v n="$n" -v slope="$slope" -v se="$se" -v r2="$r2" -v lo="$lo" \
        -v hi="$hi" -F'\t' '
        function near(got, want) { d = got - want; if (d < 0) d = -d; return d <= 1e-7 * (want < 0 ? -want : want) }
        NR == 1 { ok = $1 == n && near($2, slope) && near($3, se) && near($4, lo) &&
                       near($5, hi) && near($6, r2)
                  print name, (ok ? "agrees with R" : "DIFFERS from R: " $0) ; seen = 1 }
        END { if (!seen) print name, "missing" }'
done <<'R'
simple 101 0.009707968565 0.001879274071 0.2123200762 0.005979081098 0.01343685603
age 101 0.005127892939 0.002045375607 0.6555557319 0.001058237067 0.009197548811
age_income 98 0.006188232601 0.002110705144 0.5618874518 0.001985281705 0.0103911835
age_income2 96 0.006174631202 0.002141178321 0.5809123278 0.001908240267 0.01044102214
metro 96 0.00617904911 0.001723692929 0.1202670111 0.002756616393 0.009601481828
metro_age 96 0.007502165398 0.002268900429 0.5025440794 0.002983258559 0.01202107224
no_mayotte 100 0.006087721731 0.00200290967 0.570085233 0.002101804462 0.010073639
R
# HC3 standard error of the slope with age controls (R, formula above): 0.002822858845.
jq -r '.fits[] | select(.name == "age_hc3") | .fit.coefficients[] | select(.term == "densite_medecins")
       | .std_error' "$J" |
    awk '{ d = $1 - 0.002822858845; if (d < 0) d = -d; print "age_hc3", (d <= 1e-7 * 0.002822858845 ? "agrees with R" : "DIFFERS from R: " $1) }'
# Cook's distance: Mayotte (976) dominates the age model (R: D = 6.29, the next 75 at 0.271,
# then 973 at 0.136); in the simple model R gives 976 0.990, 05 0.474, 75 0.0674.
# Departments are named beside their codes.
grep -c '^- Age structure (18 age shares): Mayotte (976), D = 6.29$' "$TMP/o/report.md"
grep -c 'Most influential rows (Cook.s distance; 4/n = 0.0396): Mayotte (976) 6.29, Paris (75) 0.271, Guyane (973) 0.136' "$TMP/o/report.md"
grep -c 'Most influential rows (Cook.s distance; 4/n = 0.0396): Mayotte (976) 0.99, Hautes-Alpes (05) 0.474, Paris (75) 0.0674' "$TMP/o/report.md"
# The headline names the published +0.5 beside our slope.
grep -c 'published +0.5$' "$TMP/stdout"
# Moran's I of the residuals as spdep's lm.morantest: the departments without a neighbour
# among the fit's rows (971-976) left out and the model refitted on the 96 others. R 4.2.2 +
# spdep 1.2-7 (Debian r-cran-spdep), x as above, W[i, j] <- 1 for each pair of
# external-data/departements-contiguite.csv between the 96, lw <- mat2listw(W, style = "W"):
#   metro <- x[nchar(x$codep) == 2, ]
#   lm.morantest(lm(acte_affilies ~ densite_medecins, metro), lw)$estimate
#     0.63687219598670819 -0.01562461321653664  0.00449035637389462   (z 9.73728737228321)
#   lm.morantest(lm(fa, metro), lw)$estimate
#     0.35443360323572642 -0.06026142606739340  0.00381286540611872   (z 6.71588254787300)
# name n I E[I] Var[I], within 1e-8 relative. spdep's Var for the age model (condition number
# of X 2.2e6) is itself off by 7e-9 relative, from its trace expansion S1 + 2 tr(A²) - tr(B):
# the brief's formula written with M in R, on X and on X with centred, scaled columns alike,
#   Q <- qr.Q(qr(model.matrix(f))); M <- diag(96) - Q %*% t(Q); A <- M %*% Wm; B <- M %*% t(Wm)
#   E <- sum(diag(A)) / (96 - k); V <- (sum(A * t(B)) + sum(A * t(A)) + sum(diag(A))^2) /
#        ((96 - k) * (96 - k + 2)) - E^2      (Wm <- listw2mat(lw), k = 20)
# gives E -0.0602614261006011, V 0.00381286543452763, which damirstat matches to 1e-13.
while read -r name I E V; do
    jq -r --arg f "$name" '.moran[] | select(.fit == $f) | .moran |
        [.method, .n, .refitted, .moran_i, .expected, .variance] | @tsv' "$J" |
    awk -v name="$name" -v I="$I" -v E="$E" -v V="$V" -F'\t' '
        function near(got, want) { d = got - want; if (d < 0) d = -d; return d <= 1e-8 * (want < 0 ? -want : want) }
        { ok = $1 == "lm.morantest" && $2 == 96 && $3 == "true" && near($4, I) && near($5, E) && near($6, V)
          print "moran", name, (ok ? "agrees with R" : "DIFFERS: " $0); seen = 1 }
        END { if (!seen) print "moran", name, "missing" }'
done <<'R'
simple 0.63687219598670819 -0.01562461321653664 0.00449035637389462
age 0.35443360323572642 -0.06026142606739340 0.00381286540611872
R
