# `damirstat models` sets the fits side by side with the numbers of their fit objects:
# every estimate and standard error of every model in the Markdown table is compared with
# the fit object's own value in results.json, formatted here by the test's own rule (three
# decimals from 0.1, else three significant digits); n and R² likewise. Then the members
# later kinds of fit add (cluster, fixed effects, family, dispersion, theta, spatial) make
# their rows; LaTeX and HTML hold the same cells.
F=../fixtures/models
"$DS" models $F/results-2013.json --fits all --omit 'share_*' -o "$TMP/t.md" || exit
python3 - "$F/results-2013.json" "$TMP/t.md" <<'PY'
import json, sys
def fmt(x):
    if x is None: return ""
    a = abs(x)
    return "%.3f" % x if a == 0 or 0.1 <= a < 1e4 else "%#.3g" % x
fits = json.load(open(sys.argv[1]))["fits"]
rows = [[c.strip() for c in l.strip().strip("|").split("|")] for l in open(sys.argv[2]) if l.startswith("|")]
byterm = {}
for i, r in enumerate(rows):
    if r[0] and i + 1 < len(rows) and rows[i + 1][0] == "":
        byterm[r[0].replace("\\", "")] = (r[1:], rows[i + 1][1:])
checked = bad = 0
for m, f in enumerate(fits):
    for c in f["fit"]["coefficients"]:
        t = c["term"]
        if t.startswith("share_"):
            continue
        est, se = byterm[t]
        checked += 1
        if est[m] != fmt(c["estimate"]) or se[m] != "(%s)" % fmt(c["std_error"]):
            bad += 1; print("differs:", f["name"], t, est[m], se[m], c["estimate"], c["std_error"])
row = {r[0]: r[1:] for r in rows}
for m, f in enumerate(fits):
    checked += 2
    if row["n"][m] != str(f["fit"]["n"]) or row["R²"][m] != fmt(f["fit"]["r_squared"]):
        bad += 1; print("differs:", f["name"], "n or R²")
print("%d cells checked against the fit objects, %d differ" % (checked, bad))
print("omitted:", " | ".join(row["share\\_\\*"]))
PY
"$DS" models $F/extended.json --stars | grep -v '^| (Intercept)\|^|  | (0.342)'
"$DS" models $F/extended.json --format tex | grep -c 'toprule\|midrule\|bottomrule'
"$DS" models $F/extended.json --format tex | grep 'lambda\|theta\|Clusters'
"$DS" models $F/extended.json --format html | python3 -c 'import sys, html.parser
class P(html.parser.HTMLParser):
    n = 0
    def handle_starttag(self, t, a): self.n += t == "tr"
p = P(); p.feed(sys.stdin.read()); print("html rows:", p.n)'
# Real fit objects of the kinds `fit` makes (tests/fixtures/models/SOURCE.md): fixed
# effects with clusters and a wild bootstrap, quasi-Poisson and negative binomial with an
# offset: their rows appear from their members, the numbers as above.
"$DS" models $F/real-kinds.json | grep -v '^|  |\|^|---'
python3 -c 'import json, sys; f = json.load(open(sys.argv[1]))
print("from the fit objects:", f[0]["cluster"]["groups"], f[1]["dispersion"], f[2]["theta"], f[0]["wild_bootstrap"]["p_value"])' $F/real-kinds.json
# Not a fit: exit 1 naming the file; not JSON: its line and column.
echo '{"schema": "damirstat.moran/1"}' > "$TMP/m.json"
{ "$DS" models "$TMP/m.json" 2>&1; echo "exit $?"; } | sed "s|$TMP|TMP|"
printf '{"fits": [\n  1,,\n' > "$TMP/bad.json"
{ "$DS" models "$TMP/bad.json" 2>&1; echo "exit $?"; } | sed "s|$TMP|TMP|"
