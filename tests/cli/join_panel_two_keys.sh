# A panel joins on department and year: GP acts per affiliate 2013-2014 beside the RPPS
# density of the same year (2010-2012 have no RPPS row: the left rows are dropped and listed).
cd "$ROOT"
head -6 external-data/panel-mg-departements.csv | cut -d, -f1,3,7 >"$TMP/acts.csv"
grep -E '^(dep|01|02),' external-data/rpps-generalistes-departements.csv | cut -d, -f1,3,4 >"$TMP/rpps.csv"
"$DS" join "$TMP/acts.csv" "$TMP/rpps.csv" --on dep,annee 2>"$TMP/err"
echo "exit $?"
sed "s|$TMP/||g" "$TMP/err"
