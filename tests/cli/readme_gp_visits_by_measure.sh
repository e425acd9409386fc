# README's runnable blocks aggregate GP visits by the named measure (one definition, in
# measure.c), not by PRS_NAT codes spelled by hand, and its gp-visits.csv is the table of
# the codes the studies have always used.
cd "$TMP" || exit 9
awk '/^```sh$/ { inblock = 1; next } /^```/ { inblock = 0 } inblock' "$ROOT/README.md" > blocks.sh
grep -c -- '--measure gp-visits' blocks.sh
grep -c 'PRS_NAT in' blocks.sh
F="$ROOT/tests/fixtures/open-damir/A202501-head.csv"
"$DS" aggregate "$F" --by BEN_RES_REG --measure gp-visits --count -o m.csv
"$DS" aggregate "$F" --by BEN_RES_REG --count --sum PRS_ACT_QTE \
    --where 'PRS_NAT in (1109,1110,1111,1209,1210,1211) and PSE_SPE_SNDS = 1' -o hand.csv
cmp m.csv hand.csv && cat m.csv
