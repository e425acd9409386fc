# An empty field compared with a number is missing, as SQL's NULL: the comparison is not
# known, and a row is kept only when the whole --where is known true (not (A < 3) does not
# keep it either; or with a true side does). 'A is missing' and 'A is not missing' test for
# it; compared with a string, an empty field is the text ''. Before, an empty field was 0,
# so A < 3 and A != 1 kept it. Sums by hand from the three rows (A empty: 10, 1: 20, 5: 40).
cd "$TMP" || exit 9
printf 'A;B;\n;10;\n1;20;\n5;40;\n' >f.csv
for w in 'A < 3' 'not A < 3' 'A != 1' 'A in (0, 1)' 'A between -1 and 1' 'A < 3 or B = 10' \
         'A is missing' 'A is not missing' "A = ''" 'not (A is missing or A > 4)'; do
    printf '%-30s %s\n' "$w" "$("$DS" aggregate f.csv --sum B --count --where "$w" | tail -1)"
done
"$DS" aggregate f.csv --count --where 'A is empty'
echo "exit $?"
