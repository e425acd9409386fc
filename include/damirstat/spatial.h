/* spatial: spatial regression by maximum likelihood, its impacts and its diagnostics, as R's
 * spatialreg 1.2 (method "eigen") and spdep 1.2.
 *
 * Models, for y (n), a design X (n × k, full rank, the intercept first and named
 * "(Intercept)" when there is one) and weights W (weights.h), with ε ~ N(0, σ²I):
 *   error   y = Xβ + u,  u = λWu + ε              spatialreg::errorsarlm
 *   lag     y = ρWy + Xβ + ε                      lagsarlm
 *   durbin  y = ρWy + Xβ + WXθ + ε                lagsarlm(Durbin = TRUE)
 *   slx     y = Xβ + WXθ + ε (least squares)      lmSLX
 * WX lags every column but the intercept (style W, where its lag is the intercept again) or
 * every column (style B: "lag.(Intercept)" is the neighbour count). λ or ρ maximises the
 * likelihood concentrated in β and σ² (GSL's Brent minimiser after a grid bracket, on
 * spatialreg's interval 1/ω_min … 1/ω_max); β and σ² = SSE/n follow. log|I − λW| comes from
 * W's eigenvalues (exact, O(n³) once; complex for k nearest neighbours) or from a sparse
 * Cholesky factorisation of the symmetric matrix similar to W, once per λ (symmetric
 * relations; the only way for tens of thousands of units). SPATIAL_LOGDET_AUTO takes the
 * eigenvalues up to SPATIAL_EIGEN_MAX units.
 *
 * Standard errors: with eigenvalues, spatialreg's asymptotic ones (the inverse information
 * matrix of (σ², λ|ρ, β), dense (I − λW)⁻¹); with the sparse method, the inverse observed
 * information of the likelihood concentrated in σ² (what spatialreg's numerical Hessian
 * approximates), analytic but for d²log|I − λW|/dλ², taken by differences; σ²'s row is
 * then NAN. slx: lm's. z values and normal p for ML fits (t and n − p df for slx).
 *
 * Impacts (lag, durbin with row-standardised W, as spatialreg's impacts(), which refuses
 * other styles; slx any style): for regressor r, S_r = (I − ρW)⁻¹(β_r I + θ_r W), direct =
 * tr(S_r)/n, total = (β_r + θ_r)/(1 − ρ), indirect = total − direct; slx: β_r, θ_r, their
 * sum, with exact standard errors. Simulated standard errors (impacts_draws > 0, eigenvalues
 * only): draws of (σ², ρ, β) from the normal with the asymptotic covariance, those with ρ
 * outside the interval dropped, the standard deviation of each impact over the draws
 * (spatialreg's impacts(R = N), its summary's SD); seeded GSL mt19937, reproducible.
 *
 * LM tests (spatial_lm_tests_compute) are spdep::lm.LMtests of an OLS fit: LMerr, LMlag,
 * their robust forms RLMerr, RLMlag (df 1) and SARMA (df 2), p from the χ² upper tail. */
#ifndef DAMIRSTAT_SPATIAL_H
#define DAMIRSTAT_SPATIAL_H

#include <stddef.h>

#include <stdio.h>

#include "damirstat/err.h"
#include "damirstat/json.h"
#include "damirstat/model.h"
#include "damirstat/table.h"
#include "damirstat/weights.h"

#define SPATIAL_EIGEN_MAX 1500 /* spatialreg's "small" */

typedef enum { SPATIAL_ERROR, SPATIAL_LAG, SPATIAL_DURBIN, SPATIAL_SLX } spatial_model;
typedef enum { SPATIAL_LOGDET_AUTO, SPATIAL_LOGDET_EIGEN, SPATIAL_LOGDET_SPARSE } spatial_logdet;

/* "error", "lag", "durbin", "slx"; the parsers return 0, or -1 for an unknown name. */
const char *spatial_model_name(spatial_model m);
int spatial_model_parse(const char *s, spatial_model *out);
const char *spatial_logdet_name(spatial_logdet m); /* "auto", "eigen", "sparse" */
int spatial_logdet_parse(const char *s, spatial_logdet *out);

typedef struct spatial_options {
    spatial_model model;
    spatial_logdet logdet;
    size_t impacts_draws; /* 0: analytic impacts only */
    unsigned long seed;   /* for the draws */
} spatial_options;

/* Defaults: error model, automatic log-determinant, no draws, seed 2015. */
void spatial_options_default(spatial_options *opt);

typedef struct spatial_term {
    char *name;
    double estimate, std_error, z_value, p_value;
} spatial_term;

typedef struct spatial_impact {
    char *name;                              /* the regressor */
    double direct, indirect, total;
    double direct_se, indirect_se, total_se; /* NAN without draws (lag, durbin) */
    /* The draws' 2.5 % and 97.5 % quantiles of the total impact (R's quantile type 7) and
     * the two-sided share of draws on the other side of 0, 2 min(P(≤ 0), P(≥ 0)): the total
     * (β + θ)/(1 − ρ) is skewed when ρ is near 1, where the SD of the draws is unstable.
     * NAN without draws (and for slx). */
    double total_q025, total_q975, total_p_draws;
} spatial_impact;

typedef struct spatial_fit {
    spatial_model model;
    int sparse;              /* 1 if the sparse log-determinant was used */
    size_t n, p;             /* units; coefficients (X, then WX for durbin and slx) */
    spatial_term *terms;     /* p; lags named "lag.NAME" */
    double coef, coef_se;    /* λ (error) or ρ (lag, durbin); NAN for slx */
    double coef_z, coef_p;   /* coef / coef_se and its two-sided normal p */
    double lower, upper;     /* the interval searched */
    int at_bound;            /* coef at an end of the interval: no interior maximum */
    int vcov_ok;             /* 0: the information matrix is singular, SEs are NAN */
    double sigma2;           /* ML: SSE/n; slx: SSE/(n − p) */
    double log_lik, aic;     /* AIC counts p + 2 parameters (slx: p + 1) */
    double ols_log_lik, ols_aic; /* least squares on X (durbin: X and WX) */
    double lr, lr_df, lr_p;  /* 2(log_lik − ols_log_lik) on lr_df, χ² p */
    double *residuals;       /* n; error: ε̂ = (I − λW)(y − Xβ̂), as spatialreg */
    double *fitted;          /* n; y − residuals */
    double *vcov;            /* ML: (p + 2)², order σ², λ|ρ, β; slx: p × p */
    size_t n_impacts;
    spatial_impact *impacts; /* lag, durbin (style W), slx; else NULL */
    size_t impacts_draws;    /* draws used (inside the interval) */
    /* Moran's I of the residuals: moran.test (randomisation) for ML fits, lm.morantest
     * for slx. */
    weights_moran_result moran;
} spatial_fit;

/* Fits opt->model to y on x (names[k] the columns' names) with weights w (w->n == n).
 * DS_EDATA for n ≤ p + 1, a design (with its lags) that is rank deficient, a W without a
 * link, the sparse method asked of an asymmetric W or with draws, or draws asked of a
 * binary W. A coefficient at the interval's end is not an error: at_bound says so. On
 * success *out is the caller's (spatial_fit_free). */
int spatial_fit_ml(const double *y, const double *x, size_t n, size_t k,
                   const char *const *names, const weights_t *w, const spatial_options *opt,
                   spatial_fit **out, ds_err *err);
void spatial_fit_free(spatial_fit *f); /* accepts NULL */

typedef struct spatial_lm_test {
    double statistic, df, p;
} spatial_lm_test;

typedef struct spatial_lm_tests {
    spatial_lm_test lm_err, lm_lag, rlm_err, rlm_lag, sarma;
} spatial_lm_tests;

/* spdep::lm.LMtests of the OLS fit of y on x (n × k, full rank) over w. DS_EDATA for a
 * rank-deficient design or all-zero residuals. */
int spatial_lm_tests_compute(const double *y, const double *x, size_t n, size_t k,
                             const weights_t *w, spatial_lm_tests *out, ds_err *err);

/* A fit of a table, as `fit` and a study ask for it. */
typedef struct spatial_request {
    const char *key_col;       /* the department column */
    weights_options weights;
    int lm_tests;              /* 1: the LM tests of the OLS fit */
    int fit;                   /* 1: the model of opts */
    spatial_options opts;
} spatial_request;

typedef struct spatial_result {
    weights_options weights;   /* as asked (its strings are the caller's) */
    weights_t *w;              /* over the units used (islands dropped or kept) */
    model_fit *refit;          /* OLS on those rows when islands were dropped; else NULL */
    int have_lm_tests;
    spatial_lm_tests lm;
    spatial_fit *fit;          /* NULL unless rq->fit */
} spatial_result;

/* The spatial side of f, an OLS fit of t by model_fit_formula with fopt (unweighted): the
 * departments of its rows (column rq->key_col), W over them (islands dropped: the model is
 * refitted on the others, as moran_fit_residuals does), then the LM tests and the model
 * asked for, on the same rows and design. DS_EUSAGE for a weighted or robust fit; DS_EDATA
 * as weights_build and spatial_fit_ml. */
int spatial_run(const table_t *t, const model_fit *f, const model_options *fopt,
                const spatial_request *rq, spatial_result *out, ds_err *err);
void spatial_result_free(spatial_result *r);

/* The members "spatial" (with a fit) and "lm_tests" (with the tests) of the fit object
 * (docs/json.md), into an object the caller has open. */
void spatial_json_members(json_w *w, const spatial_result *r);

/* The spatial model and LM tests as text, after the OLS summary: the weights used and the
 * units left out, the tests, the coefficients with λ|ρ, the likelihood ratio test, impacts
 * and Moran's I of the residuals. DS_EIO on a write error. */
int spatial_text(FILE *fp, const spatial_result *r, ds_err *err);

#endif
