# The many-group query of the benchmark (department x PRS_NAT) on 120,000 generated rows over
# the 101 departments: the same bytes with -j1 and -j2 (the file cut into pieces) and with
# the files in another order, and every group's acts and rows as awk sums them.
set -e
cd "$ROOT"
"$DS" gen --seed 3 --rows 120000 --months 202401-202402 --geo dept -o "$TMP/d" > /dev/null
cd "$TMP"
Q="--by BEN_RES_DPT,PRS_NAT --sum PRS_ACT_QTE --count"
"$DS" aggregate -j1 $Q d/A202401.csv d/A202402.csv > j1.csv
DAMIRSTAT_PIECE_BYTES=200000 "$DS" aggregate -j2 $Q d/A202402.csv d/A202401.csv > j2.csv
cmp j1.csv j2.csv
awk -F';' 'FNR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
    { k = $c["BEN_RES_DPT"] "," $c["PRS_NAT"]; q[k] += $c["PRS_ACT_QTE"]; n[k]++ }
    END { for (k in n) printf "%s,%.2f,%d\n", k, q[k], n[k] }' d/A202401.csv d/A202402.csv |
    LC_ALL=C sort > want
tail -n +2 j1.csv | LC_ALL=C sort > got
cmp got want
groups=$(wc -l < want)
test "$groups" -gt 3000
echo "same bytes at -j1 and -j2; over 3000 groups, each as awk"
