# Moran's I of the residuals of the hackathon's simple model. Expected, R 4.2.2 + spdep 1.2.7:
# r <- resid(lm(acte_affilies ~ densite_medecins, read.csv2("damir2013_2.csv"))), W the
# contiguity of external-data/departements-contiguite.csv over the 96 metropolitan departments,
# moran.test(r[metro], mat2listw(W, style = "W")): I = 0.591839350399, z = 8.9901315.
cd "$ROOT"
"$DS" fit external-data/hackathon-2013/damir2013_2.csv --model 'acte_affilies ~ densite_medecins' \
    --key codep --moran --permutations 0 --format json 2>/dev/null |
  jq -r '.moran | "\(.n) \(.i * 1e12 | round) \(.z_randomisation * 1e7 | round)"'
"$DS" fit external-data/hackathon-2013/damir2013_2.csv --model 'acte_affilies ~ densite_medecins' --moran
echo "exit $?"
