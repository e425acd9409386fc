# Every figure kind — scatter with its key, residual panels, a department map, a region map,
# a slope chart with its names in a column —
# at 1200x800 and 2400x1600 (and a small 600x400): every text of the SVG, measured with the
# advance widths of the font file fontconfig resolves "sans" to (tests/fixtures/plot/
# svgtext.py, independent of damirstat's own estimate), lies inside the image, and no two
# texts overlap. Long title, long axis titles, a credit line and the generated-data mark make
# it hard; the map's legend title is long enough to have run over the Paris inset's caption.
check=../fixtures/plot/svgtext.py
d=$ROOT/external-data/hackathon-2013/damir2013_2.csv
ev=$ROOT/external-data/esperance-vie-regions-2023.csv

# The slope chart's table: 2010 and 2013 rates a department (Mayotte has no 2010 rate).
awk -F, 'BEGIN { print "dep,visits_2010,visits_2013" } NR > 1 && $3 == 2010 { a[$1] = $7 }
         NR > 1 && $3 == 2013 { b[$1] = $7 } END { for (k in a) print k "," a[k] "," b[k] }' \
    "$ROOT/external-data/panel-mg-departements.csv" > "$TMP/trend.csv"
for size in 1200x800 2400x1600 600x400; do
    "$DS" plot scatter "$d" --x densite_medecins --y acte_affilies --fit --label codep \
        --size $size -o "$TMP/s.svg" --source "CNAM Open DAMIR 2013; DREES RPPS" --generated --slope-per 100 \
        --title 'GP consultations and home visits per affiliate against GP density, 2013' \
        --xlabel 'GPs per 100,000 Régime général affiliates' \
        --ylabel 'GP visits (C + V) per affiliate' || exit
    echo "scatter $size: $(python3 $check "$TMP/s.svg")"
    "$DS" plot residuals "$d" --model 'acte_affilies ~ densite_medecins' --label codep \
        --size $size -o "$TMP/r.svg" --source "CNAM Open DAMIR 2013; DREES RPPS" --generated --title 'Residuals of the simple model' || exit
    echo "residuals $size: $(python3 $check "$TMP/r.svg")"
    "$DS" plot map "$d" --key codep --value pop_affiliee --size $size -o "$TMP/m.svg" --source "CNAM Open DAMIR 2013; DREES RPPS" --generated \
        --legend-title 'Affiliates of the Régime général on 1 January 2013 (persons)' \
        --title 'Affiliates by department' || exit
    echo "department map $size: $(python3 $check "$TMP/m.svg")"
    "$DS" plot map "$ev" --key reg --value esperance_vie_hommes --breaks jenks:4 \
        --size $size -o "$TMP/g.svg" --source "CNAM Open DAMIR 2013; DREES RPPS" --generated --lang fr --title 'Espérance de vie des hommes' \
        --legend-title 'Espérance de vie à la naissance, hommes, 2023 (années)' || exit
    echo "region map $size: $(python3 $check "$TMP/g.svg")"
    "$DS" plot slope "$TMP/trend.csv" --from visits_2010 --to visits_2013 --label dep \
        --from-label 2010 --to-label 2013 --size $size -o "$TMP/sl.svg" --generated \
        --source "CNAM, DAMIR R files 2010 and 2013; RNIAM protected population" \
        --title 'GP consultations and home visits per affiliate, 2010 and 2013, by department' \
        --ylabel 'GP visits (C + V) per affiliate' || exit
    echo "slope chart $size: $(python3 $check "$TMP/sl.svg")"
done
# Ticks in full, thousands grouped, never 1e+06 beside 500000: affiliates (up to 2.5 million)
# on the y axis, in English (comma) and French (U+202F, shown here as _).
ticks() {
    python3 -c 'import sys, xml.etree.ElementTree as ET
t = ["".join(e.itertext()).strip() for e in ET.parse(sys.argv[1]).iter("{http://www.w3.org/2000/svg}text")]
print(" | ".join(x.replace("\u202f", "_") for x in t if x and x[0].isdigit() and x[-1].isdigit()))' "$1"
}
for lang in en fr; do
    "$DS" plot scatter "$d" --x densite_medecins --y pop_affiliee --lang $lang -o "$TMP/t.svg" || exit
    echo "$lang: $(ticks "$TMP/t.svg")"
done
