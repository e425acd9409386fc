# Deaths by region x sex x age band against the population of the same bands: ratios with
# exact Poisson intervals (the numbers are checked against R in tests/test_standardize.c);
# A's unknown age band (99) is left out and counted, D (population only) listed.
cd "$FIXTURES/standardize"
"$DS" standardize deaths.csv --population population.csv --unit region --strata sexe,age \
    --value deces
echo "exit $?"
"$DS" standardize deaths.csv --population population.csv --unit region --strata age \
    --value deces --format csv
echo "exit $?"
"$DS" standardize deaths.csv --unit region --strata age --value deces
echo "exit $?"
"$DS" standardize deaths.csv --population population.csv --unit region --strata sexe,age \
    --value deces --kind euros
echo "exit $?"
