# The same seed writes the same bytes (whatever -j); another seed writes other bytes.
. ./gen_lib.inc
set -e
"$DS" gen --seed 5 --rows 3000 --months 202403-202405 -o "$TMP/a" -j 1 $TABLES
"$DS" gen --seed 5 --rows 3000 --months 202403-202405 -o "$TMP/b" -j3 $TABLES
"$DS" gen --seed 6 --rows 3000 --months 202403-202405 -o "$TMP/c" $TABLES
for m in 202403 202404 202405; do
    cmp "$TMP/a/A$m.csv" "$TMP/b/A$m.csv"
    if cmp -s "$TMP/a/A$m.csv" "$TMP/c/A$m.csv"; then echo "seed 6 = seed 5 in $m"; exit 1; fi
done
