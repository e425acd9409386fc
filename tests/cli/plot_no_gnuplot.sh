# gnuplot missing from PATH: a clear error, exit 3, nothing left in the output folder.
mkdir "$TMP/out" "$TMP/empty"
PATH="$TMP/empty" "$DS" plot scatter ../fixtures/plot/small.csv --x x --y y -o "$TMP/out/s.png"
rc=$?
ls "$TMP/out"
exit $rc
