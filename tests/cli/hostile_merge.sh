# Hostile partial files and outputs for `damirstat merge`: an empty file, a gzip file and
# a partial cut in its header are status 1 naming the file; an unwritable or full output is
# status 3 and leaves no file.
cd "$TMP" || exit 9
"$DS" aggregate "$FIXTURES/open-damir/A202501-head.csv" --by BEN_RES_REG --count --partial a.part || exit 9
: > empty.part
gzip -c a.part > zipped.part
head -c 20 a.part > cut.part
for f in empty zipped cut; do "$DS" merge $f.part; echo "status $?"; done
"$DS" merge a.part -o no/such/dir/out.csv; echo "status $?"
"$DS" merge a.part > /dev/full; echo "status $?"
"$DS" merge a.part -o /dev/full; echo "status $?"
"$DS" merge a.part --partial no/such/dir/m.part; echo "status $?"
test -c /dev/full || echo "/dev/full replaced"
ls
