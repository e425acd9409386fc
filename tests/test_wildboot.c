/* wild cluster bootstrap (restricted, WCR) against an independent reference written in R:
 * every draw refitted by least squares in matrix form and its CR1 t computed from the
 * definition (no fwildclusterboot here). The fixture tests/fixtures/cluster/gen120.csv
 * (120 rows; g13: 13 unbalanced clusters, g20: 20) was made by
 *
 *   set.seed(1214); n <- 120
 *   g13 <- sample(1:13, n, replace = TRUE, prob = (1:13)^1.2)
 *   g20 <- sample(sprintf("c%02d", 1:20), n, replace = TRUE)
 *   x <- rnorm(n) + rnorm(13)[g13]; z <- runif(n)
 *   y <- 0.5 + 0.15 * x + 0.8 * z + rnorm(13)[g13] + rnorm(n)
 *
 * The reference (R 4.2; V is a G × B matrix of weights, one column a draw):
 *
 *   wcr_p <- function(X, y, cl, k, b0, V) {
 *     n <- nrow(X); p <- ncol(X); G <- max(cl)
 *     XtXi <- solve(crossprod(X)); a <- drop(X %*% XtXi[, k]); Z <- X[, -k, drop = FALSE]
 *     yr <- y - X[, k] * b0
 *     ut <- drop(yr - Z %*% solve(crossprod(Z), crossprod(Z, yr)))   # restricted residuals
 *     cfac <- G / (G - 1) * (n - 1) / (n - p)
 *     tstat <- function(Ys) {                 # Ys: n × B bootstrap responses less X β̃
 *       num <- drop(crossprod(a, Ys))         # β*_k − b0
 *       E <- Ys - X %*% (XtXi %*% crossprod(X, Ys))
 *       S <- rowsum(a * E, cl)                # G × B score sums of coefficient k
 *       num / sqrt(cfac * colSums(S^2)) }
 *     mean(abs(tstat(ut * V[cl, , drop = FALSE])) > abs(tstat(matrix(ut, ncol = 1)))) }
 *   wcr_ci <- function(X, y, cl, k, V, level, est, half) {    # test inversion
 *     side <- function(dir) { inn <- est; out <- est + dir * half
 *       while (wcr_p(X, y, cl, k, out, V) > 1 - level) { inn <- out; out <- est + 2 * (out - est) }
 *       while (abs(out - inn) > 1e-9 * half) { mid <- (inn + out) / 2
 *         if (wcr_p(X, y, cl, k, mid, V) <= 1 - level) out <- mid else inn <- mid }
 *       (inn + out) / 2 }
 *     c(side(-1), side(1)) }
 *   d <- read.csv("tests/fixtures/cluster/gen120.csv"); X <- cbind(1, d$x, d$z); y <- d$y
 *   m <- lm(y ~ x + z, data = d); cl <- as.integer(factor(d$g13))
 *   V <- t(as.matrix(expand.grid(rep(list(c(1, -1)), 13))))     # all 2^13 sign vectors
 *   se <- sqrt(sandwich::vcovCL(m, cluster = ~g13, type = "HC1")[2, 2])
 *   wcr_p(X, y, cl, 2, 0, V)                                     # 0.64990234375 = 5324/8192
 *   wcr_ci(X, y, cl, 2, V, 0.95, coef(m)[2], qt(0.975, 12) * se)
 *
 * With 13 clusters and B = 9999 >= 2^13 both enumerate every sign vector, so the p-value is
 * exact and the bounds agree to the bisection's precision (1e-6 of the Wald half-width).
 * With random draws (Webb on 7 clusters, Rademacher on 20) the reference draws its own
 * weights (R's RNG: V <- matrix(sample(c(-1, 1), 20 * B, TRUE), 20) and the Webb
 * equivalent) with B = 99999, and the two p-values must agree within Monte Carlo error. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "damirstat/cluster.h"
#include "damirstat/table.h"
#include "t.h"

struct data120 {
    table_t *t;
    size_t n;
    double x[120 * 3], y[120];
};

static int load120(struct data120 *d)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/tests/fixtures/cluster/gen120.csv", t_root());
    if (table_load(path, &d->t, NULL))
        return -1;
    d->n = table_nrows(d->t);
    for (size_t i = 0; i < d->n; i++) {
        d->x[i * 3] = 1;
        d->x[i * 3 + 1] = table_num(d->t, i, 2);
        d->x[i * 3 + 2] = table_num(d->t, i, 3);
        d->y[i] = table_num(d->t, i, 4);
    }
    return 0;
}

static cluster_boot_options boot_opts(size_t reps, uint64_t seed)
{
    cluster_boot_options o = {.coef = 1, .null_value = 0, .reps = reps, .seed = seed,
                              .level = 0.95, .weights = CLUSTER_WEIGHTS_AUTO};
    return o;
}

TEST(test_wildboot_enumerates_13_clusters_as_the_reference)
{
    struct data120 d;
    CHECK(load120(&d) == 0, "fixture");
    ds_err err;
    ds_err_clear(&err);
    cluster_ids id;
    CHECK(cluster_ids_from_table(d.t, "g13", NULL, d.n, &id, &err) == 0, "%s", err.msg);
    cluster_boot_options o = boot_opts(9999, 1);
    cluster_boot_result r;
    CHECK(cluster_wild_bootstrap(d.x, d.y, d.n, 3, &id, &o, &r, &err) == 0, "%s", err.msg);
    CHECK(r.enumerated && r.reps == 8192 && r.weights == CLUSTER_WEIGHTS_RADEMACHER, "enum");
    CHECK(r.p_value == 5324.0 / 8192, "p = %.17g, want 5324/8192", r.p_value);
    /* t = β̂ / CR1 SE: 0.031663338711100456 / 0.070979636031708676 (vcovCL HC1) */
    CHECK_NEAR(r.t, 0.44609046314291495, 1e-10);
    double half = 0.1546517; /* qt(0.975, 12) * se: the bisection stops within 1e-6 of it */
    CHECK(fabs(r.ci_low - -0.11843940933025804) < 2e-6 * half, "low %.17g", r.ci_low);
    CHECK(fabs(r.ci_high - 0.20739723734298485) < 2e-6 * half, "high %.17g", r.ci_high);
    cluster_ids_free(&id);
    table_free(d.t);
}

/* |a − b| within 4 Monte Carlo SDs of the difference of two estimates of p from B1 and B2
 * draws. */
static int within_mc(double a, double b, double p, double b1, double b2)
{
    return fabs(a - b) <= 4 * sqrt(p * (1 - p) * (1 / b1 + 1 / b2));
}

TEST(test_wildboot_rademacher_agrees_within_monte_carlo_error)
{
    /* Reference: set.seed(99); B <- 99999; cl <- as.integer(factor(d$g20))
     * V <- matrix(sample(c(-1, 1), 20 * B, TRUE), 20)
     * wcr_p(X, y, cl, 2, 0, V) = 0.591336 (x); wcr_p(X, y, cl, 3, 0, V) = 0.109571 (z) */
    struct data120 d;
    CHECK(load120(&d) == 0, "fixture");
    ds_err err;
    ds_err_clear(&err);
    cluster_ids id;
    CHECK(cluster_ids_from_table(d.t, "g20", NULL, d.n, &id, &err) == 0, "%s", err.msg);
    const double want[2] = {0.591336, 0.109571};
    for (size_t k = 1; k <= 2; k++) {
        cluster_boot_options o = boot_opts(9999, 20240614);
        o.coef = k;
        cluster_boot_result r;
        CHECK(cluster_wild_bootstrap(d.x, d.y, d.n, 3, &id, &o, &r, &err) == 0, "%s", err.msg);
        CHECK(!r.enumerated && r.reps == 9999 && r.weights == CLUSTER_WEIGHTS_RADEMACHER, "w");
        CHECK(within_mc(r.p_value, want[k - 1], want[k - 1], 9999, 99999),
              "coef %zu: p = %g, reference %g", k, r.p_value, want[k - 1]);
    }
    cluster_ids_free(&id);
    table_free(d.t);
}

TEST(test_wildboot_webb_below_12_clusters_agrees_within_monte_carlo_error)
{
    /* Reference on tests/fixtures/cluster/gen40.csv (7 clusters g), X = cbind(1, x1, x2):
     * set.seed(99) then the draws of the Rademacher case above, then
     * webb <- c(-sqrt(3/2), -1, -sqrt(1/2), sqrt(1/2), 1, sqrt(3/2))
     * V <- matrix(sample(webb, 7 * B, TRUE), 7)
     * wcr_p(X, y, cl, 2, 0, V) = 0.010680 (x1); wcr_p(X, y, cl, 3, 0, V) = 0.027290 (x2) */
    char path[4096];
    snprintf(path, sizeof path, "%s/tests/fixtures/cluster/gen40.csv", t_root());
    table_t *t;
    CHECK(table_load(path, &t, NULL) == 0, "fixture");
    size_t n = table_nrows(t);
    double x[40 * 3], y[40];
    for (size_t i = 0; i < n; i++) {
        x[i * 3] = 1, x[i * 3 + 1] = table_num(t, i, 2), x[i * 3 + 2] = table_num(t, i, 3);
        y[i] = table_num(t, i, 4);
    }
    ds_err err;
    ds_err_clear(&err);
    cluster_ids id;
    CHECK(cluster_ids_from_table(t, "g", NULL, n, &id, &err) == 0, "%s", err.msg);
    const double want[2] = {0.010680, 0.027290};
    for (size_t k = 1; k <= 2; k++) {
        cluster_boot_options o = boot_opts(9999, 7);
        o.coef = k;
        cluster_boot_result r;
        CHECK(cluster_wild_bootstrap(x, y, n, 3, &id, &o, &r, &err) == 0, "%s", err.msg);
        CHECK(r.weights == CLUSTER_WEIGHTS_WEBB && !r.enumerated, "webb below 12 clusters");
        CHECK(within_mc(r.p_value, want[k - 1], want[k - 1], 9999, 99999),
              "coef %zu: p = %g, reference %g", k, r.p_value, want[k - 1]);
    }
    cluster_ids_free(&id);
    table_free(t);
}

TEST(test_wildboot_same_seed_same_bytes)
{
    struct data120 d;
    CHECK(load120(&d) == 0, "fixture");
    cluster_ids id;
    CHECK(cluster_ids_from_table(d.t, "g20", NULL, d.n, &id, NULL) == 0, "ids");
    cluster_boot_options o = boot_opts(999, 42);
    cluster_boot_result a, b, c;
    CHECK(cluster_wild_bootstrap(d.x, d.y, d.n, 3, &id, &o, &a, NULL) == 0, "a");
    CHECK(cluster_wild_bootstrap(d.x, d.y, d.n, 3, &id, &o, &b, NULL) == 0, "b");
    CHECK(memcmp(&a, &b, sizeof a) == 0, "two runs with seed 42 differ");
    o.seed = 43;
    o.coef = 2;
    CHECK(cluster_wild_bootstrap(d.x, d.y, d.n, 3, &id, &o, &c, NULL) == 0, "c");
    o.seed = 42;
    CHECK(cluster_wild_bootstrap(d.x, d.y, d.n, 3, &id, &o, &a, NULL) == 0, "a2");
    CHECK(a.p_value != c.p_value || a.ci_low != c.ci_low, "seeds 42 and 43 gave one result");
    cluster_ids_free(&id);
    table_free(d.t);
}

TEST(test_wildboot_bad_input)
{
    struct data120 d;
    CHECK(load120(&d) == 0, "fixture");
    cluster_ids id;
    CHECK(cluster_ids_from_table(d.t, "g20", NULL, d.n, &id, NULL) == 0, "ids");
    cluster_boot_options o = boot_opts(0, 1);
    cluster_boot_result r;
    ds_err err;
    ds_err_clear(&err);
    CHECK(cluster_wild_bootstrap(d.x, d.y, d.n, 3, &id, &o, &r, &err) == DS_EUSAGE, "B = 0");
    o = boot_opts(99, 1);
    double xx[120 * 3];
    for (size_t i = 0; i < d.n; i++) /* the third column twice the second */
        xx[i * 3] = 1, xx[i * 3 + 1] = d.x[i * 3 + 1], xx[i * 3 + 2] = 2 * d.x[i * 3 + 1];
    ds_err_clear(&err);
    CHECK(cluster_wild_bootstrap(xx, d.y, d.n, 3, &id, &o, &r, &err) == DS_EDATA, "rank");
    CHECK(strstr(err.msg, "rank deficient") != NULL, "%s", err.msg);
    cluster_ids_free(&id);
    table_free(d.t);
}
