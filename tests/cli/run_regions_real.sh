# studies/regions-real.study end to end on the real Open DAMIR lines: 13 regions, exact
# sums equal to awk's, every region joined with its population.
cd "$ROOT" || exit 3
"$DS" run studies/regions-real.study --out "$TMP/out" --no-cache >/dev/null || exit 1
awk -F';' 'NR > 1 { s[$4] += $21 } END { for (r in s) printf "%s %.2f\n", r, s[r] }' \
    tests/fixtures/open-damir/A202501-head.csv | sort >"$TMP/awk_sums"
sed 1d "$TMP/out/.cache/aggregate.csv" | awk -F, '{ printf "%s %.2f\n", $1, $2 }' | sort >"$TMP/ds_sums"
cmp -s "$TMP/awk_sums" "$TMP/ds_sums" && echo "regional sums agree with awk"
wc -l <"$TMP/awk_sums"
jq -r '.fits[0].fit.n' "$TMP/out/results.json"
jq -r '.inputs[0].path' "$TMP/out/results.json"
