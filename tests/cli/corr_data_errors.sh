# Unknown column, text column, all-missing column, constant column, no data rows: exit 1.
"$DS" corr ../fixtures/corr/nine.csv --x gp --y visit; echo "rc=$?"
"$DS" corr ../fixtures/corr/nine.csv --x label --y visits; echo "rc=$?"
"$DS" corr ../fixtures/corr/degenerate.csv --x gp --y empty; echo "rc=$?"
"$DS" corr ../fixtures/corr/degenerate.csv --x const --y visits --method kendall; echo "rc=$?"
"$DS" corr ../fixtures/corr/header_only.csv --x gp --y visits; echo "rc=$?"
