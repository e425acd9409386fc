# Two panels, one marker a used row in each (10 + 10, no key), in every format; the PDF's text
# as large a share of its 720 pt width as the PNG's of 1000 px: 10 pt at 96 dpi = 13.33 px,
# i.e. 9.6 pt.
check=../fixtures/plot/figcheck.py
for ext in png svg pdf; do
    "$DS" plot residuals ../fixtures/plot/small.csv --model 'y ~ x' --size 1000x500 \
        -o "$TMP/r.$ext" || exit
    python3 $check "$TMP/r.$ext"
done
