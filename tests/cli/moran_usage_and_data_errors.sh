"$DS" moran ../fixtures/join/left.csv; echo "exit $?"
"$DS" moran ../fixtures/join/left.csv --value visits --format xml; echo "exit $?"
"$DS" moran ../fixtures/join/left.csv --value nope 2>&1; echo "exit $?"
"$DS" moran ../fixtures/join/left.csv --value visits --permutations -3; echo "exit $?"
