# results.json holds the aggregate, corr and moran objects the commands print for the same
# data and options (`aggregate`, `corr`, `fit --moran` with --format json), compared after
# jq -cS on both sides; the aggregate again on a second run, read back from the cache.
cd "$TMP" || exit 3
cp "$FIXTURES/open-damir/A202501-head.csv" A202501.csv
cat >s.study <<S
[inputs]
files = A2025*.csv

[aggregate]
by = BEN_RES_REG
sum = PRS_PAI_MNT
as = regions

[table pop]
from = $ROOT/external-data/departements.csv

[join d]
left = pop
right = $ROOT/external-data/medecins-departements.csv
on = dep

[corr density]
data = d
x = densite_generalistes
y = densite_specialistes
bootstrap = 200
seed = 7

[fit ols]
data = d
model = densite_specialistes ~ densite_generalistes
key = dep

[moran spatial]
fit = ols
permutations = 99
seed = 1

[output]
dir = out
S
"$DS" run s.study >/dev/null 2>&1 || exit 1
"$DS" join "$ROOT/external-data/departements.csv" "$ROOT/external-data/medecins-departements.csv" \
    --on dep 2>/dev/null >d.csv || exit 1
compare() {
    if [ ! -s "$2" ] || [ "$(head -c 10 "$2")" = null ]; then
        echo "$1: missing from results.json"
    elif cmp -s "$2" "$3"; then
        echo "$1: the same object ($(jq -r .schema "$2"))"
    else
        echo "$1: DIFFERS"
    fi
}
jq -cS .aggregate out/results.json >study_agg
"$DS" aggregate A202501.csv --by BEN_RES_REG --sum PRS_PAI_MNT --count --format json |
    jq -cS . >command_agg
compare aggregate study_agg command_agg
jq -cS '.correlations[0].corr' out/results.json >study_corr
"$DS" corr d.csv --x densite_generalistes --y densite_specialistes --method all \
    --bootstrap 200 --seed 7 --format json | jq -cS . >command_corr
compare corr study_corr command_corr
jq -cS '.moran[0].moran' out/results.json >study_moran
"$DS" fit d.csv --model 'densite_specialistes ~ densite_generalistes' --key dep --moran \
    --permutations 99 --format json 2>/dev/null | jq -cS .moran >command_moran
compare moran study_moran command_moran
"$DS" run s.study 2>/dev/null | grep aggregation
jq -cS .aggregate out/results.json >study_agg
compare "aggregate from the cache" study_agg command_agg
