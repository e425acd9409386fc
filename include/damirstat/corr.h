/* corr: Pearson, Spearman and Kendall correlation of two numeric vectors, with the tests R's
 * cor.test gives, bootstrap intervals and a permutation p-value.
 *
 * Owns the estimates and their inference; the caller drops rows with a missing value first.
 * - Pearson r: t = r sqrt((n-2)/(1-r^2)) on n-2 df, two-sided p; CI by Fisher's z
 *   (atanh(r) ± z_(1+level)/2 / sqrt(n-3), needs n >= 4), as cor.test(method="pearson").
 * - Spearman rho: Pearson r of the ranks (ties get their average rank); p from the same t
 *   approximation on n-2 df, as cor.test(method="spearman", exact=FALSE). No CI.
 * - Kendall tau-b: z = S / sqrt(var S) with the tie-corrected variance and no continuity
 *   correction, two-sided normal p, as cor.test(method="kendall", exact=FALSE). O(n^2).
 * - Bootstrap (B > 0): pairs resampled with replacement (gsl_rng_mt19937 seeded with seed,
 *   so results repeat); percentile interval from R's type-7 quantiles of the replicates; BCa
 *   with bias z0 = qnorm(#{t* < t}/B) and the jackknife acceleration. Replicates whose
 *   estimate is undefined (a constant resample) are dropped and counted.
 * - Permutation (N > 0): y shuffled N times (same generator, after the bootstrap); two-sided
 *   p = (k + 1) / (N + 1), k = #{|t*| >= |t|}.
 * Undefined quantities are NAN (e.g. the Fisher CI when n = 3). */
#ifndef DAMIRSTAT_CORR_H
#define DAMIRSTAT_CORR_H

#include <stddef.h>

#include "damirstat/err.h"

typedef enum { CORR_PEARSON, CORR_SPEARMAN, CORR_KENDALL } corr_method;

typedef struct corr_options {
    double level;          /* confidence level of every interval, in (0, 1); 0.95 usually */
    size_t bootstrap;      /* bootstrap replicates; 0 = none */
    size_t permutations;   /* permutations; 0 = none */
    unsigned long seed;    /* seed of gsl_rng_mt19937 */
} corr_options;

typedef struct corr_result {
    corr_method method;
    size_t n;
    double estimate;           /* r, rho or tau-b */
    double statistic;          /* t (Pearson, Spearman) or z (Kendall) */
    double df;                 /* n - 2 for t; NAN for Kendall */
    double p_value;            /* two-sided */
    double ci_low, ci_high;    /* Fisher z interval (Pearson, n >= 4); NAN otherwise */
    size_t boot_replicates;    /* replicates used (B minus dropped ones) */
    size_t boot_dropped;       /* replicates with an undefined estimate */
    double boot_pct_low, boot_pct_high; /* percentile interval; NAN without bootstrap */
    double boot_bca_low, boot_bca_high; /* BCa interval; NAN when undefined */
    size_t permutations;
    double perm_p_value;       /* NAN without permutations */
} corr_result;

/* Name of a method as used on the command line and in JSON ("pearson", …). */
const char *corr_method_name(corr_method m);

/* The estimate alone; NAN when undefined (n < 2, or x or y constant). */
double corr_estimate(const double *x, const double *y, size_t n, corr_method m);

/* Estimate and inference of x against y (n pairs, none missing) into *out.
 * DS_EDATA for n < 3, non-finite values, or zero variance of x or y (named "x" or "y" in
 * the message: the caller adds the column names); DS_EUSAGE for a level outside (0, 1). */
int corr_compute(const double *x, const double *y, size_t n, corr_method m,
                 const corr_options *opt, corr_result *out, ds_err *err);

/* Average ranks (1-based; ties share the mean of their ranks) of v into rank. */
void corr_rank(const double *v, size_t n, double *rank);

/* Percentile and BCa intervals from bootstrap replicates (b values, any order; sorted in
 * place), the estimate on the full sample, and the n jackknife (leave-one-out) estimates.
 * BCa is NAN when every replicate lies on one side of the estimate or the acceleration is
 * undefined. */
void corr_boot_intervals(double *boot, size_t b, double estimate, const double *jack, size_t n,
                         double level, double *pct_low, double *pct_high, double *bca_low,
                         double *bca_high);

#endif
