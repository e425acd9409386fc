# `run` tells what `fit` tells: rows dropped for a log out of its domain and an essentially
# perfect fit are warnings on stderr and in the report beside the model, as with the command.
# With -q they stay in the report (the same bytes) and stderr is empty.
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
"$DS" run s.study > /dev/null; echo "status $?"
grep -c '^\*\*Warning:\*\*' out/report.md
grep '^\*\*Warning:\*\*' out/report.md
mv out/report.md loud.md && rm -r out
"$DS" run s.study -q > /dev/null 2> quiet.err; echo "status $?"
cmp out/report.md loud.md && echo "-q: same report"
echo "stderr with -q: $(wc -c < quiet.err) bytes"
