/* corr: estimates and tests against R's cor.test, BCa against a by-hand R computation,
 * permutation p against full enumeration in R, bootstrap properties.
 * Reference values: R version 4.2.2 Patched (2022-11-10 r83330), printed with digits=17. */
#include <math.h>
#include <stdlib.h>

#include "damirstat/corr.h"
#include "t.h"

static const double px[] = {44.4, 45.9, 41.9, 53.3, 44.7, 44.1, 50.7, 45.2, 60.1};
static const double py[] = {2.6, 3.1, 2.5, 5.0, 3.6, 4.0, 5.2, 2.8, 3.8};
/* With ties in both variables. */
static const double tx[] = {1, 2, 2, 3, 4, 4, 4, 5, 6, 7};
static const double ty[] = {2, 1, 3, 3, 5, 4, 6, 6, 8, 7};

static corr_result run(const double *x, const double *y, size_t n, corr_method m,
                       corr_options opt)
{
    corr_result r;
    ds_err err;
    ds_err_clear(&err);
    int rc = corr_compute(x, y, n, m, &opt, &r, &err);
    CHECK(rc == 0, "corr_compute: %s", err.msg);
    return r;
}

TEST(test_corr_pearson_matches_r_cor_test)
{
    /* cor.test(x, y): cor 0.57118155756382871, t 1.8410826381153382, df 7,
     * p 0.10817305434949379, 95% CI -0.14974263303675717 0.89557946183873927;
     * conf.level = 0.9: -0.022230227504511643 0.866978634807614390 */
    corr_result r = run(px, py, 9, CORR_PEARSON, (corr_options){.level = 0.95});
    CHECK_NEAR(r.estimate, 0.57118155756382871, 1e-13);
    CHECK_NEAR(r.statistic, 1.8410826381153382, 1e-12);
    CHECK_NEAR(r.df, 7, 0);
    CHECK_NEAR(r.p_value, 0.10817305434949379, 1e-10);
    CHECK_NEAR(r.ci_low, -0.14974263303675717, 1e-10);
    CHECK_NEAR(r.ci_high, 0.89557946183873927, 1e-10);
    r = run(px, py, 9, CORR_PEARSON, (corr_options){.level = 0.9});
    CHECK_NEAR(r.ci_low, -0.022230227504511643, 1e-9);
    CHECK_NEAR(r.ci_high, 0.86697863480761439, 1e-10);
    CHECK(isnan(r.perm_p_value) && isnan(r.boot_pct_low), "no resampling asked");
}

TEST(test_corr_spearman_average_ranks_and_t_approximation)
{
    /* rank(tx) in R: 1.0 2.5 2.5 4.0 6.0 6.0 6.0 8.0 9.0 10.0 */
    double rank[10], want[10] = {1, 2.5, 2.5, 4, 6, 6, 6, 8, 9, 10};
    corr_rank(tx, 10, rank);
    for (int i = 0; i < 10; i++)
        CHECK_NEAR(rank[i], want[i], 0);
    /* cor.test(xt, yt, method="spearman", exact=FALSE): rho 0.93812095999546996,
     * p 5.9502207076968475e-05. Without ties: rho 0.6 (0.59999999999999998),
     * p 0.087622829041402339. */
    corr_result r = run(tx, ty, 10, CORR_SPEARMAN, (corr_options){.level = 0.95});
    CHECK_NEAR(r.estimate, 0.93812095999546996, 1e-13);
    CHECK_NEAR(r.p_value, 5.9502207076968475e-05, 1e-9);
    CHECK(isnan(r.ci_low), "no CI for Spearman");
    r = run(px, py, 9, CORR_SPEARMAN, (corr_options){.level = 0.95});
    CHECK_NEAR(r.estimate, 0.6, 1e-13);
    CHECK_NEAR(r.p_value, 0.087622829041402339, 1e-10);
}

TEST(test_corr_kendall_tau_b_with_tie_corrected_variance)
{
    /* cor.test(xt, yt, method="kendall", exact=FALSE): tau 0.83356963940169648,
     * z 3.2150557594653044, p 0.0013041918629363464 */
    corr_result r = run(tx, ty, 10, CORR_KENDALL, (corr_options){.level = 0.95});
    CHECK_NEAR(r.estimate, 0.83356963940169648, 1e-13);
    CHECK_NEAR(r.statistic, 3.2150557594653044, 1e-12);
    CHECK_NEAR(r.p_value, 0.0013041918629363464, 1e-9);
    CHECK(isnan(r.df), "Kendall has no df");
    /* No ties: tau 0.44444444444444453, z 1.6681153124565986, p 0.095292838023456547 */
    r = run(px, py, 9, CORR_KENDALL, (corr_options){.level = 0.95});
    CHECK_NEAR(r.estimate, 0.44444444444444453, 1e-13);
    CHECK_NEAR(r.statistic, 1.6681153124565986, 1e-12);
    CHECK_NEAR(r.p_value, 0.095292838023456547, 1e-10);
}

TEST(test_corr_bca_matches_hand_computation_in_r)
{
    /* In R: quantile(bt, c(.05, .95), type=7) = 0.54849999999999999 0.80149999999999999;
     * z0 = qnorm(mean(bt < 0.69)), a = sum(d^3)/(6 sum(d^2)^1.5), d = mean(jk) - jk,
     * adjusted levels 0.036743787846946027 0.930790119043619524, BCa
     * 0.54094395907275927 0.79685012261828769 */
    double bt[] = {0.61, 0.72, 0.55, 0.80, 0.68, 0.74, 0.59, 0.77, 0.70, 0.66,
                   0.83, 0.52, 0.71, 0.64, 0.79, 0.69, 0.73, 0.58, 0.75, 0.63};
    double jk[] = {0.70, 0.66, 0.72, 0.61, 0.69, 0.68, 0.74, 0.67, 0.71};
    double pl, ph, bl, bh;
    corr_boot_intervals(bt, 20, 0.69, jk, 9, 0.9, &pl, &ph, &bl, &bh);
    CHECK_NEAR(pl, 0.5485, 1e-12);
    CHECK_NEAR(ph, 0.8015, 1e-12);
    CHECK_NEAR(bl, 0.54094395907275927, 1e-10);
    CHECK_NEAR(bh, 0.79685012261828769, 1e-10);
    /* Every replicate above the estimate: z0 is infinite, BCa undefined. */
    double up[] = {0.8, 0.9, 0.85};
    corr_boot_intervals(up, 3, 0.5, jk, 9, 0.9, &pl, &ph, &bl, &bh);
    CHECK(isnan(bl) && isnan(bh), "BCa undefined when z0 is infinite");
}

TEST(test_corr_bootstrap_is_reproducible_and_brackets_the_estimate)
{
    corr_options opt = {.level = 0.95, .bootstrap = 2000, .seed = 42};
    corr_result a = run(px, py, 9, CORR_PEARSON, opt), b = run(px, py, 9, CORR_PEARSON, opt);
    CHECK(a.boot_pct_low == b.boot_pct_low && a.boot_bca_high == b.boot_bca_high,
          "same seed, same intervals");
    CHECK(a.boot_pct_low < a.estimate && a.estimate < a.boot_pct_high, "percentile [%g, %g] holds r %g",
          a.boot_pct_low, a.boot_pct_high, a.estimate);
    CHECK(a.boot_bca_low < a.boot_bca_high && a.boot_pct_high <= 1 && a.boot_pct_low >= -1,
          "BCa [%g, %g]", a.boot_bca_low, a.boot_bca_high);
    CHECK(a.boot_replicates + a.boot_dropped == 2000, "replicates counted");
    opt.seed = 43;
    corr_result c = run(px, py, 9, CORR_PEARSON, opt);
    CHECK(c.boot_pct_low != a.boot_pct_low, "another seed, another draw");
}

TEST(test_corr_permutation_p_agrees_with_full_enumeration)
{
    /* R, all 5040 permutations of y: Pearson r 0.69535929130023844, exact permutation
     * p 0.0875; Kendall tau 0.52380952380952384, exact p 0.1361111111111111. With 20,000
     * random permutations the standard error is about 0.002 (0.0025 for Kendall). */
    static const double x[] = {3.1, 4.7, 2.2, 5.9, 4.1, 6.3, 3.8};
    static const double y[] = {1.2, 2.9, 1.9, 2.4, 3.3, 3.9, 1.6};
    corr_options opt = {.level = 0.95, .permutations = 20000, .seed = 7};
    corr_result r = run(x, y, 7, CORR_PEARSON, opt);
    CHECK(fabs(r.perm_p_value - 0.0875) < 0.01, "Pearson permutation p %g", r.perm_p_value);
    r = run(x, y, 7, CORR_KENDALL, opt);
    CHECK(fabs(r.perm_p_value - 0.1361111) < 0.012, "Kendall permutation p %g", r.perm_p_value);
    CHECK(r.permutations == 20000, "count");
}

TEST(test_corr_rejects_short_constant_and_nonfinite_input)
{
    corr_result r;
    ds_err err;
    corr_options opt = {.level = 0.95};
    ds_err_clear(&err);
    CHECK(corr_compute(px, py, 2, CORR_PEARSON, &opt, &r, &err) == DS_EDATA, "n = 2");
    CHECK_STR(err.msg, "corr: need at least 3 complete pairs, got 2");
    double c[] = {1, 1, 1, 1};
    ds_err_clear(&err);
    CHECK(corr_compute(px, c, 4, CORR_KENDALL, &opt, &r, &err) == DS_EDATA, "constant y");
    CHECK_STR(err.msg, "corr: y is constant (zero variance): no correlation");
    double bad[] = {1, INFINITY, 2};
    ds_err_clear(&err);
    CHECK(corr_compute(bad, px, 3, CORR_SPEARMAN, &opt, &r, &err) == DS_EDATA, "inf");
    opt.level = 1;
    ds_err_clear(&err);
    CHECK(corr_compute(px, py, 9, CORR_PEARSON, &opt, &r, &err) == DS_EUSAGE, "level 1");
}

TEST(test_corr_perfect_correlation_has_p_zero)
{
    /* r = 1 exactly: t is infinite and R's cor.test gives p < 2.2e-16 (0). */
    double x[] = {1, 2, 3, 4, 5}, y[] = {3, 5, 7, 9, 11};
    corr_result r = run(x, y, 5, CORR_PEARSON, (corr_options){.level = 0.95});
    CHECK_NEAR(r.estimate, 1, 0);
    CHECK(r.p_value == 0 && isinf(r.statistic), "p %g", r.p_value);
}

TEST(test_corr_bootstrap_agrees_with_r_boot_package)
{
    /* R 4.2.2, boot 1.3: set.seed(1); boot(d, cor(x[i], y[i], method = m), R = 20000);
     * percentile = quantile(t, c(.025, .975)); BCa by hand with the jackknife acceleration:
     *   pearson  percentile [0.1995262, 0.9528452], BCa [-0.4641421, 0.9154331]
     *   spearman percentile [-0.1578947, 0.9821429], BCa [-0.2566372, 0.9478261]
     *   kendall  percentile [-0.1250000, 0.9310345], BCa [-0.2413793, 0.8709677]
     * Another generator draws other resamples: the intervals agree to Monte Carlo error
     * (BCa's lower end of Pearson sits at the 0.2% quantile, the noisiest). */
    static const double want[3][4] = {{0.1995262, 0.9528452, -0.4641421, 0.9154331},
                                      {-0.1578947, 0.9821429, -0.2566372, 0.9478261},
                                      {-0.1250000, 0.9310345, -0.2413793, 0.8709677}};
    static const double tol[4] = {0.03, 0.01, 0.08, 0.02};
    corr_options opt = {.level = 0.95, .bootstrap = 20000, .seed = 2015};
    for (int m = 0; m < 3; m++) {
        corr_result r = run(px, py, 9, (corr_method)m, opt);
        double got[4] = {r.boot_pct_low, r.boot_pct_high, r.boot_bca_low, r.boot_bca_high};
        for (int k = 0; k < 4; k++)
            CHECK(fabs(got[k] - want[m][k]) <= tol[k], "%s bound %d: %g, R %g",
                  corr_method_name((corr_method)m), k, got[k], want[m][k]);
    }
}
