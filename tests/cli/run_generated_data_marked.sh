# Figures of a study over `damirstat gen` output carry a "Generated data" mark and the
# study's credit line, and the report's headline says the data are generated: the run knows
# from the truth manifest damirstat gen wrote beside the files (no planted slope asked
# for here). `generated = no` in [study] takes the mark off.
"$DS" gen --seed 7 --rows 20000 --months 202401-202401 --geo dept -o "$TMP/data" \
    --truth "$TMP/data/truth.json" > /dev/null 2>&1 || exit
study() { # GENERATED-LINE
    cat > "$TMP/s.study" <<STUDY
[study]
title = Generated test
source = Test source
$1
[inputs]
files = $TMP/data/A*.csv
[aggregate]
where = PRS_NAT in (1109,1110,1111,1209,1210,1211) and PSE_SPE_SNDS = 1
by = BEN_RES_DPT
sum = PRS_ACT_QTE
as = visits
[join d]
left = visits
right = $ROOT/external-data/medecins-departements.csv
on = BEN_RES_DPT
right_on = dep
[fit ols]
data = d
model = sum_PRS_ACT_QTE ~ densite_generalistes
term = densite_generalistes
key = BEN_RES_DPT
[plot scatter]
kind = scatter
data = d
x = densite_generalistes
y = sum_PRS_ACT_QTE
format = svg
[output]
dir = $TMP/out
STUDY
}
texts() {
    python3 -c 'import sys, xml.etree.ElementTree as ET
t = ["".join(e.itertext()).strip() for e in ET.parse(sys.argv[1]).iter("{http://www.w3.org/2000/svg}text")]
print("\n".join(x for x in t if "enerated" in x or "Source" in x))' "$1"
}
study ""
"$DS" run "$TMP/s.study" -q > /dev/null || exit
texts "$TMP/out/scatter.svg"
grep -o '^\*\*Headline[^*]*\*\*' "$TMP/out/report.md"
study "generated = no"
"$DS" run "$TMP/s.study" -q > /dev/null || exit
texts "$TMP/out/scatter.svg"
grep -o '^\*\*Headline[^*]*\*\*' "$TMP/out/report.md"
