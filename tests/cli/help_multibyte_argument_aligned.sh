# An option whose argument has a multibyte character (models --fits A,B,…: '…' is 3 bytes,
# one column) has its help at column 24 as the others: it started 2 columns early, counted
# in bytes. The column is counted by Python on the decoded text (characters, not bytes).
cd "$TMP" || exit 3
"$DS" models --help >h.txt 2>&1
echo "exit $?"
grep -e '^ *--fits A' -e '^ *--omit TERM' h.txt | PYTHONIOENCODING=utf-8 python3 -c '
import sys
for line in sys.stdin.buffer.read().decode("utf-8").splitlines():
    name = line.split()[0]
    print(name, len(line) - len(line.split(None, 2)[2]))'
