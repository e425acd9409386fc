# -o through a symbolic link writes the file the link points to and keeps the link (as
# sed -i and editors do); a file that exists keeps its mode (600, 444); a 250-character
# name works (its temp name is cut to fit the 255-byte limit); a loop of links is an error.
cd "$TMP" || exit 9
printf 'A;B;\n1;10;\n2;32;\n' >f.csv
mkdir sub
printf 'old\n' >sub/real.csv
ln -s sub/real.csv link.csv
ln -s link.csv link2.csv
"$DS" aggregate f.csv --sum B -o link2.csv
echo "link: exit $?, $(readlink link.csv) $(readlink link2.csv), real: $(tail -1 sub/real.csv)"
ln -s sub/new.csv dangling.csv
"$DS" aggregate f.csv --sum B -o dangling.csv
echo "dangling: exit $?, $(readlink dangling.csv), new: $(tail -1 sub/new.csv)"
for m in 600 444 640; do
    printf 'old\n' >m$m.csv
    chmod $m m$m.csv
    "$DS" aggregate f.csv --count -o m$m.csv
    echo "mode $m: exit $?, now $(stat -c %a m$m.csv), $(tail -1 m$m.csv)"
done
long=$(printf 'n%.0s' $(seq 246)).csv
"$DS" aggregate f.csv --sum B -o "$long"
echo "250 characters: exit $?, $(tail -1 "$long")"
ln -s loop1.csv loop2.csv
ln -s loop2.csv loop1.csv
"$DS" aggregate f.csv --sum B -o loop1.csv
echo "loop: exit $?"
ls | grep -c tmp
exit 0
