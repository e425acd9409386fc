# gp = 0 on one row and pop = 0 on another: one division by zero each; log(0 - 1) and
# sqrt(-1) are out of domain; 1e308 * 10 overflows. Nothing in the output is inf or nan.
"$DS" derive ../fixtures/derive/small.csv 'a = visits / pop' 'b = log(gp - 3)' 'c = sqrt(gp - 4)' 'd = 1e308 * visits' -o "$TMP/out.csv" || exit
cat "$TMP/out.csv"
