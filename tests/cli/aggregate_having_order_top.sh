# --having, --order and --top choose the printed groups: checked against awk's groups of
# the real Open DAMIR lines filtered, sorted and cut by sort and head; a mean compares
# exactly (137.388 is not 137.39); merge prints the same from partials; a partial keeps
# every group. A wrong --order column is a usage error before any file is read.
cd "$TMP" || exit 9
F="$FIXTURES/open-damir/A202501-head.csv"
awk -v key=BEN_RES_REG -f "$OLDPWD/measures_ref.awk" "$F" > ref
# key,oop,mean,minr,maxp,gp,n: groups of 3 rows or more with a mean over 15, largest
# out-of-pocket first, the first 3
awk -F, '$7 >= 3 && $3 > 15 { print $1 "," $2 "," $3 "," $7 }' ref | sort -t, -k2,2gr | head -3 > want
Q="--by BEN_RES_REG --sum PRS_PAI_MNT-PRS_REM_MNT --mean PRS_PAI_MNT --count"
"$DS" aggregate nosuch.csv $Q --having 'count >= 3 and mean_PRS_PAI_MNT > 15' \
    --order 'oop' --top 3 2>&1; echo "status $?"
"$DS" aggregate "$F" --by BEN_RES_REG --sum 'PRS_PAI_MNT - PRS_REM_MNT as oop' \
    --mean PRS_PAI_MNT --count --having 'count >= 3 and mean_PRS_PAI_MNT > 15' --order oop \
    --top 3 > got || exit 9
tail -n +2 got | cmp - want && echo "having, order, top: as awk, sort and head"
"$DS" aggregate "$F" $Q --having 'mean_PRS_PAI_MNT = 137.39 or mean_PRS_PAI_MNT = 12.76'
"$DS" aggregate "$F" $Q --having "BEN_RES_REG in ('11', '32')" --order 'count asc'
"$DS" aggregate "$F" $Q --partial all.part --having 'count > 100' -o none.csv || exit 9
cat none.csv
"$DS" merge all.part --having 'count >= 3 and mean_PRS_PAI_MNT > 15' \
    --order 'sum_PRS_PAI_MNT-PRS_REM_MNT' --top 3 | tail -n +2 | cmp - want &&
    echo "merge: the same groups"
"$DS" merge all.part | tail -n +2 | wc -l
