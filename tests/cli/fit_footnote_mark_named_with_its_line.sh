# One footnote mark makes a column text: the message says which cell (file:line).
printf 'dep,y,x\n01,1,2\n02,2,3\n03,3,4*\n04,5,5\n' > "$TMP/s.csv"
"$DS" fit "$TMP/s.csv" --model 'y ~ x' 2>&1 | sed "s|$TMP|TMP|"
