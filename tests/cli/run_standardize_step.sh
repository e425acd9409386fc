# A [standardize] step: the ratios become a table of the run (joined and fitted like any
# other) and a report section; results.json carries the standardize object. Numbers:
# tests/test_standardize.c (R's epitools and poisson.test).
cd "$TMP" || exit 3
cp "$FIXTURES/standardize/deaths.csv" "$FIXTURES/standardize/population.csv" .
printf 'region,indice\nA,1\nB,2\nC,4\n' >idx.csv
cat >s.study <<'STUDY'
[standardize smr]
label = Deaths by region, standardised by sex and age
observed = deaths.csv
population = population.csv
unit = region
strata = sexe, age
value = deces
[join d]
left = smr
right = idx.csv
on = region
key = text
[fit f]
data = d
model = ratio ~ indice
term = indice
[output]
dir = out
STUDY
"$DS" run -q s.study >/dev/null
echo "exit $?"
sed -n '/^## Standardised ratios/,/^| C /p' out/report.md
jq -c '.standardized[0].standardize.units[] | [.unit, .observed, .ratio, .ci_low]' out/results.json
jq -c '.fits[0].fit.n' out/results.json
