# Hostile reference tables through `damirstat table`: each bad file is one clear message
# with FILE:LINE:COL and status 1; odd but valid files load (header only, no final newline,
# a 1 MB cell, nan/inf text); a full disk is status 3; a reader that stops early is quiet.
cd "$TMP" || exit 9
: > empty.csv
printf 'a,a\n1,2\n' > dup.csv
printf 'a,b\n1,x\000y\n' > nul.csv
printf 'code,nom\n01,Ain\n02,Aisne \303\251\n03,All\351\n' > mixed-utf8.csv
printf 'a,b\n1,2\n' | gzip -c > zipped.csv.gz
for f in empty dup nul mixed-utf8; do "$DS" table $f.csv; echo "status $?"; done
"$DS" table zipped.csv.gz; echo "status $?"
printf 'a,b\n' > header-only.csv
printf 'a,b\n1,2\n3,4' > no-newline.csv
printf 'a,b\n1,nan\n2,inf\n' > nan-inf.csv
big=$(head -c 1048576 /dev/zero | tr '\0' '7')
{ printf 'a,b\n1,'; printf '%s' "$big"; printf '\n2,3\n'; } > big.csv
for f in header-only no-newline nan-inf big; do "$DS" table $f.csv; echo "status $?"; done
"$DS" table no-newline.csv > /dev/full; echo "status $?"
awk 'BEGIN { print "k,v"; for (i = 0; i < 5000; i++) print "k" i "," i }' > many.csv
{ "$DS" table many.csv 2> pipe.err; echo $? > pipe.status; } | head -n 1 > /dev/null
st=$(cat pipe.status); test "$st" = 0 || test "$st" = 141 || echo "pipe status $st"
cat pipe.err
