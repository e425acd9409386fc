/* model_robust_impl.h: the M-estimation fit kind (model_robust.c), huber or bisquare. */
#ifndef DAMIRSTAT_MODEL_ROBUST_IMPL_H
#define DAMIRSTAT_MODEL_ROBUST_IMPL_H

#include "damirstat/model.h"
#include "model_data_impl.h"

/* GSL's robust fit of d into f (started by model_fit_start) with opt->method's weight
 * function; an unweighted model with classical SE kind (model_fit_formula checks). DS_EDATA
 * when GSL fails (not for reaching its iteration limit: the fit is flagged instead). */
int model_fit_robust(const model_data *d, const model_spec *spec, const model_options *opt,
                     model_fit *f, ds_err *err);

#endif
