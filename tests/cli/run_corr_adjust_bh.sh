# Three [corr] steps with adjust = bh: their p-values adjusted together, each method over the
# three steps, as R 4.2.2's p.adjust(p, "BH") of cor.test's p-values:
#   d <- read.csv2("external-data/hackathon-2013/damir2013_2.csv")
#   ys <- c("acte_affilies", "effectifs", "pop_affiliee")
#   for (m in c("pearson", "spearman")) print(p.adjust(sapply(ys, function(y)
#     cor.test(d$densite_medecins, d[[y]], method = m)$p.value), "BH"))
# and a study whose [corr] steps name two different methods is refused.
cd "$TMP" || exit 3
steps() {
    for y in acte_affilies effectifs pop_affiliee; do
        printf '[corr %s]\ndata = d\nx = densite_medecins\ny = %s\nmethods = pearson spearman\nadjust = %s\n\n' \
            "$y" "$y" "$1"
    done
}
{ printf '[table d]\nfrom = %s\n\n' "$ROOT/external-data/hackathon-2013/damir2013_2.csv"
  steps bh; printf '[output]\ndir = out\n'; } >s.study
"$DS" run s.study >/dev/null 2>&1 || exit 1
jq -r --argjson want '{"pearson":[3.72599965600542e-06,0.877750472787142,0.194247781010581],
  "spearman":[5.43136045498744e-07,0.730254823498986,0.0451692980219294]}' '
  def near(a; b): ((a - b) | fabs) <= 1e-10 * (b | fabs);
  .correlations | to_entries[] | .key as $i | .value.corr as $c |
  ["pearson", "spearman"][] as $m |
  "\($i) \($m) \(if near($c[$m].p_adjusted; $want[$m][$i]) then "agrees with R" else "DIFFERS: \($c[$m].p_adjusted)" end) (\($c.adjust), \($c.adjust_tests) tests)"' out/results.json
grep -c 'bh-adjusted over 3' out/report.md
{ printf '[table d]\nfrom = %s\n\n' "$ROOT/external-data/hackathon-2013/damir2013_2.csv"
  steps holm | sed '0,/adjust = holm/s//adjust = bonferroni/'; printf '[output]\ndir = out2\n'; } >t.study
"$DS" run t.study >/dev/null 2>err
echo "status $?: $(sed "s|$TMP/||" err)"
