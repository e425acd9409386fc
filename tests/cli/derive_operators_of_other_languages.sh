# An expression computes a number: '**', '==', comparisons and '&&' are named with what to
# write instead (a power is '^'; rows are chosen with --where or exclude =), on the command
# line (status 2) and in a study (status 1, at the key's line).
cd "$TMP" || exit 9
printf 'dep,a,b\n01,1,2\n02,3,4\n' > t.csv
for d in 'x = a ** 2' 'x == a + b' 'x = a > b' 'x = a && b' 'x = a | b'; do
    "$DS" derive t.csv "$d"; echo "status $?"
done
"$DS" derive t.csv 'x = a^2' 'y = (a + b) / 2'
printf '[table t]\nfrom = t.csv\n[derive]\nx == a + b\n[output]\ndir = out\n' > s.study
"$DS" run s.study; echo "status $?"
