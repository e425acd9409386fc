/* spatial_impl: what the spatial files of model share — dense least squares on a design,
 * the log-determinant log|I − λW| (eigenvalues or sparse Cholesky) and the sparse Cholesky
 * factorisation behind it. Private to src/model/. */
#ifndef DAMIRSTAT_SPATIAL_IMPL_H
#define DAMIRSTAT_SPATIAL_IMPL_H

#include <stddef.h>

#include <gsl/gsl_matrix.h>
#include <gsl/gsl_vector.h>

#include "damirstat/spatial.h"
#include "damirstat/weights.h"

/* Least squares on a dense n × k design (GSL Householder QR). */
typedef struct sp_ls {
    size_t n, k;
    gsl_matrix *qr;
    gsl_vector *tau;
} sp_ls;

/* QR of x (n × k, row-major, n > k). -1 when a column is (numerically) a combination of
 * the others: |R_jj| below 1e-9 of the column's norm. */
int sp_ls_init(sp_ls *ls, const double *x, size_t n, size_t k);
/* beta (k) and resid (n; either may be NULL) of y on the design. */
void sp_ls_solve(const sp_ls *ls, const double *y, double *beta, double *resid);
/* (X'X)⁻¹ = R⁻¹R⁻ᵀ, k × k row-major. */
void sp_ls_xtx_inv(const sp_ls *ls, double *out);
void sp_ls_free(sp_ls *ls);

/* x' y and the residual sum of squares of y on x, as helpers. */
double sp_dot(const double *x, const double *y, size_t n);

/* The sparse Cholesky factorisation of I − λS for a symmetric S (nested-dissection order,
 * symbolic analysis once, numeric factorisation per λ). */
typedef struct sp_chol sp_chol;
sp_chol *sp_chol_new(size_t n, const size_t *row_ptr, const size_t *col, const double *val);
/* log det(I − λS) into *logdet; -1 when I − λS is not positive definite. */
int sp_chol_logdet(sp_chol *c, double lambda, double *logdet);
/* nnz of the factor (for the benchmark's report). */
size_t sp_chol_nnz(const sp_chol *c);
void sp_chol_free(sp_chol *c);

/* log|I − λW| for one W, by the method chosen once. */
typedef struct sp_logdet {
    int sparse;           /* 0: eigenvalues, 1: sparse Cholesky */
    size_t n;
    double *eig_re, *eig_im; /* eigenvalues of W (eig_im NULL when all real) */
    sp_chol *chol;
    double lower, upper;  /* the interval of λ where I − λW is nonsingular around 0 */
} sp_logdet;

/* Sets up the log-determinant of w: eigenvalues (dense, n³) or the sparse Cholesky of the
 * symmetric matrix similar to W (w->symmetric required). DS_EDATA when a GSL step fails or
 * the sparse method is asked of an asymmetric W. */
int sp_logdet_init(sp_logdet *ld, const weights_t *w, int sparse, ds_err *err);
/* log|I − λW|; -INFINITY outside the interval (or where the factorisation fails). */
double sp_logdet_at(sp_logdet *ld, double lambda);
/* First and second derivatives of log|I − λW| in λ: −tr((I−λW)⁻¹W), −tr(((I−λW)⁻¹W)²);
 * exact from eigenvalues, by central differences of the sparse Cholesky otherwise. */
void sp_logdet_derivs(sp_logdet *ld, double lambda, double *d1, double *d2);
void sp_logdet_free(sp_logdet *ld);

/* One ML fit in progress: the design (X, with WX for durbin), its lags, the log-determinant
 * and what the concentrated likelihood needs. */
typedef struct sp_ml {
    spatial_model model;
    size_t n, k;         /* rows; columns of the design */
    int intercept;       /* column 0 is "(Intercept)" */
    const weights_t *w;
    const double *y;
    double *wy;          /* W y */
    double *x, *wx;      /* design and W times it, n × k row-major */
    char **names;        /* k column names (lags "lag.NAME") */
    size_t k_base;       /* columns of X before the lags */
    sp_logdet ld;
    double ea, eb, ec;   /* lag: e0'e0, eL'e0, eL'eL of y and Wy on the design */
    double *b0, *bl;     /* lag: coefficients of y and of Wy on the design */
} sp_ml;

/* The design [X, WX] of durbin and slx: WX lags every column but an intercept under style
 * W, all of them under style B. Returns the new column count; *xd and *names are the
 * caller's (names as "lag.NAME"). */
size_t sp_lagged_design(const weights_t *w, const double *x, size_t n, size_t k,
                        const char *const *names, double **xd, char ***dnames);

/* The asymptotic covariance of (σ², λ|ρ, β) at the estimate as spatialreg's method "eigen"
 * (dense (I − λW)⁻¹), or the observed one of the sparse method, into f->vcov; sets
 * f->vcov_ok. */
void sp_vcov(sp_ml *ml, spatial_fit *f, const double *beta);
/* Impacts of a lag or durbin fit (style W), with draws when asked. */
int sp_impacts(sp_ml *ml, spatial_fit *f, const spatial_options *opt, ds_err *err);
/* The slx model by least squares. */
int sp_fit_slx(const double *y, const double *x, size_t n, size_t k,
               const char *const *names, const weights_t *w, spatial_fit *f, ds_err *err);
/* Fills f->terms from estimates and standard errors (z and normal p, or t on df > 0). */
void sp_fill_terms(spatial_fit *f, char *const *names, const double *beta, const double *se,
                   double df);

#endif
