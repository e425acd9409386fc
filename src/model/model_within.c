/* model_within: the within transformation of a model's data (fixest::feols' absorbed fixed
 * effects; fe.h has the definitions), and the fixed effects' part of each leverage, which
 * the HC2/HC3 weights, rstandard and Cook's distance of the model with dummies need. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "model_within_impl.h"

/* Beyond this many rows, two or more fixed effects' leverages (n demeanings of n rows) are
 * not computed: their share is then unknown (NAN), and so are HC2/HC3 and Cook's distance. */
#define WITHIN_HAT_MAX_ROWS 5000

/* Weighted norm of column v around its weighted mean (centre) or 0 (not). */
static long double wnorm(const long double *v, const long double *w, size_t n, int centre)
{
    long double sw = 0, m = 0, ss = 0;
    for (size_t i = 0; i < n && centre; i++) {
        sw += w ? w[i] : 1;
        m += (w ? w[i] : 1) * v[i];
    }
    m = centre ? m / sw : 0;
    for (size_t i = 0; i < n; i++)
        ss += (w ? w[i] : 1) * (v[i] - m) * (v[i] - m);
    return sqrtl(ss);
}

/* The diagonal of the fixed effects' hat matrix: w_i / Σ_level w for one; 1 − (M e_i)_i by
 * demeaning unit vectors for more. */
static int fe_leverage(model_data *d, ds_err *err)
{
    size_t n = d->n;
    if (d->fe.nfe > 1 && n > WITHIN_HAT_MAX_ROWS)
        return DS_OK;
    d->fe_hat = xmalloc(n * sizeof *d->fe_hat);
    if (d->fe.nfe == 1) {
        const fe_factor *f = &d->fe.f[0];
        long double *sw = xcalloc(f->ngroups, sizeof *sw);
        for (size_t i = 0; i < n; i++)
            sw[f->group[i]] += d->w ? d->w[i] : 1;
        for (size_t i = 0; i < n; i++)
            d->fe_hat[i] = (d->w ? d->w[i] : 1) / sw[f->group[i]];
        free(sw);
        return DS_OK;
    }
    long double *e = xcalloc(n, sizeof *e);
    int rc = DS_OK;
    for (size_t i = 0; i < n && !rc; i++) {
        memset(e, 0, n * sizeof *e);
        e[i] = 1;
        rc = fe_demean(&d->fe, d->w, e, n, 1, NULL, err);
        d->fe_hat[i] = 1 - e[i];
    }
    free(e);
    return rc;
}

static void fe_names(const fe_set *s, char *buf, size_t size)
{
    size_t len = 0;
    buf[0] = '\0';
    for (size_t j = 0; j < s->nfe && len < size; j++) {
        int w = snprintf(buf + len, size - len, "%s%s", j ? ", " : "", s->f[j].name);
        len += w > 0 ? (size_t)w : 0;
    }
}

int within_build(const table_t *t, const model_spec *spec, model_data *d, ds_err *err)
{
    const char *const *cols = (const char *const *)spec->terms.fe;
    int rc = fe_set_build(t, cols, spec->terms.nfe, d->rows, d->n, &d->fe, err);
    if (rc)
        return rc;
    size_t n = d->n;
    d->y_raw = xmalloc(n * sizeof *d->y_raw);
    memcpy(d->y_raw, d->y, n * sizeof *d->y);
    long double *before = xmalloc((d->p ? d->p : 1) * sizeof *before);
    for (size_t j = 0; j < d->p; j++)
        before[j] = wnorm(d->x + j * d->cap, d->w, n, 1);
    size_t sweeps = 0;
    rc = fe_demean(&d->fe, d->w, d->y, n, 1, NULL, err);
    if (!rc)
        rc = fe_demean(&d->fe, d->w, d->x, d->cap, d->p, &sweeps, err);
    for (size_t j = 0; j < d->p && !rc; j++) {
        long double after = wnorm(d->x + j * d->cap, d->w, n, 0);
        if (d->is_dummy[j] || after > 1e-9L * before[j])
            continue;
        char names[256];
        fe_names(&d->fe, names, sizeof names);
        int many = d->fe.nfe > 1;
        rc = ds_err_set(err, DS_EDATA, "term '%s' is absorbed by the fixed effect%s %s: it is "
                        "constant within %s levels, so nothing of it is left to estimate "
                        "(leave it out, or drop the fixed effect)", d->names[j],
                        many ? "s" : "", names, many ? "their" : "its");
    }
    free(before);
    d->fe_sweeps = sweeps;
    d->fe_k = fe_parameters(&d->fe);
    if (!rc)
        rc = fe_leverage(d, err);
    return rc;
}
