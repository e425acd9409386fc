#include "damirstat/moran.h"

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "damirstat/geo.h"
#include "damirstat/table.h"

/* Neighbour lists over the n used departments, as indices into them. */
struct graph {
    size_t n;
    size_t *start; /* n + 1 offsets into nb */
    size_t *nb;
};

static long find_code(char (*codes)[GEO_CODE_MAX], size_t n, const char *code)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(codes[i], code) == 0)
            return (long)i;
    return -1;
}

/* Reads the `dep,voisin` pairs into adjacency over codes[0..n). */
static int load_adjacency(const char *path, char (*codes)[GEO_CODE_MAX], size_t n,
                          unsigned char *adj, ds_err *err)
{
    table_t *t = NULL;
    int rc = table_load(path, &t, err);
    if (rc)
        return rc;
    long ca = table_col_index(t, "dep"), cb = table_col_index(t, "voisin");
    if (ca < 0 || cb < 0) {
        rc = ds_err_set(err, DS_EDATA, "%s: expected columns dep,voisin", path);
        goto done;
    }
    for (size_t r = 0; r < table_nrows(t); r++) {
        char a[GEO_CODE_MAX], b[GEO_CODE_MAX];
        const char *ta = table_text(t, r, (size_t)ca), *tb = table_text(t, r, (size_t)cb);
        ds_err local;
        ds_err_clear(&local);
        if (geo_dept_canon(ta, strlen(ta), a, &local) || geo_dept_canon(tb, strlen(tb), b, &local)) {
            rc = ds_err_set(err, DS_EDATA, "%s:%zu: %s", path, table_row_line(t, r), local.msg);
            goto done;
        }
        long i = find_code(codes, n, a), j = find_code(codes, n, b);
        if (i >= 0 && j >= 0 && i != j)
            adj[(size_t)i * n + (size_t)j] = adj[(size_t)j * n + (size_t)i] = 1;
    }
done:
    table_free(t);
    return rc;
}

static void graph_build(struct graph *g, const unsigned char *adj, const size_t *keep, size_t m,
                        size_t n_all)
{
    g->n = m;
    size_t total = 0;
    for (size_t a = 0; a < m; a++)
        for (size_t b = 0; b < m; b++)
            total += adj[keep[a] * n_all + keep[b]];
    g->start = xcalloc(m + 1, sizeof *g->start);
    g->nb = xmalloc((total ? total : 1) * sizeof *g->nb);
    size_t k = 0;
    for (size_t a = 0; a < m; a++) {
        g->start[a] = k;
        for (size_t b = 0; b < m; b++)
            if (adj[keep[a] * n_all + keep[b]])
                g->nb[k++] = b;
    }
    g->start[m] = k;
}

/* I with row-standardised weights: (n / S0) Σ w_ij z_i z_j / Σ z_i², S0 = n. */
static double moran_i(const struct graph *g, const double *z)
{
    double num = 0, den = 0;
    for (size_t a = 0; a < g->n; a++) {
        double deg = (double)(g->start[a + 1] - g->start[a]), s = 0;
        for (size_t k = g->start[a]; k < g->start[a + 1]; k++)
            s += z[g->nb[k]];
        num += z[a] * s / deg;
        den += z[a] * z[a];
    }
    return num / den;
}

/* Cliff and Ord's moments of I (as spdep::moran.test computes them). */
static void moments(const struct graph *g, const double *z, moran_result *r)
{
    double n = (double)g->n, s0 = n, s1 = 0, s2 = 0;
    double *col = xcalloc(g->n, sizeof *col);
    for (size_t a = 0; a < g->n; a++) {
        double wa = 1.0 / (double)(g->start[a + 1] - g->start[a]);
        for (size_t k = g->start[a]; k < g->start[a + 1]; k++) {
            size_t b = g->nb[k];
            double wb = 1.0 / (double)(g->start[b + 1] - g->start[b]); /* w_ba: contiguity is symmetric */
            s1 += (wa + wb) * (wa + wb);
            col[b] += wa;
        }
    }
    s1 /= 2;
    for (size_t a = 0; a < g->n; a++)
        s2 += (1.0 + col[a]) * (1.0 + col[a]); /* row sums are 1 */
    free(col);
    double m2 = 0, m4 = 0;
    for (size_t a = 0; a < g->n; a++) {
        m2 += z[a] * z[a];
        m4 += z[a] * z[a] * z[a] * z[a];
    }
    double e = -1.0 / (n - 1), k = n * m4 / (m2 * m2);
    r->expected = e;
    r->var_normal = (n * n * s1 - n * s2 + 3 * s0 * s0) / (s0 * s0 * (n * n - 1)) - e * e;
    r->var_random = (n * ((n * n - 3 * n + 3) * s1 - n * s2 + 3 * s0 * s0) -
                     k * ((n * n - n) * s1 - 2 * n * s2 + 6 * s0 * s0)) /
                        ((n - 1) * (n - 2) * (n - 3) * s0 * s0) - e * e;
    r->z_normal = (r->i - e) / sqrt(r->var_normal);
    r->z_random = (r->i - e) / sqrt(r->var_random);
    r->p_normal = gsl_cdf_ugaussian_Q(r->z_normal);
    r->p_random = gsl_cdf_ugaussian_Q(r->z_random);
}

static void permutation_test(const struct graph *g, const double *z, const moran_options *opt,
                             moran_result *r)
{
    r->permutations = opt->permutations;
    r->p_permutation = NAN;
    if (!opt->permutations)
        return;
    gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
    if (!rng)
        return;
    gsl_rng_set(rng, opt->seed);
    double *perm = xmalloc(g->n * sizeof *perm);
    memcpy(perm, z, g->n * sizeof *perm);
    unsigned long at_least = 0;
    for (unsigned long k = 0; k < opt->permutations; k++) {
        gsl_ran_shuffle(rng, perm, g->n, sizeof *perm);
        at_least += moran_i(g, perm) >= r->i;
    }
    r->p_permutation = (double)(at_least + 1) / (double)(opt->permutations + 1);
    free(perm);
    gsl_rng_free(rng);
}

/* Canonical, distinct department codes of keys; DS_EDATA naming a bad or repeated one. */
static int canon_keys(const char *const *keys, size_t n, char (*codes)[GEO_CODE_MAX], ds_err *err)
{
    for (size_t i = 0; i < n; i++) {
        ds_err local;
        ds_err_clear(&local);
        if (geo_dept_canon(keys[i], strlen(keys[i]), codes[i], &local) != DS_OK)
            return ds_err_set(err, DS_EDATA, "moran: %s", local.msg);
        if (find_code(codes, i, codes[i]) >= 0)
            return ds_err_set(err, DS_EDATA, "moran: department %s appears twice", codes[i]);
    }
    return DS_OK;
}

int moran_compute(const char *const *keys, const double *values, size_t n,
                  const moran_options *opt, moran_result *out, ds_err *err)
{
    memset(out, 0, sizeof *out);
    char (*codes)[GEO_CODE_MAX] = xcalloc(n ? n : 1, sizeof *codes);
    unsigned char *adj = xcalloc(n ? n * n : 1, 1);
    size_t *keep = xcalloc(n ? n : 1, sizeof *keep), m = 0;
    double *z = NULL;
    struct graph g = {0};
    int rc = canon_keys(keys, n, codes, err);
    char *shipped = NULL;
    if (!rc && !opt->neighbours && !(shipped = geo_data_path(MORAN_NEIGHBOURS_FILE, err)))
        rc = DS_EIO;
    if (!rc)
        rc = load_adjacency(opt->neighbours ? opt->neighbours : shipped, codes, n, adj, err);
    free(shipped);
    if (rc)
        goto done;
    out->isolated = xcalloc(n ? n : 1, sizeof *out->isolated);
    for (size_t i = 0; i < n; i++) {
        size_t deg = 0;
        for (size_t j = 0; j < n; j++)
            deg += adj[i * n + j];
        if (deg)
            keep[m++] = i;
        else
            strcpy(out->isolated[out->n_isolated++], codes[i]);
    }
    /* Dropping a department can isolate another (2A without 2B); a few passes settle it. */
    for (int changed = 1; changed;) {
        changed = 0;
        for (size_t a = 0; a < m; a++) {
            size_t deg = 0;
            for (size_t b = 0; b < m; b++)
                deg += adj[keep[a] * n + keep[b]];
            if (!deg) {
                strcpy(out->isolated[out->n_isolated++], codes[keep[a]]);
                memmove(keep + a, keep + a + 1, (m - a - 1) * sizeof *keep);
                m--;
                changed = 1;
                break;
            }
        }
    }
    if (m < 4) {
        rc = ds_err_set(err, DS_EDATA, "moran: %zu departments with neighbours; at least 4 needed", m);
        goto done;
    }
    double mean = 0;
    for (size_t a = 0; a < m; a++)
        mean += values[keep[a]] / (double)m;
    z = xmalloc(m * sizeof *z);
    double ss = 0;
    for (size_t a = 0; a < m; a++) {
        z[a] = values[keep[a]] - mean;
        ss += z[a] * z[a];
    }
    if (!(ss > 0) || !isfinite(ss)) {
        rc = ds_err_set(err, DS_EDATA, "moran: the variable is constant (or not finite) over the departments");
        goto done;
    }
    graph_build(&g, adj, keep, m, n);
    out->n = m;
    out->i = moran_i(&g, z);
    moments(&g, z, out);
    permutation_test(&g, z, opt, out);
done:
    if (rc)
        moran_result_free(out);
    free(g.start);
    free(g.nb);
    free(z);
    free(codes);
    free(adj);
    free(keep);
    return rc;
}

void moran_result_free(moran_result *r)
{
    if (!r)
        return;
    free(r->isolated);
    r->isolated = NULL;
    r->n_isolated = 0;
}
