# studies/density-visits-panel.study's Table 2 against R 4.2.2 on the same files: GP acts of
# January to September by department and year (monthly table summed), per affiliate, beside
# RPPS density; one-year cross-sections, then department and year fixed effects with CR1 by
# department and by region (fixest's K = 3: the slope, the year, the department effect
# nested in the clusters), and the wild cluster bootstrap by region.
#   library(sandwich)
#   mo <- read.csv("external-data/actes-mg-departements-mois.csv", colClasses = c(dep = "character"))
#   a  <- aggregate(actes ~ dep + annee, subset(mo, mois <= 9), sum)
#   pp <- read.csv("external-data/population-protegee-departements.csv", colClasses = c(dep = "character"))
#   r  <- read.csv("external-data/rpps-generalistes-departements.csv", colClasses = c(dep = "character"))
#   dp <- read.csv("external-data/departements.csv", colClasses = c(dep = "character", reg_2016 = "character"))
#   x  <- merge(merge(merge(a, pp[, c("dep", "annee", "population_protegee")]), dp[, c("dep", "reg_2016")]),
#               r[, c("dep", "annee", "densite_generalistes_pour_100000_proteges")])
#   x$v <- x$actes / x$population_protegee; x$d <- x$densite_generalistes_pour_100000_proteges
#   pooled_YYYY: lm(v ~ d, subset(x, annee == YYYY)), confint, summary p
#   cr1: m <- lm(v ~ d + factor(annee) + factor(dep), dd); G clusters of column cl;
#        V <- vcovCL(m, cluster = dd[[cl]], type = "HC0", cadjust = FALSE) * G/(G-1) * (n-1)/(n-3)
#        t on G - 1 df; fe: cl = dep; fe_region: cl = reg_2016; fe_metro: nchar(dep) == 2
#   wild (restricted, Rademacher, Z = model.matrix(~ factor(annee) + factor(dep), x), clusters
#   reg_2016, B = 99999, set.seed(7), as in run_table2_matches_r.sh): p 0.2881529
# All values per +100 GPs per 100,000 affiliates.
cd "$ROOT" || exit 3
"$DS" run -q studies/density-visits-panel.study -o "$TMP/out" >/dev/null || exit 1
jq -r '.robustness[].rows[] | [.fit + (if .wild_bootstrap then ":wild" else "" end),
       .slope, .ci_low, .ci_high, .p, .n] | @tsv' "$TMP/out/results.json" >"$TMP/got"
cat >"$TMP/want" <<'R'
pooled_2013	0.73740457863113	0.461324210640516	1.01348494662175	7.03992173291765e-07	101	1e-9
pooled_2014	0.669147370267415	0.390866423681114	0.947428316853716	6.3213204239351e-06	101	1e-9
fe	0.294529754787025	-0.0596469380779935	0.648706447652043	0.102111248404241	202	1e-8
fe_region	0.294529754787025	-0.221238445237946	0.810297954811996	0.244781315882158	202	1e-8
fe_region:wild	0.294529754787025	-	-	0.2881529	202	mc
fe_metro	0.00857056803248783	-0.251580832982335	0.268721969047311	0.947990428210913	192	1e-7
R
awk -F'\t' '
    function rel(a, b) { d = a - b; if (d < 0) d = -d; m = b < 0 ? -b : b; return m > 0 ? d / m : d }
    NR == FNR { want[$1] = $0; next }
    {
        split(want[$1], w, "\t"); ok = w[1] != "" && $6 == w[6]
        if (w[7] == "mc") {
            se = sqrt(w[5] * (1 - w[5]) * (1 / 9999 + 1 / 99999))
            ok = ok && rel($2, w[2]) < 1e-8 && ($5 - w[5])^2 < (4 * se)^2 && $3 < $2 && $4 > $2
        } else
            for (k = 2; k <= 5 && ok; k++) ok = rel($k, w[k]) < w[7] + 0
        print (ok ? "ok  " : "FAIL") " " $1
        if (!ok) print "     got  " $0 "\n     want " want[$1]
    }' "$TMP/want" "$TMP/got"
