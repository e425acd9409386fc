# --format csv has no row for a unit in one table only: stderr lists it, as the text output
# does, so that it is never dropped unsaid. Unit 1 has 2 observed and no population row;
# the national rate is then (1 + 5) / (10 + 10) = 0.3 and E = 3 for 11 and 24
# (R: sum(c(1, 5)) / sum(c(10, 10)) * 10; poisson.test(1, 3)$conf.int = 0.0084392693,
# 1.8572144636; poisson.test(5, 3)$conf.int = 0.5411621300, 3.8894440264).
cd "$TMP" || exit 3
printf 'reg;age;n\n11;a;1\n1;a;2\n24;a;5\n' >obs.csv
printf 'reg;age;population\n11;a;10\n24;a;10\n' >pop.csv
"$DS" standardize obs.csv --population pop.csv --unit reg --strata age --value n --format csv >t.csv
echo "exit $?"
awk -F, 'NR == 1 { print $1, $2, $3, $4, $5, $6; next }
     { printf "%s %s %s %.10f %.10f %.10f\n", $1, $2, $3, $4, $5, $6 }' t.csv
