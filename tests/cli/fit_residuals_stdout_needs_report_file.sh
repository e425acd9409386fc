# --residuals - sends the residuals CSV to stdout; the text report cannot share it (a pipe to
# sort or xsv would read it as rows): a usage error unless -o names the report's file.
F="$FIXTURES/fit/small.csv"
"$DS" fit "$F" --model 'y ~ x1 + x2' --key dept --residuals -; echo "exit $?"
"$DS" fit "$F" --model 'y ~ x1 + x2' --key dept --residuals - -o - > /dev/null; echo "exit $?"
"$DS" fit "$F" --model 'y ~ x1 + x2' --key dept --residuals - -o "$TMP/report.txt" > "$TMP/res.csv"; echo "exit $?"
head -1 "$TMP/res.csv"
echo "residual rows: $(($(wc -l < "$TMP/res.csv") - 1))"
head -1 "$TMP/report.txt"
