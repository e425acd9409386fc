# --partial and -o naming one file (as typed, or the same file reached another way) are a
# usage error before anything is read or written: the table would replace the partial. A
# partial written before is left as it was; two names work.
cd "$TMP" || exit 9
IN="$FIXTURES/open-damir/A202501-head.csv"
"$DS" aggregate "$IN" --by BEN_RES_REG --count --partial p -o t.csv; echo "two names: exit $?"
cp p p.before
mkdir sub
"$DS" aggregate "$IN" --by BEN_RES_REG --count --partial p -o p; echo "exit $?"
"$DS" aggregate "$IN" --by BEN_RES_REG --count --partial p -o sub/../p; echo "exit $?"
cmp -s p p.before && echo "the partial is unchanged"
"$DS" merge p --format csv | head -2
