# `damirstat models` on hand-edited fit objects: a member of the wrong type or missing
# coefficients is an error naming the fit and the member (exit 1), not a string shown as
# "aliased" or a table without its coefficients (exit 0). And a fit of 30,000 terms is set
# out in well under a second (sorting, not a search per term per model: it took 28 s).
cd "$TMP" || exit 9
F=$FIXTURES/models/real-kinds.json
python3 - "$F" <<'PY'
import json, sys
fits = json.load(open(sys.argv[1]))
def save(name, f): json.dump(f, open(name, "w"))
f = json.loads(json.dumps(fits[0])); del f["coefficients"]; save("nocoef.json", f)
f = json.loads(json.dumps(fits[0])); f["coefficients"] = "x"; save("strcoef.json", f)
f = json.loads(json.dumps(fits[0])); f["coefficients"][0]["estimate"] = "0.5"; save("strest.json", f)
f = json.loads(json.dumps(fits[0])); f["coefficients"][0]["term"] = 5; save("numterm.json", f)
f = json.loads(json.dumps(fits[1])); f["n"] = "101"; save("strn.json", [fits[0], f])
f = json.loads(json.dumps(fits[0]))
f["coefficients"] = [{"term": "t%d" % i, "estimate": i / 4, "std_error": 1.0, "p_value": 0.5}
                     for i in range(30000)]
save("wide.json", [f, fits[0]])
PY
for j in nocoef strcoef strest numterm strn; do "$DS" models $j.json; echo "exit $?"; done 2>&1 |
    sed "s|$TMP/||"
timeout 10 "$DS" models wide.json -o wide.md; echo "exit $?"
# the first model's 30,000 terms in their order, the second model's term beside its own
grep -c '^| t[0-9]' wide.md
grep '^| t0 \|^| t29999 \|^| densite' wide.md
