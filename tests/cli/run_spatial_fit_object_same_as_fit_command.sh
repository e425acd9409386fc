# A study's spatial keys (spatial, lm_tests, neighbours, weights, islands, impacts_draws,
# se = conley:KM) give in results.json the very fit object `damirstat fit` prints with the
# same options (spatial and lm_tests members included), byte for byte; and report.md says
# which weights were used and what was left out.
cd "$TMP" || exit 3
D="$ROOT/external-data/hackathon-2013/damir2013_2.csv"
cat >s.study <<S
[table d]
from = $D

[fit error]
data = d
model = acte_affilies ~ densite_medecins
key = codep
term = densite_medecins
scale = 100
spatial = error
lm_tests = yes

[fit lag_b]
data = d
model = acte_affilies ~ densite_medecins
key = codep
spatial = lag
weights = B
islands = keep
neighbours = band:150

[fit durbin_draws]
data = d
model = acte_affilies ~ densite_medecins
key = codep
spatial = durbin
impacts_draws = 200
seed = 7

[fit conley]
data = d
model = acte_affilies ~ densite_medecins
key = codep
se = conley:200

[output]
dir = out
S
"$DS" run s.study >/dev/null 2>&1 || exit 1
fit_of() {
    awk -v name="\"name\": \"$1\"," 'index($0, name) { on = 1 }
        on && /^      "fit": / { sub(/^      "fit": /, ""); print; exit }' out/results.json
}
same() {
    name=$1
    shift
    fit_of "$name" >"study_$name.json"
    "$DS" fit "$D" --model 'acte_affilies ~ densite_medecins' --key codep "$@" --format json \
        -q >"command_$name.json" || exit 1
    if cmp -s "study_$name.json" "command_$name.json"; then
        echo "$name: the same object, $(jq -c '[.se_type, .spatial.model, .spatial.n,
            (.lm_tests | has("LMerr")), .spatial.impacts_draws]' "study_$name.json")"
    else
        echo "$name: DIFFERS"
    fi
}
same error --spatial error --lm-tests
same lag_b --spatial lag --weights B --islands keep --neighbours band:150
same durbin_draws --spatial durbin --impacts-draws 200 --seed 7
same conley --se conley:200
grep -c "^\*\*Spatial weights:\*\*" out/report.md
grep "^\*\*Spatial weights:\*\* shared" out/report.md | head -1
grep -c "Left out for want of a neighbour: 971, 972, 973, 974, 976" out/report.md
grep -o "departments without a neighbour kept with a zero spatial lag" out/report.md
grep -o "Conley's spatial HAC, Bartlett kernel up to 200 km" out/report.md
