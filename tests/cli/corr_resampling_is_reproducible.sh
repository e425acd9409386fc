# The same seed gives the same bootstrap and permutation results; another seed does not.
a=$("$DS" corr ../fixtures/corr/nine.csv --x gp --y visits --bootstrap 500 --permutations 499 --seed 9 --format json) || exit
b=$("$DS" corr ../fixtures/corr/nine.csv --x gp --y visits --bootstrap 500 --permutations 499 --seed 9 --format json) || exit
c=$("$DS" corr ../fixtures/corr/nine.csv --x gp --y visits --bootstrap 500 --permutations 499 --seed 10 --format json) || exit
[ "$a" = "$b" ] && echo same
[ "$a" != "$c" ] && echo different
echo "$a" | grep -o "\"boot_bca_low\":-*0\.[0-9]" | cut -c1-15; echo "$a" | grep -c "\"p_permutation\":0\.[0-9]"
