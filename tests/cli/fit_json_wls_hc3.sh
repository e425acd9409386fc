# R 4.2.2: m <- lm(y ~ x1 + x2, d, weights = w); summary(m); logLik(m); AIC(m); BIC(m);
# HC3 standard errors as sandwich::vcovHC(m, "HC3") (written by hand, see tests/test_model.c).
# With --se hc3, f_statistic is the robust Wald F, lmtest 0.9-40: w <- waldtest(m, vcov =
# vcovHC(m, "HC3")); w$F[2] = 27.6761964600617, w$"Pr(>F)"[2] = 0.000254277453745422
# (summary(m)'s classical F: 32.5688238894095, p 0.000143151529772649).
"$DS" fit "$FIXTURES/fit/small.csv" --model 'y ~ x1 + x2' --weight w --se hc3 --format json \
    -o "$TMP/fit.json" || exit 9
jq -r --argjson want '{"n":11,"df_residual":8,"sigma":4.17624472151032,
  "r_squared":0.890617209563625,"adj_r_squared":0.863271511954531,
  "f_statistic":27.6761964600617,"f_p_value":0.000254277453745422,
  "log_likelihood":-28.0440186450874,"aic":64.0880372901748,"bic":65.6796183813683,
  "estimate":[8.29285356315483,2.65671351176518,-0.517488160304521],
  "std_error":[5.39751813225526,2.06254055704977,2.95701980694219]}' '
  def near(a; b): ((a - b) | fabs) <= 1e-9 * (b | fabs);
  (keys_unsorted | join(",")),
  ([.coefficients[].term] | join(",")),
  ([.coefficients[0] | keys_unsorted[]] | join(",")),
  (["n","df_residual","sigma","r_squared","adj_r_squared","f_statistic","f_p_value",
    "log_likelihood","aic","bic"][] as $k | "\($k) \(if near(.[$k]; $want[$k]) then "ok" else .[$k] end)"),
  (range(3) as $j | "b\($j) \(if near(.coefficients[$j].estimate; $want.estimate[$j])
     and near(.coefficients[$j].std_error; $want.std_error[$j]) then "ok" else "bad" end)"),
  "se_type \(.se_type), n_dropped \(.n_dropped), aliased \(.aliased | length), f_se_type \(.f_se_type)"
' "$TMP/fit.json"
