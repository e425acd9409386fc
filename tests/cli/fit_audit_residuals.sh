# --residuals of a weighted fit agrees with R's fitted, residuals, rstandard, hatvalues and
# cooks.distance (rows_wls_r.csv, written by tests/fixtures/model_audit/audit.R, R 4.2.2),
# to 1e-9 relative; rows with Cook's D > 4/n are named with their department.
cd "$FIXTURES/model_audit" || exit 9
"$DS" fit dept14.csv --model 'visits ~ density + age65' --weight pop --key dept \
    --residuals "$TMP/res.csv" --format json -o "$TMP/fit.json"; echo "exit $?"
head -1 "$TMP/res.csv"
awk -F, 'NR == FNR { for (j = 2; j <= 6; j++) want[$1, j] = $j; next }
         FNR > 1 { n++; for (j = 2; j <= 6; j++) {
             d = $j - want[$1, j]; if (d < 0) d = -d; w = want[$1, j]; if (w < 0) w = -w
             if (d > 1e-9 * (w > 1e-300 ? w : 1)) { print "row " $1 " col " j ": " $j " want " want[$1, j]; bad++ } } }
         END { print n " rows, " bad + 0 " differences" }' rows_wls_r.csv "$TMP/res.csv"
