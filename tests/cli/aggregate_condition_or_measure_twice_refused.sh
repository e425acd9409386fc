# --where, --having or --measure given twice is a usage error: the last one used to win, so
# the first condition (or measure) was dropped unsaid and the counts were those of another
# query. Without the fix, the first command printed 11,2 and 24,2 (the rows of
# PSE_SPE_SNDS = 1 alone; awk -F';' 'NR > 1 && $5 == 2024 && $3 == 1' d.csv counts 11: 1,
# 24: 2 for both conditions).
cd "$TMP" || exit 3
printf 'BEN_RES_REG;PRS_NAT;PSE_SPE_SNDS;PRS_ACT_QTE;SOI_ANN\n11;1111;1;2;2024\n11;1111;2;3;2024\n11;1110;1;1;2023\n24;1192;1;4;2024\n24;1111;1;-1;2024\n' >d.csv
"$DS" aggregate d.csv --by BEN_RES_REG --where 'SOI_ANN = 2024' --where 'PSE_SPE_SNDS = 1'
echo "exit $?"
"$DS" aggregate d.csv --by BEN_RES_REG --where 'SOI_ANN = 2024 and PSE_SPE_SNDS = 1'
echo "exit $?"
"$DS" aggregate d.csv --by BEN_RES_REG --measure gp-visits --measure out-of-pocket
echo "exit $?"
"$DS" aggregate d.csv --by BEN_RES_REG --count --having 'count > 1' --having 'count > 0'
echo "exit $?"
"$DS" aggregate d.csv --by BEN_RES_REG --count --partial d.part
"$DS" merge d.part --having 'count > 1' --having 'count > 0'
echo "exit $?"
