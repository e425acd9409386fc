# Moran's I of the residuals of a model with region dummies (factor() terms reach
# lm.morantest's model matrix; the refit on the 96 metropolitan departments keeps the 13
# regions present, as R's update(fit, subset = …) does), and a fit that absorbs them is refused
# with the way out. Printed to 12 significant digits (the agreement with R is 1e-14). R 4.2 + spdep, d the 2013 table merged with departements.csv:
#   metro <- d[nchar(d$codep) == 2, ]; W from external-data/departements-contiguite.csv;
#   lw <- mat2listw(W, style = "W")
#   lm.morantest(lm(acte_affilies ~ densite_medecins + factor(reg_2016), metro), lw)
#     I 0.051603634895591249, E[I] -0.11022461592895734, Var 0.0032017308668279587,
#     z 2.8599729694004434, p 0.002118385593508867
cd "$TMP" || exit 9
"$DS" join "$ROOT/external-data/hackathon-2013/damir2013_2.csv" \
    "$ROOT/external-data/departements.csv" --on codep=dep -o d.csv 2>/dev/null || exit 9
"$DS" fit d.csv --model 'acte_affilies ~ densite_medecins + factor(reg_2016)' --key codep \
    --moran --cluster reg_2016 --format json 2>/dev/null |
    jq -r '.moran | [.n, .refitted, .rank, .moran_i, .expected, .variance, .z, .p] | @tsv' |
    awk -F'\t' '{ printf "%s %s %s", $1, $2, $3; for (i = 4; i <= 8; i++) printf " %.12g", $i; print "" }'
"$DS" fit d.csv --model 'acte_affilies ~ densite_medecins | reg_2016' --key codep --moran \
    -q >/dev/null
echo "exit $?"
