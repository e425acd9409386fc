# A mistyped option or command is a usage error (2) that names what was meant: by edit
# distance for --methd and agregate, and for a long name written with one dash.
F="$FIXTURES/fit/small.csv"
"$DS" fit "$F" --model 'y ~ x1' --methd ols; echo "exit $?"
"$DS" fit "$F" -model 'y ~ x1'; echo "exit $?"
"$DS" join a.csv b.csv --on dep --strcit; echo "exit $?"
"$DS" agregate "$F"; echo "exit $?"
"$DS" tabel "$F"; echo "exit $?"
# nothing close: the option list is in --help
"$DS" corr "$F" --x x1 --y y --frobnicate; echo "exit $?"
