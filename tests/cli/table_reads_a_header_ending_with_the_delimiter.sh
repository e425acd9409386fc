# Open DAMIR lines end with ';' ("FLX_ANN_MOI;…;BEN_RES_REG;"), as do many exports: the
# trailing delimiter is an empty field, not a column. A sample of the real file read as a
# reference table used to stop at "empty column name (column 57)". Its 56 columns are read;
# a value after the last one is an error; the sums below are compared with awk's.
cd "$TMP" || exit 9
head -11 "$FIXTURES/open-damir/A202501-head.csv" > sample.csv
"$DS" table sample.csv | head -1
"$DS" derive sample.csv 'paid_minus_refunded = PRS_PAI_MNT - PRS_REM_MNT' -q -o d.csv || exit
awk -F, 'NR > 1 { s += $NF } END { printf "damirstat: %.2f\n", s }' d.csv
awk -F';' 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
    { gsub(",", ".", $c["PRS_PAI_MNT"]); gsub(",", ".", $c["PRS_REM_MNT"])
      s += $c["PRS_PAI_MNT"] - $c["PRS_REM_MNT"] } END { printf "awk:       %.2f\n", s }' sample.csv
printf 'a;b;\n1;2;\n3;4\n' > t.csv
"$DS" table t.csv --format json
printf 'a;b;\n1;2;\n3;4;5\n' > bad.csv
"$DS" table bad.csv; echo "exit $?"
