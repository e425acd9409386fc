# 5 ring departments, x = 1..5: I = 0 and E[I] = -1/4 by hand
printf 'dep,x\n01,1\n02,2\n03,3\n04,4\n05,5\n' > "$TMP/d.csv"
"$DS" moran "$TMP/d.csv" --value x --neighbours ../fixtures/moran/ring5.csv --format json |
  sed 's/.*"moran_i":\([^,]*\),"expected":\([^,]*\),.*/\1 \2/'
