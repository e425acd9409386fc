/* model_infer_impl.h: what model_infer.c derives from the least-squares pieces into a
 * model_fit — R's summary.lm, logLik, hatvalues, rstandard, cooks.distance, the classical
 * and sandwich covariances, the design's conditioning. The fit kinds call these; they call
 * no fit back. */
#ifndef DAMIRSTAT_MODEL_INFER_IMPL_H
#define DAMIRSTAT_MODEL_INFER_IMPL_H

#include "damirstat/model.h"
#include "model_ls_impl.h"

/* The design's conditioning into f: the QR's pivoting tolerance and smallest pivot ratio,
 * and the condition number of the design with unit-norm, uncentred columns over the
 * estimated ones (GSL's SVD). DS_EDATA if the SVD fails. */
int infer_design(const model_data *d, const ls_work *ls, model_fit *f, ds_err *err);

/* Covariance of g (p × p by original column, zero for aliased columns): classical
 * sigma2 R⁻¹R⁻ᵀ (also for the clustered kinds, whose bread it is with sigma2 = 1), or the
 * HC0–HC3 sandwich from the weighted residuals ls->ew, the leverages including the absorbed
 * fixed effects' share. Returns the rows with a hat value of 1 for hc2/hc3 (the covariance
 * is then NAN), else 0. */
size_t infer_cov(const model_data *d, const ls_work *ls, model_se se, wide sigma2, wide *vg);

/* Per-row arrays of f from the weighted residuals ls->ew and leverages (sigma as given). */
void infer_rows(const model_data *d, const ls_work *ls, model_fit *f, long double sigma);
/* sigma, R², adjusted R², F, log-likelihood, AIC, BIC as R's summary.lm and logLik.lm. */
void infer_summary(const model_data *d, const ls_work *ls, model_fit *f, wide rss);
/* Terms, vcov, t, p and intervals from b and its covariance vb (p × p, by original column),
 * t on df[j] degrees of freedom (df NULL: f->df_residual for every term). */
void infer_terms(const model_data *d, const ls_work *ls, const wide *b, const wide *vb,
                 const double *df, model_fit *f);

#endif
