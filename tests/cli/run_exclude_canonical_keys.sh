# exclude = reads codes as joins do: in a department column "1" is 01 and "2a" is 2A, so both
# rows go (before, the raw text matched nothing, nothing was excluded, and the report said
# they were). A value that matches no row is an error naming it (exit 1). The fit's n and
# slope are checked with R on the rows left: lm(y ~ x, d[!d$codep %in% c("01", "2A"), ]).
cd "$TMP" || exit 9
cat >d.csv <<'T'
codep,x,y
01,1,2.0
02,2,2.9
03,3,4.2
2A,4,4.8
2B,5,6.1
04,6,7.2
05,7,7.9
T
printf '[table d]\nfrom = d.csv\n[fit f]\nmodel = y ~ x\nterm = x\nexclude = codep 1 2a\n[output]\ndir = out\n' >s.study
"$DS" run s.study >/dev/null
echo "exit $?"
grep -o '"n":[0-9][0-9]*' out/results.json | head -1
# R 4.2: print(coef(lm(y ~ x, data.frame(x = c(2, 3, 5, 6, 7),
#                                        y = c(2.9, 4.2, 6.1, 7.2, 7.9))))[2], digits = 17)
#        1.0011627906976743
grep -o '"slope": [0-9.]*' out/results.json | cut -c1-22
printf '[table d]\nfrom = d.csv\n[fit f]\nmodel = y ~ x\nexclude = codep 01 975\n[output]\ndir = out2\n' >t.study
"$DS" run t.study
echo "exit $?"
printf '[table d]\nfrom = d.csv\n[corr c]\nx = x\ny = y\nexclude = codep 2a\n[output]\ndir = out3\n' >u.study
"$DS" run u.study >/dev/null
echo "corr: exit $?, $(grep -o '"n":[0-9][0-9]*' out3/results.json | head -1)"
