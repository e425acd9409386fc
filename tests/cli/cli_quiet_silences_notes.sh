# -q: join's unmatched keys, derive's domain errors and fit's warnings are not printed; the
# results are the same bytes. Without -q they are (stderr below is the runs without -q).
J=../fixtures/join
"$DS" join "$J/left.csv" "$J/right.csv" --on dep=code > "$TMP/a"
"$DS" join "$J/left.csv" "$J/right.csv" --on dep=code -q 2> "$TMP/q" | cmp - "$TMP/a" && test ! -s "$TMP/q" && echo "join -q: same output, nothing on stderr"
printf 'a,b\n1,0\n2,1\n' > "$TMP/d.csv"
"$DS" derive "$TMP/d.csv" 'r = a / b' > "$TMP/a"
"$DS" derive "$TMP/d.csv" 'r = a / b' --quiet 2> "$TMP/q" | cmp - "$TMP/a" && test ! -s "$TMP/q" && echo "derive -q: same output, nothing on stderr"
printf 'y,x\n1,1\n2,2\n3,3\n4,4.0000000001\n' > "$TMP/f.csv"
"$DS" fit "$TMP/f.csv" --model 'y ~ x' --format json > "$TMP/a"
"$DS" fit "$TMP/f.csv" --model 'y ~ x' --format json -q 2> "$TMP/q" | cmp - "$TMP/a" && test ! -s "$TMP/q" && echo "fit -q: same output, nothing on stderr"
