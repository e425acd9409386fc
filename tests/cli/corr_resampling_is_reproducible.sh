# The same seed gives the same bootstrap and permutation results; another seed does not.
a=$("$DS" corr ../fixtures/corr/nine.csv --x gp --y visits --bootstrap 500 --permutations 499 --seed 9 --format json) || exit
b=$("$DS" corr ../fixtures/corr/nine.csv --x gp --y visits --bootstrap 500 --permutations 499 --seed 9 --format json) || exit
c=$("$DS" corr ../fixtures/corr/nine.csv --x gp --y visits --bootstrap 500 --permutations 499 --seed 10 --format json) || exit
[ "$a" = "$b" ] && echo same
[ "$a" != "$c" ] && echo different
echo "$a" | grep -o '"replicates":500,"dropped":0' ; echo "$a" | grep -o '"permutations":499'
