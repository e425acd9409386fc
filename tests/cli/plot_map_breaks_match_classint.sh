# Classed maps put every department in the class R's classInt does. The saved script lists
# the breaks (17 digits) and the count of each class, lowest first. R 4.2, classInt 0.4-9:
#   d <- read.csv("damir2013_2.csv", sep = ";", dec = ","); x <- d$acte_affilies
#   ci <- classIntervals(x, 5, style = "jenks"); print(ci$brks, digits = 17)
#   table(findCols(ci))
# jenks:    0.5867163103531110 0.5867163103531110 3.4389012519957300 4.0997985486344799
#           4.6808352759699501 5.6005417000069704; counts 1 12 44 31 13 (Mayotte alone)
# quantile: 0.5867163103531110 3.6462432656844399 3.8971307089347200 4.2226715112864603
#           4.5072741504029699 5.6005417000069704; counts 20 20 20 20 21
# fixed:3,3.5,4,4.5,5: classInt keeps the breaks and puts values beyond them in the end
# classes (14 34 32 21); damirstat widens the ends to the data's minimum and maximum so the
# legend tells the true ranges: [0.587, 3) 4, [3, 3.5) 10, then 34 32 as R, [4.5, 5) 13,
# [5, 5.60] 8 (R's 14 = 4 + 10 and 21 = 13 + 8: awk below counts them independently).
d=$ROOT/external-data/hackathon-2013/damir2013_2.csv
for b in jenks:5 quantile:5 fixed:3,3.5,4,4.5,5; do
    "$DS" plot map "$d" --key codep --value acte_affilies --breaks "$b" -o "$TMP/m.svg" \
        --script "$TMP/m.gp" || exit
    grep '^# ' "$TMP/m.gp" | awk '{ if ($2 == "classes") { printf "%s", $3; for (i = 5; i <= NF; i++) printf " %.15g", $i; print "" } else print }'
done
awk -F';' 'NR > 1 { gsub(/"/, "", $12); sub(/,/, ".", $12); v = $12 + 0
    c[v < 3 ? 0 : v < 3.5 ? 1 : v < 4 ? 2 : v < 4.5 ? 3 : v < 5 ? 4 : 5]++ }
    END { for (i = 0; i < 6; i++) printf "%s%d", i ? " " : "awk: ", c[i]; print "" }' "$d"
# The legend: a class a line, highest first, with its range and count.
python3 -c 'import re, sys; import xml.etree.ElementTree as ET
t = ["".join(e.itertext()).strip() for e in ET.parse(sys.argv[1]).iter("{http://www.w3.org/2000/svg}text")]
print("\n".join(x for x in t if "(" in x and "–" in x))' "$TMP/m.svg"
# Bad specs are usage errors.
"$DS" plot map "$d" --key codep --value acte_affilies --breaks jenks:1 -o "$TMP/x.png" 2>&1; echo "exit $?"
"$DS" plot map "$d" --key codep --value acte_affilies --breaks fixed:4,3 -o "$TMP/x.png" 2>&1; echo "exit $?"
"$DS" plot map "$d" --key codep --value acte_affilies --breaks natural:5 -o "$TMP/x.png" 2>&1; echo "exit $?"
