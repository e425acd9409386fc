/* model_glm_impl.h: the count-model fit kind (model_glm.c), beside model_ols and model_robust. */
#ifndef DAMIRSTAT_MODEL_GLM_IMPL_H
#define DAMIRSTAT_MODEL_GLM_IMPL_H

#include "damirstat/model.h"
#include "model_data_impl.h"

/* The Poisson, quasi-Poisson or negative binomial fit (opt->family) of d into f (started by
 * model_fit_start), with d->off as offset and d->w as prior weights; f->glm gets the IRLS
 * fit. The errors of glm_fit_design (glm.h). */
int model_fit_glm(const model_data *d, const model_spec *spec, const model_options *opt,
                  model_fit *f, ds_err *err);

#endif
