# fit's data errors (n <= p, a constant or all-missing term, unknown columns) are in
# fit_data_errors and fit_audit_errors; here the outputs: a full device (stdout, -o or
# --residuals) is status 3 with one message and no file left behind.
cp "$FIXTURES/fit/small.csv" "$TMP/" && cd "$TMP" || exit 9
"$DS" fit small.csv --model 'y ~ x1' > /dev/full; echo "status $?"
"$DS" fit small.csv --model 'y ~ x1' -o /dev/full; echo "status $?"
"$DS" fit small.csv --model 'y ~ x1' -o out.txt --residuals /dev/full; echo "status $?"
"$DS" fit small.csv --model 'y ~ x1 + I(x1 * 1e999)' -o out.txt; echo "status $?"
test -c /dev/full || echo "/dev/full replaced"
ls
