# A NUL byte anywhere in a bulk file is damage (issue 13 item 1): FILE:LINE:COL, exit 1,
# whether or not the query uses its field, in plain and gzip input, on stdin, with -j1 and
# -j2, and where a line is cut at the reader's 1 MiB block edge. Before, a NUL in an unused
# field passed: issue 13's example printed 40.00,2 (the line with the zeros merged away).
cd "$TMP" || exit 9
printf 'A;B;C;\n1;10;c\0\0\0\0\0\0\0\0;\n3;30;c;\n' > z.csv
"$DS" aggregate z.csv --sum B --count; echo "status $?"
gzip -c z.csv > z.csv.gz
"$DS" aggregate z.csv.gz --sum B --count; echo "status $?"
"$DS" aggregate - --sum B --count < z.csv; echo "status $?"
# a 4 KiB block of zeros between two lines, as a copy cut short by a crash leaves: the zeros
# start line 3, which the query's columns never reach
{ printf 'A;B;C;\n1;10;c;\n'; head -c 4096 /dev/zero; printf '3;30;c;\n'; } > block.csv
"$DS" aggregate block.csv --by A --sum B; echo "status $?"
# in the header
printf 'A;B\0;C;\n1;2;3;\n' > head.csv
"$DS" aggregate head.csv --count; echo "status $?"
# 13-byte lines after a 7-byte header: byte 1048576 (the first byte past the reader's
# 1 MiB block) is column 3 of data line 80660, file line 80661; plain (mapped, then cut into
# pieces for -j2), gzip and stdin (both through the 1 MiB blocks)
awk 'BEGIN { print "A;B;C;"; for (i = 1; i <= 90000; i++) printf "%07d;1;x;\n", i }' > edge.csv
printf '\0' | dd of=edge.csv bs=1 seek=1048576 conv=notrunc 2>/dev/null
"$DS" aggregate -j1 edge.csv --sum B; echo "status $?"
DAMIRSTAT_PIECE_BYTES=65536 "$DS" aggregate -j2 edge.csv --sum B; echo "status $?"
gzip -c edge.csv > edge.csv.gz
"$DS" aggregate -j2 edge.csv.gz --sum B; echo "status $?"
"$DS" aggregate - --sum B < edge.csv; echo "status $?"
# --skip-bad does not skip damage: the rows around it are lost, not bad
"$DS" aggregate --skip-bad z.csv --sum B --count; echo "status $?"
