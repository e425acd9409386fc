/* model_fit_impl.h: the start of every model_fit (model_fit.c) — what the formula and the
 * bound data say before any fit kind fills in its results. */
#ifndef DAMIRSTAT_MODEL_FIT_IMPL_H
#define DAMIRSTAT_MODEL_FIT_IMPL_H

#include "damirstat/model.h"
#include "model_data_impl.h"

/* A new fit of formula on d with opt: formula, response, intercept, n, drops, p, method,
 * SE kind, level; results zero, NAN or NULL until a fit kind fills them.
 * Free it with model_fit_free. */
model_fit *model_fit_start(const char *formula, const model_spec *spec, const model_data *d,
                           const model_options *opt);

#endif
