# The Q-Q panel pairs R's qnorm(ppoints(10)) (a = 3/8 for n <= 10) with the sorted
# standardised residuals, R 4: sort(rstandard(lm(y ~ x, read.csv("small.csv")))):
#   -1.5466352714 -1.0004905456 -0.6554235052 -0.3754617702 -0.1225808439 (and symmetric)
#   -2.26559369184 -1.71319094867 -0.22124786184 0.02229171767 0.09153861232 0.10512083524
#    0.34830450805 0.50138791844 0.79974114197 1.62974434508
"$DS" plot residuals ../fixtures/plot/small.csv --model 'y ~ x' -o "$TMP/r.svg" \
    --script "$TMP/r.gp" || exit
awk '/^\$panel/ {n++; on = (n == 2); next} /^EOD/ {on = 0} on {printf "%.6f %.6f\n", $1, $2}' \
    "$TMP/r.gp" | sort -g
