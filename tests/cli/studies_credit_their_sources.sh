# Every shipped study names its sources in [study] source =, which its figures print as a
# credit line (the Licence Ouverte asks for attribution; three real-data studies had none,
# so their figures carried no source). Each figure of those three, drawn as SVG, shows it.
cd "$ROOT" || exit 3
for f in studies/*.study; do
    src=$(awk '/^\[/ { s = ($0 == "[study]") } s && /^source = / { print "yes"; exit }' "$f")
    echo "$(basename "$f"): source ${src:-MISSING}"
done
for s in density-visits-panel lifestyle-real regions-panel-real; do
    sed 's/^\(\[plot .*\]\)$/\1\nformat = svg/' studies/$s.study > "$TMP/$s.study"
    "$DS" run -q "$TMP/$s.study" -o "$TMP/$s" >/dev/null || exit
    n=$(ls "$TMP/$s"/*.svg | wc -l)
    with=$(grep -l 'Source: ' "$TMP/$s"/*.svg | wc -l)
    echo "$s: $with of $n figures credit their source"
done
