# An SVG's points are the size of the key's sample, as in the PNG: gnuplot's svg terminal
# draws pt 7 at ps 1 with a radius of 4.5 px times its fontscale (4/3) and its linewidth,
# where pngcairo's is 3 px, so unscaled the SVG's points were 1.56 times the sample's radius
# at 1200x800 (7.8 against 5 px) and crowded their labels. Read from the SVG itself: the markers'
# scale (#gpPt6 is a circle of radius 1) against the key sample's polygon, half its width.
for size in 1200x800 480x360; do
    "$DS" plot scatter ../fixtures/plot/small.csv --x x --y y --fit --size $size \
        -o "$TMP/s.svg" || exit
    python3 -c 'import re, sys, xml.etree.ElementTree as ET
S = "{http://www.w3.org/2000/svg}"
root = ET.parse(sys.argv[1]).getroot()
marks = [float(re.search(r"scale\(([\d.]+)\)", u.get("transform")).group(1))
         for u in root.iter(S + "use") if u.get("transform") and "scale" in u.get("transform")]
key = [p for p in root.iter(S + "polygon") if "0, 114, 178" in p.get("fill", "")]
xs = [float(v.split(",")[0]) for v in key[0].get("points").split()]
ratio = max(marks) / ((max(xs) - min(xs)) / 2)
print("%s: %d markers, radius within 25 %% of the key sample: %s"
      % (sys.argv[2], len(marks), "yes" if 0.75 <= ratio <= 1.25 else "no (%.2f)" % ratio))' \
        "$TMP/s.svg" $size
done
