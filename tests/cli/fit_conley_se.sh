# --se conley:KM on the 2013 table (101 departments, the shipped centroids): Conley's
# covariance written out in R 4.2.2 (haversine on the 6371.0088 km sphere):
#   d <- read.csv2("external-data/hackathon-2013/damir2013_2.csv", colClasses = c(codep = "character"))
#   cc <- read.csv("external-data/departements-centroides.csv", colClasses = c(dep = "character"))
#   cc <- cc[match(d$codep, cc$dep), ]
#   hav <- function(lon1, lat1, lon2, lat2) { r <- pi / 180
#     a <- sin((lat2 - lat1) * r / 2)^2 + cos(lat1 * r) * cos(lat2 * r) * sin((lon2 - lon1) * r / 2)^2
#     2 * 6371.0088 * asin(pmin(1, sqrt(a))) }
#   D <- outer(1:101, 1:101, function(i, j) hav(cc$lon[i], cc$lat[i], cc$lon[j], cc$lat[j]))
#   m <- lm(acte_affilies ~ densite_medecins, d); X <- model.matrix(m); u <- residuals(m)
#   bread <- solve(crossprod(X)); K <- pmax(1 - D / 200, 0)      # conley-uniform:150: (D <= 150) * 1
#   se <- sqrt(diag(bread %*% (t(X * u) %*% K %*% (X * u)) %*% bread))
#   2 * pt(-abs(coef(m) / se), 99); coef(m) + qt(0.975, 99) * se
D="$ROOT/external-data/hackathon-2013/damir2013_2.csv"
for se in conley:200 conley-uniform:150; do
    "$DS" fit "$D" --model 'acte_affilies ~ densite_medecins' --key codep --se $se --format json \
        -q -o "$TMP/$se.json" || exit 9
done
check() {
    jq -r --argjson w "$2" '
      def near(a; b): ((a - b) | fabs) <= 1e-9 * (b | fabs);
      "\(.se_type) \(.conley.kernel) \(.conley.cutoff_km) km:",
      (range(2) as $j | .coefficients[$j] |
        "  \(.term) se \(if near(.std_error; $w.se[$j]) then "ok" else .std_error end)"
        + " p \(if near(.p_value; $w.p[$j]) then "ok" else .p_value end)"),
      "  slope ci_high \(if near(.coefficients[1].ci_high; $w.hi) then "ok" else .coefficients[1].ci_high end)"
    ' "$TMP/$1.json"
}
check conley:200 '{"se":[0.58366937117350581,0.0031614680902434557],
  "p":[0.00015028096791620035,0.0027567776223934646],"hi":0.015981007142058693}'
check conley-uniform:150 '{"se":[0.61676685730946845,0.0033319030990999611],
  "p":[0.00031784673873264628,0.0044164586066889177],"hi":0.016319187175775553}'
"$DS" fit "$D" --model 'acte_affilies ~ densite_medecins' --key codep --se conley:200 -q | head -1
# With absorbed region fixed effects (tests/fixtures/spatial/damir2013-regions.csv): the
# design is the within-transformed slope, as fixest's vcov_conley takes it (without its ssc):
#   d <- read.csv("tests/fixtures/spatial/damir2013-regions.csv", colClasses = c(codep = "character"))
#   (cc, hav, D as above, in d's order)
#   m <- lm(acte_affilies ~ densite_medecins + factor(reg), d); u <- residuals(m)
#   xt <- residuals(lm(densite_medecins ~ factor(reg), d)); K <- pmax(1 - D / 200, 0)
#   se <- sqrt(sum(xt * u * (K %*% (xt * u))) / sum(xt^2)^2); 2 * pt(-abs(coef(m)[2] / se), 82)
"$DS" fit "$FIXTURES/spatial/damir2013-regions.csv" --model 'acte_affilies ~ densite_medecins | reg' \
    --key codep --se conley:200 --format json -q |
    jq -r '.coefficients[0] | "fixed effects: \(.term) se \(if ((.std_error - 0.0024306149938584888) | fabs) < 1e-12 then "ok" else .std_error end) p \(if ((.p_value - 0.22631261686771034) | fabs) < 1e-12 then "ok" else .p_value end)"'
