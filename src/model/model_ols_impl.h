/* model_ols_impl.h: the least-squares fit kind (model_ols.c), OLS or WLS. */
#ifndef DAMIRSTAT_MODEL_OLS_IMPL_H
#define DAMIRSTAT_MODEL_OLS_IMPL_H

#include "damirstat/model.h"
#include "model_data_impl.h"

/* Least squares of d into f (started by model_fit_start), with the covariance opt->se asks
 * for. DS_EDATA when the least squares or the conditioning SVD fails. */
int model_fit_ols(const model_data *d, const model_spec *spec, const model_options *opt,
                  model_fit *f, ds_err *err);

#endif
