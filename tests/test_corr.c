#include "damirstat/corr.h"

#include <math.h>
#include <string.h>

#include "t.h"

/* tests/fixtures/corr/small.csv without its missing row. */
static const double xs[] = {1, 2, 3, 4, 5, 6, 7, 8, NAN, 10, 3};
static const double ys[] = {2.1, 3.9, 3.2, 5.5, 4.8, 7.0, 6.1, 8.4, 9.0, 9.2, 4.0};

static corr_result run(unsigned methods, unsigned long boot, unsigned long perms)
{
    corr_options opt = {.methods = methods, .level = 0.95, .bootstrap = boot,
                        .permutations = perms, .seed = 5};
    corr_result r;
    ds_err err;
    ds_err_clear(&err);
    if (corr_compute(xs, ys, 11, &opt, &r, &err) != DS_OK)
        t_fail(__FILE__, __LINE__, "%s", err.msg);
    return r;
}

/* Expected: R 4.2.2, d <- read.csv("tests/fixtures/corr/small.csv"); d <- d[complete.cases(d),];
 * cor.test(d$x, d$y, method = m, exact = FALSE), printed with digits = 15. */
TEST(test_corr_pearson_matches_r_cor_test)
{
    corr_result r = run(CORR_PEARSON, 0, 0);
    CHECK(r.n == 10 && r.n_dropped == 1, "n %zu dropped %zu", r.n, r.n_dropped);
    CHECK_NEAR(r.pearson.estimate, 9.55700254902613e-01, 1e-13);
    CHECK_NEAR(r.pearson.statistic, 9.18364178756396, 1e-13);
    CHECK_NEAR(r.pearson.p_value, 1.59700654172029e-05, 1e-11);
    CHECK_NEAR(r.pearson.ci_low, 8.18734131031568e-01, 1e-13);
    CHECK_NEAR(r.pearson.ci_high, 9.89756438758255e-01, 1e-13);
    CHECK(r.spearman.method == 0 && r.kendall.method == 0, "only pearson asked");
}

TEST(test_corr_spearman_matches_r_cor_test)
{
    corr_result r = run(CORR_SPEARMAN, 0, 0);
    CHECK_NEAR(r.spearman.estimate, 9.54411703577701e-01, 1e-13);
    CHECK_NEAR(r.spearman.p_value, 1.78826747529002e-05, 1e-10);
    CHECK(isnan(r.spearman.ci_low), "no Fisher interval for rho");
}

TEST(test_corr_kendall_tau_b_with_ties_matches_r)
{
    corr_result r = run(CORR_KENDALL, 0, 0);
    CHECK_NEAR(r.kendall.estimate, 0.853986492453439938, 1e-13);
    CHECK_NEAR(r.kendall.statistic, 3.412500738508723153, 1e-13);
    CHECK_NEAR(r.kendall.p_value, 0.000643697525469687, 1e-11);
}

/* R 4.2.2, boot 1.3-28.1: set.seed(1); b <- boot(d, function(d, i) cor(d$x[i], d$y[i]), 1e5);
 * boot.ci(b, type = c("perc", "bca"), L = empinf(b, type = "jack")):
 * percentile (0.8582, 0.9872), BCa (0.8617, 0.9877). Different generators, so the two agree
 * to Monte Carlo error only (about 0.003 at 1e5 replicates). */
TEST(test_corr_bootstrap_intervals_agree_with_r_boot)
{
    corr_result r = run(CORR_PEARSON, 100000, 0);
    CHECK(fabs(r.pearson.boot_pct_low - 0.8582) < 0.006, "%g", r.pearson.boot_pct_low);
    CHECK(fabs(r.pearson.boot_pct_high - 0.9872) < 0.003, "%g", r.pearson.boot_pct_high);
    CHECK(fabs(r.pearson.boot_bca_low - 0.8617) < 0.006, "%g", r.pearson.boot_bca_low);
    CHECK(fabs(r.pearson.boot_bca_high - 0.9877) < 0.003, "%g", r.pearson.boot_bca_high);
}

TEST(test_corr_resampling_repeats_with_the_seed)
{
    corr_result a = run(CORR_SPEARMAN, 500, 500), b = run(CORR_SPEARMAN, 500, 500);
    CHECK(a.spearman.boot_pct_low == b.spearman.boot_pct_low, "bootstrap repeats");
    CHECK(a.spearman.p_permutation == b.spearman.p_permutation, "permutations repeat");
    /* x and y increase together: no permutation of 10 values beats the observed rho more
     * than rarely, so p is at its floor 1/(N+1) or close. */
    CHECK(a.spearman.p_permutation < 0.01, "p %g", a.spearman.p_permutation);
}

TEST(test_corr_permutation_p_for_unrelated_data_is_large)
{
    /* y depends on nothing in x: by hand r = 0 for this symmetric design */
    double x[] = {1, 2, 3, 4, 5, 6}, y[] = {1, 3, 2, 2, 3, 1};
    corr_options opt = {.methods = CORR_PEARSON, .level = 0.95, .permutations = 999, .seed = 2};
    corr_result r;
    ds_err err;
    ds_err_clear(&err);
    CHECK(corr_compute(x, y, 6, &opt, &r, &err) == DS_OK, "%s", err.msg);
    CHECK_NEAR(r.pearson.estimate, 0.0, 1e-15);
    CHECK(r.pearson.p_permutation > 0.99, "p %g", r.pearson.p_permutation);
}

TEST(test_corr_errors)
{
    corr_options opt = {.methods = CORR_PEARSON, .level = 0.95};
    corr_result r;
    ds_err err;
    double x[] = {1, 2, 3}, flat[] = {4, 4, 4}, gaps[] = {NAN, 1, NAN};
    ds_err_clear(&err);
    CHECK(corr_compute(x, flat, 3, &opt, &r, &err) == DS_EDATA, "constant y");
    CHECK(strstr(err.msg, "constant") != NULL, "%s", err.msg);
    ds_err_clear(&err);
    CHECK(corr_compute(x, gaps, 3, &opt, &r, &err) == DS_EDATA, "too few pairs");
    CHECK(strstr(err.msg, "1 complete pair;") != NULL, "%s", err.msg);
    ds_err_clear(&err);
    CHECK(corr_compute(x, x, 0, &opt, &r, &err) == DS_EDATA, "empty");
}

/* More reference cases. R version 4.2.2 Patched (2022-11-10 r83330), digits = 17. */
static const double px[] = {44.4, 45.9, 41.9, 53.3, 44.7, 44.1, 50.7, 45.2, 60.1};
static const double py[] = {2.6, 3.1, 2.5, 5.0, 3.6, 4.0, 5.2, 2.8, 3.8};
static const double tx[] = {1, 2, 2, 3, 4, 4, 4, 5, 6, 7};
static const double ty[] = {2, 1, 3, 3, 5, 4, 6, 6, 8, 7};

static corr_result run_on(const double *x, const double *y, size_t n, corr_options opt)
{
    corr_result r;
    ds_err err;
    ds_err_clear(&err);
    if (corr_compute(x, y, n, &opt, &r, &err) != DS_OK)
        t_fail(__FILE__, __LINE__, "%s", err.msg);
    return r;
}

TEST(test_corr_all_three_match_r_without_ties)
{
    /* cor.test(x, y): r 0.57118155756382871, t 1.8410826381153382, p 0.10817305434949379,
     * 95% CI -0.14974263303675717 0.89557946183873927; conf.level = 0.9:
     * -0.022230227504511643 0.866978634807614390. spearman: rho 0.6, p 0.087622829041402339.
     * kendall: tau 0.44444444444444453, z 1.6681153124565986, p 0.095292838023456547
     * (these with exact = FALSE) */
    unsigned all = CORR_PEARSON | CORR_SPEARMAN | CORR_KENDALL;
    corr_result r = run_on(px, py, 9, (corr_options){.methods = all, .level = 0.95,
                                                     .exact = CORR_EXACT_NO});
    CHECK_NEAR(r.pearson.estimate, 0.57118155756382871, 1e-13);
    CHECK_NEAR(r.pearson.statistic, 1.8410826381153382, 1e-12);
    CHECK_NEAR(r.pearson.p_value, 0.10817305434949379, 1e-10);
    CHECK_NEAR(r.pearson.ci_low, -0.14974263303675717, 1e-10);
    CHECK_NEAR(r.pearson.ci_high, 0.89557946183873927, 1e-10);
    CHECK_NEAR(r.spearman.estimate, 0.6, 1e-13);
    CHECK_NEAR(r.spearman.p_value, 0.087622829041402339, 1e-10);
    CHECK_NEAR(r.kendall.estimate, 0.44444444444444453, 1e-13);
    CHECK_NEAR(r.kendall.statistic, 1.6681153124565986, 1e-12);
    CHECK_NEAR(r.kendall.p_value, 0.095292838023456547, 1e-10);
    CHECK(isnan(r.kendall.df), "Kendall has no df");
    /* R's defaults (exact = NULL), the example of ?cor.test (Hollander and Wolfe, p. 187):
     * S = 48, p-value = 0.096797839506172836; T = 26, p-value = 0.1194389329805996. */
    r = run_on(px, py, 9, (corr_options){.methods = all, .level = 0.95});
    CHECK_NEAR(r.spearman.statistic, 48, 1e-12);
    CHECK_NEAR(r.spearman.p_value, 0.096797839506172836, 1e-12);
    CHECK(strcmp(r.spearman.p_method, "exact") == 0, "%s", r.spearman.p_method);
    CHECK_NEAR(r.kendall.statistic, 26, 1e-12);
    CHECK_NEAR(r.kendall.p_value, 0.1194389329805996, 1e-12);
    CHECK(strcmp(r.kendall.p_method, "exact") == 0, "%s", r.kendall.p_method);
    r = run_on(px, py, 9, (corr_options){.methods = CORR_PEARSON, .level = 0.9});
    CHECK_NEAR(r.pearson.ci_low, -0.022230227504511643, 1e-9);
    CHECK_NEAR(r.pearson.ci_high, 0.86697863480761439, 1e-10);
}

TEST(test_corr_ties_in_both_variables_match_r)
{
    /* xt, yt: spearman (exact=FALSE) rho 0.93812095999546996, p 5.9502207076968475e-05;
     * kendall (exact=FALSE) tau 0.83356963940169648, z 3.2150557594653044,
     * p 0.0013041918629363464 */
    corr_result r = run_on(tx, ty, 10, (corr_options){.methods = CORR_SPEARMAN | CORR_KENDALL,
                                                       .level = 0.95});
    CHECK_NEAR(r.spearman.estimate, 0.93812095999546996, 1e-13);
    CHECK_NEAR(r.spearman.p_value, 5.9502207076968475e-05, 1e-9);
    CHECK_NEAR(r.kendall.estimate, 0.83356963940169648, 1e-13);
    CHECK_NEAR(r.kendall.statistic, 3.2150557594653044, 1e-12);
    CHECK_NEAR(r.kendall.p_value, 0.0013041918629363464, 1e-9);
}

TEST(test_corr_permutation_p_agrees_with_full_enumeration)
{
    /* R, all 5040 permutations of y: Pearson r 0.69535929130023844, exact permutation
     * p 0.0875; Kendall tau 0.52380952380952384, exact p 0.1361111. With 20,000 random
     * permutations the standard error is about 0.002 (0.0025 for Kendall). */
    static const double x[] = {3.1, 4.7, 2.2, 5.9, 4.1, 6.3, 3.8};
    static const double y[] = {1.2, 2.9, 1.9, 2.4, 3.3, 3.9, 1.6};
    corr_result r = run_on(x, y, 7, (corr_options){.methods = CORR_PEARSON | CORR_KENDALL,
                                                   .level = 0.95, .permutations = 20000,
                                                   .seed = 7});
    CHECK_NEAR(r.pearson.estimate, 0.69535929130023844, 1e-13);
    CHECK(fabs(r.pearson.p_permutation - 0.0875) < 0.01, "Pearson p %g", r.pearson.p_permutation);
    CHECK(fabs(r.kendall.p_permutation - 0.1361111) < 0.012, "Kendall p %g", r.kendall.p_permutation);
}

TEST(test_corr_perfect_correlation_has_p_zero_and_no_nan)
{
    /* y = 2x + 1: r = 1, R's cor.test prints p < 2.2e-16 and CI [1, 1]. */
    double x[] = {1, 2, 3, 4, 5}, y[] = {3, 5, 7, 9, 11};
    corr_result r = run_on(x, y, 5, (corr_options){.methods = CORR_PEARSON, .level = 0.95});
    CHECK_NEAR(r.pearson.estimate, 1, 1e-15);
    CHECK(r.pearson.p_value < 1e-15, "p %g", r.pearson.p_value);
    CHECK(!isnan(r.pearson.ci_low) && r.pearson.ci_high <= 1, "CI [%g, %g]", r.pearson.ci_low,
          r.pearson.ci_high);
}

TEST(test_corr_bootstrap_of_a_straight_line_stays_within_one)
{
    /* Every resample of a straight line (with at least two distinct points) has r = 1 in
     * exact arithmetic; rounding must not carry a bound past 1 (GSL's one-pass correlation
     * gave 1.0000000000000002 here). */
    double x[] = {1, 2, 3, 4, 5}, y[] = {3, 5, 7, 9, 11};
    corr_result r = run_on(x, y, 5, (corr_options){.methods = CORR_PEARSON, .level = 0.95,
                                                   .bootstrap = 500, .seed = 1});
    CHECK(r.pearson.estimate <= 1 && r.pearson.boot_pct_high <= 1, "r %.17g, high %.17g",
          r.pearson.estimate, r.pearson.boot_pct_high);
    CHECK(r.pearson.boot_pct_low > 0.999999, "low %.17g", r.pearson.boot_pct_low);
    CHECK(isnan(r.pearson.boot_bca_high) || r.pearson.boot_bca_high <= 1, "BCa %.17g",
          r.pearson.boot_bca_high);
}

/* Kendall's exact distribution past the n where R's counts overflow (exact = TRUE gives NaN
 * in R 4.2.2 at n = 200): the exact p must stay a probability close to the normal one. */
TEST(test_corr_kendall_exact_large_n_stays_finite)
{
    double x[200], y[200];
    for (size_t i = 0; i < 200; i++) {
        x[i] = (double)i;
        y[i] = sin(1.3 * (double)i) + 0.002 * (double)i; /* untied, weakly related */
    }
    corr_result e = run_on(x, y, 200, (corr_options){.methods = CORR_KENDALL, .level = 0.95,
                                                      .exact = CORR_EXACT_YES});
    corr_result a = run_on(x, y, 200, (corr_options){.methods = CORR_KENDALL, .level = 0.95,
                                                      .exact = CORR_EXACT_NO});
    CHECK(strcmp(e.kendall.p_method, "exact") == 0, "%s", e.kendall.p_method);
    CHECK(e.kendall.p_value > 0 && e.kendall.p_value <= 1, "p %g", e.kendall.p_value);
    CHECK(fabs(e.kendall.p_value - a.kendall.p_value) < 0.01, "exact %g normal %g",
          e.kendall.p_value, a.kendall.p_value);
}
