# gnuplot exits 0 after a failed write (a full disk leaves a truncated PNG): a figure that
# does not end as its format must (PNG IEND chunk, SVG closing tag, PDF %%EOF) is exit 3,
# the temp file is removed and the figure of an earlier run is kept. A stand-in gnuplot
# writes the first part of a real figure of each kind.
cd "$TMP" || exit 9
mkdir bin out
cat >bin/gnuplot <<'G'
#!/bin/sh
out=$(sed -n "s/^set output '\(.*\)'$/\1/p")
case $out in
*.png*) printf '\211PNG\r\n\032\n\0\0\0\rIHDR\0\0\4\260\0\0\3 \10\6\0\0\0' >"$out" ;;
*.svg*) printf '<?xml version="1.0"?>\n<svg width="1200" height="800">\n<g>\n' >"$out" ;;
*) printf '%%PDF-1.5\n1 0 obj\n<< /Type /Catalog >>\n' >"$out" ;;
esac
G
chmod +x bin/gnuplot
for ext in png svg pdf; do
    printf 'old %s\n' $ext >out/s.$ext
    PATH="$TMP/bin:$PATH" "$DS" plot scatter "$FIXTURES/plot/small.csv" --x x --y y -o out/s.$ext
    echo "$ext: exit $?, $(cat out/s.$ext)"
done
ls out
