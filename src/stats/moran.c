#include "damirstat/moran.h"

#include <gsl/gsl_blas.h>
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_linalg.h>
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

/* "department" or "region", for messages. */
static const char *noun(const moran_options *opt)
{
    return opt->level == GEO_LEVEL_REGION ? "region" : "department";
}

/* The canonical code of key s at opt's level (regions as their number, "11", "5"). */
static int canon_code(const char *s, const moran_options *opt, char out[GEO_CODE_MAX],
                      ds_err *err)
{
    if (opt->level != GEO_LEVEL_REGION)
        return geo_dept_canon(s, strlen(s), out, err);
    int region;
    int rc = geo_region_canon(s, strlen(s), opt->scheme, &region, err);
    if (rc == DS_OK)
        snprintf(out, GEO_CODE_MAX, opt->scheme == GEO_REGION_OPENDAMIR ? "%d" : "%02d", region);
    return rc;
}

int moran_key_level(const char *const *keys, size_t n, const char *colname,
                    const char *level_text, const char *ask, moran_options *opt, ds_err *err)
{
    geo_region_scheme by_name, by_codes;
    geo_level from_name = geo_level_of_name(colname, &by_name);
    geo_level from_codes = geo_level_of_codes(keys, n, &by_codes);
    opt->scheme = by_name == GEO_REGION_OPENDAMIR || by_codes == GEO_REGION_OPENDAMIR
                      ? GEO_REGION_OPENDAMIR : GEO_REGION_2016;
    if (level_text && strcmp(level_text, "region") != 0 && strcmp(level_text, "department"))
        return ds_err_set(err, DS_EUSAGE, "moran: %s: expected region or department, got '%s'",
                          ask, level_text);
    opt->level = level_text ? (level_text[0] == 'r' ? GEO_LEVEL_REGION : GEO_LEVEL_DEPT)
               : from_name != GEO_LEVEL_UNKNOWN ? from_name : from_codes;
    if (opt->level != GEO_LEVEL_UNKNOWN)
        return DS_OK;
    return ds_err_set(err, DS_EUSAGE, "moran: the codes of '%s' (%s%s%s%s) are both department "
                      "and region codes: say %s region (region contiguity) or %s department",
                      colname, n ? keys[0] : "", n > 1 ? ", " : "", n > 1 ? keys[1] : "",
                      n > 2 ? ", …" : "", ask, ask);
}

/* Reads the `CODE,voisin` pairs into adjacency over codes[0..n). */
static int load_adjacency(const char *path, const moran_options *opt,
                          char (*codes)[GEO_CODE_MAX], size_t n, unsigned char *adj,
                          ds_err *err)
{
    table_t *t = NULL;
    int rc = table_load(path, &t, err);
    if (rc)
        return rc;
    long ca = table_ncols(t) == 2 ? 0 : table_col_index(t, "dep");
    long cb = table_col_index(t, "voisin");
    if (ca < 0 || cb < 0 || ca == cb) {
        rc = ds_err_set(err, DS_EDATA, "%s: expected columns %s,voisin", path,
                        opt->level == GEO_LEVEL_REGION ? "reg" : "dep");
        goto done;
    }
    for (size_t r = 0; r < table_nrows(t); r++) {
        char a[GEO_CODE_MAX], b[GEO_CODE_MAX];
        const char *ta = table_text(t, r, (size_t)ca), *tb = table_text(t, r, (size_t)cb);
        ds_err local;
        ds_err_clear(&local);
        if (canon_code(ta, opt, a, &local) || canon_code(tb, opt, b, &local)) {
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

/* MW and MW' (n × n) for M = I − Q1 Q1', Q1 the first k columns of X's QR: the projection
 * on the residual space, without forming (X'X)⁻¹. */
static int residual_maker_times_w(const struct graph *g, const double *x, size_t k,
                                  gsl_matrix *mw, gsl_matrix *mwt, ds_err *err)
{
    size_t n = g->n;
    gsl_matrix *a = gsl_matrix_alloc(n, k), *q = gsl_matrix_alloc(n, n),
               *r = gsl_matrix_alloc(n, k), *qtw = gsl_matrix_alloc(k, n);
    gsl_vector *tau = gsl_vector_alloc(k);
    int rc = DS_OK;
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < k; j++)
            gsl_matrix_set(a, i, j, x[i * k + j]);
    gsl_matrix_set_zero(mw);
    for (size_t i = 0; i < n; i++) {
        double w = 1.0 / (double)(g->start[i + 1] - g->start[i]);
        for (size_t e = g->start[i]; e < g->start[i + 1]; e++)
            gsl_matrix_set(mw, i, g->nb[e], w);
    }
    gsl_matrix_transpose_memcpy(mwt, mw);
    if (gsl_linalg_QR_decomp(a, tau) || gsl_linalg_QR_unpack(a, tau, q, r)) {
        rc = ds_err_set(err, DS_EDATA, "moran: QR of the model matrix failed");
        goto done;
    }
    /* The caller drops aliased columns; a diagonal of R near 0 would mean one slipped by. */
    double rmax = 0;
    for (size_t j = 0; j < k; j++)
        rmax = fmax(rmax, fabs(gsl_matrix_get(r, j, j)));
    for (size_t j = 0; j < k; j++)
        if (!(fabs(gsl_matrix_get(r, j, j)) > 1e-10 * rmax)) {
            rc = ds_err_set(err, DS_EDATA, "moran: the model matrix is rank deficient");
            goto done;
        }
    gsl_matrix_const_view q1 = gsl_matrix_const_submatrix(q, 0, 0, n, k);
    gsl_matrix *both[2] = {mw, mwt};
    for (int b = 0; b < 2; b++) {
        /* W := W − Q1 (Q1' W) */
        gsl_blas_dgemm(CblasTrans, CblasNoTrans, 1.0, &q1.matrix, both[b], 0.0, qtw);
        gsl_blas_dgemm(CblasNoTrans, CblasNoTrans, -1.0, &q1.matrix, qtw, 1.0, both[b]);
    }
done:
    gsl_matrix_free(a);
    gsl_matrix_free(q);
    gsl_matrix_free(r);
    gsl_matrix_free(qtw);
    gsl_vector_free(tau);
    return rc;
}

/* E[I] and Var[I] given the regression (Cliff and Ord 1981, ch. 8; the formulas of
 * spdep::lm.morantest written with M, for row-standardised W: S0 = n, n / S0 = 1). */
static int lm_moments(const struct graph *g, const double *x, size_t k, moran_result *r,
                      ds_err *err)
{
    size_t n = g->n;
    gsl_matrix *mw = gsl_matrix_alloc(n, n), *mwt = gsl_matrix_alloc(n, n);
    int rc = residual_maker_times_w(g, x, k, mw, mwt, err);
    if (!rc) {
        double tr = 0, tr_sq = 0, tr_wwt = 0;
        for (size_t i = 0; i < n; i++) {
            tr += gsl_matrix_get(mw, i, i);
            for (size_t j = 0; j < n; j++) {
                tr_sq += gsl_matrix_get(mw, i, j) * gsl_matrix_get(mw, j, i);
                tr_wwt += gsl_matrix_get(mw, i, j) * gsl_matrix_get(mwt, j, i);
            }
        }
        double df = (double)(n - k);
        r->expected = tr / df;
        r->var_lm = (tr_wwt + tr_sq + tr * tr) / (df * (df + 2)) - r->expected * r->expected;
        r->z_lm = (r->i - r->expected) / sqrt(r->var_lm);
        r->p_lm = gsl_cdf_ugaussian_Q(r->z_lm);
    }
    gsl_matrix_free(mw);
    gsl_matrix_free(mwt);
    return rc;
}

/* Canonical, distinct codes of keys; DS_EDATA naming a bad or repeated one. */
static int canon_keys(const char *const *keys, size_t n, const moran_options *opt,
                      char (*codes)[GEO_CODE_MAX], ds_err *err)
{
    for (size_t i = 0; i < n; i++) {
        ds_err local;
        ds_err_clear(&local);
        if (canon_code(keys[i], opt, codes[i], &local) != DS_OK)
            return ds_err_set(err, DS_EDATA, "moran: %s", local.msg);
        if (find_code(codes, i, codes[i]) >= 0)
            return ds_err_set(err, DS_EDATA, "moran: %s %s appears twice", noun(opt), codes[i]);
    }
    return DS_OK;
}

/* The shipped contiguity of the level. */
static const char *shipped_neighbours(const moran_options *opt)
{
    if (opt->level != GEO_LEVEL_REGION)
        return MORAN_NEIGHBOURS_FILE;
    return opt->scheme == GEO_REGION_OPENDAMIR ? MORAN_OPENDAMIR_NEIGHBOURS_FILE
                                               : MORAN_REGION_NEIGHBOURS_FILE;
}

/* What moran_compute and moran_compute_lm share: the departments' canonical codes, their
 * contiguity, and the m kept (with a neighbour among the kept ones), as indices. */
struct prep {
    size_t n, m;
    char (*codes)[GEO_CODE_MAX];
    unsigned char *adj; /* n × n */
    size_t *keep;
};

static void prep_free(struct prep *p)
{
    free(p->codes);
    free(p->adj);
    free(p->keep);
}

/* Drops the departments without a neighbour among the others, listing them in out. */
static void keep_connected(struct prep *p, moran_result *out)
{
    size_t n = p->n;
    out->isolated = xcalloc(n ? n : 1, sizeof *out->isolated);
    for (size_t i = 0; i < n; i++) {
        size_t deg = 0;
        for (size_t j = 0; j < n; j++)
            deg += p->adj[i * n + j];
        if (deg)
            p->keep[p->m++] = i;
        else
            strcpy(out->isolated[out->n_isolated++], p->codes[i]);
    }
    /* Dropping a department can isolate another (2A without 2B); a few passes settle it. */
    for (int changed = 1; changed;) {
        changed = 0;
        for (size_t a = 0; a < p->m; a++) {
            size_t deg = 0;
            for (size_t b = 0; b < p->m; b++)
                deg += p->adj[p->keep[a] * n + p->keep[b]];
            if (!deg) {
                strcpy(out->isolated[out->n_isolated++], p->codes[p->keep[a]]);
                memmove(p->keep + a, p->keep + a + 1, (p->m - a - 1) * sizeof *p->keep);
                p->m--;
                changed = 1;
                break;
            }
        }
    }
}

static int prepare(const char *const *keys, size_t n, const moran_options *opt,
                   struct prep *p, moran_result *out, ds_err *err)
{
    memset(out, 0, sizeof *out);
    p->n = n;
    p->m = 0;
    p->codes = xcalloc(n ? n : 1, sizeof *p->codes);
    p->adj = xcalloc(n ? n * n : 1, 1);
    p->keep = xcalloc(n ? n : 1, sizeof *p->keep);
    int rc = canon_keys(keys, n, opt, p->codes, err);
    char *shipped = NULL;
    if (!rc && !opt->neighbours && !(shipped = geo_data_path(shipped_neighbours(opt), err)))
        rc = DS_EIO;
    if (!rc)
        rc = load_adjacency(opt->neighbours ? opt->neighbours : shipped, opt, p->codes, n,
                            p->adj, err);
    free(shipped);
    if (rc)
        return rc;
    keep_connected(p, out);
    if (p->m < 4)
        return ds_err_set(err, DS_EDATA, "moran: %zu %ss with neighbours; at least 4 needed",
                          p->m, noun(opt));
    return DS_OK;
}

int moran_compute(const char *const *keys, const double *values, size_t n,
                  const moran_options *opt, moran_result *out, ds_err *err)
{
    struct prep p = {0};
    double *z = NULL;
    struct graph g = {0};
    int rc = prepare(keys, n, opt, &p, out, err);
    if (rc)
        goto done;
    size_t m = p.m;
    double mean = 0;
    for (size_t a = 0; a < m; a++)
        mean += values[p.keep[a]] / (double)m;
    z = xmalloc(m * sizeof *z);
    double ss = 0;
    for (size_t a = 0; a < m; a++) {
        z[a] = values[p.keep[a]] - mean;
        ss += z[a] * z[a];
    }
    if (!(ss > 0) || !isfinite(ss)) {
        rc = ds_err_set(err, DS_EDATA, "moran: the variable is constant (or not finite) over "
                        "the %ss", noun(opt));
        goto done;
    }
    graph_build(&g, p.adj, p.keep, m, n);
    out->n = m;
    out->i = moran_i(&g, z);
    moments(&g, z, out);
    out->var_lm = out->z_lm = out->p_lm = NAN;
    permutation_test(&g, z, opt, out);
done:
    if (rc)
        moran_result_free(out);
    free(g.start);
    free(g.nb);
    free(z);
    prep_free(&p);
    return rc;
}

int moran_compute_lm(const char *const *keys, const double *u, const double *x, size_t n,
                     size_t k, const moran_options *opt, moran_result *out, ds_err *err)
{
    struct prep p = {0};
    struct graph g = {0};
    int rc = prepare(keys, n, opt, &p, out, err);
    if (!rc && p.m < n)
        rc = ds_err_set(err, DS_EDATA, "moran: %s %s has no neighbour among the rows of the "
                        "fit; refit the model without it", noun(opt), out->isolated[0]);
    if (!rc && !(k < n))
        rc = ds_err_set(err, DS_EDATA, "moran: %zu rows for %zu columns of the model", n, k);
    double ss = 0;
    for (size_t a = 0; !rc && a < n; a++)
        ss += u[a] * u[a];
    if (!rc && (!(ss > 0) || !isfinite(ss)))
        rc = ds_err_set(err, DS_EDATA, "moran: the residuals are all 0 (or not finite): a "
                        "perfect fit has no Moran's I");
    if (rc)
        goto done;
    graph_build(&g, p.adj, p.keep, n, n);
    out->n = n;
    out->lm = 1;
    out->rank = k;
    out->i = moran_i(&g, u);
    out->var_normal = out->z_normal = out->p_normal = NAN;
    out->var_random = out->z_random = out->p_random = NAN;
    if ((rc = lm_moments(&g, x, k, out, err)))
        goto done;
    permutation_test(&g, u, opt, out);
done:
    if (rc)
        moran_result_free(out);
    free(g.start);
    free(g.nb);
    prep_free(&p);
    return rc;
}

/* Keys of the rows of f: the department codes as written in column col of t. */
static const char **row_keys(const table_t *t, const model_fit *f, size_t col)
{
    const char **keys = xmalloc((f->n + 1) * sizeof *keys);
    for (size_t i = 0; i < f->n; i++)
        keys[i] = table_text(t, f->rows[i], col);
    return keys;
}

/* lm.morantest of the fit g (a refit on rows all with a neighbour): weighted residuals
 * √w·e and the model matrix with rows times √w, as spdep takes them from a weighted lm. */
static int test_refit(const table_t *t, const model_fit *g, const model_options *gopt,
                      size_t col, const moran_options *opt, moran_result *out, ds_err *err)
{
    double *x = NULL;
    int rc = model_fit_design(t, g, gopt, &x, err);
    if (rc)
        return rc;
    double *u = xmalloc((g->n + 1) * sizeof *u);
    for (size_t i = 0; i < g->n; i++)
        u[i] = g->weights ? g->residuals[i] * sqrt(g->weights[i]) : g->residuals[i];
    const char **keys = row_keys(t, g, col);
    rc = moran_compute_lm(keys, u, x, g->n, g->rank, opt, out, err);
    free(keys);
    free(u);
    free(x);
    return rc;
}

int moran_fit_residuals(const table_t *t, const model_fit *f, const model_options *fopt,
                        const char *key_col, const moran_options *opt, moran_result *out,
                        ds_err *err)
{
    memset(out, 0, sizeof *out);
    long col = table_col_index(t, key_col);
    if (col < 0)
        return ds_err_set(err, DS_EDATA, "moran: no %s column '%s'", noun(opt), key_col);
    const char **keys = row_keys(t, f, (size_t)col);
    /* An M-estimate is not a projection: lm.morantest's moments do not apply to it. */
    if (f->method != MODEL_OLS) {
        int rc = moran_compute(keys, f->residuals, f->n, opt, out, err);
        free(keys);
        return rc;
    }
    struct prep p = {0};
    moran_result iso;
    unsigned char *mask = xcalloc(table_nrows(t) + 1, 1);
    model_fit *g = NULL;
    model_options gopt = *fopt;
    int rc = prepare(keys, f->n, opt, &p, &iso, err);
    if (rc)
        goto done;
    for (size_t a = 0; a < p.m; a++)
        mask[f->rows[p.keep[a]]] = 1;
    gopt.rows = mask;
    /* lm.morantest needs the fit and the weights over the same rows: refit on the tested
     * ones when some were left out (R: update(fit, subset = has_neighbour)). */
    if (p.m < f->n) {
        ds_err local;
        ds_err_clear(&local);
        if ((rc = model_fit_formula(t, f->formula, &gopt, &g, &local))) {
            rc = ds_err_set(err, rc, "moran: refitting the model on the %zu %ss with a "
                            "neighbour: %s", p.m, noun(opt), local.msg);
            goto done;
        }
    }
    if ((rc = test_refit(t, g ? g : f, &gopt, (size_t)col, opt, out, err)))
        goto done;
    free(out->isolated);
    out->isolated = iso.isolated;
    out->n_isolated = iso.n_isolated;
    iso.isolated = NULL;
done:
    moran_result_free(&iso);
    model_fit_free(g);
    free(mask);
    free(keys);
    prep_free(&p);
    return rc;
}

const char *moran_reported(const moran_result *r, double *var, double *z, double *p)
{
    *var = r->lm ? r->var_lm : r->var_random;
    *z = r->lm ? r->z_lm : r->z_random;
    *p = r->lm ? r->p_lm : r->p_random;
    return r->lm ? "lm.morantest" : "moran.test";
}

void moran_result_free(moran_result *r)
{
    if (!r)
        return;
    free(r->isolated);
    r->isolated = NULL;
    r->n_isolated = 0;
}

void moran_json(json_w *w, const moran_result *r, size_t n_missing)
{
    double var, z, p;
    const char *method = moran_reported(r, &var, &z, &p);
    json_object(w, JSON_COMPACT);
    json_member_str(w, "schema", MORAN_SCHEMA);
    json_member_str(w, "method", method);
    json_member_str(w, "alternative", "greater");
    json_member_uint(w, "n", r->n);
    json_member_uint(w, "n_missing", n_missing);
    json_key(w, "isolated");
    json_array(w, JSON_COMPACT);
    for (size_t i = 0; i < r->n_isolated; i++)
        json_str(w, r->isolated[i]);
    json_end(w);
    json_member_bool(w, "refitted", r->lm && r->n_isolated);
    json_key(w, "rank");
    if (r->lm)
        json_uint(w, r->rank);
    else
        json_null(w);
    json_member_num(w, "moran_i", r->i);
    json_member_num(w, "expected", r->expected);
    json_member_num(w, "variance", var);
    json_member_num(w, "z", z);
    json_member_num(w, "p", p);
    json_member_num(w, "variance_normality", r->var_normal);
    json_member_num(w, "z_normality", r->z_normal);
    json_member_num(w, "p_normality", r->p_normal);
    json_member_uint(w, "permutations", r->permutations);
    json_member_num(w, "p_permutation", r->p_permutation);
    json_end(w);
}
