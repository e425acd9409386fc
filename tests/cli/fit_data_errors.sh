# Each bad input: the message on stderr, the exit status (1: bad data), no output file.
cp "$FIXTURES/fit/small.csv" "$TMP/" && cd "$TMP" || exit 9
f=small.csv
printf 'y,x\n' > empty.csv
printf 'y,x,z\n1,2,3\n2,3,5\n4,1,1\n' > three.csv
printf 'y,x,k\n1,1,5\n3,2,5\n2,3,5\n5,4,5\n' > const.csv
printf 'y,x,e\n1,1,\n3,2,\n2,3,\n5,4,\n' > allmissing.csv
run() { "$DS" fit "$@" -o out.txt; echo "exit $?"; }
run "$f" --model 'y ~ x1 + nope'
run empty.csv --model 'y ~ x'
run three.csv --model 'y ~ x + z'
run const.csv --model 'y ~ x + k'
run allmissing.csv --model 'y ~ x + e'
run "$f" --model 'y ~ x1 + (x2'
run "$f" --model 'y ~ x1 / x2'
run "$f" --model 'y ~ x1' --weight dept
run "$f" --model 'y ~ x1' --key nope
ls
