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
    size_t n = d->n, p = d->p, k0 = (size_t)d->has_intercept;
    memset(v, 0, sizeof *v);
    v->x = xmalloc((n * p + 1) * sizeof *v->x);
    v->y = xmalloc((n + 1) * sizeof *v->y);
    v->off = d->off ? xmalloc((n + 1) * sizeof *v->off) : NULL;
    v->w = d->w ? xmalloc((n + 1) * sizeof *v->w) : NULL;
    v->names = xmalloc((p + 1) * sizeof *v->names);
    v->lines = xmalloc((n + 1) * sizeof *v->lines);
    for (size_t j = 0; j < p; j++)
        v->names[j] = k0 && j == 0 ? "(Intercept)" : spec->names[j - k0];
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

/* Terms and vcov of f from the glm fit with the covariance the options ask for. */
static void fill_terms(const glm_view *v, const glm_fit *g, const model_options *opt,
                       model_fit *f)
{
    size_t p = g->p;
    f->vcov = xmalloc((p * p + 1) * sizeof *f->vcov);
    if (opt->se == MODEL_SE_CLASSICAL)
        memcpy(f->vcov, g->vcov, p * p * sizeof *f->vcov);
    else /* model_se's HC0 … HC3 follow classical in order */
        f->hc_leverage_one = glm_vcov_hc(&v->g, g, (int)opt->se - (int)MODEL_SE_HC0, f->vcov);
    /* summary.glm tests with t only when it estimated the dispersion; a sandwich is tested
     * with z, as lmtest::coeftest on a glm (df = Inf) */
    int use_t = glm_uses_t(g) && opt->se == MODEL_SE_CLASSICAL;
    f->terms = xcalloc(p + 1, sizeof *f->terms);
    for (size_t j = 0; j < p; j++) {
        model_term *t = &f->terms[j];
        glm_coef c;
        glm_coef_at(g, f->vcov, j, opt->level, use_t, &c);
        t->name = xstrdup(v->names[j]);
        t->aliased = g->aliased[j] || g->separated[j];
        t->estimate = c.estimate;
        t->std_error = c.std_error;
        t->t_value = c.statistic;
        t->p_value = c.p_value;
        t->ci_low = c.ci_low;
        t->ci_high = c.ci_high;
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
    if (rc == DS_OK) {
        fill_terms(&v, g, opt, f);
        fill_rows(d, &v, g, f);
        fill_summary(g, f);
        f->glm = g;
    }
    view_free(&v);
    return rc;
}
