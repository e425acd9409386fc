/* fe: the within transformation (see include/damirstat/fe.h). Written by hand: GSL has no
 * sparse group projection, and a dummy per level in the QR would cost n × L memory for what
 * group means do in O(n). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "damirstat/fe.h"
#include "levels_impl.h"

#define FE_MAX_SWEEPS 100000
#define FE_TOL 1e-15L

static int build_one(const table_t *t, const char *column, const size_t *rows, size_t n,
                     fe_factor *f, ds_err *err)
{
    levels lv;
    int rc = levels_build(t, column, rows, n, &lv, err);
    if (rc)
        return rc;
    for (size_t i = 0; i < n; i++)
        if (lv.code[i] == LEVELS_MISSING) {
            size_t r = rows ? rows[i] : i;
            rc = ds_err_set(err, DS_EDATA, "%s:%zu: fixed effect '%s' is missing on a row of "
                            "the fit", table_name(t), table_row_line(t, r), column);
            levels_free(&lv);
            return rc;
        }
    f->name = xstrdup(column);
    f->group = lv.code;
    f->count = lv.count;
    f->ngroups = lv.nlevels;
    lv.code = NULL;
    lv.count = NULL;
    levels_free(&lv);
    return DS_OK;
}

int fe_set_build(const table_t *t, const char *const *columns, size_t nfe, const size_t *rows,
                 size_t n, fe_set *out, ds_err *err)
{
    memset(out, 0, sizeof *out);
    out->n = n;
    out->f = xcalloc(nfe ? nfe : 1, sizeof *out->f);
    for (size_t j = 0; j < nfe; j++) {
        for (size_t k = 0; k < j; k++)
            if (strcmp(columns[k], columns[j]) == 0) {
                fe_set_free(out);
                return ds_err_set(err, DS_EDATA, "fixed effect '%s' is named twice",
                                  columns[j]);
            }
        int rc = build_one(t, columns[j], rows, n, &out->f[j], err);
        if (rc) {
            fe_set_free(out);
            return rc;
        }
        out->nfe = j + 1;
    }
    return DS_OK;
}

void fe_set_free(fe_set *s)
{
    for (size_t j = 0; j < s->nfe; j++) {
        free(s->f[j].name);
        free(s->f[j].group);
        free(s->f[j].count);
    }
    free(s->f);
    memset(s, 0, sizeof *s);
}

/* Subtracts the (weighted) group means of factor f from v; returns the largest |mean|. */
static long double sweep_one(const fe_factor *f, const long double *w, const long double *wsum,
                             long double *v, size_t n, long double *sum)
{
    memset(sum, 0, f->ngroups * sizeof *sum);
    for (size_t i = 0; i < n; i++)
        sum[f->group[i]] += (w ? w[i] : 1) * v[i];
    long double biggest = 0;
    for (size_t g = 0; g < f->ngroups; g++) {
        sum[g] /= wsum ? wsum[g] : (long double)f->count[g];
        biggest = fabsl(sum[g]) > biggest ? fabsl(sum[g]) : biggest;
    }
    for (size_t i = 0; i < n; i++)
        v[i] -= sum[f->group[i]];
    return biggest;
}

/* Weighted level sizes of each factor (NULL rows when unweighted). */
static long double **weight_sums(const fe_set *s, const long double *w)
{
    long double **ws = xcalloc(s->nfe, sizeof *ws);
    for (size_t j = 0; w && j < s->nfe; j++) {
        ws[j] = xcalloc(s->f[j].ngroups, sizeof **ws);
        for (size_t i = 0; i < s->n; i++)
            ws[j][s->f[j].group[i]] += w[i];
    }
    return ws;
}

int fe_demean(const fe_set *s, const long double *w, long double *v, size_t ld, size_t m,
              size_t *sweeps, ds_err *err)
{
    size_t gmax = 1, done = 0;
    for (size_t j = 0; j < s->nfe; j++)
        gmax = s->f[j].ngroups > gmax ? s->f[j].ngroups : gmax;
    long double *sum = xmalloc(gmax * sizeof *sum), **ws = weight_sums(s, w);
    int rc = DS_OK;
    for (size_t c = 0; c < m && !rc; c++) {
        long double *col = v + c * ld, scale = 0;
        for (size_t i = 0; i < s->n; i++)
            scale = fabsl(col[i]) > scale ? fabsl(col[i]) : scale;
        size_t k = 0;
        for (int converged = 0; !converged; k++) {
            if (k == FE_MAX_SWEEPS) {
                rc = ds_err_set(err, DS_EDATA, "fixed effects: the within transformation did "
                                "not converge in %d sweeps (factors '%s'%s)", FE_MAX_SWEEPS,
                                s->f[0].name, s->nfe > 1 ? " and others" : "");
                break;
            }
            long double moved = 0;
            for (size_t j = 0; j < s->nfe; j++) {
                long double d = sweep_one(&s->f[j], w, ws[j], col, s->n, sum);
                moved = d > moved ? d : moved;
            }
            converged = s->nfe <= 1 || moved <= FE_TOL * scale;
        }
        done = k > done ? k : done;
    }
    for (size_t j = 0; j < s->nfe; j++)
        free(ws[j]);
    free(ws);
    free(sum);
    if (sweeps)
        *sweeps = done;
    return rc;
}

size_t fe_singletons(const fe_set *s)
{
    size_t count = 0;
    for (size_t i = 0; i < s->n; i++) {
        int alone = 0;
        for (size_t j = 0; j < s->nfe && !alone; j++)
            alone = s->f[j].count[s->f[j].group[i]] == 1;
        count += alone;
    }
    return count;
}

static size_t uf_root(size_t *parent, size_t v)
{
    while (parent[v] != v)
        v = parent[v] = parent[parent[v]];
    return v;
}

/* Connected components of the graph whose nodes are the levels of a and b and whose edges
 * are the rows (each joins its level of a to its level of b). */
static size_t fe_components(const fe_factor *a, const fe_factor *b, size_t n)
{
    size_t nodes = a->ngroups + b->ngroups, parts = nodes;
    size_t *parent = xmalloc(nodes * sizeof *parent);
    for (size_t v = 0; v < nodes; v++)
        parent[v] = v;
    for (size_t i = 0; i < n; i++) {
        size_t u = uf_root(parent, a->group[i]), v = uf_root(parent, a->ngroups + b->group[i]);
        if (u != v) {
            parent[u] = v;
            parts--;
        }
    }
    free(parent);
    return parts;
}

/* 1 if every level of fine lies within a single level of coarse (the same n rows): coarse's
 * dummies are sums of fine's, so they add no parameter. */
static int fe_within(const fe_factor *fine, const fe_factor *coarse, size_t n)
{
    cluster_ids id = {.group = coarse->group, .n = n};
    return fe_nested_in(fine, &id);
}

/* The parameters of the q factors f[0 … q) over n rows: a factor that a finer one of them
 * is nested in (reg beside dep) is dropped; the first two kept lose one level a block of
 * levels connected by rows, the others one level each (exact for up to two kept). */
static size_t fe_parameters_of(const fe_factor *const *f, size_t q, size_t n)
{
    const fe_factor *kept[2] = {NULL, NULL};
    size_t k = 0, nkept = 0;
    for (size_t j = 0; j < q; j++) {
        int redundant = 0;
        for (size_t i = 0; i < q && !redundant; i++)
            redundant = i != j && fe_within(f[i], f[j], n) &&
                        (i < j || !fe_within(f[j], f[i], n));
        if (redundant)
            continue;
        k += f[j]->ngroups - (nkept > 0);
        if (nkept < 2)
            kept[nkept] = f[j];
        nkept++;
    }
    return nkept < 2 ? k : k + 1 - fe_components(kept[0], kept[1], n);
}

size_t fe_parameters(const fe_set *s)
{
    const fe_factor **f = xmalloc((s->nfe ? s->nfe : 1) * sizeof *f);
    for (size_t j = 0; j < s->nfe; j++)
        f[j] = &s->f[j];
    size_t k = fe_parameters_of(f, s->nfe, s->n);
    free(f);
    return k;
}

int fe_nested_in(const fe_factor *f, const cluster_ids *id)
{
    size_t *owner = xmalloc(f->ngroups * sizeof *owner);
    for (size_t g = 0; g < f->ngroups; g++)
        owner[g] = (size_t)-1;
    int nested = 1;
    for (size_t i = 0; i < id->n && nested; i++) {
        size_t *o = &owner[f->group[i]];
        if (*o == (size_t)-1)
            *o = id->group[i];
        nested = *o == id->group[i];
    }
    free(owner);
    return nested;
}

size_t fe_cluster_k(const fe_set *s, size_t p, const cluster_ids *id, size_t nid)
{
    /* fixest's "nested": the factors nested in a clustering drop out, the others count as
     * a set (their intercept included); with none left, 1 for the intercept. */
    const fe_factor **f = xmalloc((s->nfe ? s->nfe : 1) * sizeof *f);
    size_t q = 0;
    for (size_t j = 0; j < s->nfe; j++) {
        int nested = 0;
        for (size_t c = 0; c < nid && !nested; c++)
            nested = fe_nested_in(&s->f[j], &id[c]);
        if (!nested)
            f[q++] = &s->f[j];
    }
    size_t k = p + (q ? fe_parameters_of(f, q, s->n) : 1);
    free(f);
    return k;
}
