# Hostile inputs and outputs for `damirstat derive`: a literal past the range of a double is
# a parse error with a caret (it would print as inf); an all-missing column gives missing
# results, not an error; an unwritable or full output is status 3 and leaves no file.
cd "$TMP" || exit 9
cp "$FIXTURES/derive/small.csv" .
"$DS" derive small.csv 'z = gp * 1e999'; echo "status $?"
printf 'dep,v\n01,NA\n02,\n03,nd\n' > all-missing.csv
"$DS" derive all-missing.csv 'w = v * 2 + 1'; echo "status $?"
"$DS" derive small.csv 'z = gp * 2' -o no/such/dir/out.csv; echo "status $?"
"$DS" derive small.csv 'z = gp * 2' > /dev/full; echo "status $?"
"$DS" derive small.csv 'z = gp * 2' -o /dev/full; echo "status $?"
test -c /dev/full || echo "/dev/full replaced"
awk 'BEGIN { print "k,v"; for (i = 0; i < 20000; i++) print i "," i }' > many.csv
{ "$DS" derive many.csv 'w = v / 2' 2> pipe.err; echo $? > pipe.status; } | head -n 1 > /dev/null
st=$(cat pipe.status); test "$st" = 0 || test "$st" = 141 || echo "pipe status $st"
cat pipe.err
ls
