# [aggregate] measure = NAME means what aggregate --measure NAME means: measure = gp-visits
# aggregates the same table as the GP codes spelled by hand (where = … sum = PRS_ACT_QTE)
# and as the command; with where = its rows are narrowed further, and sum = adds columns
# after its own. An unknown measure names the one meant at its line; neither sum nor
# measure is an error.
cd "$TMP" || exit 9
"$DS" gen --seed 7 --rows 20000 --months 202401 --geo dept -o data > /dev/null 2>&1 || exit 9
study() {
    printf '[inputs]\nfiles = data/A*.csv\n[aggregate]\nby = BEN_RES_DPT\n%s\n' "$1"
    printf '[output]\ndir = out\n'
}
rows() { "$DS" run -q --no-cache "$1" > /dev/null && sed -n '/"aggregate": {/,/^  }/p' \
             out/results.json | sed -n '/"columns"/,$p'; }
study 'measure = gp-visits' > m.study
study 'where = PRS_NAT in (1109,1110,1111,1209,1210,1211) and PSE_SPE_SNDS = 1
sum = PRS_ACT_QTE' > hand.study
rows m.study > m.txt; rows hand.study > hand.txt
cmp -s m.txt hand.txt && echo "measure = gp-visits: the table of the codes spelled by hand"
grep -c '^      \["' m.txt
"$DS" aggregate data/A*.csv --by BEN_RES_DPT --measure gp-visits --count --format csv \
    | tail -n +2 | tr -d '"' > cmd.txt
sed -n 's/^      \["\([^"]*\)", \([^,]*\), \([0-9]*\)\].*/\1,\2,\3/p' m.txt > study.txt
cmp -s cmd.txt study.txt && echo "and the table of aggregate --measure gp-visits"
study "measure = gp-visits
where = BEN_RES_DPT = '75'
sum = PRS_PAI_MNT" > narrow.study
rows narrow.study | sed -n '1p;/^      \[/p'
"$DS" aggregate data/A*.csv --by BEN_RES_DPT --where "BEN_RES_DPT = '75'" --measure gp-visits \
    --sum PRS_PAI_MNT --count
study 'measure = gp-visit' > typo.study
"$DS" run -q typo.study; echo "exit $?"
study '' > none.study
"$DS" run -q none.study; echo "exit $?"
# the department 75 GP rows counted from the file itself, apart from damirstat
awk -F';' 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
    $c["BEN_RES_DPT"] == "75" && $c["PSE_SPE_SNDS"] == 1 &&
    $c["PRS_NAT"] ~ /^(1109|1110|1111|1209|1210|1211)$/ { s += $c["PRS_ACT_QTE"]; n++ }
    END { printf "awk: %d rows, %d acts\n", n, s }' data/A202401.csv
