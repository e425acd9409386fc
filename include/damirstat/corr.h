/* corr: correlation of two variables with the tests and intervals R's cor.test gives, plus
 * bootstrap and permutation inference (GSL's mt19937, seeded, so results repeat).
 *
 * - Pearson r: t test on n - 2 df; Fisher-z interval at `level`.
 * - Spearman rho (average ranks for ties): p from the t approximation, as
 *   cor.test(method = "spearman", exact = FALSE).
 * - Kendall tau-b: p from the normal approximation with the tie-corrected variance of S, as
 *   cor.test(method = "kendall", exact = FALSE) (no continuity correction).
 * - bootstrap (pairs resampled): percentile interval (R quantile type 7) and BCa interval
 *   (bias from the share of replicates below the estimate, acceleration from the jackknife,
 *   as R's boot.ci(type = "bca", L = empinf(b, type = "jack"))).
 * - permutation: two-sided p = (k + 1) / (N + 1), k the permutations with |r*| >= |r|.
 * JSON keys (cmd_corr): n, n_dropped, level, then per method "pearson"/"spearman"/"kendall":
 * {estimate, statistic, df, p_value, ci_low, ci_high, boot_percentile_low/high,
 * boot_bca_low/high, p_permutation}, null where not computed. */
#ifndef DAMIRSTAT_CORR_H
#define DAMIRSTAT_CORR_H

#include <stddef.h>

#include "damirstat/err.h"

enum { CORR_PEARSON = 1, CORR_SPEARMAN = 2, CORR_KENDALL = 4 };

typedef struct corr_options {
    unsigned methods;            /* CORR_* bits */
    double level;                /* e.g. 0.95 */
    unsigned long bootstrap;     /* replicates; 0 for none */
    unsigned long permutations;  /* 0 for none */
    unsigned long seed;
} corr_options;

typedef struct corr_estimate {
    int method;                  /* one CORR_* bit; 0 when not computed */
    double estimate;
    double statistic, df;        /* t (Pearson, Spearman; df n - 2) or z (Kendall; df NAN) */
    double p_value;              /* two-sided */
    double ci_low, ci_high;      /* Fisher z (Pearson only), else NAN */
    double boot_pct_low, boot_pct_high, boot_bca_low, boot_bca_high; /* NAN without bootstrap */
    double p_permutation;        /* NAN without permutations */
} corr_estimate;

typedef struct corr_result {
    size_t n, n_dropped;         /* pairs used; pairs with a missing (NAN) x or y */
    corr_estimate pearson, spearman, kendall;
} corr_result;

/* Correlates x and y (n pairs; NAN marks a missing value). DS_EDATA for fewer than 3
 * complete pairs or a constant variable. */
int corr_compute(const double *x, const double *y, size_t n, const corr_options *opt,
                 corr_result *out, ds_err *err);

#endif
