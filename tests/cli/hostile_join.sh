# Hostile inputs and outputs for `damirstat join`: an empty table and invalid UTF-8 are
# status 1 with FILE:LINE:COL; a header-only LEFT gives a header-only result; an unwritable
# or full output is status 3 and leaves no file; a reader that stops early is quiet.
cd "$TMP" || exit 9
cp "$FIXTURES/join/left.csv" "$FIXTURES/join/right.csv" .
: > empty.csv
printf 'dep;visits\n' > header-only.csv
printf 'code,density\n01,1\n03,All\351\n02,\303\251\n' > mixed-utf8.csv
"$DS" join empty.csv right.csv --on dep=code; echo "status $?"
"$DS" join left.csv mixed-utf8.csv --on dep=code; echo "status $?"
"$DS" join header-only.csv right.csv --on dep=code --how left 2> /dev/null; echo "status $?"
"$DS" join left.csv right.csv --on dep=code -o no/such/dir/out.csv 2> out.err; echo "status $?"
grep -v "without a match" out.err
"$DS" join left.csv right.csv --on dep=code > /dev/full 2> full.err; echo "status $?"
grep -v "without a match" full.err
"$DS" join left.csv right.csv --on dep=code -o /dev/full 2> full.err; echo "status $?"
grep -v "without a match" full.err
test -c /dev/full || echo "/dev/full replaced"
awk 'BEGIN { print "dep;v"; for (r = 0; r < 300; r++) for (d = 1; d <= 95; d++) if (d != 20) print d ";" r }' > many.csv
{ "$DS" join many.csv right.csv --on dep=code 2> pipe.err; echo $? > pipe.status; } | head -n 1 > /dev/null
st=$(cat pipe.status); test "$st" = 0 || test "$st" = 141 || echo "pipe status $st"
grep -v "without a match" pipe.err
ls
