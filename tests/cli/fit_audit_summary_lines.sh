# The closing lines of the text report as R 4.2.2's print(summary(lm(...))) shows them
# (.out holds R's lines, trailing blanks removed), for a weighted fit (F = 2.37 is padded
# to 5 characters by R's formatC), a fit with I() and log() terms, and a weighted fit
# without intercept (uncentred R², F on 1 and 12 DF).
cd "$FIXTURES/model_audit" || exit 9
lines() { grep -E '^Residual standard|deleted due|R-squared|^F-statistic' | sed 's/ *$//'; }
"$DS" fit dept14.csv --model 'visits ~ density + age65' --weight pop 2>/dev/null | lines
"$DS" fit dept14.csv --model 'visits ~ density + I(density^2) + log(age65)' 2>/dev/null | lines
"$DS" fit dept14.csv --model 'visits ~ 0 + density' --weight pop 2>/dev/null | lines
