# nan, inf, a comma decimal and a third decimal are refused with FILE:LINE:COL; trailing
# zeros past the cent are fine (1.250 = 1.25).
cd "$TMP" || exit 9
for v in nan inf -inf 12,5 1.255 1e3 - .; do
    printf "A;B;C;\n1;1.250;x;\n2;%s;y;\n" "$v" > v.csv
    "$DS" aggregate v.csv --by A --sum B; echo "status $?"
done
printf "A;B;C;\n1;1.250;x;\n" > ok.csv
"$DS" aggregate ok.csv --sum B
