# A gnuplot that never finishes is stopped after the time limit (plot --timeout, a study's
# timeout = key): exit 3, one message, gnuplot killed, no temp file, and the figure of an
# earlier run kept. Before, damirstat waited for it forever (poll with no time limit).
cd "$TMP" || exit 9
mkdir bin out
printf '#!/bin/sh\ncat >/dev/null\nexec sleep 30\n' >bin/gnuplot
chmod +x bin/gnuplot
printf 'old figure\n' >out/s.png
PATH="$TMP/bin:$PATH" timeout 20 "$DS" plot scatter "$FIXTURES/plot/small.csv" --x x --y y \
    --timeout 0.5 -o out/s.png
echo "plot: exit $?"
cp "$FIXTURES/plot/small.csv" small.csv
printf '[table d]\nfrom = small.csv\n[plot s]\nkind = scatter\nx = x\ny = y\ntimeout = 0.5\n[output]\ndir = out\n' >s.study
PATH="$TMP/bin:$PATH" timeout 20 "$DS" run s.study >/dev/null
echo "run: exit $?"
printf '[table d]\nfrom = small.csv\n[plot s]\nkind = scatter\nx = x\ny = y\ntimeout = soon\n[output]\ndir = out\n' >t.study
PATH="$TMP/bin:$PATH" timeout 20 "$DS" run t.study >/dev/null
echo "bad key: exit $?"
PATH="$TMP/bin:$PATH" "$DS" plot scatter small.csv --x x --y y --timeout -1 -o out/s.png
echo "bad option: exit $?"
cat out/s.png
ls out | grep -c tmp
pgrep -f 'sleep 30$' -P $$ >/dev/null && echo "gnuplot still running"
exit 0
