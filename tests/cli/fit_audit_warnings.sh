# Warnings a user must see whatever the format: an aliased term (R 4.2.2's lm on
# collinear.csv: c = a + b gives NA for c and coefficients 2.1273809523809524,
# 0.97023809523809523, 0.008333333333333472, sigma 0.17593288763724882), and a bisquare fit
# that stops at GSL's iteration limit (tests/fixtures/model_audit/robustfit.R), HC3
# standard errors that are undefined.
cd "$FIXTURES/model_audit" || exit 9
"$DS" fit collinear.csv --model 'y ~ a + b + c' --format tsv > "$TMP/c.tsv"; echo "exit $?"
awk -F'\t' 'BEGIN { w["(Intercept)"] = 2.1273809523809524; w["a"] = 0.97023809523809523
                    w["b"] = 0.008333333333333472 }
            NR > 1 && $2 == "NA" { print $1 ": NA" }
            NR > 1 && $2 != "NA" { d = $2 - w[$1]; if (d < 0) d = -d
                                   print $1 ": " (d < 1e-12 ? "as R" : "differs: " $2) }' "$TMP/c.tsv"
"$DS" fit collinear.csv --model 'y ~ a + b + c' --format json |
    grep -o '"sigma":0.1759328876372[0-9]*\|"aliased":\[[^]]*\]'
"$DS" fit dept14.csv --model 'visits ~ density + age65' --method bisquare --format tsv \
    > /dev/null; echo "exit $?"
"$DS" fit dept14.csv --model 'visits ~ density + age65' --method huber --format tsv \
    > /dev/null; echo "exit $?"
# hc3 with a row of hat value 1: NA standard errors and a warning (sandwich gives NaN)
printf 'y,x,d\n1,2,0\n2,1,0\n3,7,0\n4,1,0\n5,9,1\n6,3,0\n' > "$TMP/h1.csv"
"$DS" fit "$TMP/h1.csv" --model 'y ~ x + d' --se hc3 --format tsv | cut -f 1,3,4,5; echo "exit $?"
