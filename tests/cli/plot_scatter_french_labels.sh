# --lang fr: gnuplot's decimal comma, French key text (a minus sign U+2212, the CI of
# the slope from confint: -0.006512202082 0.02436402146); and the labels: with --label-top 3
# the three largest Cook's distances, from R's cooks.distance(lm(y ~ x)): Mayotte 1.443,
# Paris 1.350, Nord 0.253 (next: Bouches-du-Rhône 0.0385). Names come from the nom column.
"$DS" plot scatter ../fixtures/plot/small.csv --x x --y y --fit --lang fr --label-top 3 \
    -o "$TMP/s.png" --script "$TMP/c.gp" || exit
grep -c "^set decimalsign ','" "$TMP/c.gp"
grep -o "set label '\(Droite\|IC à\|bande\)[^']*'" "$TMP/c.gp"
grep "^set label '[^']*' at [-0-9.e]*,[-0-9.e]* " "$TMP/c.gp" | grep -o "^set label '[^']*'" | sort
# Department codes as labels are shown as names (geo).
"$DS" plot scatter ../fixtures/plot/small.csv --x x --y y --label dep --label-top 2 \
    -o "$TMP/s.png" --script "$TMP/d.gp" || exit
grep "^set label '[^']*' at [-0-9.e]*,[-0-9.e]* " "$TMP/d.gp" | grep -o "^set label '[^']*'" | sort
