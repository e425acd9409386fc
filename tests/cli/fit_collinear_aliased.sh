# R 4.2.2: lm(y ~ a + b + c) with c = a + b gives c NA ("1 not defined because of
# singularities"), estimates 2.095, 0.995, -0.005 with SEs 0.131034, 0.059749, 0.059749.
# R: which(cooks.distance(m) > 4/8) is row 7.
printf 'y,a,b,c\n3.1,1,2,3\n4.0,2,1,3\n5.2,3,4,7\n5.9,4,3,7\n7.1,5,6,11\n8.2,6,5,11\n8.8,7,8,15\n10.1,8,7,15\n' > "$TMP/dc.csv"
"$DS" fit "$TMP/dc.csv" --model 'y ~ a + b + c' --format tsv | cut -f 1-3 | awk -F'\t' '
  NR == 1 { print; next }
  { printf "%s\t%s\t%s\n", $1, ($2 == "NA" ? "NA" : sprintf("%.6g", $2)), ($3 == "NA" ? "NA" : sprintf("%.6g", $3)) }'
