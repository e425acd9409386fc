# As R's summary.lm: a response that a regressor reproduces exactly (or a constant one) gets a
# warning that the summary is unreliable.
printf 'y,x\n1,1\n2,2\n3,3\n' > "$TMP/p.csv"
"$DS" fit "$TMP/p.csv" --model 'y ~ x' --format json >/dev/null
printf 'y,x\n2,1\n2,2\n2,4\n' > "$TMP/c.csv"
"$DS" fit "$TMP/c.csv" --model 'y ~ x' --format json >/dev/null
