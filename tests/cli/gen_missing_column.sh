# A doctors table without densite_generalistes is bad data naming the file and the column.
. ./gen_lib.inc
printf 'dep,nom,generalistes\n01,Ain,98\n' >"$TMP/med.csv"
"$DS" gen -o "$TMP/o" --departements "$F/departements.csv" --medecins "$TMP/med.csv" --activite "$F/activite-physique.csv" 2>"$TMP/err"
rc=$?
sed "s|$TMP|TMP|" "$TMP/err" >&2
exit $rc
