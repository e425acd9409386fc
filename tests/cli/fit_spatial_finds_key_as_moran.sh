# fit --lm-tests (and --spatial, --se conley) find the department column as --moran does (the
# first column when it holds text), where they asked for --key; the tests are the same bytes
# as with --key codep (their values are checked against spdep in tests/test_spatial.c:
# LMerr 84.3959, LMlag 88.0455). Data without such a column still need --key (exit 2).
cd "$TMP" || exit 9
"$DS" join "$ROOT/external-data/hackathon-2013/damir2013_2.csv" "$ROOT/external-data/departements.csv" \
    --on codep=dep -q -o d.csv
"$DS" fit d.csv --model 'acte_affilies ~ densite_medecins' --lm-tests >found.txt
echo "found: exit $?"
"$DS" fit d.csv --model 'acte_affilies ~ densite_medecins' --lm-tests --key codep >given.txt
cmp found.txt given.txt && echo "same as --key codep"
grep -E '^  LM(err|lag) ' found.txt
printf 'x,y\n1,2\n2,3.5\n3,3.9\n4,5.2\n' >n.csv
"$DS" fit n.csv --model 'y ~ x' --lm-tests
echo "no key column: exit $?"
