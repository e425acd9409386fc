# A disk that fills while gnuplot writes: gnuplot exits 0 and leaves a truncated figure, which
# damirstat refuses with the reason of the failed write: exit 3, "No space left on device",
# the temp file removed and the figure of an earlier run kept. The disk is a 16 KiB file
# system mounted in a private namespace (unshare -rm: no root needed where user namespaces
# are allowed); where it cannot be mounted the test is skipped (exit 77, reason on stderr).
cd "$TMP" || exit 9
mkdir disk
command -v gnuplot >/dev/null || { echo "gnuplot is not installed" >&2; exit 77; }
unshare -rm sh -c 'mount -t tmpfs -o size=16k tmpfs disk' 2>/dev/null ||
    { echo "cannot mount a small file system here (unshare -rm mount -t tmpfs)" >&2; exit 77; }
unshare -rm sh -c '
mount -t tmpfs -o size=16k tmpfs disk || exit 9
for ext in png svg; do
    printf "old %s\n" $ext >disk/f.$ext
done
for ext in png svg; do
    "$DS" plot scatter "$FIXTURES/plot/small.csv" --x x --y y -o disk/f.$ext
    echo "$ext: exit $?, $(cat disk/f.$ext)"
done
ls disk'
