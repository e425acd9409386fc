# Two panels, one marker a used row in each (10 + 10, no key), in every format.
check=../fixtures/plot/figcheck.py
for ext in png svg pdf; do
    "$DS" plot residuals ../fixtures/plot/small.csv --model 'y ~ x' --size 1000x500 \
        -o "$TMP/r.$ext" || exit
    python3 $check "$TMP/r.$ext"
done
