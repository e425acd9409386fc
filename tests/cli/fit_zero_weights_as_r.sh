# Rows of weight 0 are left out of the fit and counted, as R's lm does; a negative weight is
# an error. R 4.2.2: d <- read.csv("zero-weights.csv"); m <- lm(y ~ x1 + x2, d, weights = w)
# (rows 03 and 69 have weight 0, row 33 a missing x2): coef 9.13240707878989 2.5784854215124
# -0.54897179422115; SE 3.7671587598731 0.888451124412099 1.41439105504044; sigma
# 4.6130538697162; R2 0.875919284770358; F 21.1778103426286; logLik -23.4634112282772; AIC
# 54.9268224565544; BIC 55.7157207658992; df 6; nobs 9.
cd "$TMP" || exit 9
"$DS" fit "$FIXTURES/fit/zero-weights.csv" --model 'y ~ x1 + x2' --weight w --format json \
    -o fit.json 2>/dev/null || exit 9
jq -r --argjson want '{"estimate":[9.13240707878989,2.5784854215124,-0.54897179422115],
  "std_error":[3.7671587598731,0.888451124412099,1.41439105504044],"sigma":4.6130538697162,
  "r_squared":0.875919284770358,"f_statistic":21.1778103426286,
  "log_likelihood":-23.4634112282772,"aic":54.9268224565544,"bic":55.7157207658992}' '
  def near(a; b): ((a - b) | fabs) <= 1e-10 * ([(b | fabs), 1] | max);
  [ (range(3) as $i | near(.coefficients[$i].estimate; $want.estimate[$i])
                    and near(.coefficients[$i].std_error; $want.std_error[$i])),
    near(.sigma; $want.sigma), near(.r_squared; $want.r_squared),
    near(.f_statistic; $want.f_statistic), near(.log_likelihood; $want.log_likelihood),
    near(.aic; $want.aic), near(.bic; $want.bic) ] | all
  | "matches R: \(.)", "n \($n.n), df \($n.df_residual), zero weight \($n.n_zero_weight), missing \($n.n_dropped)"
' --argjson n "$(cat fit.json)" fit.json
"$DS" fit "$FIXTURES/fit/zero-weights.csv" --model 'y ~ x1 + x2' --weight w 2>/dev/null | grep 'zero weight'
sed 's/^03,13.1,3.5,4.4,0$/03,13.1,3.5,4.4,-1/' "$FIXTURES/fit/zero-weights.csv" > neg.csv
"$DS" fit neg.csv --model 'y ~ x1 + x2' --weight w; echo "status $?"
