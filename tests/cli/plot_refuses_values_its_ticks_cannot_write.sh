# Ticks are written in full (1,000,000): values of 1e300 came out as cut labels
# ("3,000,000,000,000,000,157,514,…,743,3", not the number), values of 1e-300 as ticks all
# reading 0.000…, a band of 1e300 values as gnuplot's "undefined variable: inf", all with
# exit 0 but the last. Values from 1e15 up, or spread over less than 1e-12, are refused
# (exit 1, no figure) with the way to rescale; 1e14 still draws, its ticks in full.
cd "$TMP" || exit 9
printf 'dep;x;y\n01;1e300;2e300\n02;-1e300;3e300\n03;5e299;-1e300\n' > huge.csv
printf 'dep;x;y\n01;1e-300;2\n02;2e-300;3\n03;3e-300;5\n' > tiny.csv
printf 'dep;x;y\n01;1;2e14\n02;2;3e14\n03;3;5e14\n' > big.csv
printf 'dep;v\n01;1e20\n02;2e20\n' > map.csv
"$DS" plot scatter huge.csv --x x --y y --fit -o huge.svg; echo "exit $?"
"$DS" plot scatter tiny.csv --x x --y y -o tiny.svg; echo "exit $?"
"$DS" plot map map.csv --value v -o map.svg; echo "exit $?"
"$DS" plot residuals huge.csv --model 'y ~ x' -o res.svg; echo "exit $?"
ls *.svg 2> /dev/null
"$DS" plot scatter big.csv --x x --y y -o big.svg; echo "exit $?"
grep -o '500,000,000,000,000' big.svg | head -1
