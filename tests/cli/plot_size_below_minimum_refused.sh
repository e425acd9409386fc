# A figure below 320x240 overlaps its text: --size refuses it as a usage error naming the
# minimum, one pixel under on either side, before any file is written; 320x240 draws.
cd "$TMP" || exit 9
printf 'x,y\n1,2\n2,3\n3,5\n4,4\n' > d.csv
for s in 319x240 320x239 200x100; do
    "$DS" plot scatter d.csv --x x --y y --size "$s" -o "f$s.png"; echo "$s: exit $?"
done
"$DS" plot scatter d.csv --x x --y y --size 320x240 -o f320x240.png; echo "320x240: exit $?"
ls *.png
