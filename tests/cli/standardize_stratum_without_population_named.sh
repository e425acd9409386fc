# A stratum whose population is 0 in every unit but with deaths observed has no national
# rate: the error names it by its codes (sexe 2, age 40), not by its rank among the strata
# ("stratum 5"). Its deaths: awk -F, 'NR > 1 && $2 == 2 && $3 == 40 { s += $4 } END
# { print s }' deaths.csv gives 100.
cd "$TMP" || exit 3
awk -F, -v OFS=, 'NR > 1 && $2 == 2 && $3 == 40 { $4 = 0 } 1' \
    "$FIXTURES/standardize/population.csv" >pop.csv
"$DS" standardize "$FIXTURES/standardize/deaths.csv" --population pop.csv --unit region \
    --strata sexe,age --value deces
echo "exit $?"
