# Every way a fit can be refused, with its message and exit status (1 data, 2 usage, 3 I/O).
cd "$FIXTURES/model_audit" || exit 9
printf 'y,x\n' > "$TMP/empty.csv"
printf 'y,x,z\n1,2,3\n2,3,5\n3,5,4\n' > "$TMP/three.csv"
printf 'y,x,k\n1,2,5\n2,3,5\n3,5,5\n4,1,5\n' > "$TMP/const.csv"
printf 'y,x,m\n1,2,NA\n2,3,\n3,5,NA\n4,1,NA\n' > "$TMP/miss.csv"
fit() { "$DS" fit "$@" > "$TMP/said" 2>&1; rc=$?; sed "s|$TMP/||" "$TMP/said"; echo "exit $rc"; }
fit dept14.csv --model 'visits ~ nope'
fit dept14.csv --model 'visits ~ density' --weight nope
fit "$TMP/empty.csv" --model 'y ~ x'
fit "$TMP/three.csv" --model 'y ~ x + z'
fit "$TMP/const.csv" --model 'y ~ x + k'
fit "$TMP/miss.csv" --model 'y ~ x + m'
fit dept14.csv --model 'visits density'
fit dept14.csv --model 'visits ~ density +'
fit dept14.csv --model 'visits ~'
fit dept14.csv --model 'visits ~ I(density^)'
fit dept14.csv --model 'visits ~ density / age65'
fit dept14.csv --model 'visits ~ density' --foo
fit dept14.csv --model 'visits ~ density' --se hc9
fit dept14.csv --model 'visits ~ density' --method lad
fit dept14.csv --model 'visits ~ density' --level 1.5
fit dept14.csv --model 'visits ~ density' --format xml
fit dept14.csv
fit "$TMP/nofile.csv" --model 'y ~ x'
# a refused fit leaves no output or residuals file behind
fit dept14.csv --model 'visits ~ nope' -o "$TMP/out.txt" --residuals "$TMP/res.csv"
rm "$TMP/said"; ls "$TMP"
