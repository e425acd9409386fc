#!/bin/sh
# make calibrate: over N seeded generated datasets (default 1000), how often does the 95 %
# CI of the density-visits OLS slope cover the slope the generator planted? A calibrated
# pipeline covers it in 95 % ± 1.5 % of them (binomial SD at N = 1000 is 0.7 %). Each
# dataset is small (rows only size the files: the department sums are exact whatever the
# row count), so the whole check takes about a minute.
set -e
DS=${DS:-./damirstat}
N=${N:-1000}
ROWS=${ROWS:-3000}
W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT
# The study without its figures and Moran's I (gnuplot would dominate the time).
sed "s|demo-out/|$W/|g" studies/density-visits.study |
    awk '/^\[/ { skip = /^\[(plot|moran) / } !skip' >"$W/s.study"
covered=0
i=1
while [ "$i" -le "$N" ]; do
    rm -rf "$W/data"
    "$DS" gen --seed "$i" --rows "$ROWS" --months 202401-202412 --gzip --geo dept -o "$W/data" \
        --truth "$W/data/truth.json" >/dev/null
    "$DS" run "$W/s.study" -o "$W/out" >/dev/null
    # The ols fit's headline: slope interval and planted value, per +100.
    if awk '/"headline":/ && !done { done = 1
            match($0, /"ci_low": [-0-9.e+]+/); lo = substr($0, RSTART + 10, RLENGTH - 10)
            match($0, /"ci_high": [-0-9.e+]+/); hi = substr($0, RSTART + 11, RLENGTH - 11)
            match($0, /"planted": [-0-9.e+]+/); b = substr($0, RSTART + 11, RLENGTH - 11)
            exit !(lo + 0 <= b + 0 && b + 0 <= hi + 0) }' "$W/out/results.json"; then
        covered=$((covered + 1))
    fi
    i=$((i + 1))
done
awk -v c="$covered" -v n="$N" 'BEGIN {
    p = 100 * c / n
    printf "coverage of the planted slope by the 95 %% CI: %d of %d = %.1f %%\n", c, n, p
    if (p < 93.5 || p > 96.5) { print "outside 95 % ± 1.5 %"; exit 1 }
    print "within 95 % ± 1.5 %" }'
