/* model_fit_impl.h: the steps of a fit, shared by model.c, model_infer.c, model_robust.c. */
#ifndef DAMIRSTAT_MODEL_FIT_IMPL_H
#define DAMIRSTAT_MODEL_FIT_IMPL_H

#include "damirstat/model.h"
#include "model_data.h"

/* The least-squares working set, all on the n rows used (see model.c for Z, c, S). */
typedef struct fit_work {
    wide *z;       /* n × p column-major, centred and unit-norm, rows times √w */
    wide *center, *scale, *sqw;
    ldqr qr;
    wide *gfull;   /* coefficients of Z by original column (0 for aliased) */
    wide *ew;      /* weighted residuals √w (y − ŷ) */
    wide *q;       /* thin Q, n × rank column-major */
    wide *rinv;    /* R⁻¹, rank × rank row-major */
    wide *hat;     /* leverages */
} fit_work;

void fit_work_free(fit_work *fw);

/* Least squares (and, for huber/bisquare, the robust fit) of d into f. */
int model_fit_ls(const model_data *d, const model_spec *spec, const model_options *opt,
                 model_fit *f, ds_err *err);
int model_fit_robust(const model_data *d, const model_spec *spec, fit_work *fw,
                     const model_options *opt, model_fit *f, ds_err *err);

/* b = M g, and V_b = M V_g M' (p × p by original column): back from Z to X. */
void fit_to_original(const model_data *d, const fit_work *fw, const wide *gfull,
                     wide *b);
void fit_cov_to_original(const model_data *d, const fit_work *fw, const wide *vg,
                         wide *vb);

/* Per-row arrays of f from the weighted residuals fw->ew and leverages (sigma as given). */
void fit_fill_rows(const model_data *d, const fit_work *fw, model_fit *f, long double sigma);
/* sigma, R², adjusted R², F, log-likelihood, AIC, BIC as R's summary.lm and logLik.lm. */
void fit_fill_summary(const model_data *d, const fit_work *fw, model_fit *f, wide rss);
/* Terms, vcov, t, p and intervals from b and its covariance vb (p × p, by original column). */
void fit_fill_terms(const model_data *d, const model_spec *spec, const fit_work *fw,
                    const wide *b, const wide *vb, model_fit *f);

#endif
