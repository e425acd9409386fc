/* model_cluster: a least-squares fit's clustered covariance (CR1 one- or two-way, CR2) and
 * its wild cluster bootstrap, through cluster.h, on the estimated columns in the original
 * parametrisation: bread (X'WX)⁻¹ from the core's R⁻¹, rows √w·x_i (absorbed fixed effects
 * partialled out), weighted residuals √w·e_i. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "damirstat/cluster.h"
#include "damirstat/fe.h"
#include "model_cluster_impl.h"
#include "model_infer_impl.h"

/* The estimated columns in order (qr.perm[0 … rank) sorted), the bread over them and the
 * rows √w·x_i over them. */
struct est {
    size_t r, *col;
    double *bread, *x, *e, *w; /* w: the weights, NULL unweighted */
};

static int cmp_size(const void *a, const void *b)
{
    size_t x = *(const size_t *)a, y = *(const size_t *)b;
    return (x > y) - (x < y);
}

static void est_build(const model_data *d, const ls_work *ls, struct est *e)
{
    size_t n = d->n, p = d->p, r = e->r = ls->qr.rank;
    e->col = xmalloc((r ? r : 1) * sizeof *e->col);
    memcpy(e->col, ls->qr.perm, r * sizeof *e->col);
    qsort(e->col, r, sizeof *e->col, cmp_size);
    wide *vg = xmalloc(p * p * sizeof *vg), *vb = xmalloc(p * p * sizeof *vb);
    infer_cov(d, ls, MODEL_SE_CLASSICAL, 1, vg); /* R⁻¹R⁻ᵀ: (Z'Z)⁻¹ */
    ls_cov_to_original(d, ls, vg, vb);            /* (X'WX)⁻¹ */
    e->bread = xmalloc((r * r + 1) * sizeof *e->bread);
    for (size_t a = 0; a < r; a++)
        for (size_t b = 0; b < r; b++)
            e->bread[a * r + b] = (double)vb[e->col[a] * p + e->col[b]];
    e->x = xmalloc((n * r + 1) * sizeof *e->x);
    e->e = xmalloc((n ? n : 1) * sizeof *e->e);
    e->w = d->w ? xmalloc((n ? n : 1) * sizeof *e->w) : NULL;
    for (size_t i = 0; i < n; i++) {
        if (e->w)
            e->w[i] = (double)d->w[i];
        for (size_t a = 0; a < r; a++)
            e->x[i * r + a] = (double)(ls->sqw[i] * d->x[e->col[a] * d->cap + i]);
        e->e[i] = (double)ls->ew[i];
    }
    free(vg);
    free(vb);
}

static void est_free(struct est *e)
{
    free(e->col), free(e->bread), free(e->x), free(e->e), free(e->w);
}

/* fixest's K: the estimated slopes and the fixed effects' parameters, those nested within a
 * clustering column left out (ssc(fixef.K = "nested")). */
static size_t cluster_k(const model_data *d, size_t r)
{
    return d->fe.nfe ? fe_cluster_k(&d->fe, r, d->cluster, d->ncluster) : r;
}

/* CR2 and the wild bootstrap see the demeaned design alone, which is exact when every fixed
 * effect lies within one cluster (Pustejovsky & Tipton 2018); otherwise they refuse. */
static int require_nested(const model_data *d, const char *what, ds_err *err)
{
    for (size_t j = 0; j < d->fe.nfe; j++)
        if (!fe_nested_in(&d->fe.f[j], &d->cluster[0]))
            return ds_err_set(err, DS_EDATA, "%s with the fixed effect '%s', which is not "
                              "nested within the clusters '%s': write it as factor(%s) "
                              "instead of after '|'", what, d->fe.f[j].name,
                              d->cluster[0].name, d->fe.f[j].name);
    return DS_OK;
}

static int cluster_cov(const model_data *d, const struct est *e, model_se se, size_t k,
                       cluster_vcov_result *v, ds_err *err)
{
    size_t n = d->n, r = e->r;
    if (se == MODEL_SE_CR2) {
        /* Weighted, clubSandwich's CR2 (working model Θ = I) needs the dummies' own hat
         * values: the demeaned design alone gives another CR2 (9 % off its SE on
         * tests/fixtures/cluster/panel-fe.csv). */
        if (d->w && d->fe.nfe)
            return ds_err_set(err, DS_EDATA, "--se cr2 with --weight and the absorbed fixed "
                              "effect '%s': write it as factor(%s) instead of after '|' (the "
                              "CR2 of a weighted fit needs the dummies)", d->fe.f[0].name,
                              d->fe.f[0].name);
        int rc = require_nested(d, "--se cr2", err);
        return rc ? rc : cluster_vcov_cr2(e->bread, e->x, e->e, e->w, n, r, &d->cluster[0],
                                                 v, err);
    }
    double *scores = xmalloc((n * r + 1) * sizeof *scores);
    for (size_t i = 0; i < n; i++)
        for (size_t a = 0; a < r; a++)
            scores[i * r + a] = e->x[i * r + a] * e->e[i];
    int rc = cluster_vcov(e->bread, scores, n, r, d->cluster, d->ncluster, CLUSTER_CR1, k, v,
                          err);
    free(scores);
    return rc;
}

/* The column the bootstrap tests: opt->wild_term, or the first after the intercept; its
 * position among the estimated columns into *a. */
static int wild_column(const model_data *d, const struct est *e, const char *term, size_t *a,
                       ds_err *err)
{
    size_t j = term ? d->p : (size_t)d->has_intercept;
    for (size_t k = 0; term && k < d->p; k++)
        if (strcmp(d->names[k], term) == 0)
            j = k;
    if (j >= d->p)
        return ds_err_set(err, DS_EDATA, "--wild-bootstrap: %s%s%s is not a term of the model",
                          term ? "'" : "", term ? term : "the model has no term but the "
                                                         "intercept: nothing", term ? "'" : "");
    for (*a = 0; *a < e->r; (*a)++)
        if (e->col[*a] == j)
            return DS_OK;
    return ds_err_set(err, DS_EDATA, "--wild-bootstrap: term '%s' is aliased (collinear with "
                      "the others): it has no estimate to test", d->names[j]);
}

static int wild(const model_data *d, const struct est *e, const model_options *opt, size_t k,
                model_fit *f, ds_err *err)
{
    size_t a = 0;
    int rc = wild_column(d, e, opt->wild_term, &a, err);
    if (!rc)
        rc = require_nested(d, "--wild-bootstrap", err);
    if (rc)
        return rc;
    double *y = xmalloc(d->n * sizeof *y);
    for (size_t i = 0; i < d->n; i++)
        y[i] = (double)(d->w ? sqrtl(d->w[i]) * d->y[i] : d->y[i]);
    cluster_boot_options o = {.coef = a, .null_value = 0, .reps = opt->wild_bootstrap,
                              .seed = opt->seed, .level = f->level,
                              .weights = CLUSTER_WEIGHTS_AUTO, .k = k};
    cluster_boot_result res;
    rc = cluster_wild_bootstrap(e->x, y, d->n, e->r, &d->cluster[0], &o, &res, err);
    free(y);
    if (rc)
        return rc;
    f->wild = xcalloc(1, sizeof *f->wild);
    f->wild->term = xstrdup(d->names[e->col[a]]);
    f->wild->reps = res.reps;
    f->wild->enumerated = res.enumerated;
    f->wild->weights = cluster_weights_name(res.weights);
    f->wild->seed = opt->seed;
    f->wild->t = res.t;
    f->wild->p_value = res.p_value;
    f->wild->ci_low = res.ci_low;
    f->wild->ci_high = res.ci_high;
    return DS_OK;
}

int clustered_fit(const model_data *d, const ls_work *ls, const model_options *opt, wide *vb,
                  double *df, model_fit *f, ds_err *err)
{
    struct est e;
    est_build(d, ls, &e);
    size_t p = d->p, k = cluster_k(d, e.r);
    cluster_vcov_result v;
    int rc = cluster_cov(d, &e, f->se, k, &v, err);
    if (!rc) {
        memset(vb, 0, p * p * sizeof *vb);
        for (size_t j = 0; j < p; j++)
            df[j] = f->df_residual;
        for (size_t a = 0; a < e.r; a++) {
            df[e.col[a]] = v.df[a];
            for (size_t b = 0; b < e.r; b++)
                vb[e.col[a] * p + e.col[b]] = v.vcov[a * e.r + b];
        }
        f->cluster_adjustment = v.adjustment;
        f->cluster_k = k;
        f->cluster_psd_fixed = v.psd_fixed;
        cluster_vcov_result_free(&v);
    }
    if (!rc && opt->wild_bootstrap)
        rc = wild(d, &e, opt, k, f, err);
    est_free(&e);
    return rc;
}
