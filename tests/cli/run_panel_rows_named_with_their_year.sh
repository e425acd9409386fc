# In a panel the rows are department-years, not departments: a fit's `key = dep annee`
# names each influential row with its year ("Gers (32, 2013)"; the key alone listed Gers
# twice), and the report counts rows and areas apart ("202 rows of 101 departments", not
# "202 departments"). Cook's distances from R 4.2.2 (x as in
# tests/cli/run_density_panel_matches_r.sh):
#   m <- lm(v ~ dens + factor(dep) + factor(annee), x); cd <- cooks.distance(m)
#   largest: 32 2014 0.1552071, 32 2013 0.1552071, 971 2014 0.0929353, 971 2013 0.0929353,
#   12 2013 0.0766893
cd "$ROOT" || exit 3
"$DS" run -q studies/density-visits-panel.study -o "$TMP/p" >/dev/null || exit
sed -n '/^### Department and year fixed effects, 2013–2014, CR1/,/^### /p' "$TMP/p/report.md" |
    grep '^Most influential'
grep -o 'across the [0-9]* rows of [0-9]* departments (SD [0-9.]*)' "$TMP/p/report.md"
grep -o 'over the [0-9]* rows of [0-9]* departments it used' "$TMP/p/report.md"
grep '^| GP visits per affiliate, January to September (`visits_jan_sep`) | 202 |' \
    "$TMP/p/report.md" | cut -d'|' -f2-4
# A key that is no column of the fit's data is refused with its line (it named rows "row 12").
printf '[table d]\nfrom = %s\n\n[fit f]\ndata = d\nmodel = acte_affilies ~ densite_medecins\nkey = codpe\n' \
    "$ROOT/external-data/hackathon-2013/damir2013_2.csv" > "$TMP/k.study"
{ "$DS" run "$TMP/k.study" -o "$TMP/k" 2>&1; echo "exit $?"; } | sed "s|$TMP|TMP|; s|$ROOT|ROOT|"
sed -i 's/^key = .*/key = codep annee trois/' "$TMP/k.study"
{ "$DS" run "$TMP/k.study" -o "$TMP/k" 2>&1; echo "exit $?"; } | sed "s|$TMP|TMP|; s|$ROOT|ROOT|"
