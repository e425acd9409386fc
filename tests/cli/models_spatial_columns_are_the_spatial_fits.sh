# A spatial model's column in the side-by-side table holds that model's own estimates, n and
# standard errors, never the OLS fit its object also carries (which ran on all 101 rows,
# overseas included). spatialreg 1.2-6 on the 96 metropolitan departments (contiguity,
# row-standardised, method "eigen"):
#   e <- errorsarlm(acte_affilies ~ densite_medecins, metro, W, method = "eigen")
#   coef(e): lambda 0.852524188150, (Intercept) 3.510005050465, densite_medecins 0.003435655828
#   sqrt(diag(vcov(e))): 0.046880604459, 0.308530636117, 0.001262685353
#   l <- lagsarlm(acte_affilies ~ densite_medecins, metro, W, method = "eigen")
#   coef(l): rho 0.829425169486, (Intercept) 0.214581056813, densite_medecins 0.002717570658
#   sqrt(diag(vcov(l))): 0.049097966726, 0.229156604357, 0.001013657804
# (metro, W as in tests/cli/run_table2_matches_r.sh). Beside them, the OLS fit on the 101.
cd "$ROOT" || exit 3
"$DS" join external-data/hackathon-2013/damir2013_2.csv external-data/departements.csv \
    --on codep=dep -o "$TMP/d.csv" || exit
for m in error lag; do
    "$DS" fit "$TMP/d.csv" --model 'acte_affilies ~ densite_medecins' --key codep --spatial $m \
        --format json -o "$TMP/$m.json" 2>/dev/null || exit
done
"$DS" fit "$TMP/d.csv" --model 'acte_affilies ~ densite_medecins' --format json \
    -o "$TMP/ols.json" 2>/dev/null || exit
jq -s . "$TMP/ols.json" "$TMP/error.json" "$TMP/lag.json" > "$TMP/all.json"
"$DS" models "$TMP/all.json"
"$DS" models "$TMP/all.json" --format tex | grep 'lambda\|rho\|asymptotic'
