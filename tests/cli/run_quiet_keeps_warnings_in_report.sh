# run -q: the warnings `run` prints (derive domain, essentially perfect fit) stay in the
# report but not on stderr; the report is the same bytes as without -q.
cd "$TMP" || exit 9
cat > t.csv <<'T'
dep,x,y,z
01,1,2.1,3
02,2,3.9,5
03,3,6.2,7
04,4,7.8,9
05,5,10.1,11
06,6,12.2,13
07,0,0.2,1
T
cat > s.study <<'S'
[table t]
from = t.csv
[derive]
lx = log(x)
[fit logx]
model = y ~ lx
key = dep
[fit exact]
model = z ~ x
key = dep
[output]
dir = out
S
"$DS" run s.study > /dev/null 2>&1 && mv out/report.md report-loud.md && rm -r out
"$DS" run s.study -q > /dev/null 2> quiet.err; echo "status $?"
echo "stderr with -q: $(wc -c < quiet.err) bytes"
cmp out/report.md report-loud.md && echo "same report"
grep -c '^\*\*Warning:\*\*' out/report.md
grep '^\*\*Warning:\*\*' out/report.md
