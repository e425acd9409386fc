# Gzip members whose header sets reserved flag bits are damaged (RFC 1952 2.3.1.2: a
# decompressor must refuse them), in the first member or a later one; a single byte after
# the last member is trailing garbage. gzip(1) refuses the first case too.
cd "$TMP" || exit 9
printf 'A;B;C;\n1;2;3;\n' | gzip -cn > ok.gz
printf 'A;B;C;\n' | gzip -cn > head.gz; printf '1;2;3;\n' | gzip -cn > rows.gz
# byte 4 of a member is FLG: 0x80 is reserved
{ head -c 3 ok.gz; printf '\200'; tail -c +5 ok.gz; } > flag-first.gz
{ cat head.gz; head -c 3 rows.gz; printf '\040'; tail -c +5 rows.gz; } > flag-second.gz
{ cat ok.gz; printf 'x'; } > one-byte-after.gz
"$DS" aggregate ok.gz --by A --sum B || exit 9
for f in flag-first flag-second one-byte-after; do "$DS" aggregate $f.gz --by A --sum B; echo "status $?"; done
