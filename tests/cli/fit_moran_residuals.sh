# Moran's I of the residuals of the hackathon's simple model, as spdep's lm.morantest: 971-976
# have no neighbour, so the model is refitted on the 96 metropolitan departments. Expected,
# R 4.2.2 + spdep 1.2-7 (Debian r-cran-spdep):
#   d <- read.csv2("external-data/hackathon-2013/damir2013_2.csv", colClasses = c(codep = "character"))
#   metro <- d[nchar(d$codep) == 2, ]; W[i, j] <- 1 for each pair of
#   external-data/departements-contiguite.csv between the 96; lw <- mat2listw(W, style = "W")
#   t <- lm.morantest(lm(acte_affilies ~ densite_medecins, metro), lw)
#     I 0.63687219598670819, E[I] -0.01562461321653664, Var 0.00449035637389462,
#     z 9.73728737228321, p 1.04530215880113e-22
#   weighted: lm.morantest(lm(acte_affilies ~ densite_medecins, metro, weights = pop_affiliee), lw)
#     I 0.54487913937858412, E[I] -0.01424482244823933, Var 0.00449366195905716,
#     z 8.34080379699506, p 3.68936184487398e-17
cd "$ROOT"
check() {
    jq -r '.moran | [.method, .n, .refitted, .rank, .moran_i, .expected, .variance, .z, .p] | @tsv' |
    awk -F'\t' -v want="$1" '
        function near(got, w, rel) { d = got - w; if (d < 0) d = -d; return d <= rel * (w < 0 ? -w : w) }
        { split(want, w, " ")
          print $1, $2, $3, $4, (near($5, w[1], 1e-8) && near($6, w[2], 1e-8) && near($7, w[3], 1e-8) &&
                                 near($8, w[4], 1e-8) && near($9, w[5], 1e-6) ? "agrees with R" : "DIFFERS: " $0) }'
}
"$DS" fit external-data/hackathon-2013/damir2013_2.csv --model 'acte_affilies ~ densite_medecins' \
    --key codep --moran --permutations 0 --format json 2>/dev/null |
  check "0.63687219598670819 -0.01562461321653664 0.00449035637389462 9.73728737228321 1.04530215880113e-22"
"$DS" fit external-data/hackathon-2013/damir2013_2.csv --model 'acte_affilies ~ densite_medecins' \
    --weight pop_affiliee --key codep --moran --permutations 0 --format json 2>/dev/null |
  check "0.54487913937858412 -0.01424482244823933 0.00449366195905716 8.34080379699506 3.68936184487398e-17"
"$DS" fit external-data/hackathon-2013/damir2013_2.csv --model 'acte_affilies ~ densite_medecins' \
    --key codep --moran --permutations 0 | grep -A1 "^Moran's I"
# without --key, rows are named by the first column when it holds text (codep, as in a study)
"$DS" fit external-data/hackathon-2013/damir2013_2.csv --model 'acte_affilies ~ densite_medecins' \
    --moran --permutations 0 | grep -A1 "^Moran's I"
echo "exit $?"
