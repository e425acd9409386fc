# `fit --spatial lag --lm-tests --format json` on the 2013 table: "rho" and the impacts of
# the slope ("impacts": [{"term", "direct", "indirect", "total"}]), and "lm_tests" with
# LMerr, LMlag, RLMerr, RLMlag, SARMA, each {"statistic", "df", "p"}. R 4.2.2 (d, metro, B
# as in fit_spatial_error_contract.sh; lw <- mat2listw(B, style = "W")):
#   l <- lagsarlm(acte_affilies ~ densite_medecins, metro, lw, method = "eigen")
#   c(l$rho, l$rho.se, l$LL); im <- impacts(l, listw = lw); c(im$direct, im$indirect, im$total)
#   t <- lm.LMtests(lm(acte_affilies ~ densite_medecins, metro), lw, test = "all")
#   sapply(t, function(x) x$statistic); t$RLMerr$p.value; t$RLMlag$p.value
"$DS" fit "$ROOT/external-data/hackathon-2013/damir2013_2.csv" --model 'acte_affilies ~ densite_medecins' \
    --key codep --spatial lag --lm-tests --format json -q -o "$TMP/fit.json" || exit 9
jq -r --argjson want '{"rho":0.82942516948615896,"rho_se":0.049097966725531669,
  "log_lik":-26.89379303523711,"direct":0.0037313503452808526,"indirect":0.012200488189203584,
  "total":0.015931838534484436,"LMerr":84.395857618299814,"LMlag":88.045478817025682,
  "RLMerr":0.41957224179213254,"RLMlag":4.0691934405179948,"SARMA":88.465051058817807,
  "p_RLMerr":0.51715056448066377,"p_RLMlag":0.04367212256542119}' '
  def near(a; b; r): ((a - b) | fabs) <= r * (b | fabs);
  .spatial as $s | .lm_tests as $t |
  (["rho","rho_se","log_lik"][] as $k |
     "\($k) \(if near($s[$k]; $want[$k]; 1e-6) then "ok" else $s[$k] end)"),
  ($s.impacts[] | "impacts \(.term) \([.direct, .indirect, .total] | length) values",
     (["direct","indirect","total"][] as $k | .[$k] as $v |
       "  \($k) \(if near($v; $want[$k]; 1e-6) then "ok" else $v end)")),
  "lm_tests \($t | keys_unsorted | join(","))",
  "LMerr members \($t.LMerr | keys_unsorted | join(","))",
  (["LMerr","LMlag","RLMerr","RLMlag","SARMA"][] as $k |
     "\($k) \(if near($t[$k].statistic; $want[$k]; 1e-8) then "ok" else $t[$k].statistic end) df \($t[$k].df)"),
  "p RLMerr \(if near($t.RLMerr.p; $want.p_RLMerr; 1e-8) then "ok" else $t.RLMerr.p end)",
  "p RLMlag \(if near($t.RLMlag.p; $want.p_RLMlag; 1e-8) then "ok" else $t.RLMlag.p end)",
  "p LMerr below 1e-18: \($t.LMerr.p < 1e-18)"
' "$TMP/fit.json"
