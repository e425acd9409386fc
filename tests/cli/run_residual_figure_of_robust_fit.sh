# A study's residual figure draws the residuals of the fit the study made: for a bisquare
# fit, the bisquare residuals, not those of a least-squares refit (before issue 12 the plot
# refitted with default options and drew OLS residuals under a bisquare title). gnuplot is
# replaced by a script that keeps what it is sent and writes a stand-in figure; the left
# panel's points (fitted, residual), sorted, are compared with R 4, GSL's bisquare written
# from its description as in tests/fixtures/model_audit/robustfit.R:
#   d <- read.csv("small.csv"); d <- d[complete.cases(d), ]
#   X <- cbind(1, d$x); y <- d$y; n <- nrow(X); p <- ncol(X)
#   adj <- 1 / sqrt(1 - pmin(0.9999, hatvalues(lm(y ~ X - 1)))); b <- qr.solve(X, y)
#   for (it in 1:500) {
#     r <- as.vector(y - X %*% b) * adj; s <- median(sort(abs(r))[p:n]) / 0.6745
#     u <- r / (4.685 * s); w <- ifelse(abs(u) < 1, (1 - u^2)^2, 0)
#     bn <- lm.wfit(X, y, w)$coefficients
#     done <- all(abs(bn - b) <= 1e-14 * pmax(abs(bn), abs(b))); b <- bn; if (done) break }
#   sprintf("%.6f %.6f", X %*% b, y - X %*% b)          # converges in 69 iterations
# and, after the fit is changed to OLS, the figure is drawn again (the figure cache keys on
# the method) with R's sprintf("%.6f %.6f", fitted(lm(y ~ x, d)), resid(lm(y ~ x, d))).
cd "$TMP" || exit 3
mkdir bin
cat >bin/gnuplot <<'G'
#!/bin/sh
cat >"$(dirname "$0")/../sent.gp"
out=$(sed -n "s/^set output '\(.*\)'$/\1/p" "$(dirname "$0")/../sent.gp")
printf 'figure' >"$out"
G
chmod +x bin/gnuplot
cp "$FIXTURES/plot/small.csv" small.csv
cat >s.study <<'S'
[study]
title = Residual figure of a bisquare fit

[table d]
from = small.csv

[fit robust]
data = d
model = y ~ x
method = bisquare
term = x
key = dep

[plot resid]
kind = residuals
fit = robust
label = nom

[output]
dir = out
S
left_panel() {
    awk '/^\$panel/ {n++; on = (n == 1); next} /^EOD/ {on = 0} on {printf "%.6f %.6f\n", $1, $2}' \
        sent.gp | sort -g
}
PATH="$TMP/bin:$PATH" "$DS" run s.study >/dev/null || exit 1
echo "bisquare:"
left_panel
rm sent.gp
sed -i '/^method = bisquare$/d' s.study
PATH="$TMP/bin:$PATH" "$DS" run s.study >/dev/null || exit 1
echo "ols:"
left_panel
