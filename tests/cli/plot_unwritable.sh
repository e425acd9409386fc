# The output folder cannot be made (a file is in the way; tests may run as root, so a
# read-only folder would not stop them): exit 3 and no figure.
touch "$TMP/file"
"$DS" plot scatter ../fixtures/plot/small.csv --x x --y y -o "$TMP/file/plots/s.png" 2>"$TMP/err"
echo "rc=$?"
sed "s|$TMP|TMP|" "$TMP/err"
# A folder nobody may create files in, not even root (/proc): exit 3.
"$DS" plot scatter ../fixtures/plot/small.csv --x x --y y -o /proc/damirstat-plot-test.png
echo "rc=$?"
