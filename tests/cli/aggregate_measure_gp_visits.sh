# --measure gp-visits is the GP consultations and visits of the CNAM code list: each of its
# PRS_NAT codes is labelled "MEDECINE GENERALE" or "COTEE C"/"COTEE V" in the list, and the
# specialists' CS and VS (1112, 1212) are not among them. On generated files it finds the
# planted totals of the truth manifest, and prints the bytes of the --where and --sum it
# expands to (with the user's --where joined by 'and').
. ./gen_lib.inc
cd "$TMP" || exit 9
"$DS" aggregate --measure list > list || exit 9
grep -A3 '^gp-visits$' list
codes=$(sed -n "/^gp-visits$/,/^[a-z]/s/.*PRS_NAT in (\([0-9,]*\)).*/\1/p" list | tr , ' ')
for c in $codes; do
    grep "^$c," "$FIXTURES/open-damir/prs_nat_gp_subset.csv"
done
for c in 1112 1212; do
    case " $codes " in *" $c "*) echo "specialist code $c in gp-visits";; esac
done
"$DS" gen --seed 21 --rows 12000 --geo dept -o d --truth t.json $TABLES > /dev/null || exit 9
"$DS" aggregate --measure gp-visits --by BEN_RES_DPT --count d/A*.csv > m.csv || exit 9
awk -F, 'NR > 1 { a = $2; sub(/\.00$/, "", a); print $1, a, $3 }' m.csv | sort > got
truth_totals t.json | awk '{ print $1, $2, $4 }' > want
cmp got want && echo "gp-visits: the planted totals"
W="PRS_NAT in (1109,1110,1111,1209,1210,1211) and PSE_SPE_SNDS = 1"
"$DS" aggregate --where "$W" --sum PRS_ACT_QTE --by BEN_RES_DPT --count d/A*.csv | cmp - m.csv &&
    echo "the same bytes as its --where and --sum"
"$DS" aggregate --measure gp-spending --where "BEN_RES_DPT = '75'" --by BEN_RES_DPT d/A*.csv
"$DS" aggregate --where "($W) and (BEN_RES_DPT = '75')" --sum PRS_PAI_MNT,PRS_REM_MNT \
    --by BEN_RES_DPT d/A*.csv
