/* model_fit_impl.h: the steps of a fit, shared by model.c, model_infer.c, model_robust.c. */
#ifndef DAMIRSTAT_MODEL_FIT_IMPL_H
#define DAMIRSTAT_MODEL_FIT_IMPL_H

#include "damirstat/model.h"
#include "model_data.h"

/* The least-squares working set, all on the n rows used (see model.c for Z, c, S). */
typedef struct fit_work {
    long double *z;       /* n × p column-major, centred and unit-norm, rows times √w */
    long double *center, *scale, *sqw;
    ldqr qr;
    long double *gfull;   /* coefficients of Z by original column (0 for aliased) */
    long double *ew;      /* weighted residuals √w (y − ŷ) */
    long double *q;       /* thin Q, n × rank column-major */
    long double *rinv;    /* R⁻¹, rank × rank row-major */
    long double *hat;     /* leverages */
} fit_work;

void fit_work_free(fit_work *fw);

/* Least squares (and, for huber/bisquare, the robust fit) of d into f. */
int model_fit_ls(const model_data *d, const model_spec *spec, const model_options *opt,
                 model_fit *f, ds_err *err);
int model_fit_robust(const model_data *d, const model_spec *spec, fit_work *fw,
                     const model_options *opt, model_fit *f, ds_err *err);

/* b = M g, and V_b = M V_g M' (p × p by original column): back from Z to X. */
void fit_to_original(const model_data *d, const fit_work *fw, const long double *gfull,
                     long double *b);
void fit_cov_to_original(const model_data *d, const fit_work *fw, const long double *vg,
                         long double *vb);

/* Refines the least-squares solution of fw (solve_ls done) on the raw design, residuals in
 * __float128: sets b (p, by original column; 0 for aliased) and the residuals fw->ew. */
void fit_refine(const model_data *d, fit_work *fw, long double *b);
/* Per-row arrays of f from the weighted residuals fw->ew and leverages (sigma as given). */
void fit_fill_rows(const model_data *d, const fit_work *fw, model_fit *f, long double sigma);
/* sigma, R², adjusted R², F, log-likelihood, AIC, BIC as R's summary.lm and logLik.lm. */
void fit_fill_summary(const model_data *d, model_fit *f, long double rss);
/* Terms, vcov, t, p and intervals from b and its covariance vb (p × p, by original column). */
void fit_fill_terms(const model_data *d, const model_spec *spec, const fit_work *fw,
                    const long double *b, const long double *vb, model_fit *f);

#endif
