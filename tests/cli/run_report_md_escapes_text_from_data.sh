# Text that comes from data files (a name column's cells, join keys, factor levels, column
# names) is written into report.md as text: Markdown's markup characters are
# backslash-escaped, so no renderer of report.md (pandoc, a static site) turns a cell
# "<script>…</script>" into a script, and a '|' in a name does not split a table cell.
# report.html shows the same text, entity-escaped; `models --format md` escapes likewise.
cd "$TMP" || exit 9
cat > x.csv <<'CSV'
dep;nom;grp;x;y
01;Ain & Co | pipe;a;0;0.4
02;n1;a;1;4.5
03;n2;z<i>g</i>;2;4.1
04;<script>alert(1)</script>;z<i>g</i>;3;28.2
05;n4;a;4;8.8
06;n5;z<i>g</i>;5;11.3
07;n6;a;6;12.9
08;n7;z<i>g</i>;7;14.2
CSV
cat > x.study <<'STUDY'
[study]
title = Escapes

[table d]
from = x.csv

[fit f]
label = Escapes
data = d
model = y ~ x + factor(grp)
key = nom
STUDY
"$DS" run x.study -o o -q > /dev/null || exit
grep 'Most influential' o/report.md
grep 'factor(grp)' o/report.md | head -2
grep -c '<script>\|<i>' o/report.md
grep -c '<script>\|<i>g' o/report.html
grep -o '&lt;script&gt;alert(1)&lt;/script&gt;' o/report.html | head -1
"$DS" models o/results.json | grep 'factor'
