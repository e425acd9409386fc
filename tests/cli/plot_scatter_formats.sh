# Every format at the size asked: PNG IHDR = --size; SVG parses, one marker a point with
# both values (10 of the 11 rows; Haute-Vienne has no y; the key's sample is a circle
# object, not a marker); PDF one
# page of 12 x 8 in (1200x800 px at 100 px/in = 864 x 576 pt) whose text takes the share of
# the width it takes in the PNG: 16 pt at 96 dpi = 21.33 px of 1200, i.e. 15.36 pt of 864
# (pdfcairo's own default, half size, printed it at 10.24 pt).
check=../fixtures/plot/figcheck.py
"$DS" plot scatter ../fixtures/plot/small.csv --x x --y y --fit --size 640x480 -o "$TMP/s.png" || exit
python3 $check "$TMP/s.png"
"$DS" plot scatter ../fixtures/plot/small.csv --x x --y y --fit --size 800x600 -o "$TMP/s.svg" || exit
python3 $check "$TMP/s.svg"
"$DS" plot scatter ../fixtures/plot/small.csv --x x --y y --fit -o "$TMP/s.pdf" || exit
python3 $check "$TMP/s.pdf"
ls "$TMP"
