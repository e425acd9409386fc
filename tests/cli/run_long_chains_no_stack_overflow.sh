# 200,000-term chains in a study file are evaluated in loops, not recursions as deep as the
# chain (each of these overflowed the stack, exit 139): a derive sum (z = x + x + ...: z is
# 200,000 x, so z ~ x has intercept 0 and slope 200,000, as R's lm(I(200000 * x) ~ x)), a
# term I(x + x + ...) (z ~ that term: 0 and 1), --where chains of 'and' and of 'or' (the sum
# is of the rows they keep, by hand: A = 1 keeps 10 of 10 and 32). Deep nesting (200,000
# parentheses or 'not') and a formula of 200,000 terms are errors, quickly.
cd "$TMP" || exit 9
printf 'dep,x\n01,1\n02,2\n03,3\n04,5\n' >a.csv
mkdir data
printf 'A;B;\n1;10;\n2;32;\n' >data/A1.csv
chain() { # N WORD OP: WORD OP WORD OP ... (N words)
    awk -v n="$1" -v w="$2" -v op="$3" 'BEGIN { printf "%s", w; for (i = 1; i < n; i++) printf " %s %s", op, w; print "" }'
}
{ printf '[table a]\nfrom = a.csv\n[derive]\nz = '; chain 200000 x +
  printf '[fit f]\nmodel = z ~ x\nterm = x\n[fit g]\nmodel = z ~ I('; chain 200000 x + | tr -d '\n'
  printf ')\n[output]\ndir = out\n'; } >d.study
"$DS" run d.study >/dev/null
echo "derive and I(): exit $?, estimates $(grep -o '"estimate":[-0-9.e+]*' out/results.json | cut -d: -f2 | tr '\n' ' ')"
for op in and or; do
    { printf '[inputs]\nfiles = data/A1.csv\n[aggregate]\nsum = B\nwhere = '; chain 200000 "A = 1" $op
      printf '[output]\ndir = out-%s\n' $op; } >w-$op.study
    "$DS" run w-$op.study >/dev/null
    echo "where, $op: exit $?, $(tail -1 out-$op/.cache/aggregate.csv)"
done
{ printf '[table a]\nfrom = a.csv\n[derive]\nz = '; awk 'BEGIN { for (i = 0; i < 200000; i++) printf "("; printf "x"; for (i = 0; i < 200000; i++) printf ")"; print "" }'
  printf '[output]\ndir = out-p\n'; } >p.study
"$DS" run p.study 2>&1 | head -1
{ printf '[inputs]\nfiles = data/A1.csv\n[aggregate]\nsum = B\nwhere = '; awk 'BEGIN { for (i = 0; i < 200000; i++) printf "not "; print "A = 1" }'
  printf '[output]\ndir = out-n\n'; } >n.study
"$DS" run n.study 2>&1 | head -1
{ printf '[table a]\nfrom = a.csv\n[fit f]\nmodel = x ~ '; awk 'BEGIN { printf "t0"; for (i = 1; i < 200000; i++) printf " + t%d", i; print "" }'
  printf '[output]\ndir = out-t\n'; } >t.study
"$DS" run t.study 2>&1 | head -1
