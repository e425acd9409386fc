# The command-line contract of the count models: --family quasipoisson --offset 'log(pop)'
# adds "dispersion" to the fit object, --family negbin adds "theta"; a Poisson fit has a
# dispersion of 1 and no theta. Values: R 4.2.2, d <- read.csv2(".../damir2013_2.csv"),
# summary(glm(nb_actes ~ densite_medecins, quasipoisson, d, offset = log(pop_affiliee)))$dispersion
# = 65717.3721430947; glm.nb(nb_actes ~ densite_medecins + offset(log(pop_affiliee)), d)$theta
# = 28.0627294119655.
D="$ROOT/external-data/hackathon-2013/damir2013_2.csv"
for fam in poisson quasipoisson negbin; do
    "$DS" fit "$D" --model 'nb_actes ~ densite_medecins' --family "$fam" \
        --offset 'log(pop_affiliee)' --format json -q |
        jq -r '"\(.family): method \(.method), offset \(.offset), dispersion \(.dispersion | tostring | .[0:10]), theta \(.theta | tostring | .[0:10]), converged \(.converged)"'
done
