# gen writes tens of megabytes: without -o DIR it is a usage error naming -o, and nothing is
# written into the current folder.
cd "$TMP" || exit 9
"$DS" gen --rows 1000; echo "exit $?"
echo "files: $(ls | wc -l)"
