# SIGINT, SIGTERM or SIGHUP while an output is being written: its temp file is removed, the
# file of an earlier run is kept, and damirstat dies of the signal (exit 128 + N), as if it
# had not caught it. A stand-in gnuplot sends the signal to damirstat while the figure's
# temp file exists; env resets the signals a background runner may have ignored.
cd "$TMP" || exit 9
mkdir bin out
cat >bin/gnuplot <<'G'
#!/bin/sh
cat >/dev/null
kill -s "$SIG" $PPID
exit 0
G
chmod +x bin/gnuplot
printf 'old figure\n' >out/s.png
for sig in INT TERM HUP; do
    SIG=$sig PATH="$TMP/bin:$PATH" env --default-signal=INT,TERM,HUP \
        "$DS" plot scatter "$FIXTURES/plot/small.csv" --x x --y y -o out/s.png
    echo "$sig: exit $?, $(cat out/s.png), $(ls out | grep -c tmp) temp files"
done
