# A column named in --by, --sum or --where that the file lacks: exit 1 naming both.
cd "$TMP" || exit 9
printf "A;B;C;\n1;2;3;\n" > u.csv
"$DS" aggregate u.csv --by Z; echo "status $?"
"$DS" aggregate u.csv --sum Y; echo "status $?"
"$DS" aggregate u.csv --where "A = 1 or X in (1, 2)"; echo "status $?"
"$DS" aggregate u.csv --where "C = 3"; echo "status $?"
# On a real Open DAMIR header (56 columns): a typo gets the column meant and the six closest;
# a department, which Open DAMIR files do not have, gets where department data are.
cp "$FIXTURES/open-damir/A202501-head.csv" A.csv
"$DS" aggregate A.csv --sum PRS_ACT_QT; echo "status $?"
"$DS" aggregate A.csv --by ben_res_reg --count; echo "status $?"
"$DS" aggregate A.csv --by BEN_RES_DPT --count; echo "status $?"
