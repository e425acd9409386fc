# --gzip output gunzips to the plain output of the same seed.
. ./gen_lib.inc
set -e
"$DS" gen --seed 9 --rows 4000 --months 202406-202407 -o "$TMP/p" $TABLES
"$DS" gen --seed 9 --rows 4000 --months 202406-202407 --gzip -o "$TMP/z" $TABLES
"$DS" gen --seed 9 --rows 4000 --months 202406-202407 --gzip-level 9 -o "$TMP/z9" $TABLES
for m in 202406 202407; do
    gzip -dc "$TMP/z/A$m.csv.gz" | cmp - "$TMP/p/A$m.csv"
    gzip -dc "$TMP/z9/A$m.csv.gz" | cmp - "$TMP/p/A$m.csv"
done
test ! -e "$TMP/z/A202406.csv"
