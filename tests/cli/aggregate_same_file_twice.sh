# One file named twice (directly or through a link) would count its rows twice: a usage
# error naming both, no output. merge refuses a partial named twice the same way.
cd "$TMP" || exit 9
F="$FIXTURES/open-damir/A202501-head.csv"
cp "$F" a.csv && ln -s a.csv b.csv || exit 9
"$DS" aggregate a.csv a.csv --by BEN_RES_REG --count -o out.csv; echo "status $?"
"$DS" aggregate a.csv b.csv --by BEN_RES_REG --count -o out.csv; echo "status $?"
"$DS" aggregate a.csv --by BEN_RES_REG --count --partial p.part || exit 9
"$DS" merge p.part p.part -o out.csv; echo "status $?"
test -e out.csv && echo "output left behind"
exit 0
