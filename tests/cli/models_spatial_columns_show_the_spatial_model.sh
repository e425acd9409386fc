# A fit with --spatial carries the OLS fit in its own members and the spatial model in
# `spatial`: its column in `damirstat models` is the spatial model's (coefficients, SEs, n,
# no R², ML's asymptotic SEs), as modelsummary shows an errorsarlm / lagsarlm / lmSLX
# object. The table used to show the OLS numbers of all 101 departments under "ML, error,
# λ = 0.853". Reference values: R 4.2.2, spdep 1.2-7, spatialreg 1.2-6 (tests/test_spatial.c
# holds them to 1e-6), on the 96 metropolitan departments of the 2013 table:
#   library(spdep); library(spatialreg)
#   d <- read.csv("tests/fixtures/spatial/damir2013-ages.csv", colClasses = c(codep = "character"))
#   metro <- d[nchar(d$codep) == 2, ]
#   nb <- read.csv("external-data/departements-contiguite.csv", colClasses = "character")
#   B <- matrix(0, 96, 96, dimnames = list(metro$codep, metro$codep))
#   for (r in seq_len(nrow(nb))) B[nb$dep[r], nb$voisin[r]] <- 1
#   lw <- mat2listw(B, style = "W"); fs <- acte_affilies ~ densite_medecins
#   e <- errorsarlm(fs, metro, lw, method = "eigen"); coef(e); e$rest.se; e$lambda
#     (Intercept) 3.5100050504654465 (SE 0.30853063611700077),
#     densite_medecins 0.0034356558278971741 (SE 0.0012626853529526267), λ 0.8525241881499559
#   l <- lagsarlm(fs, metro, lw, method = "eigen"); coef(l); l$rest.se; l$rho
#     0.21458105681307621 (0.22915660435691396), 0.0027175706577935643 (0.0010136578044492794),
#     ρ 0.82942516948615896
#   logLik(e), logLik(l): -27.06300313, -26.89379304; e$lambda.se, l$rho.se: 0.04688060446,
#     0.04909796673 (the Log-likelihood row and the SE beside λ and ρ)
#   s <- lmSLX(fs, metro, lw); summary(s)$coefficients[, 1:2]
#     2.3890609920567809 (0.43328111869609581), 0.0031835297792515934 (0.0022484571405967926),
#     lag.densite_medecins 0.0063909369400828916 (0.0031499192853221979)
# The OLS column beside them is lm on all 101 (its R² 0.212, as summary(lm(fs, d))).
D=$FIXTURES/spatial/damir2013-ages.csv
for m in none error lag slx; do
    if [ $m = none ]; then s=; else s="--spatial $m"; fi
    "$DS" fit "$D" --model 'acte_affilies ~ densite_medecins' $s --key codep --format json \
        -q > "$TMP/$m.json" || exit
done
{ echo '['; cat "$TMP/none.json"; for m in error lag slx; do echo ','; cat "$TMP/$m.json"; done
  echo ']'; } > "$TMP/all.json"
"$DS" models "$TMP/all.json"
