# Every section of a study is checked before any work: a bad value in the last section
# (a palette, a formula, an expression, a number, a name of a table or fit, a file) fails
# at its line with status 1 (3 for a file not found), before the aggregation, the fits and
# the output folder; a misspelt name gets the one meant.
cd "$TMP" || exit 9
mkdir data && cp "$FIXTURES/open-damir/A202501-head.csv" data/A202501.csv
printf 'reg\n5\n11\n24\n27\n28\n32\n44\n52\n53\n75\n76\n84\n93\n' > regions.csv
base='[inputs]\nfiles = data/A*.csv\n[aggregate]\nby = BEN_RES_REG\nsum = PRS_PAI_MNT\n[table regions]\nfrom = regions.csv\n[join d]\nleft = aggregate\nright = regions\non = BEN_RES_REG\nright_on = reg\nkey = text\n[derive]\nm = sum_PRS_PAI_MNT / count\n[fit f]\nmodel = m ~ count\nkey = BEN_RES_REG\n[output]\ndir = out\n'
try() {
    printf "$base$1" > s.study
    "$DS" run s.study > /dev/null
    echo "status $? $(ls -d out 2>/dev/null || echo 'no folder')"
}
try '[plot map]\nkind = map\nvalue = m\nkey = BEN_RES_REG\npalette = cividis\n'
try '[plot map]\nkind = mpa\nvalue = m\nkey = BEN_RES_REG\n'
try '[plot s]\nkind = scatter\nx = count\n'
try '[fit g]\nmodel = m ~ count +\n'
try '[fit g]\nmodel = m ~ count\nlevel = 95\n'
try '[fit g]\ndata = dd\nmodel = m ~ count\n'
try '[derive]\nz = m ** 2\n'
try '[moran r]\nfit = f\npermutations = many\n'
try '[moran r]\nfit = g\n'
try '[join e]\nleft = d\nright = nowhere.csv\non = BEN_RES_REG\n'
try '[report]\nheadline = f\n'
printf "$base" | sed 's/^sum = .*/sum = PRS_PAI_MNT\nwhere = PRS_NAT == 1111/' > s.study
"$DS" run s.study > /dev/null; echo "status $? $(ls -d out 2>/dev/null || echo 'no folder')"
# the same study without a mistake runs
printf "$base" > s.study
"$DS" run s.study > /dev/null; echo "status $? $(ls -d out 2>/dev/null || echo 'no folder')"
