# A join that matches no row is exit 1 (no output file), with the first keys of both sides
# and the likely cause: names against codes, codes that differ by leading zeros as text, or
# two columns of different kinds; an inner or a left join alike.
cd "$TMP" || exit 9
printf 'dep,v\n01,1\n02,2\n03,3\n04,4\n' > codes.csv
printf 'nom,w\nAin,5\nAisne,6\nAllier,7\n' > names.csv
printf 'commune,v\n1001,1\n1002,2\n' > communes.csv
printf 'code,w\n01001,5\n01002,6\n' > insee.csv
printf 'reg,pop\n84,8\n32,6\n' > regions.csv
"$DS" join codes.csv names.csv --on dep=nom -o out.csv; echo "status $?"
"$DS" join communes.csv insee.csv --on commune=code --key-type text; echo "status $?"
"$DS" join codes.csv regions.csv --on dep=reg --key-type text --how left -o out.csv; echo "status $?"
ls out.csv 2>/dev/null || echo "no out.csv"
# the fixes the messages name
"$DS" join codes.csv names.csv --on dep=nom --by-name -q | head -2
printf 'dep,v\n1,1\n2,2\n' > short.csv
printf 'dep,w\n01,5\n02,6\n' > long.csv
"$DS" join short.csv long.csv --on dep --key-type text; echo "status $?"
"$DS" join short.csv long.csv --on dep --key-type dept
printf '[table a]\nfrom = codes.csv\n[join j]\nleft = a\nright = names.csv\non = dep\nright_on = nom\n[output]\ndir = o\n' > s.study
"$DS" run s.study; echo "status $?"
