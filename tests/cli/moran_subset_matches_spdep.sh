# 18 departments around Paris plus 2A and 971 (no neighbour among those present: left out and
# named) and 76 with a missing value (dropped, counted). Codes lack their leading zero and
# the key column is found without --key. Expected, R 4.2.2 + spdep 1.2.7 on the 16 others:
#   W <- 0/1 contiguity from external-data/departements-contiguite.csv; lw <- mat2listw(W, style = "W")
#   moran.test(x, lw):  I 0.0911174567969689, E -0.0666666666666667,
#                       Var 0.0107880915722859, z 1.519116180126, p 0.064366627344
#   randomisation = FALSE: Var 0.0195803376906318, z 1.127595185163, p 0.129745460524
#   (the normality variance also by hand with Cliff and Ord's S0, S1, S2: 0.0195803376906318)
#   set.seed(1); moran.mc(x, lw, nsim = 99999)$p.value: 0.08554
"$DS" moran ../fixtures/moran/idf.csv --value gp_density --neighbours "$ROOT/external-data/departements-contiguite.csv" || exit
"$DS" moran ../fixtures/moran/idf.csv --value gp_density --neighbours "$ROOT/external-data/departements-contiguite.csv" \
    --format json --permutations 99999 --seed 3 >"$TMP/j" || exit
tr ',' '\n' <"$TMP/j" | awk -F: '
BEGIN { want["\"moran_i\""] = 0.0911174567969689; want["\"expected\""] = -0.0666666666666667
        want["\"variance\""] = 0.0107880915722859; want["\"z\""] = 1.519116180126
        want["\"p\""] = 0.064366627344; want["\"variance_normality\""] = 0.0195803376906318
        want["\"z_normality\""] = 1.127595185163; want["\"p_normality\""] = 0.129745460524
        want["\"n\""] = 16; want["\"n_missing\""] = 1 }
{ k = $1; sub(/^[{]/, "", k); if (k in want) { d = $2 - want[k]; if (d < 0) d = -d
  print k, (d <= 1e-10 * (want[k] < 0 ? -want[k] : want[k]) ? "ok" : "BAD " $2); delete want[k] }
  # 99,999 permutations: Monte Carlo standard error about 0.0009 around the spdep value 0.08554
  if (k == "\"p_permutation\"") print k, ($2 > 0.08554 - 0.005 && $2 < 0.08554 + 0.005 ? "ok" : "BAD " $2) }
END { for (k in want) print k, "missing" }'
grep -o '"isolated":\[[^]]*\]' "$TMP/j"
