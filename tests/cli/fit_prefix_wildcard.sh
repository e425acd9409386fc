# `share_*` stands for every column starting with share_ (as in study files), outside
# parentheses only: I(a*b) written without spaces stays a product.
cd "$TMP" || exit 9
printf 'y,a,b,share_x,share_y\n1,1,2,0.1,0.5\n3,2,1,0.3,0.2\n2,3,5,0.2,0.9\n5,4,3,0.6,0.1\n4,5,4,0.4,0.4\n7,6,8,0.9,0.3\n6,7,6,0.5,0.8\n' > t.csv
"$DS" fit t.csv --model 'y ~ a + share_*' --format json > w.json || exit 9
"$DS" fit t.csv --model 'y ~ a + share_x + share_y' --format json > e.json || exit 9
cmp -s w.json e.json && echo "share_* = share_x + share_y"
"$DS" fit t.csv --model 'y ~ I(a*b)' --format json | jq -r '.coefficients[1].term'
"$DS" fit t.csv --model 'y ~ nope_*'; echo "status $?"
# A '*' followed by a name is R's crossing a + b + a:b, not a wildcard (lm(y ~ a*b) gives
# 2.0410, 0.4586, -0.5510, 0.1195).
"$DS" fit t.csv --model 'y ~ a*b' --format json | jq -r '[.coefficients[].term] | join(" ")'
echo "status $?"
