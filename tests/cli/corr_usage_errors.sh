# Bad options are usage errors: exit 2.
"$DS" corr ../fixtures/corr/nine.csv --x gp --y visits --method tau; echo "rc=$?"
"$DS" corr ../fixtures/corr/nine.csv --x gp --y visits --level 1.5; echo "rc=$?"
"$DS" corr ../fixtures/corr/nine.csv --x gp --y visits --bootstrap -5; echo "rc=$?"
"$DS" corr ../fixtures/corr/nine.csv --x gp; echo "rc=$?"
"$DS" corr ../fixtures/corr/nine.csv --x gp --y visits --format csv; echo "rc=$?"
"$DS" corr ../fixtures/corr/nine.csv --x gp --y visits --wrong; echo "rc=$?"
"$DS" corr --x gp --y visits; echo "rc=$?"
