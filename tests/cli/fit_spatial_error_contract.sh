# The command-line contract of issue 15 on the team's 2013 table: `fit --spatial error
# --format json` gives the slope's estimate and standard error and the "spatial" object
# (model, lambda, lambda_se, log_lik, n, islands_dropped), as R 4.2.2 with spatialreg 1.2-6:
#   d <- read.csv2("external-data/hackathon-2013/damir2013_2.csv", colClasses = c(codep = "character"))
#   metro <- d[nchar(d$codep) == 2, ]
#   nb <- read.csv("external-data/departements-contiguite.csv", colClasses = "character")
#   B <- matrix(0, 96, 96, dimnames = list(metro$codep, metro$codep))
#   for (r in seq_len(nrow(nb))) B[nb$dep[r], nb$voisin[r]] <- 1
#   e <- errorsarlm(acte_affilies ~ densite_medecins, metro, mat2listw(B, style = "W"),
#                   method = "eigen")
#   c(coef(e)[3], e$rest.se[2], e$lambda, e$lambda.se, e$LL, AIC(e), 2 * (e$LL - e$logLik_lm.model))
"$DS" fit "$ROOT/external-data/hackathon-2013/damir2013_2.csv" --model 'acte_affilies ~ densite_medecins' \
    --key codep --spatial error --format json -q -o "$TMP/fit.json" || exit 9
jq -r --argjson want '{"estimate":0.0034356558278971741,"std_error":0.0012626853529526267,
  "lambda":0.8525241881499559,"lambda_se":0.046880604458516432,"log_lik":-27.063003130247097,
  "aic":62.126006260494194,"lr":86.487825894021796}' '
  def near(a; b): ((a - b) | fabs) <= 1e-6 * (b | fabs);
  .spatial as $s | ($s.coefficients[] | select(.term == "densite_medecins")) as $x |
  "model \($s.model), method \($s.method), logdet \($s.logdet), n \($s.n)",
  "islands_dropped \($s.islands_dropped | join(" "))",
  "weights \($s.weights.neighbours) \($s.weights.style) \($s.weights.links) links",
  "estimate \(if near($x.estimate; $want.estimate) then "ok" else $x.estimate end)",
  "std_error \(if near($x.std_error; $want.std_error) then "ok" else $x.std_error end)",
  (["lambda","lambda_se","log_lik","aic"][] as $k |
     "\($k) \(if near($s[$k]; $want[$k]) then "ok" else $s[$k] end)"),
  "lr_test \(if near($s.lr_test.statistic; $want.lr) then "ok" else $s.lr_test end) df \($s.lr_test.df)",
  "at_bound \($s.at_bound), impacts \($s.impacts)",
  "top-level coefficients are OLS on 101: \(.n) \(.coefficients[1].estimate > 0.0097)"
' "$TMP/fit.json"
