# A cached aggregate that cannot be read back (cut short, or a cache written by an older
# damirstat, whose key has version 1 and no aggregate.partial) is a miss: the run aggregates
# again, and the totals are those of a fresh run.
cd "$TMP" || exit 3
. "$ROOT/tests/cli/cache_lib.inc"
"$DS" run s.study | grep aggregation
cp out/.cache/aggregate.csv fresh.csv
jq -c '.aggregate.rows' out/results.json >fresh.rows
head -c 40 out/.cache/aggregate.partial >cut && mv cut out/.cache/aggregate.partial
"$DS" run s.study | grep aggregation
cmp -s fresh.csv out/.cache/aggregate.csv && echo "same table after a cut cache"
# An older cache: the key of version 1, no partial.
sed -i '1s/cache 2$/cache 1/' out/.cache/aggregate.key
rm out/.cache/aggregate.partial
"$DS" run s.study | grep aggregation
jq -c '.aggregate.rows' out/results.json | cmp -s - fresh.rows && echo "same aggregate after an old cache"
"$DS" run s.study | grep aggregation
