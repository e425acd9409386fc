# The aggregation cache: a second run reads it; changing an input (even keeping its size
# and mtime) or the query recomputes. Expected totals by awk over the same real lines.
cd "$TMP" || exit 3
. "$ROOT/tests/cli/cache_lib.inc"
"$DS" run s.study | grep aggregation
[ "$(want)" = "$(got)" ] && echo "sums agree with awk"
"$DS" run s.study | grep aggregation
# Same size, same mtime, other bytes: the CRC-32 catches it.
m=$(stat -c %Y data/A202501.csv)
sed -i '2s/^202501;99;20;93;/202501;99;20;94;/' data/A202501.csv
touch -d "@$m" data/A202501.csv
"$DS" run s.study | grep aggregation
[ "$(want)" = "$(got)" ] && echo "sums agree with awk after the change"
"$DS" run s.study | grep aggregation
# A new file in the glob.
head -3 data/A202501.csv >data/A202502.csv
"$DS" run s.study | grep aggregation
# --no-cache recomputes.
"$DS" run s.study --no-cache | grep aggregation
# Another query over the same files.
sed -i 's/sum = PRS_PAI_MNT/sum = PRS_ACT_QTE/' s.study
"$DS" run s.study | grep aggregation
