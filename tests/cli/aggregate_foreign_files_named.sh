# Files that are not text damirstat reads are named as what they are, whatever their name:
# bzip2, zstd, xz and lz4 data (a bzip2 file named .gz counted its binary lines before) and
# UTF-16 text, with the command that reads them; a UTF-8 byte order mark before the header
# is skipped (it made "no column A" before); zero bytes after a gzip member are accepted,
# as gzip -t accepts them, and other trailing bytes are not. The compressed files are made
# by the tools when installed, else their first bytes are written (all that is looked at).
cd "$TMP" || exit 9
printf 'A;B;\n1;10;\n2;32;\n' >f.csv
make() { # TOOL FILE BYTES
    if command -v "$1" >/dev/null; then "$1" -c f.csv >"$2" 2>/dev/null; else printf "$3" >"$2"; fi
}
make bzip2 month.csv.gz 'BZh91AY&SY\375^'
make zstd m.zst '(\265/\375$\021'
make xz m.xz '\3757zXZ\0\0\4'
make lz4 m.lz4 '\4"M\030d@'
printf '\377\376A\0;\0B\0;\0\n\0' >utf16.csv
printf 'A\0;\0B\0;\0\n\0' >utf16-no-bom.csv
for f in month.csv.gz m.zst m.xz m.lz4 utf16.csv utf16-no-bom.csv; do
    "$DS" aggregate "$f" --count
    echo "$f: exit $?"
done
printf '\357\273\277' | cat - f.csv >bom.csv
"$DS" aggregate bom.csv --by A --sum B
echo "bom: exit $?"
gzip -c f.csv >pad.csv.gz
head -c 5000 /dev/zero >>pad.csv.gz
gzip -t pad.csv.gz 2>/dev/null && echo "gzip -t: zero padding accepted"
"$DS" aggregate pad.csv.gz --sum B
echo "zero padding: exit $?"
printf 'x' >>pad.csv.gz
"$DS" aggregate pad.csv.gz --sum B
echo "garbage after the padding: exit $?"
