# A gzip member whose CRC32 does not match its data is refused.
cd "$TMP" || exit 9
gzip -c "$FIXTURES/open-damir/A202501-head.csv" > bad.gz
size=$(wc -c < bad.gz)
# The CRC32 is the 8th to 5th last bytes of a member (RFC 1952); change its first byte.
printf "\125" | dd of=bad.gz bs=1 seek=$((size - 8)) conv=notrunc 2>/dev/null
"$DS" aggregate bad.gz --by BEN_RES_REG -o out.csv
st=$?; test -e out.csv && echo "output left behind"; exit $st
