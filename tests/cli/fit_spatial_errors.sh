# Every way the spatial options can be refused, with its message and status (2 usage,
# 1 data), and the one warning: lambda at the end of its interval (y alternating on a ring
# of ten departments, where Wy = -y: the likelihood has no maximum inside the interval).
D="$ROOT/external-data/hackathon-2013/damir2013_2.csv"
M='acte_affilies ~ densite_medecins'
cd "$TMP" || exit 9
fit() { "$DS" fit "$@" >out 2>said; rc=$?; sed "s|$TMP/||g; s|$ROOT/||g" said; echo "exit $rc"; }
fit "$D" --model "$M" --spatial error # no --key: codep, the first column, is found
fit "$D" --model "$M" --key codep --spatial errors
fit "$D" --model "$M" --key codep --spatial lag --weights pop
fit "$D" --model "$M" --key codep --lm-tests --islands maybe
fit "$D" --model "$M" --key codep --spatial error --impacts-draws 100
fit "$D" --model "$M" --key codep --neighbours knn:0 --lm-tests
fit "$D" --model "$M" --key codep --se conley
fit "$D" --model "$M" --key codep --spatial error --weight pop_affiliee
fit "$D" --model "$M" --key codep --spatial lag --logdet dense
printf 'dep,voisin\n01,02\n02,01\n99,01\n' > unknown.csv
fit "$D" --model "$M" --key codep --spatial error --neighbours unknown.csv
printf 'dep,voisin\n01,02\n02,01\n02,03\n' > oneway.csv
fit "$D" --model "$M" --key codep --lm-tests --neighbours oneway.csv
printf 'dep,y,x\n971,1,2\n972,2,3\n973,4,1\n974,3,5\n976,5,4\n' > overseas.csv
fit overseas.csv --model 'y ~ x' --key dep --spatial error
fit "$D" --model "$M" --key codep --spatial error --neighbours knn:4 --logdet sparse
fit "$D" --model "$M" --key codep --spatial lag --weights B --impacts-draws 50
fit "$D" --model "$M" --key codep --se conley:200 --centroids "$FIXTURES/spatial/centroides-metro.csv"
# a ring of ten departments: 01-02-…-10-01
awk 'BEGIN { print "dep,voisin"; for (i = 1; i <= 10; i++) { j = i % 10 + 1
    printf "%02d,%02d\n%02d,%02d\n", i, j, j, i } }' > ring.csv
awk 'BEGIN { print "dep,y,x"; for (i = 1; i <= 10; i++)
    printf "%02d,%d,%d\n", i, (i % 2 ? 1 : -1), (i % 2 ? 3 : -3) }' > alt.csv
fit alt.csv --model 'y ~ 1' --key dep --spatial error --neighbours ring.csv --format json
jq -c '.spatial | [.at_bound, .lambda < -0.999, .interval[0] < -0.999]' out
awk 'BEGIN { print "dep,y,x"; for (i = 1; i <= 10; i++)
    printf "%02d,%d,%d\n", i, i * i % 7, (i % 2 ? 3 : -3) }' > alt2.csv
fit alt2.csv --model 'y ~ x' --key dep --spatial durbin --neighbours ring.csv
