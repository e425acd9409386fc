# Every definition is parsed before any is computed: a typo in the second stops the command
# before the first prints its division-by-zero warning. A new name with a space must be
# backquoted, as in the expressions.
cd "$TMP" || exit 9
printf 'a,b\n1,0\n2,1\n' > t.csv
"$DS" derive t.csv 'r = a / b' 's = a +' -o out.csv; echo "status $?"
"$DS" derive t.csv 'w x = a' -o out.csv; echo "status $?"
test -e out.csv && echo "output left behind"
"$DS" derive t.csv '`w x` = a * 2'
