/* model_data: from a table and a parsed formula to the numbers least squares needs — the
 * design matrix (long double, intercept first), the response, the weights — dropping rows
 * with a missing value and refusing data that cannot be fitted, with a message that names
 * the column or term at fault. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "model_data_impl.h"

void model_data_free(model_data *d)
{
    free(d->x);
    free(d->y);
    free(d->w);
    free(d->rows);
    memset(d, 0, sizeof *d);
}

/* Binds every expression of the model to t and checks that no column it reads is empty. */
static int bind_all(const table_t *t, model_spec *spec, ds_err *err)
{
    size_t nrows = table_nrows(t);
    for (size_t k = 0; k <= spec->nterms; k++) {
        expr_t *e = k == 0 ? spec->response : spec->exprs[k - 1];
        int rc = expr_bind(e, t, err);
        if (rc)
            return rc;
        for (size_t c = 0; c < expr_ncolumns(e); c++) {
            long col = table_col_index(t, expr_column(e, c));
            if (table_col_missing(t, (size_t)col) == nrows)
                return ds_err_set(err, DS_EDATA, "%s: column '%s' is missing on every row",
                                  table_name(t), expr_column(e, c));
        }
    }
    return DS_OK;
}

static int weight_column(const table_t *t, const char *name, long *col, ds_err *err)
{
    *col = -1;
    if (!name)
        return DS_OK;
    if (table_col_index(t, name) < 0)
        return ds_err_set(err, DS_EDATA, "%s: no weight column '%s'", table_name(t), name);
    size_t c;
    int rc = table_number_column(t, name, &c, err);
    if (rc)
        return rc;
    *col = (long)c;
    if (table_col_missing(t, (size_t)*col) == table_nrows(t))
        return ds_err_set(err, DS_EDATA, "%s: column '%s' is missing on every row",
                          table_name(t), name);
    return DS_OK;
}

/* Evaluates one row into the next slot of d; returns 1 if kept, 0 if dropped. */
static int take_row(model_data *d, const table_t *t, const model_spec *spec, long wcol,
                    size_t row, ds_err *err, int *rc)
{
    size_t i = d->n, cap = d->cap;
    int dom = 0, any_dom = 0;
    long double yv = expr_eval_ld(spec->response, t, row, &dom);
    any_dom |= dom;
    int missing = isnan(yv);
    long double wv = 1;
    if (wcol >= 0) {
        wv = table_num(t, row, (size_t)wcol);
        missing |= isnan(wv);
        if (!isnan(wv) && !(wv >= 0)) {
            *rc = ds_err_set(err, DS_EDATA, "%s:%zu: weight '%s' must be 0 or more, got %s",
                             table_name(t), table_row_line(t, row),
                             table_col_name(t, (size_t)wcol), table_text(t, row, (size_t)wcol));
            return 0;
        }
    }
    size_t off = d->has_intercept;
    if (off)
        d->x[i] = 1;
    for (size_t k = 0; k < spec->nterms; k++) {
        long double v = expr_eval_ld(spec->exprs[k], t, row, &dom);
        any_dom |= dom;
        missing |= isnan(v);
        d->x[(k + off) * cap + i] = v;
    }
    if (missing) {
        d->n_dropped++;
        d->n_domain += any_dom;
        return 0;
    }
    if (wv == 0) {
        /* R's lm leaves such rows out of the estimates, the residual df and the
         * log-likelihood: the fit is the one on the other rows. */
        d->n_zero_weight++;
        return 0;
    }
    d->y[i] = yv;
    if (d->w)
        d->w[i] = wv;
    d->rows[i] = row;
    d->n++;
    return 1;
}

/* With an intercept a constant regressor cannot be estimated; without one, a zero one. */
static int check_variation(const model_data *d, const model_spec *spec, ds_err *err)
{
    size_t off = d->has_intercept;
    for (size_t k = 0; k < spec->nterms; k++) {
        const long double *c = d->x + (k + off) * d->cap;
        int varies = 0, nonzero = 0;
        for (size_t i = 0; i < d->n; i++) {
            varies |= c[i] != c[0];
            nonzero |= c[i] != 0;
        }
        if (off && !varies)
            return ds_err_set(err, DS_EDATA,
                              "term '%s' does not vary (it is %.15Lg on all %zu rows used): "
                              "its effect cannot be estimated beside the intercept",
                              spec->names[k], c[0], d->n);
        if (!off && !nonzero)
            return ds_err_set(err, DS_EDATA, "term '%s' is 0 on all %zu rows used",
                              spec->names[k], d->n);
    }
    return DS_OK;
}

int model_data_build(const table_t *t, model_spec *spec, const char *weight,
                     const unsigned char *use, model_data *d, ds_err *err)
{
    memset(d, 0, sizeof *d);
    size_t nrows = table_nrows(t);
    if (nrows == 0)
        return ds_err_set(err, DS_EDATA, "%s: no data rows to fit", table_name(t));
    long wcol;
    int rc = bind_all(t, spec, err);
    if (!rc)
        rc = weight_column(t, weight, &wcol, err);
    if (rc)
        return rc;
    d->has_intercept = spec->has_intercept;
    d->p = spec->nterms + (size_t)spec->has_intercept;
    d->cap = nrows;
    d->x = xmalloc(nrows * d->p * sizeof *d->x);
    d->y = xmalloc(nrows * sizeof *d->y);
    d->w = wcol >= 0 ? xmalloc(nrows * sizeof *d->w) : NULL;
    d->rows = xmalloc(nrows * sizeof *d->rows);
    for (size_t row = 0; row < nrows && !rc; row++)
        if (!use || use[row])
            take_row(d, t, spec, wcol, row, err, &rc);
    if (!rc && d->n == 0)
        rc = ds_err_set(err, DS_EDATA,
                        "%s: no row has a value for every variable of the model (%zu rows dropped)",
                        table_name(t), d->n_dropped);
    if (!rc && d->n <= d->p)
        rc = ds_err_set(err, DS_EDATA,
                        "%s: %zu complete rows for %zu coefficients: a fit needs more rows "
                        "than coefficients",
                        table_name(t), d->n, d->p);
    if (!rc)
        rc = check_variation(d, spec, err);
    if (rc)
        model_data_free(d);
    return rc;
}
