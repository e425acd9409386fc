# A file given by name and as stdin too (`- F < F`, or /dev/stdin beside -) would be
# counted twice: refused as a file named twice is. Before, F's rows were counted twice.
cd "$TMP" || exit 9
printf 'A;B;\n1;10;\n2;32;\n' >f.csv
"$DS" aggregate - f.csv --sum B <f.csv
echo "exit $?"
"$DS" aggregate f.csv /dev/stdin --sum B <f.csv
echo "exit $?"
cat f.csv | "$DS" aggregate - f.csv --sum B
echo "a pipe is another file: exit $?"
