# The words under a slope chart's two columns are centred on them but moved inward when long:
# as tick labels they were cut at the image's left edge ("…ée 2010 (avant la réforme)").
# Every text of the SVG inside the image and none overlapping another, measured with the
# font's own widths (tests/fixtures/plot/svgtext.py), at 1200x800 and 480x360.
check=../fixtures/plot/svgtext.py
awk -F, 'BEGIN { print "dep,visits_2010,visits_2013" } NR > 1 && $3 == 2010 { a[$1] = $7 }
         NR > 1 && $3 == 2013 { b[$1] = $7 } END { for (k in a) print k "," a[k] "," b[k] }' \
    "$ROOT/external-data/panel-mg-departements.csv" > "$TMP/trend.csv"
for size in 1200x800 480x360; do
    "$DS" plot slope "$TMP/trend.csv" --from visits_2010 --to visits_2013 --label dep \
        --from-label 'Année 2010 (avant la réforme)' --to-label 'Année 2013 (après la réforme)' \
        --lang fr --size $size -o "$TMP/sl.svg" || exit
    echo "slope chart $size: $(python3 $check "$TMP/sl.svg")"
    # both words are there, whole
    python3 -c 'import sys, xml.etree.ElementTree as ET
t = ["".join(e.itertext()).strip() for e in ET.parse(sys.argv[1]).iter("{http://www.w3.org/2000/svg}text")]
print([x for x in t if x.startswith("Année")])' "$TMP/sl.svg"
done
