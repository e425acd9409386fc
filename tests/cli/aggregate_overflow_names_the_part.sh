# Positive and negative amounts are added apart (so that a total does not depend on the
# order of the rows), and the message names the part that left the range: here the
# positive amounts pass 92233720368547758.07 while the total (92233720368547758.07 + 1.00 -
# 1.00) is within it. Before, it said "the sum leaves the range". The range is symmetric:
# negative amounts adding to -92233720368547758.08 (INT64_MIN cents) are out of it too;
# before, that total printed with exit 0, beyond the range the messages give.
cd "$TMP" || exit 9
printf 'A;B;\n1;-1.00;\n1;92233720368547758.07;\n1;1.00;\n' >pos.csv
"$DS" aggregate pos.csv --sum B
echo "exit $?"
printf 'A;B;\n1;-92233720368547758.07;\n1;-0.01;\n' >neg.csv
"$DS" aggregate neg.csv --sum B
echo "exit $?"
printf 'A;B;\n1;-92233720368547758.07;\n1;0.01;\n' >fits.csv
"$DS" aggregate fits.csv --sum B
echo "exit $?"
