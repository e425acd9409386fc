# Operators of C, R, SQL and spreadsheets in --where are named with this language's
# spelling (status 2, caret under them); '!=' is the grammar's "differs from" and works.
cd "$TMP" || exit 9
cp "$FIXTURES/open-damir/A202501-head.csv" A.csv
for w in 'PRS_NAT == 1976' 'PRS_NAT = 1976 && BEN_RES_REG = 11' 'PRS_NAT = 1976 || PRS_NAT = 1972' \
         'PRS_NAT <> 1976' '!(PRS_NAT = 1976)' 'PRS_NAT =< 1976' 'PRS_NAT = 1976 & BEN_SEX_COD = 2'; do
    "$DS" aggregate A.csv --where "$w" --count; echo "status $?"
done
# the same filters as written here: 32 rows, of which 1976 (a GP visit, G/GS) is on 5
"$DS" aggregate A.csv --where 'PRS_NAT != 1976' --count
"$DS" aggregate A.csv --where 'not PRS_NAT = 1976' --count
awk -F';' 'NR > 1 && $40 != 1976' A.csv | wc -l
