# Bad data is exit 1 and leaves no figure: an empty table, no complete row, an unknown
# column, a text column, a fit on x that does not vary, a map key that is not a department
# (with its line), a department given twice, a map with no value.
cd "$TMP" || exit
printf 'dep,x,y\n' > empty.csv
printf 'dep,x,y\n01,1,NA\n02,NA,3\n' > holes.csv
printf 'dep,x,y\n01,1,2\n02,1,3\n03,1,5\n' > flat.csv
printf 'dep,y\n01,2\n99,3\n' > notdept.csv
printf 'dep,y\n01,2\n1,3\n' > twice.csv
printf 'dep,y,nom\n01,NA,Ain\n' > novalue.csv
ln -s "$FIXTURES/plot/small.csv" small.csv; S=small.csv
"$DS" plot scatter empty.csv --x x --y y -o out/f.png; echo "rc=$?"
"$DS" plot scatter holes.csv --x x --y y -o out/f.png; echo "rc=$?"
"$DS" plot scatter "$S" --x x --y nope -o out/f.png; echo "rc=$?"
"$DS" plot scatter "$S" --x nom --y y -o out/f.png; echo "rc=$?"
"$DS" plot scatter flat.csv --x x --y y --fit -o out/f.png; echo "rc=$?"
"$DS" plot map notdept.csv --value y -o out/f.png; echo "rc=$?"
"$DS" plot map twice.csv --value y -o out/f.png; echo "rc=$?"
"$DS" plot map novalue.csv --value y -o out/f.png; echo "rc=$?"
"$DS" plot residuals "$S" --model 'y ~ nope' -o out/f.png; echo "rc=$?"
ls out 2>/dev/null | wc -l
