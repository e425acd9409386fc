# A key column named BEN_RES_REG holds Open DAMIR regions, not departments (93 is PACA, not
# Seine-Saint-Denis; 5 stays 5); other code columns keep their leading zeros.
printf 'BEN_RES_REG,count\n5,3\n11,7\n93,2\n' > "$TMP/agg.csv"
printf 'reg,nom,code_insee\n11,Ile-de-France,011\n93,Provence-Alpes-Cote d Azur et Corse,093\n' > "$TMP/reg.csv"
"$DS" join "$TMP/agg.csv" "$TMP/reg.csv" --on BEN_RES_REG=reg --how left 2>&1 | sed "s|$TMP|TMP|"
# a small department table with one unknown-residence code still joins 1 to 01
printf 'dep,x\n01,1\n02,2\n2A,3\n' > "$TMP/l.csv"
printf 'code,val\n1,10\n2,20\n2A,30\n99,0\n' > "$TMP/r.csv"
"$DS" join "$TMP/l.csv" "$TMP/r.csv" --on dep=code 2>&1 | sed "s|$TMP|TMP|"
