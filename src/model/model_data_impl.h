/* model_data_impl.h: the numbers of a model (model_data.c): a formula bound to a table and
 * evaluated row by row into the design, the response and the weights that every fit kind
 * starts from. */
#ifndef DAMIRSTAT_MODEL_DATA_IMPL_H
#define DAMIRSTAT_MODEL_DATA_IMPL_H

#include <stddef.h>

#include "damirstat/err.h"
#include "damirstat/table.h"
#include "model_formula_impl.h"

typedef struct model_data {
    size_t n, p, cap;      /* rows kept, columns (intercept first), allocated rows */
    int has_intercept;
    long double *x;        /* cap × p column-major; column j starts at x + j * cap */
    long double *y;
    long double *w;        /* weights, or NULL */
    size_t *rows;          /* source row of each kept row */
    size_t n_dropped, n_domain;
    size_t n_zero_weight;  /* complete rows left out for a weight of 0, as R's lm does */
} model_data;

/* Binds spec to t and evaluates every row (those with use[r] != 0 only, when use is not
 * NULL). DS_EDATA: unknown or all-missing column, text
 * column, no rows, no complete row, n <= p, a regressor that does not vary, a weight < 0. */
int model_data_build(const table_t *t, model_spec *spec, const char *weight,
                     const unsigned char *use, model_data *d, ds_err *err);
void model_data_free(model_data *d);

#endif
