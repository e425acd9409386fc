# A department code column holds 2A: comparing it with a number is an error that says to
# quote the value; quoted, it compares as text.
printf 'BEN_RES_DPT;PRS_ACT_QTE;\n75;2;\n2A;1;\n75;3;\n' > "$TMP/d.csv"
"$DS" aggregate "$TMP/d.csv" --where 'BEN_RES_DPT = 75' --count 2>&1 | sed "s|$TMP|TMP|"
"$DS" aggregate "$TMP/d.csv" --where "BEN_RES_DPT = '75'" --sum PRS_ACT_QTE --count
