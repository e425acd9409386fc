# gnuplot exits but a child of its keeps its stderr open (a viewer, a `system` call left
# running): damirstat ends when gnuplot ends, with the figure. Before, it waited for the
# pipe to close, here for 30 s (the run is stopped after 5 s: exit 124).
cd "$TMP" || exit 9
mkdir bin out
cat >bin/gnuplot <<'G'
#!/bin/sh
out=$(sed -n "s/^set output '\(.*\)'$/\1/p")
printf 'figure\0\0\0\0IEND\256\102\140\202' >"$out"
sleep 30 >&2 &
echo $! >"$(dirname "$0")/../holder.pid"
exit 0
G
chmod +x bin/gnuplot
PATH="$TMP/bin:$PATH" timeout 5 "$DS" plot scatter "$FIXTURES/plot/small.csv" --x x --y y -o out/s.png
echo "exit $?"
kill "$(cat holder.pid)"
ls out
