# --lang fr: gnuplot's decimal comma, French key text; and the labels: with --label-top 3
# the three largest Cook's distances, from R's cooks.distance(lm(y ~ x)): Mayotte 1.443,
# Paris 1.350, Nord 0.253 (next: Bouches-du-Rhône 0.0385). Names come from the nom column.
"$DS" plot scatter ../fixtures/plot/small.csv --x x --y y --fit --lang fr --label-top 3 \
    -o "$TMP/s.png" --script "$TMP/c.gp" || exit
grep -c "^set decimalsign ','" "$TMP/c.gp"
grep -o "title 'y = [^']*'\|title 'R² [^']*'\|title 'bande [^']*'" "$TMP/c.gp"
grep "^set label" "$TMP/c.gp" | grep -o "^set label '[^']*'" | sort
# Department codes as labels are shown as names (geo).
"$DS" plot scatter ../fixtures/plot/small.csv --x x --y y --label dep --label-top 2 \
    -o "$TMP/s.png" --script "$TMP/d.gp" || exit
grep "^set label" "$TMP/d.gp" | grep -o "^set label '[^']*'" | sort
