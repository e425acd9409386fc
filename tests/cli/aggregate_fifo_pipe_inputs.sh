# Inputs that cannot seek are streamed: a FIFO (plain or gzip), /dev/stdin on a pipe and
# bash's <(...). Before, each failed with "cannot read: Illegal seek" (the gzip probe read
# the first bytes with pread).
cd "$TMP" || exit 9
printf 'A;B;\n1;10;\n2;32;\n1;0.5;\n' >f.csv
gzip -c f.csv >f.csv.gz
mkfifo fifo
timeout 10 sh -c 'cat f.csv >fifo' &
"$DS" aggregate fifo --by A --sum B
echo "fifo: exit $?"
wait
timeout 10 sh -c 'cat f.csv.gz >fifo' &
"$DS" aggregate fifo --sum B
echo "gzip through a fifo: exit $?"
wait
cat f.csv | "$DS" aggregate /dev/stdin --sum B
echo "/dev/stdin: exit $?"
bash -c '"$DS" aggregate <(cat f.csv.gz) --count'
echo "<(...): exit $?"
