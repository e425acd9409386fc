# Bad command lines: exit status 2, the option named.
f="$FIXTURES/fit/small.csv"
run() { "$DS" fit "$@" > "$TMP/out.txt"; echo "exit $?"; }
run "$f" --model 'y ~ x1' --bogus
run "$f" --model 'y ~ x1' --se hc9
run "$f" --model 'y ~ x1' --method lad
run "$f" --model 'y ~ x1' --level 1.5
run "$f" --model 'y ~ x1' --format csv
run "$f"
run --model 'y ~ x1'
run "$f" --model
run "$f" --model 'y ~ x1' --method huber --se hc3
