/* model_within_impl.h: absorbed fixed effects in model_data (model_within.c). */
#ifndef DAMIRSTAT_MODEL_WITHIN_IMPL_H
#define DAMIRSTAT_MODEL_WITHIN_IMPL_H

#include "model_data_impl.h"

/* The fixed effects of spec on d's rows: partials them out of d->y (kept as d->y_raw) and
 * d->x (weighted by d->w), sets fe_k, fe_sweeps and fe_hat. DS_EDATA for a missing or
 * unknown fixed-effect column, no convergence, or a regressor the fixed effects absorb
 * (constant within their levels). */
int within_build(const table_t *t, const model_spec *spec, model_data *d, ds_err *err);

#endif
