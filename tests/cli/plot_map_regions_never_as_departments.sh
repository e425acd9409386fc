# Region keys are drawn as regions, never as the departments of the same numbers (11 Aude,
# 75 Paris…). Each case prints: the outline file's polygon count, the polygons the script
# fills, how many are grey (no data), and the inset captions.
count() { # script → "filled=N grey=N captions=…"
    filled=$(grep -c "\$map index [0-9]* using 1:2 with filledcurves" "$1")
    grey=$(grep "\$map index [0-9]* using 1:2 with filledcurves" "$1" | grep -ci "fc rgb '#BBBBBB'")
    caps=$(grep "^set label '[^']*' at [-0-9.]*,[-0-9.]* center front font" "$1" |
        sed "s/^set label '\([^']*\)'.*/\1/" | paste -sd/ -)
    echo "filled=$filled grey=$grey captions=$caps"
}
polys() { echo "outline $(basename "$1"): $(grep -c '^poly' "$1") polygons"; }
polys "$ROOT/external-data/regions-carte.txt"
polys "$ROOT/external-data/regions-open-damir-carte.txt"
polys "$ROOT/external-data/departements-carte.txt"
# 1. INSEE regions in a column named reg: the 18 regions, none grey.
ev=$ROOT/external-data/esperance-vie-regions-2023.csv
"$DS" plot map "$ev" --value esperance_vie_femmes -o "$TMP/a.png" --script "$TMP/a.gp" || exit
echo "reg: $(count "$TMP/a.gp")"
# 2. The same codes under a name that says nothing: refused (exit 2) until --level.
sed '1s/^reg,/code,/' "$ev" > "$TMP/code.csv"
{ "$DS" plot map "$TMP/code.csv" --value esperance_vie_femmes -o "$TMP/b.png" 2>&1
  echo "exit $?"; } | sed "s|$TMP|TMP|"
"$DS" plot map "$TMP/code.csv" --value esperance_vie_femmes --level region -o "$TMP/b.png" \
    --script "$TMP/b.gp" || exit
echo "code --level region: $(count "$TMP/b.gp")"
# --level department is the user's call: 18 departments coloured, 83 grey.
"$DS" plot map "$TMP/code.csv" --value esperance_vie_femmes --level department \
    -o "$TMP/c.png" --script "$TMP/c.gp" || exit
echo "code --level department: $(count "$TMP/c.gp" | sed 's/ captions=.*//')"
# 3. Real Open DAMIR lines by BEN_RES_REG (Open DAMIR's codes: 93 with Corsica, 5 overseas):
# the Open DAMIR outlines; regions without a sampled line grey and named in the legend.
"$DS" aggregate "$FIXTURES/open-damir/A202501-head.csv" --by BEN_RES_REG --sum PRS_PAI_MNT \
    --count -o "$TMP/reg.csv" || exit
"$DS" plot map "$TMP/reg.csv" --value sum_PRS_PAI_MNT -o "$TMP/d.svg" --script "$TMP/d.gp" || exit
echo "BEN_RES_REG: $(count "$TMP/d.gp")"
# Without Centre-Val de Loire (24), with 99 (unknown residence, no outline): 24 grey and
# named, 99 listed as not on the map.
awk -F, '$1 != 24' "$TMP/reg.csv" > "$TMP/reg2.csv" && echo "99,5.00,1" >> "$TMP/reg2.csv"
"$DS" plot map "$TMP/reg2.csv" --value sum_PRS_PAI_MNT -o "$TMP/f.png" --script "$TMP/f.gp" || exit
echo "BEN_RES_REG without 24, with 99: $(count "$TMP/f.gp" | sed 's/ captions=.*//')"
grep -o "set label '\(no data\|not on the map\)[^']*'" "$TMP/f.gp"
# A code that is no region of the scheme is an error naming its line.
printf 'reg,v\n11,1\n12,2\n' > "$TMP/bad.csv"
{ "$DS" plot map "$TMP/bad.csv" --value v -o "$TMP/e.png" 2>&1; echo "exit $?"; } | sed "s|$TMP|TMP|"
