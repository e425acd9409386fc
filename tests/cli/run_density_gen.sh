# density-visits on a small generated year, checked against awk: the GP filter, the
# department sums, per inhabitant, and the OLS slope and SE computed from their formulas
# (slope = Sxy / Sxx, SE = sqrt(SSE / (n - 2) / Sxx)) on the same files and tables.
cd "$ROOT" || exit 3
"$DS" gen --seed 7 --rows 30000 --months 202401-202412 --gzip --geo dept -o "$TMP/data" \
    --truth "$TMP/data/truth.json" >/dev/null || exit 1
sed "s|demo-out/|$TMP/|g" studies/density-visits.study >"$TMP/s.study"
"$DS" run "$TMP/s.study" --out "$TMP/out" >"$TMP/stdout" || exit 1
for f in "$TMP"/data/A*.csv.gz; do gzip -dc "$f"; done | awk -F';' '
    NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i }
    $1 == "FLX_ANN_MOI" { next }
    $c["PSE_SPE_SNDS"] == 1 && $c["PRS_NAT"] ~ /^(1109|1110|1111|1209|1210|1211)$/ {
        acts[$c["BEN_RES_DPT"]] += $c["PRS_ACT_QTE"] }
    END { for (d in acts) print d, acts[d] }' | sort >"$TMP/acts"
awk -F, 'NR > 1 { print $1, $6 }' external-data/departements.csv | sort >"$TMP/pop"
awk -F, 'NR > 1 { print $1, $6 }' external-data/medecins-departements.csv | sort >"$TMP/dens"
join "$TMP/acts" "$TMP/pop" | join - "$TMP/dens" | awk '
    { x[NR] = $4; y[NR] = $2 / $3; sx += x[NR]; sy += y[NR] }
    END { n = NR; mx = sx / n; my = sy / n
          for (i = 1; i <= n; i++) { sxx += (x[i] - mx)^2; sxy += (x[i] - mx) * (y[i] - my) }
          b = sxy / sxx; a = my - b * mx
          for (i = 1; i <= n; i++) sse += (y[i] - a - b * x[i])^2
          printf "%d %.10g %.10g\n", n, b, sqrt(sse / (n - 2) / sxx) }' >"$TMP/awk_fit"
jq -r '.fits[] | select(.name == "ols") | [.fit.n, (.fit.coefficients[] | select(.term == "densite_generalistes")
       | .estimate, .std_error), .headline.planted] | @tsv' "$TMP/out/results.json" >"$TMP/ds_fit"
read -r n b se <"$TMP/awk_fit"
awk -v n="$n" -v b="$b" -v se="$se" -F'\t' '
    function near(g, w) { d = g - w; if (d < 0) d = -d; return d <= 1e-8 * (w < 0 ? -w : w) }
    { print ($1 == n ? "n agrees with awk" : "n differs: " $1 " vs " n)
      print (near($2, b) ? "slope agrees with awk" : "slope differs: " $2 " vs " b)
      print (near($3, se) ? "SE agrees with awk" : "SE differs: " $3 " vs " se)
      print ($4 == 0.5 ? "planted is the generator default b = 0.005, per +100" : "planted " $4) }' "$TMP/ds_fit"
# The slopes table has the OLS row.
grep -c '^| OLS on generated data | ' "$TMP/out/report.md"
