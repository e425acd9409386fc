#!/bin/sh
# bench/spatial.sh: times `damirstat fit --spatial` on a generated rook lattice as large as
# France's communes (190 × 190 = 36,100 cells), with the sparse log-determinant, one core.
# Never part of `make check`; not a timed test.
#
#   bench/spatial.sh [SIDE]      default 190 (SIDE × SIDE cells)
#
# The data: x ~ N(0, 1), y = 1 + 2x + u with u a spatial moving average of N(0, 1) noise
# (each cell's noise plus 0.8 × the mean of its neighbours'), written by awk; the
# neighbours file lists every shared edge both ways as unit,neighbour pairs (text ids, so the
# units need not be departments). For each model the script prints the wall time (median of
# RUNS, default 3), λ or ρ, and the log-likelihood from the JSON.
set -eu

ROOT=$(cd "$(dirname "$0")/.." && pwd)
SIDE=${1:-190}
RUNS=${RUNS:-3}
DS="$ROOT/damirstat"
WORK=$(mktemp -d "${BENCH_TMP:-${TMPDIR:-/tmp}}/damirstat-spatial.XXXXXX")
trap 'rm -rf "$WORK"' EXIT INT TERM
export LC_ALL=C

[ -x "$DS" ] || make -C "$ROOT" >/dev/null

awk -v side="$SIDE" 'BEGIN {
    srand(2015)
    for (i = 0; i < side * side; i++) {  # Box-Muller
        e[i] = sqrt(-2 * log(1 - rand())) * cos(6.283185307179586 * rand())
        x[i] = sqrt(-2 * log(1 - rand())) * cos(6.283185307179586 * rand())
    }
    print "unit,neighbour" > "'"$WORK"'/neighbours.csv"
    print "id,x,y"
    for (r = 0; r < side; r++) for (c = 0; c < side; c++) {
        i = r * side + c; s = 0; k = 0
        if (r > 0)        { j = i - side; s += e[j]; k++; printf "c%d,c%d\n", i, j > "'"$WORK"'/neighbours.csv" }
        if (c > 0)        { j = i - 1;    s += e[j]; k++; printf "c%d,c%d\n", i, j > "'"$WORK"'/neighbours.csv" }
        if (c < side - 1) { j = i + 1;    s += e[j]; k++; printf "c%d,c%d\n", i, j > "'"$WORK"'/neighbours.csv" }
        if (r < side - 1) { j = i + side; s += e[j]; k++; printf "c%d,c%d\n", i, j > "'"$WORK"'/neighbours.csv" }
        printf "c%d,%.6f,%.6f\n", i, x[i], 1 + 2 * x[i] + e[i] + 0.8 * s / k
    }
}' >"$WORK/units.csv"

echo "lattice $SIDE x $SIDE: $(($(wc -l <"$WORK/units.csv") - 1)) units, $(($(wc -l <"$WORK/neighbours.csv") - 1)) neighbour pairs"
for model in error lag; do
    times=""
    for run in $(seq "$RUNS"); do
        start=$(date +%s.%N)
        "$DS" fit "$WORK/units.csv" --model 'y ~ x' --key id --neighbours "$WORK/neighbours.csv" \
            --spatial "$model" --logdet sparse --format json -q -o "$WORK/fit.json"
        end=$(date +%s.%N)
        times="$times $(awk -v a="$start" -v b="$end" 'BEGIN { printf "%.2f", b - a }')"
    done
    median=$(printf '%s\n' $times | sort -g | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }')
    jq -r --arg m "$model" --arg t "$median" '.spatial |
        "\($m): \($t) s (median of '"$RUNS"'); n \(.n), \(if .lambda then "lambda \(.lambda)" else "rho \(.rho)" end), log-likelihood \(.log_lik), logdet \(.logdet)"' \
        "$WORK/fit.json"
done
