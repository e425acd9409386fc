# A full disk is reported once, naming the output, not the input (exit 3).
cd "$ROOT"
"$DS" derive external-data/departements.csv 'z = population * 2' -o /dev/full; echo "exit $?"
"$DS" join tests/fixtures/join/left.csv tests/fixtures/join/right.csv --on dep=code -o /dev/full 2>&1 | grep -v 'without a match'
"$DS" fit external-data/hackathon-2013/damir2013_2.csv --model 'acte_affilies ~ densite_medecins' --residuals /dev/full 2>&1 | grep -v Cook
"$DS" join tests/fixtures/join/left.csv tests/fixtures/join/right.csv --on dep=code 2>&1 >/dev/full | grep -v 'without a match'
