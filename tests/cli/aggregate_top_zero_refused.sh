# --top 0 is refused (exit 2), in aggregate and merge: SQL's LIMIT 0 prints no row, and
# reading 0 as "every group" (as before) gave the opposite of what was asked.
"$DS" aggregate "$FIXTURES/open-damir/A202501-head.csv" --by BEN_RES_REG --count --top 0
echo "aggregate: exit $?"
"$DS" merge --top 0 none.partial
echo "merge: exit $?"
