# Measures that are not exact in cents are refused with the reason and a caret (exit 2),
# as are printed names given twice, unknown printed columns, a bad --top and an unknown
# --measure, before any file is read (nosuch.csv is never opened); a condition on a code
# that is not a number, and a value that leaves the 64-bit range of cents, are bad data
# (exit 1) at their line and column.
cd "$TMP" || exit 9
run() { "$DS" aggregate "$@" 2>&1; echo "status $?"; }
run nosuch.csv --sum 'A * B'
run nosuch.csv --sum 'A / 2'
run nosuch.csv --mean '0.5 * A'
run nosuch.csv --sum 'A + 1.005'
run nosuch.csv --count-if 'A in (1'
run nosuch.csv --sum A --sum A
run nosuch.csv --sum A --sum 'B + 0 as sum_A'
run nosuch.csv --by A --sum 'B as A'
run nosuch.csv --having 'nosuch > 1'
run nosuch.csv --top x
run nosuch.csv --measure gp-visit
printf 'A;B;C;\n2A;1;x;\n' > code.csv
run code.csv --count-if 'A = 1'
printf 'A;B;C;\n92233720368547758.07;-1;x;\n' > big.csv
run big.csv --sum 'A - B'
run big.csv --max 'A - B' --skip-bad
