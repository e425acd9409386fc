# lifestyle on a small generated year: Pearson r of spending per inhabitant against the
# activity proxy, with and without the Paris area, against awk's r = Sxy / sqrt(Sxx Syy)
# on the same files and tables; the bootstrap intervals hold the estimate.
cd "$ROOT" || exit 3
"$DS" gen --seed 11 --rows 30000 --months 202401-202412 --gzip --geo dept -o "$TMP/data" \
    --truth "$TMP/data/truth.json" >/dev/null || exit 1
sed "s|demo-out/|$TMP/|g" studies/lifestyle-generated.study |
    awk '/^\[/ { skip = /^\[plot / } !skip' >"$TMP/s.study"
"$DS" run "$TMP/s.study" --out "$TMP/out" >/dev/null || exit 1
for f in "$TMP"/data/A*.csv.gz; do gzip -dc "$f"; done | awk -F';' '
    NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i }
    $1 == "FLX_ANN_MOI" { next }
    $c["PSE_SPE_SNDS"] == 1 && $c["PRS_NAT"] ~ /^(1109|1110|1111|1209|1210|1211)$/ {
        paid[$c["BEN_RES_DPT"]] += $c["PRS_PAI_MNT"] }
    END { for (d in paid) printf "%s %.2f\n", d, paid[d] }' | sort >"$TMP/paid"
awk -F, 'NR > 1 { print $1, $6 }' external-data/departements.csv | sort >"$TMP/pop"
grep -v '^#' external-data/synthetic-activite-physique.csv |
    awk -F, 'NR > 1 { print $1, $5 }' | sort >"$TMP/act"
pearson() {
    awk -v drop="$1" 'BEGIN { split(drop, d, " "); for (k in d) skip[d[k]] = 1 }
        !($1 in skip) { n++; x[n] = $4; y[n] = $2 / $3; sx += x[n]; sy += y[n] }
        END { mx = sx / n; my = sy / n
              for (i = 1; i <= n; i++) { a += (x[i] - mx) * (y[i] - my); b += (x[i] - mx)^2; c += (y[i] - my)^2 }
              printf "%d %.12g\n", n, a / sqrt(b * c) }'
}
join "$TMP/paid" "$TMP/pop" | join - "$TMP/act" >"$TMP/joined"
pearson "" <"$TMP/joined" >"$TMP/all"
pearson "75 92 93 94" <"$TMP/joined" >"$TMP/nop"
for name in activity activity_no_paris; do
    [ $name = activity ] && ref="$TMP/all" || ref="$TMP/nop"
    read -r n r <"$ref"
    jq -r --arg c "$name" '.correlations[] | select(.name == $c) |
        [.corr.n, .corr.pearson.estimate, .corr.pearson.boot_percentile_low,
         .corr.pearson.boot_percentile_high] | @tsv' \
        "$TMP/out/results.json" |
    awk -v name="$name" -v n="$n" -v r="$r" -F'\t' '{
        d = $2 - r; if (d < 0) d = -d
        print name, ($1 == n && d < 1e-9 ? "Pearson agrees with awk" : "DIFFERS: " $0 " vs " n " " r)
        print name, ($3 <= $2 && $2 <= $4 ? "bootstrap interval holds r" : "bootstrap interval misses r") }'
done
