# studies/regions-panel-real.study's Table 2 against R 4.2.2 on the same files: pooled OLS,
# year fixed effects with CR1 (fixest's K = 6: slope, intercept, 4 years; a region effect
# nested in the clusters counts 1) and CR2 by region, region + year effects, and the wild
# cluster bootstrap (13 clusters: all 8,192 sign vectors, so p and interval are exact).
#   library(sandwich); library(clubSandwich)
#   s <- read.csv("external-data/opendamir-depenses-regions.csv", colClasses = c(reg_open_damir = "character"))
#   l <- read.csv("external-data/licences-regions-open-damir.csv", colClasses = c(reg_open_damir = "character"))
#   x <- merge(s, l[, c("reg_open_damir", "annee", "licences_pour_100_hab")]); x <- subset(x, annee <= 2023)
#   standardised_rate (age, as [standardize age]): o, p the age tables; o without age 99, summed
#     by region x year x age; m <- merge(o, p, all.y = TRUE) (missing = 0); national rate by year
#     x age = sum o / sum p; expected = sum p x rate; rate = o / expected x national crude rate
#   CR1: m <- lm(f, x); vcovCL(m, cluster = ~reg_open_damir, type = "HC0", cadjust = FALSE)
#        * 13/12 * (n-1)/(n-6); t on 12 df
#   CR2: coef_test(m, vcov = vcovCR(m, cluster = x$reg_open_damir, type = "CR2"),
#                  test = "Satterthwaite"); interval b -/+ qt(.975, df_Satt) SE
#   two_way: lm(standardised_rate ~ licences_pour_100_hab + factor(annee) + factor(reg_open_damir))
#   wild (restricted, Rademacher, every v in {-1,1}^13; Z the other columns):
#     M <- diag(65) - Z %*% solve(crossprod(Z), t(Z)); xt <- M %*% lic; yt <- M %*% y
#     ts <- function(yv, b0) { b <- sum(xt*yv)/sum(xt^2); e <- yv - xt*b
#                              (b - b0) / sqrt(sum(tapply(xt*e, cl, sum)^2)) }
#     p(b0) = mean(|ts(b0 xt + M (u v_g), b0)| > |ts(yt, b0)| (1 + 1e-10)), u = yt - b0 xt
#     (as fwildclusterboot, the draws v = +-1 that tie with the sample do not count);
#     interval: where p(b0) crosses 0.05, by bisection (40 steps from the estimate, +-200).
cd "$ROOT" || exit 3
"$DS" run -q studies/regions-panel-real.study -o "$TMP/out" >/dev/null || exit 1
jq -r '.robustness[].rows[] | [.fit + (if .wild_bootstrap then ":wild" else "" end),
       .slope, .ci_low, .ci_high, .p, .n] | @tsv' "$TMP/out/results.json" >"$TMP/got"
cat >"$TMP/want" <<'R'
pooled	-26.9696292223986	-42.72342094193	-11.2158375028671	0.00110003616801539	65	1e-9
pooled_std	-46.0628222315075	-60.3677277966672	-31.7579166663477	1.90993897159746e-08	65	1e-9
year_fe	-31.0315444367051	-54.6185301361125	-7.4445587372978	0.0141818492317423	65	1e-9
year_fe:wild	-31.0315444367051	-83.6254602	41.7603248	0.1533203125	65	1e-6
year_fe_std	-56.7764529324045	-72.2771986796917	-41.2757071851173	3.85449065732206e-06	65	1e-9
year_fe_std_cr2	-56.7764529324045	-79.9384286837674	-33.6144771810417	0.00333020013838071	65	1e-8
year_fe_std:wild	-56.7764529324045	-67.19590976	-21.53633566	0.009521484375	65	1e-6
two_way	2.54641663397486	-13.7542497032414	18.8470829711911	0.73946635360361	65	1e-9
two_way:wild	2.54641663397486	-15.67285088	31.15437368	0.738037109375	65	1e-6
R
awk -F'\t' '
    function rel(a, b) { d = a - b; if (d < 0) d = -d; m = b < 0 ? -b : b; return m > 0 ? d / m : d }
    NR == FNR { want[$1] = $0; next }
    {
        split(want[$1], w, "\t"); ok = w[1] != "" && $6 == w[6]
        for (k = 2; k <= 5 && ok; k++) ok = rel($k, w[k]) < w[7] + 0
        print (ok ? "ok  " : "FAIL") " " $1
        if (!ok) print "     got  " $0 "\n     want " want[$1]
    }' "$TMP/want" "$TMP/got"
