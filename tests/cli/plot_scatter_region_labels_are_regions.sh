# Point labels from a region column name regions, never the departments of the same numbers
# (5 is not Hautes-Alpes, 93 not Seine-Saint-Denis, 76 not Seine-Maritime). The five points
# farthest from the centre are labelled; their names, as the script writes them, sorted.
labels() { grep " front font " "$1" | grep -v "^set label '\(Observations\|OLS\|95 %\)" |
    sed "s/^set label '\(\([^']\|''\)*\)' at.*/\1/; s/''/'/g" | grep -vx 'x\|y' | sort; }
printf 'reg_open_damir,x,y\n5,13,2600\n93,24,2610\n76,25,2330\n28,17.7,1945\n27,17.9,1895\n11,20,2000\n84,21,2010\n' \
    > "$TMP/od.csv"
"$DS" plot scatter "$TMP/od.csv" --x x --y y --label reg_open_damir --label-top 5 \
    -o "$TMP/a.png" --script "$TMP/a.gp" || exit
echo "reg_open_damir:"; labels "$TMP/a.gp"
# INSEE 2016 codes under reg: 93 is Provence-Alpes-Côte d'Azur, 94 Corse.
sed '1s/^reg_open_damir/reg/; s/^5,/94,/' "$TMP/od.csv" > "$TMP/r.csv"
"$DS" plot scatter "$TMP/r.csv" --x x --y y --label reg --label-top 5 -o "$TMP/b.png" \
    --script "$TMP/b.gp" || exit
echo "reg:"; labels "$TMP/b.gp"
# Department codes under dep keep their department names.
sed '1s/^reg_open_damir/dep/' "$TMP/od.csv" > "$TMP/d.csv"
"$DS" plot scatter "$TMP/d.csv" --x x --y y --label dep --label-top 5 -o "$TMP/c.png" \
    --script "$TMP/c.gp" || exit
echo "dep:"; labels "$TMP/c.gp"
