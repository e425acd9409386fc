# Spearman's S and Kendall's statistic and their p-values equal R's cor.test, for each way R
# computes p (exact, AS 89, t or normal approximation; exact = NULL, TRUE, FALSE). Expected
# values from R 4.2.2: see tests/fixtures/corr-r/README.md. Prints one line per file.
D="$FIXTURES/corr-r"
while read -r f ex s sp k kp; do
    got=$("$DS" corr "$D/$f" --x x --y y --method all --exact "$ex" --format json | jq -r \
        '[.spearman.statistic, .spearman.p_value, .kendall.statistic, .kendall.p_value,
          (.spearman.p_method | gsub(" "; "_")), .kendall.p_method] | map(tostring) | join(" ")') || exit 9
    echo "$f $s $sp $k $kp $got" | awk 'function abs(v) { return v < 0 ? -v : v }
        function near(a, b) { return abs(a - b) <= 1e-9 * (abs(a) > 1e-300 ? abs(a) : 1) }
        { ok = near($2, $6) && near($3, $7) && near($4, $8) && near($5, $9)
          print $1, $10, $11, ok ? "agrees with R" : "DIFFERS: R " $2 " " $3 " " $4 " " $5 " got " $6 " " $7 " " $8 " " $9 }'
done < "$D/expected.txt"
