# An aggregate by BEN_RES_DPT carries 99 (unknown residence): the keys are still departments
# (1 joins 01) and 99 is listed as unmatched.
printf 'BEN_RES_DPT,n\n1,10\n3,1\n4,1\n5,1\n6,1\n7,1\n8,1\n9,1\n10,1\n2A,20\n99,5\n' > "$TMP/agg.csv"
"$DS" join "$TMP/agg.csv" ../fixtures/join/right.csv --on BEN_RES_DPT=code 2>&1 | sed "s|$TMP|TMP|"
