/* glm: models for counts with an exposure — Poisson, quasi-Poisson and negative binomial,
 * log link — fitted by iteratively reweighted least squares on a design matrix, as R's
 * glm.fit, summary.glm and MASS::glm.nb do it; and their robust covariances (HC0–HC3 and
 * the per-row scores a clustered sandwich sums), as sandwich::vcovHC / vcovCL on a glm.
 *
 * Follows R step by step so that the numbers agree to the printed digits: the same starting
 * values (mustart = y + 0.1; y + (y == 0)/6 for the negative binomial), the same stopping
 * rule |dev − devold| / (|dev| + 0.1) < epsilon (glm.control: 1e-8, 25 iterations), step
 * halving on a non-finite deviance, the working weights and QR of the last iteration for the
 * covariance, the Pearson dispersion Σ w r² / df of summary.glm, and glm.nb's alternation
 * between a fit at fixed theta and theta.ml (Newton on the profile score, SE from the
 * observed information). Each weighted least-squares step is the Householder QR in wide
 * precision of the linear models (model.h), on a centred, unit-norm design, with the same
 * aliasing rule (a collinear column is dropped and reported, NA as in R).
 *
 * Where we differ from R, on purpose: non-integer counts are an error for poisson and negbin
 * (R warns and gives an AIC of Inf; quasipoisson takes any y >= 0); a column whose non-zero
 * rows all have a count of 0 (a group with only zero counts) has no finite estimate — R
 * creeps toward −∞ and reports a huge estimate and SE — so its rows are left out and the
 * column is reported as separated (the other estimates are the limit R approaches, as
 * fixest drops such groups); a theta that grows without bound (no overdispersion beyond
 * Poisson: R warns "iteration limit reached" and prints a theta of 1e4 or more) is an error
 * that says to fit a Poisson model. GSL's error handler must be off. */
#ifndef DAMIRSTAT_GLM_H
#define DAMIRSTAT_GLM_H

#include <stddef.h>
#include <stdio.h>

#include "damirstat/cluster.h"
#include "damirstat/err.h"
#include "damirstat/model.h"

/* The families are model.h's model_family (its name table spells them): MODEL_POISSON,
 * MODEL_QUASIPOISSON, MODEL_NEGBIN; MODEL_GAUSSIAN is least squares, not fitted here.
 * R's name of the family as summary.glm prints it: "poisson", "quasipoisson",
 * "Negative Binomial(28.06)" (theta with 4 significant digits, as print.summary.glm). */
int glm_family_label(model_family f, double theta, char *buf, size_t size);

/* The data of a fit. Rows with a prior weight of 0 are left out (R's glm: "good" rows). */
typedef struct glm_data {
    size_t n, p;
    const double *x;        /* n × p, row-major; column 0 is the intercept if has_intercept */
    const double *y;        /* counts, >= 0 */
    const double *offset;   /* n entries added to the linear predictor (log exposure), or NULL */
    const double *weights;  /* prior weights >= 0, or NULL for 1 */
    int has_intercept;
    /* For messages only: the names of the p columns and of the response, and the 1-based
     * line of each row in its file (NULL: rows are named by their 1-based index). */
    const char *const *names;
    const char *response;
    const size_t *lines;
    const char *source;     /* the file of the lines ("FILE:LINE"), or NULL */
} glm_data;

typedef struct glm_options {
    model_family family;
    int maxit;       /* IRLS iterations, and negbin alternations (glm.control: 25) */
    double epsilon;  /* relative change of the deviance that stops IRLS (glm.control: 1e-8) */
} glm_options;

/* Fills opt with R's defaults: MODEL_POISSON, maxit 25, epsilon 1e-8. */
void glm_options_default(glm_options *opt);

typedef struct glm_factor glm_factor; /* private: the last weighted least squares */

typedef struct glm_fit {
    model_family family;
    size_t n_input;      /* rows given */
    size_t n;            /* rows used: positive weight and not separated */
    size_t p, rank;
    int has_intercept;
    unsigned char *used; /* n_input: 1 if the row is in the fit */
    unsigned char *aliased;   /* p: collinear with earlier columns (NA, as R) */
    unsigned char *separated; /* p: only zero counts where the column is non-zero (NA) */
    size_t n_separated;  /* rows left out for a separated column */
    size_t n_zero_weight;
    double *coef;        /* p (NAN where aliased or separated) */
    double *cov_unscaled;/* p × p row-major (X'WX)⁻¹ at the last IRLS weights (NAN rows/cols) */
    double *vcov;        /* dispersion × cov_unscaled: summary.glm's covariance */
    double deviance, null_deviance, df_residual, df_null;
    double dispersion;   /* 1 for poisson and negbin; Pearson Σ w r² / df for quasipoisson */
    double aic, log_likelihood; /* NAN for quasipoisson (no likelihood), as R */
    double pearson_chi2; /* Σ w r² of the working residuals at the last weights */
    double theta, theta_se; /* negbin: theta.ml's estimate and SE; NAN otherwise */
    double theta_irls;   /* negbin: the theta the last IRLS ran at (glm.nb's family) */
    size_t iterations;   /* IRLS iterations of the final fit ("Fisher Scoring iterations") */
    size_t alternations; /* negbin: glm.nb's outer iterations (theta, then the fit); 0 else */
    int converged;       /* IRLS (and for negbin the alternation) met its rule */
    int theta_warning;   /* negbin: theta.ml stopped at its iteration limit (R warns) */
    int alternation_limit; /* negbin: glm.nb's "alternation limit reached" */
    int null_converged;  /* the intercept-only refit for the null deviance converged */
    size_t step_halvings;/* IRLS steps halved for a non-finite deviance (R's "step size
                          * truncated due to divergence") */
    /* Per input row (n_input entries; rows not used hold NAN, weights 0): */
    double *mu, *eta;          /* fitted means and linear predictor (offset included) */
    double *working_weights;   /* prior × mu²/V(mu) at the last iteration's start (R's wt) */
    double *working_residuals; /* (y − mu)/mu at the final mu */
    double *hat;               /* leverages of the last weighted QR (hatvalues.glm) */
    glm_factor *factor;        /* owned; for glm_vcov_hc and glm_vcov_cluster */
} glm_fit;

/* Fits d. DS_EDATA: no rows, n <= rank, a negative or missing count, a non-integer count
 * (poisson, negbin), a non-finite offset, all counts 0, a negative weight, a theta that
 * diverges (no overdispersion) or falls to 0, a fit that no step halving can keep finite.
 * DS_EUSAGE: maxit < 1 or epsilon <= 0. No convergence within maxit is not an error: the
 * last iterate is returned with converged = 0 (see glm_warnings). *out owned by the caller. */
int glm_fit_design(const glm_data *d, const glm_options *opt, glm_fit **out, ds_err *err);
void glm_fit_free(glm_fit *f); /* accepts NULL */

/* R's deviance residuals, residuals(m, "deviance"): sign(y − mu) √(prior · d_i), d_i the
 * family's unit deviance at the fit's theta; out has d->n entries, NAN for rows not used. */
void glm_deviance_residuals(const glm_data *d, const glm_fit *f, double *out);
/* R's Pearson residuals, residuals(m, "pearson"): (y − mu) √(prior / V(mu)) at the final mu. */
void glm_pearson_residuals(const glm_data *d, const glm_fit *f, double *out);

/* What summary.glm prints for coefficient j: the statistic is z (poisson, negbin) or t on
 * df_residual (quasipoisson) with the covariance v (p × p, the fit's vcov or a robust one);
 * the interval is Wald's with the normal quantile, as confint.default (R's confint on a glm
 * profiles the likelihood instead: see docs). NAN for aliased or separated columns. */
typedef struct glm_coef {
    double estimate, std_error, statistic, p_value, ci_low, ci_high;
} glm_coef;
void glm_coef_at(const glm_fit *f, const double *v, size_t j, double level, int use_t,
                 glm_coef *out);
/* 1 when summary.glm tests with t (the dispersion is estimated: quasipoisson). */
int glm_uses_t(const glm_fit *f);

/* Heteroskedasticity-consistent covariance as sandwich::vcovHC(type = "HC0" … "HC3") on the
 * glm: (X'WX)⁻¹ (Σ ω_i ψ_i ψ_i') (X'WX)⁻¹ with ψ_i = x_i w_i r_i (working weight times
 * working residual) and ω of HC1 n/(n − k), HC2 1/(1 − h), HC3 1/(1 − h)². type is 0..3.
 * v: p × p row-major, NAN rows/cols for columns not estimated. Returns the number of rows
 * with a hat value of 1 (HC2/HC3 then undefined, v all NAN, as sandwich's NaN). */
size_t glm_vcov_hc(const glm_data *d, const glm_fit *f, int type, double *v);

/* The pieces of any sandwich: the scores ψ_i of the rows used (f->n × p row-major, in the
 * order of the data; 0 in the columns not estimated) and the bread (X'WX)⁻¹, the fit's
 * cov_unscaled. Caller frees *scores. */
void glm_scores(const glm_data *d, const glm_fit *f, double **scores);

/* Clustered covariance (cluster.h) of the fit: CR0 or CR1 from the bread and the scores,
 * k = rank in CR1's (n − 1)/(n − k), as sandwich::vcovCL(type = "HC0", cadjust = FALSE) and
 * vcovCL(type = "HC1") on the glm (vcovCL's own default on a glm is HC0 with G/(G − 1):
 * CR1 times (n − k)/(n − 1)). ids group the rows used (f->n codes, in the order of the
 * data). v: p × p row-major, NAN for the columns not estimated; res gets the groups and the
 * degrees of freedom (free it with cluster_vcov_result_free). DS_EUSAGE for CR2: its GLM
 * form (clubSandwich's, with the working variance as target) is not the weighted least
 * squares CR2 of cluster.h, and is not offered; else the errors of cluster_vcov. */
int glm_vcov_cluster(const glm_data *d, const glm_fit *f, const cluster_ids *ids, size_t nway,
                     cluster_type type, double *v, cluster_vcov_result *res, ds_err *err);

/* The warnings a fit carries (no convergence, theta at its iteration limit, separated
 * columns, aliased columns, step halving, fitted rates numerically 0), one line each after
 * prefix, to fp; names (p entries, or NULL) name the columns. Returns how many. */
size_t glm_warnings(FILE *fp, const glm_fit *f, const char *const *names, const char *prefix,
                    const char *suffix);

#endif
