# 1 joins 01; unmatched keys on both sides are listed with their names
"$DS" join ../fixtures/join/left.csv ../fixtures/join/right.csv --on dep=code 2>&1 >"$TMP/out"
cat "$TMP/out"
