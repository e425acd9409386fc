/* spatial: the spatial module's entry on a table (spatial.h; the spatial_*.c files do the
 * work). spatial_run is the spatial side of an OLS fit of a table: W over the departments of
 * its rows, islands dropped (and the model refitted without them, as moran_fit_residuals does)
 * or kept, then the LM tests and the spatial model on the same rows and design. */
#include <stdlib.h>
#include <string.h>

#include "spatial_impl.h"

/* The OLS fit on the rows W kept, when islands were dropped. */
static int refit_without_islands(const table_t *t, const model_fit *f, const model_options *fopt,
                                 const weights_t *w, model_fit **g, ds_err *err)
{
    unsigned char *mask = xcalloc(table_nrows(t) + 1, 1);
    model_options gopt = *fopt;
    for (size_t i = 0; i < w->n; i++)
        mask[f->rows[w->source[i]]] = 1;
    gopt.rows = mask;
    ds_err local;
    ds_err_clear(&local);
    int rc = model_fit_formula(t, f->formula, &gopt, g, &local);
    if (rc)
        ds_err_set(err, rc, "refitting the model on the %zu departments with a neighbour: %s",
                   w->n, local.msg);
    free(mask);
    return rc;
}

/* y, the design without aliased columns and its names, for the fit g over W's units. */
static int design_of(const table_t *t, const model_fit *g, const model_options *fopt,
                     const weights_t *w, double **x, const char ***names, ds_err *err)
{
    model_options gopt = *fopt;
    unsigned char *mask = NULL;
    if (w->n < table_nrows(t) && g->n == w->n) {
        mask = xcalloc(table_nrows(t) + 1, 1);
        for (size_t i = 0; i < g->n; i++)
            mask[g->rows[i]] = 1;
        gopt.rows = mask;
    }
    int rc = model_fit_design(t, g, &gopt, x, err);
    free(mask);
    if (rc)
        return rc;
    *names = xmalloc((g->rank + 1) * sizeof **names);
    for (size_t j = 0, c = 0; j < g->p; j++)
        if (!g->terms[j].aliased)
            (*names)[c++] = g->terms[j].name;
    return DS_OK;
}

static int run_on(const table_t *t, const model_fit *g, const model_options *fopt,
                  const spatial_request *rq, spatial_result *out, ds_err *err)
{
    double *x = NULL;
    const char **names = NULL;
    int rc = design_of(t, g, fopt, out->w, &x, &names, err);
    if (!rc && rq->lm_tests) {
        rc = spatial_lm_tests_compute(g->y, x, g->n, g->rank, out->w, &out->lm, err);
        out->have_lm_tests = rc == DS_OK;
    }
    if (!rc && rq->fit)
        rc = spatial_fit_ml(g->y, x, g->n, g->rank, names, out->w, &rq->opts, &out->fit, err);
    free(x);
    free(names);
    return rc;
}

int spatial_run(const table_t *t, const model_fit *f, const model_options *fopt,
                const spatial_request *rq, spatial_result *out, ds_err *err)
{
    memset(out, 0, sizeof *out);
    out->weights = rq->weights;
    if (fopt->weight || f->method != MODEL_OLS)
        return ds_err_set(err, DS_EUSAGE, "spatial models and LM tests are fitted to "
                          "unweighted least squares: drop the weights and the robust method");
    long col = table_col_index(t, rq->key_col);
    if (col < 0)
        return ds_err_set(err, DS_EDATA, "%s: no department column '%s'", table_name(t),
                          rq->key_col);
    const char **keys = xmalloc((f->n + 1) * sizeof *keys);
    for (size_t i = 0; i < f->n; i++)
        keys[i] = table_text(t, f->rows[i], (size_t)col);
    int rc = weights_build(keys, f->n, &rq->weights, &out->w, err);
    free(keys);
    if (!rc && out->w->n_dropped)
        rc = refit_without_islands(t, f, fopt, out->w, &out->refit, err);
    const model_fit *g = out->refit ? out->refit : f;
    for (size_t i = 0; !rc && i < g->n; i++)
        if (g->rows[i] != f->rows[out->w->source[i]])
            rc = ds_err_set(err, DS_EDATA, "spatial weights: the refit's rows do not follow "
                            "the departments (a row lost a value?)");
    if (!rc)
        rc = run_on(t, g, fopt, rq, out, err);
    if (rc)
        spatial_result_free(out);
    return rc;
}

void spatial_result_free(spatial_result *r)
{
    if (!r)
        return;
    weights_free(r->w);
    model_fit_free(r->refit);
    spatial_fit_free(r->fit);
    memset(r, 0, sizeof *r);
}
