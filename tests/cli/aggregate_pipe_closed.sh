# Stdout closed early (| head -1) ends quietly with status 0 or 141 (SIGPIPE), not an
# error flood: 30,000 groups make an output far bigger than a pipe buffer.
cd "$TMP" || exit 9
awk "BEGIN { print \"A;B;C;\"; for (i = 0; i < 30000; i++) print i \";\" i \";x;\" }" > many.csv
{ "$DS" aggregate many.csv --by A --sum B 2> err.txt; echo $? > status; } | head -n 1
st=$(cat status)
test "$st" = 0 || test "$st" = 141 || echo "status $st"
cat err.txt
