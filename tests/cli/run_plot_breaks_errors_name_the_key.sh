# A bad breaks = in a study's [plot] names the study key at its line, not the command's
# --breaks option: a malformed spec and decreasing fixed breaks while the study is checked
# (before any work: no output folder), Jenks with more classes than values when it draws.
# The command keeps its own wording.
cd "$TMP" || exit 9
study() {
    printf '[table t]\nfrom = %s/external-data/departements.csv\n%s\n[plot m]\nkind = map\n' \
        "$ROOT" "$2"
    printf 'data = t\nvalue = population\nkey = dep\nbreaks = %s\n[output]\ndir = out\n' "$1"
}
study quantile:99 "" > a.study
study fixed:3,1 "" > b.study
study jenks:3 "keep = dep=01" > c.study
for s in a b c; do "$DS" run -q $s.study; echo "$s: exit $?"; done
[ -e out ] && echo "out/ left behind"
"$DS" plot map "$ROOT/external-data/departements.csv" --key dep --value population \
    --breaks quantile:99 -o m.png
echo "plot: exit $?"
