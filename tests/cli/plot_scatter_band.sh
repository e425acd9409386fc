# The line and bands at the grid's ends and middle (x = 81.5, 175, 268.5: the data range
# 90..260 padded by 5 %), against R 4:
#   f <- lm(y ~ x, read.csv("small.csv")); nd <- data.frame(x = c(81.5, 175, 268.5))
#   predict(f, nd, interval = "confidence")               (95 %)
#   predict(f, nd, interval = "prediction", level = 0.9)
# R: fit 2.956834722 3.791407278 4.625979833; conf lwr 1.444904367 3.043813627 2.894208312,
# upr 4.468765077 4.539000928 6.357751355; pred90 lwr 0.7159352017 1.8169230819 2.2838998473,
# upr 5.197734242 5.765891473 6.968059820. Key: coef 2.229373082, 0.008925909689,
# R² 0.181804243, slope p 0.2191579 (summary(f)); confint(f)["x", ]: -0.006512202082
# 0.02436402146 (95 %), -0.003523291944 0.02137511132 (90 %). The key gives the slope in
# words with three significant digits (0.00893) and its CI; --slope-per 100 gives it per
# +100 (0.893, CI -0.651 to 2.436) with the axis titles as the words.
band() {
    awk '/^\$band/ {on = 1; next} /^EOD/ {on = 0} on && ($1 == 81.5 || $1 == 175 || $1 == 268.5) {
        printf "%s %.9f %.9f %.9f\n", $1, $2, $3, $4 }' "$1"
}
"$DS" plot scatter ../fixtures/plot/small.csv --x x --y y --fit -o "$TMP/s.png" --script "$TMP/c.gp" || exit
band "$TMP/c.gp"
grep -o "set label '\(OLS line\|95 %\)[^']*'" "$TMP/c.gp"
"$DS" plot scatter ../fixtures/plot/small.csv --x x --y y --fit --band prediction --level 0.9 \
    -o "$TMP/s.png" --script "$TMP/p.gp" || exit
band "$TMP/p.gp"
grep -o "set label '90 %[^']*'" "$TMP/p.gp"
"$DS" plot scatter ../fixtures/plot/small.csv --x x --y y --fit --slope-per 100 \
    --xlabel 'GPs per 100,000' --ylabel 'visits a year' -o "$TMP/s.png" --script "$TMP/h.gp" || exit
grep -o "set label '\(OLS line\|95 % CI\)[^']*'" "$TMP/h.gp"
# The saved script draws to the real target, not to the temp file.
grep "^set output" "$TMP/p.gp" | sed "s|$TMP|TMP|"
