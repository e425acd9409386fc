# The residual quantiles of the text report as R 4.2.2's print(summary(lm(...))) shows them
# (.out holds R's lines, trailing blanks removed): zapsmall(quantile(r), 5) then 4
# significant digits, which rounds twice (-0.181348 shows as -0.1814) and drops trailing
# zeros when choosing decimals (-0.01670 shows as -0.0167).
cd "$FIXTURES/model_audit" || exit 9
for extra in "" "--weight pop"; do
    "$DS" fit dept14.csv --model 'visits ~ density + age65' $extra 2>/dev/null | sed -n 4,6p
done
"$DS" fit dept14.csv --model 'visits ~ density + I(density^2) + log(age65)' 2>/dev/null |
    sed -n 4,6p
