# corr with several --y columns and --adjust: each method's p-values adjusted over the pairs,
# as R 4.2.2's p.adjust of cor.test's p-values:
#   d <- read.csv2("external-data/hackathon-2013/damir2013_2.csv")
#   ys <- c("acte_affilies", "effectifs", "pop_affiliee")
#   for (m in c("pearson", "spearman", "kendall")) {
#     p <- sapply(ys, function(y) cor.test(d$densite_medecins, d[[y]], method = m)$p.value)
#     print(p.adjust(p, "holm")) }
"$DS" corr "$ROOT/external-data/hackathon-2013/damir2013_2.csv" --x densite_medecins \
    --y acte_affilies,effectifs,pop_affiliee --method all --adjust holm --format json |
jq -r --argjson want '{"pearson":[3.72599965600542e-06,0.877750472787142,0.258997041347441],
  "spearman":[5.43136045498744e-07,0.730254823498986,0.0602257306959059],
  "kendall":[3.06804013840294e-07,0.758009694654305,0.0653423734421685]}' -s '
  def near(a; b): ((a - b) | fabs) <= 1e-10 * (b | fabs);
  to_entries[] | .key as $i | .value as $v |
  ["pearson", "spearman", "kendall"][] as $m |
  "\($v.y) \($m) \(if near($v.corr[$m].p_adjusted; $want[$m][$i]) then "agrees with R" else "DIFFERS: \($v.corr[$m].p_adjusted)" end) (\($v.corr.adjust), \($v.corr.adjust_tests) tests)"'
