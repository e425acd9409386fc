# The models table of a study with 23 fits is readable: [report] table_fits chooses the
# columns (recorded in results.json, so `damirstat models` prints the report's table),
# `--fits` chooses others (names or column numbers, in the order given; `all`), and without
# either the first 6 are shown with a line saying so. Unknown names: the one meant.
cd "$ROOT" || exit 3
"$DS" run -q studies/density-visits-2013.study -o "$TMP/o" >/dev/null || exit
cols() { sed -n '1p' "$1" | tr '|' '\n' | grep -c '([0-9]*)'; }
heads() { sed -n '1p' "$1" | tr '|' '\n' | grep '([0-9]*)' | sed 's/^ *//; s/ *$//' | paste -sd';' -; }
jq -c '.table_fits' "$TMP/o/results.json"
sed -n '/^## The models side by side/,/^## /p' "$TMP/o/report.md" | grep '^|  | (1)' > "$TMP/rep.md"
echo "report: $(cols "$TMP/rep.md") columns: $(heads "$TMP/rep.md")"
"$DS" models "$TMP/o/results.json" > "$TMP/a.md" || exit
[ "$(heads "$TMP/a.md")" = "$(heads "$TMP/rep.md")" ] && echo "models: the report's $(cols "$TMP/a.md") columns"
"$DS" models "$TMP/o/results.json" --fits all > "$TMP/b.md" && echo "--fits all: $(cols "$TMP/b.md") columns"
tail -1 "$TMP/b.md"
"$DS" models "$TMP/o/results.json" --fits 'qp, 1,age_qp' > "$TMP/c.md" &&
    echo "--fits 'qp, 1,age_qp': $(heads "$TMP/c.md")" && tail -1 "$TMP/c.md"
# No choice recorded: the first 6, and the line under the table says how to choose.
jq '.table_fits = null' "$TMP/o/results.json" > "$TMP/none.json"
"$DS" models "$TMP/none.json" --format html > "$TMP/d.html" &&
    echo "no table_fits: $(grep -o '<th>([0-9]*)' "$TMP/d.html" | wc -l) columns" &&
    grep -o 'Columns: [^<]*' "$TMP/d.html"
{ "$DS" models "$TMP/none.json" --fits simple,ag_fe 2>&1; echo "exit $?"; } | sed "s|$TMP|TMP|"
{ "$DS" models "$TMP/none.json" --fits 24 2>&1; echo "exit $?"; } | sed "s|$TMP|TMP|"
{ "$DS" models "$TMP/none.json" --fits 'simple,,age' 2>&1; echo "exit $?"; } | sed "s|$TMP|TMP|"
# A name that is no fit of the study: refused with its line, before any work.
sed 's/^table_fits = .*/table_fits = simple, age_fe2/' studies/density-visits-2013.study > "$TMP/s.study"
{ "$DS" run "$TMP/s.study" -o "$TMP/s" 2>&1; echo "exit $?"; } | sed "s|$TMP|TMP|"
test -e "$TMP/s" && echo "output folder made" || echo "no output folder"
