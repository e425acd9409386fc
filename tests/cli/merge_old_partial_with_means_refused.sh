# A partial of format version 3 or older counted an empty field as 0 in its means, mins,
# maxes and expressions and kept no count of the known values: merge refuses it, saying to
# aggregate again (it cannot be converted). One whose measures are sums of columns and
# count-ifs is read as before: the same table as the version 4 file. (The files are made by
# writing version 4 and stamping 3, with the crc32 line made again by Python's zlib.) By
# hand: group 1 holds A empty and 4 (mean 4, B 5 + 6), group 2 A 3 and B 7.
cd "$TMP" || exit 9
printf 'G;A;B\n1;;5\n1;4;6\n2;3;7\n' > h.csv
restamp() { # restamp IN OUT: version 3, new checksum
    python3 -c '
import sys, zlib
body = open(sys.argv[1], "rb").read().rsplit(b"crc32 ", 1)[0].replace(b"damirstat-partial 4", b"damirstat-partial 3", 1)
open(sys.argv[2], "wb").write(body + b"crc32 %08x\n" % zlib.crc32(body))' "$1" "$2"
}
"$DS" aggregate h.csv --by G --mean A --sum B --partial mean.part || exit 9
restamp mean.part mean3.part
"$DS" merge mean.part
"$DS" merge mean3.part
echo "exit $?"
"$DS" aggregate h.csv --by G --sum 'A - B' --partial expr.part || exit 9
restamp expr.part expr3.part
"$DS" merge expr3.part 2>&1 | cut -c1-60
"$DS" aggregate h.csv --by G --sum A,B --count-if 'A > 3' --count --partial sums.part || exit 9
restamp sums.part sums3.part
head -1 sums3.part
"$DS" merge sums.part > v4.csv && "$DS" merge sums3.part > v3.csv || exit 9
cmp v4.csv v3.csv && cat v3.csv
