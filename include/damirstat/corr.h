/* corr: correlation of two variables with the tests and intervals R's cor.test gives, plus
 * bootstrap and permutation inference (GSL's mt19937, seeded, so results repeat).
 *
 * - Pearson r: t test on n - 2 df; Fisher-z interval at `level`.
 * - Spearman rho (average ranks for ties): as cor.test(method = "spearman"). Without ties and
 *   with n < 1290 (R's default, exact = NULL), p for S = sum of squared rank differences from
 *   the permutation distribution (n <= 9) or AS 89's Edgeworth series (Best and Roberts 1975);
 *   otherwise (ties, larger n, or exact = no) from the t approximation on n - 2 df.
 * - Kendall tau-b: as cor.test(method = "kendall"). Without ties and with n < 50, p for T (the
 *   concordant pairs) from its exact permutation distribution; otherwise from the normal
 *   approximation with the tie-corrected variance of S (no continuity correction).
 * - bootstrap (pairs resampled): percentile interval (R quantile type 7) and BCa interval
 *   (bias from the share of replicates below the estimate, acceleration from the jackknife,
 *   as R's boot.ci(type = "bca", L = empinf(b, type = "jack"))).
 * - permutation: two-sided p = (k + 1) / (N + 1), k the permutations with |r*| >= |r|.
 * JSON: the corr object (schema "damirstat.corr/1", docs/json.md), written by corr_json for
 * `corr --format json` and a study's results.json alike. */
#ifndef DAMIRSTAT_CORR_H
#define DAMIRSTAT_CORR_H

#include <stddef.h>

#include "damirstat/adjust.h"
#include "damirstat/err.h"
#include "damirstat/json.h"

enum { CORR_PEARSON = 1, CORR_SPEARMAN = 2, CORR_KENDALL = 4 };

typedef struct corr_options {
    unsigned methods;            /* CORR_* bits */
    double level;                /* e.g. 0.95 */
    unsigned long bootstrap;     /* replicates; 0 for none */
    unsigned long permutations;  /* 0 for none */
    unsigned long seed;
    int exact;                   /* as R's exact: CORR_EXACT_AUTO (NULL), _YES (TRUE), _NO */
} corr_options;

enum { CORR_EXACT_AUTO = 0, CORR_EXACT_YES = 1, CORR_EXACT_NO = 2 };

typedef struct corr_estimate {
    int method;                  /* one CORR_* bit; 0 when not computed */
    double estimate;
    const char *statistic_name;  /* "t" (Pearson; df n - 2), "S" (Spearman, as R), "T" (Kendall,
                                    exact) or "z" (Kendall, normal) */
    double statistic, df;        /* df NAN unless t */
    double p_value;              /* two-sided */
    const char *p_method;        /* "t", "normal", "exact" or "AS 89" */
    int ties;                    /* x or y has ties (exact p impossible) */
    double ci_low, ci_high;      /* Fisher z (Pearson only), else NAN */
    double boot_pct_low, boot_pct_high, boot_bca_low, boot_bca_high; /* NAN without bootstrap */
    double p_permutation;        /* NAN without permutations */
    double p_adjusted;           /* p_value adjusted over the run's tests (corr_adjust), else NAN */
} corr_estimate;

typedef struct corr_result {
    size_t n, n_dropped;         /* pairs used; pairs with a missing (NAN) x or y */
    corr_estimate pearson, spearman, kendall;
    adjust_method adjust;        /* how p_adjusted was made; ADJUST_NONE until corr_adjust */
    size_t adjust_tests;         /* the number of tests adjusted over */
} corr_result;

/* Correlates x and y (n pairs; NAN marks a missing value). DS_EDATA for fewer than 3
 * complete pairs or a constant variable. */
int corr_compute(const double *x, const double *y, size_t n, const corr_options *opt,
                 corr_result *out, ds_err *err);

/* The corr object as the next value of w (compact): the options that shape the result (level,
 * bootstrap, permutations, seed), then n, n_dropped and an object per method computed. */
/* Adjusts the p-values of n results for multiple testing, as R's p.adjust: each method's
 * p-values over the results that have it (the pairs of a run are one family a method). */
void corr_adjust(corr_result *const *results, size_t n, adjust_method m);

#define CORR_SCHEMA "damirstat.corr/1"
void corr_json(json_w *w, const corr_result *r, const corr_options *opt);

#endif
