# Count models refuse what they cannot fit, each with its exit status (2 usage, 1 data) and
# a message that says what to do.
D="$ROOT/external-data/hackathon-2013/damir2013_2.csv"
try() {
    "$DS" fit "$@" -q >/dev/null 2>err
    echo "$? $(cat err)"
}
try "$D" --model 'nb_actes ~ densite_medecins' --offset 'log(pop_affiliee)'
try "$D" --model 'nb_actes ~ densite_medecins' --family binomial
try "$D" --model 'nb_actes ~ densite_medecins' --family poisson --offset 'log(pop_affiliee'
try "$D" --model 'nb_actes ~ densite_medecins' --family poisson --test 'share_*'
try "$D" --model 'nb_actes ~ densite_medecins' --family negbin --key codep --moran
try "$D" --model 'nb_actes ~ densite_medecins' --family poisson --method huber
# bad data: fractional counts for poisson, a zero exposure, no overdispersion for negbin
printf 'x,y,pop\n1,3,100\n2,5.5,150\n3,9,120\n4,12,160\n5,15,90\n' >frac.csv
try frac.csv --model 'y ~ x' --family poisson --offset 'log(pop)'
printf 'x,y,pop\n1,3,100\n2,5,0\n3,9,120\n4,12,160\n5,15,90\n' >zero.csv
try zero.csv --model 'y ~ x' --family quasipoisson --offset 'log(pop)'
printf 'x,y,pop\n0.5,5,100\n1.2,8,150\n0.3,4,90\n2.2,15,300\n1.7,11,220\n0.9,7,130\n1.4,9,170\n2.8,21,400\n' >under.csv
try under.csv --model 'y ~ x' --family negbin --offset 'log(pop)'
