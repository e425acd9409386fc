# results.json carries, for each [fit], the very object `damirstat fit --format json` prints
# for the same model, data and options: the study's analysis table (a [join] and a [derive])
# is rebuilt with `damirstat join` and `damirstat derive`, fitted by the command, and the two
# objects compared byte for byte (OLS weighted with HC3, bisquare at 90 %, classical OLS).
cd "$TMP" || exit 3
cat >s.study <<S
[table pop]
from = $ROOT/external-data/departements.csv

[join d]
left = pop
right = $ROOT/external-data/medecins-departements.csv
on = dep

[derive]
table = d
log_pop = log(population)

[fit wls_hc3]
data = d
model = densite_specialistes ~ densite_generalistes + log_pop
weight = population
se = hc3

[fit bisquare]
data = d
model = densite_specialistes ~ densite_generalistes + log_pop
method = bisquare
level = 0.9

[fit ols]
data = d
model = densite_specialistes ~ densite_generalistes
term = densite_generalistes

[output]
dir = out
S
"$DS" run s.study >/dev/null 2>&1 || exit 1
"$DS" join "$ROOT/external-data/departements.csv" "$ROOT/external-data/medecins-departements.csv" \
    --on dep 2>/dev/null >j.csv || exit 1
"$DS" derive j.csv 'log_pop = log(population)' >d.csv 2>/dev/null || exit 1
. "$ROOT/tests/cli/lib/same_fit.sh"
same wls_hc3 --model 'densite_specialistes ~ densite_generalistes + log_pop' --weight population \
    --se hc3
same bisquare --model 'densite_specialistes ~ densite_generalistes + log_pop' --method bisquare \
    --level 0.9
same ols --model 'densite_specialistes ~ densite_generalistes'
