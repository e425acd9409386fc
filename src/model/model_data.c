/* model_data: from a table and a parsed formula to the numbers least squares needs — the
 * design matrix (long double, intercept first), the response, the weights — dropping rows
 * with a missing value and refusing data that cannot be fitted, with a message that names
 * the column or term at fault. Factor levels and interactions are expanded by
 * terms_design.c; absorbed fixed effects are partialled out by model_within.c. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "model_data_impl.h"
#include "model_within_impl.h"

void model_data_free(model_data *d)
{
    for (size_t j = 0; d->names && j < d->p; j++)
        free(d->names[j]);
    free(d->names);
    free(d->is_dummy);
    free(d->x);
    free(d->y);
    free(d->y_raw);
    free(d->w);
    free(d->rows);
    free(d->off);
    free(d->fe_hat);
    fe_set_free(&d->fe);
    for (size_t k = 0; k < d->ncluster; k++)
        cluster_ids_free(&d->cluster[k]);
    memset(d, 0, sizeof *d);
}

static int all_missing(const table_t *t, const char *column, ds_err *err)
{
    long col = table_col_index(t, column);
    if (col >= 0 && table_col_missing(t, (size_t)col) == table_nrows(t))
        return ds_err_set(err, DS_EDATA, "%s: column '%s' is missing on every row",
                          table_name(t), column);
    return DS_OK;
}

/* Binds every expression of the model to t and checks that no column it reads is empty. */
static int bind_all(const table_t *t, model_spec *spec, ds_err *err)
{
    int rc = expr_bind(spec->response, t, err);
    for (size_t c = 0; !rc && c < expr_ncolumns(spec->response); c++)
        rc = all_missing(t, expr_column(spec->response, c), err);
    if (!rc)
        rc = terms_bind(&spec->terms, t, err);
    for (size_t k = 0; !rc && k < spec->terms.natoms; k++) {
        const terms_atom *a = &spec->terms.atoms[k];
        if (a->is_factor)
            rc = all_missing(t, a->column, err);
        for (size_t c = 0; !rc && !a->is_factor && c < expr_ncolumns(a->expr); c++)
            rc = all_missing(t, expr_column(a->expr, c), err);
    }
    if (!rc && spec->offset) {
        rc = expr_bind(spec->offset, t, err);
        for (size_t c = 0; !rc && c < expr_ncolumns(spec->offset); c++)
            rc = all_missing(t, expr_column(spec->offset, c), err);
    }
    return rc;
}

static int weight_column(const table_t *t, const char *name, long *col, ds_err *err)
{
    *col = -1;
    if (!name)
        return DS_OK;
    size_t c;
    if (table_column(t, name, "weight", &c, err))
        return DS_EDATA;
    int rc = table_number_column(t, name, &c, err);
    if (rc)
        return rc;
    *col = (long)c;
    if (table_col_missing(t, (size_t)*col) == table_nrows(t))
        return ds_err_set(err, DS_EDATA, "%s: column '%s' is missing on every row",
                          table_name(t), name);
    return DS_OK;
}

/* The offset of a complete row into the next slot of d->off; a missing cell drops the row
 * (*keep = 0, as R's na.omit), a value out of the expression's domain — log of an exposure
 * <= 0 — is an error that names the row and the cells (an exposure of 0 has no log rate). */
static int offset_value(model_data *d, const table_t *t, const expr_t *e, size_t row,
                        int *keep, ds_err *err)
{
    int dom = 0;
    long double v = expr_eval_ld(e, t, row, &dom);
    if (dom) {
        char cells[256] = "";
        size_t len = 0;
        for (size_t c = 0; c < expr_ncolumns(e) && len < sizeof cells; c++) {
            long col = table_col_index(t, expr_column(e, c));
            int w = snprintf(cells + len, sizeof cells - len, "%s%s = %s", c ? ", " : "",
                             expr_column(e, c), table_text(t, row, (size_t)col));
            len += w > 0 ? (size_t)w : 0;
        }
        return ds_err_set(err, DS_EDATA, "%s:%zu: the offset %s is not defined (%s): an "
                          "exposure under log() must be > 0", table_name(t),
                          table_row_line(t, row), expr_text(e), cells);
    }
    d->off[d->n] = v;
    *keep = !isnan(v);
    return DS_OK;
}

/* Keeps row in the next slot of d when every variable of the model has a value there and
 * its weight is not 0; counts it otherwise. DS_EDATA for a negative weight. */
static int take_row(model_data *d, const table_t *t, const model_spec *spec, long wcol,
                    const long *ccol, size_t row, ds_err *err)
{
    int dom = 0, any_dom = 0;
    long double yv = expr_eval_ld(spec->response, t, row, &dom);
    any_dom |= dom;
    int missing = isnan(yv);
    long double wv = 1;
    if (wcol >= 0) {
        wv = table_num(t, row, (size_t)wcol);
        missing |= isnan(wv);
        if (!isnan(wv) && !(wv >= 0))
            return ds_err_set(err, DS_EDATA, "%s:%zu: weight '%s' must be 0 or more, got %s",
                              table_name(t), table_row_line(t, row),
                              table_col_name(t, (size_t)wcol), table_text(t, row, (size_t)wcol));
    }
    missing |= !terms_row_complete(&spec->terms, t, row, &dom);
    any_dom |= dom;
    for (size_t k = 0; k < d->ncluster; k++)
        missing |= table_is_missing(t, row, (size_t)ccol[k]);
    if (spec->offset && !missing) {
        int keep = 1, rc = offset_value(d, t, spec->offset, row, &keep, err);
        if (rc)
            return rc;
        missing |= !keep;
    }
    if (missing) {
        d->n_dropped++;
        d->n_domain += any_dom;
        return DS_OK;
    }
    if (wv == 0) {
        /* R's lm leaves such rows out of the estimates, the residual df and the
         * log-likelihood: the fit is the one on the other rows. */
        d->n_zero_weight++;
        return DS_OK;
    }
    d->y[d->n] = yv;
    if (d->w)
        d->w[d->n] = wv;
    d->rows[d->n++] = row;
    return DS_OK;
}

/* The design columns of the kept rows: the intercept, then the terms' columns. */
static int build_design(model_data *d, const table_t *t, const model_spec *spec, ds_err *err)
{
    terms_design td;
    int rc = terms_build(&spec->terms, t, d->rows, d->n, &td, err);
    if (rc)
        return rc;
    size_t off = (size_t)spec->has_intercept;
    d->p = off + td.ncols;
    d->cap = d->n;
    size_t cells = d->n * d->p;
    d->x = xmalloc((cells ? cells : 1) * sizeof *d->x);
    d->names = xcalloc(d->p ? d->p : 1, sizeof *d->names);
    d->is_dummy = xcalloc(d->p ? d->p : 1, sizeof *d->is_dummy);
    if (off) {
        d->names[0] = xstrdup("(Intercept)");
        for (size_t i = 0; i < d->n; i++)
            d->x[i] = 1;
    }
    for (size_t c = 0; c < td.ncols; c++) {
        const terms_term *term = &spec->terms.terms[td.term[c]];
        for (size_t k = 0; k < term->n; k++)
            d->is_dummy[off + c] |= spec->terms.atoms[term->atom[k]].is_factor;
        d->names[off + c] = td.names[c];
        td.names[c] = NULL;
        memcpy(d->x + (off + c) * d->cap, td.x + c * d->n, d->n * sizeof *d->x);
    }
    terms_design_free(&td);
    return DS_OK;
}

/* With an intercept a constant regressor cannot be estimated; without one, a zero one. A
 * factor's column may be all 0 (an empty cell of an interaction): it is aliased, as in R. */
static int check_variation(const model_data *d, ds_err *err)
{
    size_t off = d->has_intercept;
    for (size_t k = off; k < d->p; k++) {
        const long double *c = d->x + k * d->cap;
        int varies = 0, nonzero = 0;
        for (size_t i = 0; i < d->n; i++) {
            varies |= c[i] != c[0];
            nonzero |= c[i] != 0;
        }
        if (d->is_dummy[k])
            continue;
        if (off && !varies)
            return ds_err_set(err, DS_EDATA,
                              "term '%s' does not vary (it is %.15Lg on all %zu rows used): "
                              "its effect cannot be estimated beside the intercept",
                              d->names[k], c[0], d->n);
        if (!off && !nonzero)
            return ds_err_set(err, DS_EDATA, "term '%s' is 0 on all %zu rows used",
                              d->names[k], d->n);
    }
    return DS_OK;
}

static int keep_rows(model_data *d, const table_t *t, const model_spec *spec, long wcol,
                     const model_options *opt, ds_err *err)
{
    size_t nrows = table_nrows(t);
    const unsigned char *use = opt->rows;
    long ccol[2] = {-1, -1};
    for (size_t k = 0; k < d->ncluster; k++)
        if ((ccol[k] = table_col_index(t, opt->cluster[k])) < 0)
            return ds_err_set(err, DS_EDATA, "%s: no cluster column '%s'", table_name(t),
                              opt->cluster[k]);
    d->y = xmalloc(nrows * sizeof *d->y);
    d->w = wcol >= 0 ? xmalloc(nrows * sizeof *d->w) : NULL;
    d->rows = xmalloc(nrows * sizeof *d->rows);
    d->off = spec->offset ? xmalloc(nrows * sizeof *d->off) : NULL;
    d->t = t;
    int rc = DS_OK;
    for (size_t row = 0; row < nrows && !rc; row++)
        if (!use || use[row])
            rc = take_row(d, t, spec, wcol, ccol, row, err);
    if (!rc && d->n == 0)
        rc = ds_err_set(err, DS_EDATA,
                        "%s: no row has a value for every variable of the model (%zu rows dropped)",
                        table_name(t), d->n_dropped);
    return rc;
}

/* The clustering columns' groups on the kept rows. */
static int build_clusters(model_data *d, const table_t *t, const model_options *opt,
                          ds_err *err)
{
    for (size_t k = 0; k < d->ncluster; k++) {
        int rc = cluster_ids_from_table(t, opt->cluster[k], d->rows, d->n, &d->cluster[k], err);
        if (rc) {
            d->ncluster = k; /* the ones built are freed */
            return rc;
        }
    }
    return DS_OK;
}

int model_data_build(const table_t *t, model_spec *spec, const model_options *opt,
                     model_data *d, ds_err *err)
{
    memset(d, 0, sizeof *d);
    if (table_nrows(t) == 0)
        return ds_err_set(err, DS_EDATA, "%s: no data rows to fit", table_name(t));
    long wcol;
    int rc = bind_all(t, spec, err);
    if (!rc)
        rc = weight_column(t, opt->weight, &wcol, err);
    if (rc)
        return rc;
    d->has_intercept = spec->has_intercept;
    d->ncluster = opt->ncluster > 2 ? 2 : opt->ncluster;
    rc = keep_rows(d, t, spec, wcol, opt, err);
    if (!rc)
        rc = build_design(d, t, spec, err);
    if (!rc && spec->terms.nfe)
        rc = within_build(t, spec, d, err);
    if (!rc && d->n <= d->p + d->fe_k)
        rc = ds_err_set(err, DS_EDATA,
                        "%s: %zu complete rows for %zu coefficients: a fit needs more rows "
                        "than coefficients", table_name(t), d->n, d->p + d->fe_k);
    if (!rc && !spec->terms.nfe)
        rc = check_variation(d, err);
    if (!rc)
        rc = build_clusters(d, t, opt, err);
    else
        d->ncluster = 0; /* nothing built to free */
    if (rc)
        model_data_free(d);
    return rc;
}
