# Rows with no value of a figure's X or Y (or a slope's two ends) are not drawn, and plot now
# says how many on stderr once the figure is made (as ggplot2's "Removed 2 rows containing
# missing values"); before, they vanished without a word. Counted by hand: rows 02 (y NA)
# and 04 (x empty) of 6; in the slope file, row 03 (b empty).
cd "$TMP" || exit 9
printf 'k,x,y\n01,1,2\n02,2,NA\n03,3,5\n04,,6\n05,5,9\n06,6,11\n' >m.csv
"$DS" plot scatter m.csv --x x --y y -o s.svg
echo "scatter: exit $?"
printf 'k,a,b\n01,1,2\n02,2,3\n03,3,\n' >p.csv
"$DS" plot slope p.csv --from a --to b -o p.svg
echo "slope: exit $?"
"$DS" plot slope m.csv --from x --to x -o q.svg
echo "complete: exit $?"
# With --weight, a row whose weight is not positive is not drawn either (as the fit leaves it
# out): rows 02 (y NA), 03 (weight 0) and 04 (x empty) of 6.
printf 'k,x,y,w\n01,1,2,1\n02,2,NA,1\n03,3,5,0\n04,,6,1\n05,5,9,2\n06,6,11,1\n' >mw.csv
"$DS" plot scatter mw.csv --x x --y y --weight w -o w.svg
echo "weighted: exit $?"
