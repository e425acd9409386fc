/* model_glm: the count-model fit kind (--family poisson|quasipoisson|negbin) — the bound data
 * handed to the IRLS of glm.c, and its results put into the model_fit every report reads:
 * the terms with the covariance --se asks for, summary.glm's test (z, or t for
 * quasipoisson), Wald intervals, and per row the fitted means, deviance residuals,
 * standardised residuals, leverages and Cook's distances as R's residuals.glm, rstandard.glm
 * and cooks.distance.glm give them. The glm_fit itself stays in f->glm for the deviances,
 * dispersion and theta. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "glm_impl.h"
#include "model_glm_impl.h"

/* A glm_data view of d (row-major double copies of the design; lines for messages). */
typedef struct glm_view {
    glm_data g;
    double *x, *y, *off, *w;
    const char **names;
    size_t *lines;
} glm_view;

static void view_build(const model_data *d, const model_spec *spec, glm_view *v)
{
    size_t n = d->n, p = d->p;
    memset(v, 0, sizeof *v);
    v->x = xmalloc((n * p + 1) * sizeof *v->x);
    v->y = xmalloc((n + 1) * sizeof *v->y);
    v->off = d->off ? xmalloc((n + 1) * sizeof *v->off) : NULL;
    v->w = d->w ? xmalloc((n + 1) * sizeof *v->w) : NULL;
    v->names = xmalloc((p + 1) * sizeof *v->names);
    v->lines = xmalloc((n + 1) * sizeof *v->lines);
    for (size_t j = 0; j < p; j++)
        v->names[j] = d->names[j];
    for (size_t i = 0; i < n; i++) {
        for (size_t j = 0; j < p; j++)
            v->x[i * p + j] = (double)d->x[j * d->cap + i];
        v->y[i] = (double)d->y[i];
        if (v->off)
            v->off[i] = (double)d->off[i];
        if (v->w)
            v->w[i] = (double)d->w[i];
        v->lines[i] = d->t ? table_row_line(d->t, d->rows[i]) : d->rows[i] + 1;
    }
    v->g = (glm_data){.n = n, .p = p, .x = v->x, .y = v->y, .offset = v->off, .weights = v->w,
                      .has_intercept = d->has_intercept, .names = v->names,
                      .response = expr_text(spec->response), .lines = d->t ? v->lines : NULL,
                      .source = d->t ? table_name(d->t) : NULL};
}

static void view_free(glm_view *v)
{
    free(v->x), free(v->y), free(v->off), free(v->w), free(v->names), free(v->lines);
}

/* The grouping ids over the rows the fit used (separated rows left out, groups renumbered
 * in order of first appearance). */
static void used_ids(const cluster_ids *in, const glm_fit *g, cluster_ids *out)
{
    size_t *code = xmalloc((in->ngroups + 1) * sizeof *code);
    for (size_t k = 0; k < in->ngroups; k++)
        code[k] = (size_t)-1;
    out->name = xstrdup(in->name);
    out->group = xmalloc((g->n + 1) * sizeof *out->group);
    out->n = out->ngroups = 0;
    for (size_t i = 0; i < in->n; i++) {
        if (!g->used[i])
            continue;
        size_t c = in->group[i];
        if (code[c] == (size_t)-1)
            code[c] = out->ngroups++;
        out->group[out->n++] = code[c];
    }
    free(code);
}

/* Clustered covariance (f->se CR1, or CR2 refused) of the glm over d's groupings into v,
 * with f's cluster members. */
static int cluster_cov(const model_data *d, const glm_view *v, const glm_fit *g, model_fit *f,
                       double *vcov, ds_err *err)
{
    cluster_ids ids[2];
    cluster_vcov_result res;
    memset(ids, 0, sizeof ids);
    memset(&res, 0, sizeof res);
    for (size_t k = 0; k < d->ncluster; k++)
        used_ids(&d->cluster[k], g, &ids[k]);
    cluster_type type = f->se == MODEL_SE_CR2 ? CLUSTER_CR2 : CLUSTER_CR1;
    int rc = glm_vcov_cluster(&v->g, g, ids, d->ncluster, type, vcov, &res, err);
    if (rc == DS_OK) {
        for (size_t k = 0; k < d->ncluster; k++)
            f->cluster_groups[k] = res.ngroups[k];
        f->cluster_adjustment = res.adjustment;
        f->cluster_k = g->rank;
        f->cluster_psd_fixed = res.psd_fixed;
    }
    cluster_vcov_result_free(&res);
    for (size_t k = 0; k < d->ncluster; k++)
        cluster_ids_free(&ids[k]);
    return rc;
}

/* The covariance f->se names: summary.glm's, an HC sandwich or a clustered one. */
static int covariance(const model_data *d, const glm_view *v, const glm_fit *g, model_fit *f,
                      ds_err *err)
{
    size_t p = g->p;
    f->vcov = xmalloc((p * p + 1) * sizeof *f->vcov);
    if (f->se == MODEL_SE_CLASSICAL)
        memcpy(f->vcov, g->vcov, p * p * sizeof *f->vcov);
    else if (f->se == MODEL_SE_CR1 || f->se == MODEL_SE_CR2)
        return cluster_cov(d, v, g, f, f->vcov, err);
    else /* model_se's HC0 … HC3 follow classical in order */
        f->hc_leverage_one = glm_vcov_hc(&v->g, g, (int)f->se - (int)MODEL_SE_HC0, f->vcov);
    return DS_OK;
}

/* Terms of f from the glm fit and f->vcov. summary.glm tests with t only when it estimated
 * the dispersion; a sandwich is tested with z, as lmtest::coeftest on a glm (df = Inf). */
static void fill_terms(const glm_view *v, const glm_fit *g, model_fit *f)
{
    size_t p = g->p;
    int use_t = glm_uses_t(g) && f->se == MODEL_SE_CLASSICAL;
    f->terms = xcalloc(p + 1, sizeof *f->terms);
    for (size_t j = 0; j < p; j++) {
        model_term *t = &f->terms[j];
        glm_coef c;
        glm_coef_at(g, f->vcov, j, f->level, use_t, &c);
        t->name = xstrdup(v->names[j]);
        t->aliased = g->aliased[j] || g->separated[j];
        t->estimate = c.estimate;
        t->std_error = c.std_error;
        t->t_value = c.statistic;
        t->p_value = c.p_value;
        t->ci_low = c.ci_low;
        t->ci_high = c.ci_high;
        t->df = use_t ? g->df_residual : INFINITY;
    }
}

/* Per used row: y, mu, deviance residuals and R's rstandard / cooks.distance for a glm. */
static void fill_rows(const model_data *d, const glm_view *v, const glm_fit *g, model_fit *f)
{
    size_t n = g->n, k = 0;
    double *dev = xmalloc((d->n + 1) * sizeof *dev), *pear = xmalloc((d->n + 1) * sizeof *pear);
    glm_deviance_residuals(&v->g, g, dev);
    glm_pearson_residuals(&v->g, g, pear);
    f->rows = xmalloc((n + 1) * sizeof *f->rows);
    f->y = xmalloc((n + 1) * sizeof *f->y);
    f->fitted = xmalloc((n + 1) * sizeof *f->fitted);
    f->residuals = xmalloc((n + 1) * sizeof *f->residuals);
    f->std_residuals = xmalloc((n + 1) * sizeof *f->std_residuals);
    f->leverage = xmalloc((n + 1) * sizeof *f->leverage);
    f->cooks_distance = xmalloc((n + 1) * sizeof *f->cooks_distance);
    f->weights = d->w ? xmalloc((n + 1) * sizeof *f->weights) : NULL;
    for (size_t i = 0; i < d->n; i++) {
        if (!g->used[i])
            continue;
        double h = g->hat[i], phi = g->dispersion, pearson = pear[i];
        f->rows[k] = d->rows[i];
        f->y[k] = (double)d->y[i];
        f->fitted[k] = g->mu[i];
        f->residuals[k] = dev[i];
        f->leverage[k] = h;
        f->std_residuals[k] = h < 1 ? dev[i] / sqrt(phi * (1 - h)) : NAN;
        f->cooks_distance[k] = h < 1 ? pearson * pearson / ((1 - h) * (1 - h)) * h /
                                           (phi * (double)g->rank)
                                     : NAN;
        if (f->weights)
            f->weights[k] = (double)d->w[i];
        k++;
    }
    free(dev), free(pear);
}

/* The summary numbers of a count model: no sigma, R² or F; the likelihood where there is
 * one (BIC with theta counted for negbin, as BIC(glm.nb)). */
static void fill_summary(const glm_fit *g, model_fit *f)
{
    f->n = g->n;
    f->rank = g->rank;
    f->df_residual = g->df_residual;
    f->sigma = f->r_squared = f->adj_r_squared = NAN;
    f->f_statistic = f->f_df1 = f->f_df2 = f->f_p_value = NAN;
    f->log_likelihood = g->log_likelihood;
    f->aic = g->aic;
    double k = (double)g->rank + (g->family == MODEL_NEGBIN);
    f->bic = -2 * g->log_likelihood + log((double)g->n) * k;
    f->condition_number = NAN;
    f->robust_iterations = g->iterations;
    f->robust_converged = g->converged;
}

int model_fit_glm(const model_data *d, const model_spec *spec, const model_options *opt,
                  model_fit *f, ds_err *err)
{
    glm_view v;
    view_build(d, spec, &v);
    glm_options go;
    glm_options_default(&go);
    go.family = opt->family;
    glm_fit *g = NULL;
    int rc = glm_fit_design(&v.g, &go, &g, err);
    if (rc == DS_OK)
        rc = covariance(d, &v, g, f, err);
    if (rc == DS_OK) {
        fill_terms(&v, g, f);
        fill_rows(d, &v, g, f);
        fill_summary(g, f);
        f->glm = g;
    } else {
        glm_fit_free(g);
    }
    view_free(&v);
    return rc;
}
