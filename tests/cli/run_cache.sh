# The aggregation cache: a second run reads it; changing an input (even keeping its size
# and mtime) or the query recomputes. Expected totals by awk over the same real lines.
cd "$TMP" || exit 3
mkdir data
cp "$FIXTURES/open-damir/A202501-head.csv" data/A202501.csv
cat >s.study <<'S'
[inputs]
files = data/A*.csv
[aggregate]
by = BEN_RES_REG
sum = PRS_PAI_MNT
as = regions
[output]
dir = out
S
want() { awk -F';' 'NR > 1 { s[$4] += $21 } END { for (r in s) printf "%s %.2f\n", r, s[r] }' data/A202501.csv | sort -n; }
got() { sed 1d out/.cache/aggregate.csv | awk -F, '{ printf "%s %.2f\n", $1, $2 }' | sort -n; }
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
