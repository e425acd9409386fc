#!/bin/sh
# make demo: a seeded year of DAMIR-shaped data (2,000,000 rows, one gzip file a month,
# department of residence), then the density-visits study on it: the headline slope per
# +100 GPs per 100,000 with its 95 % CI, n and R², beside the slope the generator planted.
# The data are generated again only when missing or made with other settings; the study's
# aggregation is cached, so a second `make demo` takes about a second.
set -e
DS=${DS:-./damirstat}
OUT=demo-out
SEED=2015
ROWS=2000000
start=$(date +%s.%N)
T="$OUT/data/truth.json"
if ! grep -q "\"seed\": $SEED," "$T" 2>/dev/null || ! grep -q "\"rows\": $ROWS," "$T"; then
    rm -rf "$OUT/data"
    echo "generating $ROWS rows (12 monthly gzip files, seed $SEED) into $OUT/data/"
    "$DS" gen --seed "$SEED" --rows "$ROWS" --months 202401-202412 --gzip --geo dept \
        -o "$OUT/data" --truth "$OUT/data/truth.json"
fi
echo "running studies/density-visits.study"
"$DS" run studies/density-visits.study
end=$(date +%s.%N)
awk -v s="$start" -v e="$end" 'BEGIN { printf "demo took %.1f s\n", e - s }'
