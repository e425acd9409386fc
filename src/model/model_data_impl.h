/* model_data_impl.h: the numbers of a model (model_data.c): a formula bound to a table and
 * evaluated row by row into the design, the response and the weights that every fit kind
 * starts from — with absorbed fixed effects already partialled out of them. */
#ifndef DAMIRSTAT_MODEL_DATA_IMPL_H
#define DAMIRSTAT_MODEL_DATA_IMPL_H

#include <stddef.h>

#include "damirstat/err.h"
#include "damirstat/cluster.h"
#include "damirstat/fe.h"
#include "damirstat/model.h"
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
    char **names;          /* p column names as R prints them: "(Intercept)", "x",
                            * "factor(reg)84", "factor(reg)84:x" */
    int *is_dummy;         /* p: the column comes from a factor (may be all 0: aliased) */
    /* Absorbed fixed effects (fe.nfe == 0: none). x and y hold the within transformation;
     * y_raw the response as read (NULL without fixed effects: y is it). */
    fe_set fe;
    long double *y_raw;
    size_t fe_k;           /* parameters the fixed effects take (fe_parameters) */
    size_t fe_sweeps;      /* of the within transformation */
    long double *fe_hat;   /* n: diagonal of the fixed effects' hat matrix (their share of
                            * each leverage), or NULL when not computed (n > 5,000 with two
                            * or more fixed effects) */
    cluster_ids cluster[2]; /* the clustering columns on the kept rows (ncluster of them) */
    size_t ncluster;
    long double *off;      /* the offset of each row (spec->offset), or NULL */
    const table_t *t;      /* the table the rows come from (not owned), for messages */
} model_data;

/* Binds spec to t and evaluates every row (those with opt->rows[r] != 0 only, when rows is
 * not NULL), with the weights and clustering columns of opt (a row missing one is dropped).
 * DS_EDATA: unknown or all-missing column, text column, no rows, no complete row, n <= p, a
 * regressor that does not vary (or that the fixed effects absorb), a factor with one level,
 * a weight < 0, a clustering column with one group, an offset out of its domain (log of an
 * exposure <= 0: an error, not a dropped row). */
int model_data_build(const table_t *t, model_spec *spec, const model_options *opt,
                     model_data *d, ds_err *err);
void model_data_free(model_data *d);

#endif
