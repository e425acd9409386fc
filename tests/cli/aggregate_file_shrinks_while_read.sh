# A plain file cut short while it is read (it is mapped in memory, so touching the lost pages
# faults): exit 3, "FILE: changed while being read". Before, damirstat died of SIGBUS (exit
# 135). stdin, named first, holds the run: damirstat has planned big.csv (its size is
# known) once it reads stdin, which the writer knows when its 256 KiB have gone through the
# pipe; big.csv is then cut to two pages, and stdin closed.
cd "$TMP" || exit 9
awk 'BEGIN { print "A;B;"; for (i = 0; i < 200000; i++) print i % 7 ";" i ";" }' >big.csv
{
    printf 'A;B;\n'
    awk 'BEGIN { for (i = 0; i < 65536; i++) print "1;2;" }'
    truncate -s 8192 big.csv
} | "$DS" aggregate - big.csv --by A --sum B -j 1
echo "exit $?"
