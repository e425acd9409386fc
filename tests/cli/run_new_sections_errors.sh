# The [standardize], [screen] and [robustness] sections refuse what they cannot do, naming
# the study line: references checked before any step runs, the rest when the step runs.
cd "$TMP" || exit 3
printf 'dep,x,y,n,pop\n01,1,2,3,100\n02,2,1,5,120\n03,3,4,2,90\n04,4,3,7,150\n05,5,6,4,80\n' >t.csv
run() { "$DS" run -q s.study >/dev/null 2>err; echo "exit $?"; sed "s|$TMP/||g" err; }
printf '[table t]\nfrom = t.csv\n[fit f]\nmodel = y ~ x\nterm = x\n[robustness r]\nrows = f g\n[output]\ndir = o\n' >s.study
run
printf '[table t]\nfrom = t.csv\n[fit f]\nmodel = y ~ x\nterm = x\n[robustness r]\nrows = f:wild\n[output]\ndir = o\n' >s.study
run
printf '[table t]\nfrom = t.csv\n[fit f]\nmodel = n ~ x\nfamily = poisson\noffset = log(pop)\nterm = x\n[robustness r]\nrows = f\n[output]\ndir = o\n' >s.study
run
printf '[table t]\nfrom = t.csv\n[screen s]\ndata = u\nx = x\ny = y\n[output]\ndir = o\n' >s.study
run
printf '[table t]\nfrom = t.csv\n[screen s]\nx = x z\ny = y\nadjust = holm fdr2\n[output]\ndir = o\n' >s.study
run
printf '[standardize s]\nobserved = t.csv\npopulation = nope.csv\nunit = dep\nstrata = x\nvalue = n\n[output]\ndir = o\n' >s.study
run
printf '[standardize s]\nobserved = t.csv\npopulation = t.csv\nunit = dep\nstrata = x\nvalue = n\nkind = euros\n[output]\ndir = o\n' >s.study
run
