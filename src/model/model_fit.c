/* model_fit: the model_fit object — its start from a formula and bound data (before a fit
 * kind fills in the results), its end, and the warnings it carries. */
#include <math.h>
#include <stdio.h>
#include <stdint.h>
#include <stdlib.h>

#include "damirstat/glm.h"
#include "model_fit_impl.h"

/* The flags of model_fit.one_cluster: the slopes whose non-zero rows lie in one group of
 * some clustering column. */
static unsigned char *one_cluster_terms(const model_data *d)
{
    unsigned char *flag = xcalloc(d->p + 1, 1);
    for (size_t j = d->has_intercept ? 1 : 0; j < d->p; j++)
        for (size_t k = 0; k < d->ncluster && !flag[j]; k++) {
            size_t g = SIZE_MAX, i = 0;
            for (; i < d->n; i++) {
                if (d->x[j * d->cap + i] == 0)
                    continue;
                if (g == SIZE_MAX)
                    g = d->cluster[k].group[i];
                else if (d->cluster[k].group[i] != g)
                    break;
            }
            flag[j] = g != SIZE_MAX && i == d->n;
        }
    return flag;
}

model_fit *model_fit_start(const char *formula, const model_spec *spec, const model_data *d,
                           const model_options *opt)
{
    model_fit *f = xcalloc(1, sizeof *f);
    f->formula = xstrdup(formula);
    f->response = xstrdup(expr_text(spec->response));
    f->has_intercept = spec->has_intercept;
    f->n = d->n;
    f->n_dropped = d->n_dropped;
    f->n_domain = d->n_domain;
    f->n_zero_weight = d->n_zero_weight;
    f->p = d->p;
    f->method = opt->method;
    f->se = opt->se;
    f->level = opt->level;
    f->sigma_for_se = NAN;
    f->family = opt->family;
    f->offset = opt->offset ? xstrdup(opt->offset) : NULL;
    f->exp = opt->exp;
    f->test_statistic = f->test_df1 = f->test_df2 = f->test_p_value = NAN;
    f->f_classical = f->f_classical_p_value = NAN;
    f->within_r_squared = NAN;
    f->cluster_adjustment = NAN;
    f->ncluster = d->ncluster;
    for (size_t k = 0; k < d->ncluster; k++) {
        f->cluster[k] = xstrdup(d->cluster[k].name);
        f->cluster_groups[k] = d->cluster[k].ngroups;
    }
    f->one_cluster = d->ncluster ? one_cluster_terms(d) : NULL;
    if (d->ncluster && f->se == MODEL_SE_CLASSICAL)
        f->se = MODEL_SE_CR1; /* clusters without a kind: CR1, as fixest and Stata */
    f->nfe = d->fe.nfe;
    f->fe = d->fe.nfe ? xcalloc(d->fe.nfe, sizeof *f->fe) : NULL;
    for (size_t j = 0; j < d->fe.nfe; j++) {
        const fe_factor *fac = &d->fe.f[j];
        f->fe[j].name = xstrdup(fac->name);
        f->fe[j].groups = fac->ngroups;
        for (size_t g = 0; g < fac->ngroups; g++)
            f->fe[j].singletons += fac->count[g] == 1;
        f->fe[j].nested = d->ncluster && fe_nested_in(fac, &d->cluster[0]);
    }
    f->fe_parameters = d->fe_k;
    f->fe_singletons = d->fe.nfe ? fe_singletons(&d->fe) : 0;
    return f;
}

void model_fit_free(model_fit *f)
{
    if (!f)
        return;
    free(f->formula);
    free(f->response);
    for (size_t j = 0; f->terms && j < f->p; j++)
        free(f->terms[j].name);
    free(f->terms);
    free(f->vcov);
    free(f->rows);
    free(f->y);
    free(f->fitted);
    free(f->residuals);
    free(f->std_residuals);
    free(f->leverage);
    free(f->cooks_distance);
    free(f->weights);
    free(f->robust_weights);
    free(f->offset);
    free(f->test);
    free(f->f_robust_note);
    glm_fit_free(f->glm);
    for (size_t k = 0; k < f->ncluster; k++)
        free(f->cluster[k]);
    free(f->one_cluster);
    for (size_t j = 0; j < f->nfe; j++)
        free(f->fe[j].name);
    free(f->fe);
    if (f->wild)
        free(f->wild->term);
    free(f->wild);
    free(f);
}

int model_essentially_perfect(const model_fit *f)
{
    double mean = 0, var = 0, resvar = f->sigma * f->sigma;
    for (size_t i = 0; i < f->n; i++)
        mean += f->fitted[i] / (double)f->n;
    for (size_t i = 0; i < f->n; i++)
        var += (f->fitted[i] - mean) * (f->fitted[i] - mean) / (double)(f->n > 1 ? f->n - 1 : 1);
    return isfinite(resvar) && resvar < (mean * mean + var) * 1e-30;
}

size_t model_warnings(FILE *fp, const model_fit *f, const char *prefix, const char *suffix)
{
    size_t count = 0, aliased = 0;
    for (size_t j = 0; j < f->p && !f->glm; j++) /* a count model says it below */
        if (f->terms[j].aliased)
            fprintf(fp, "%s%s", aliased++ ? ", " : (count++, prefix), f->terms[j].name);
    if (aliased)
        fprintf(fp, " not estimated: collinear with the other terms (aliased, NA as in R)%s",
                suffix);
    if (f->hc_leverage_one && ++count)
        fprintf(fp, "%s%s standard errors are undefined (NA): %zu row%s with a hat value of 1 "
                    "(a term only that row informs); use hc0 or hc1%s",
                prefix, model_se_name(f->se), f->hc_leverage_one,
                f->hc_leverage_one == 1 ? "" : "s", suffix);
    if (f->method != MODEL_OLS && !f->robust_converged && ++count)
        fprintf(fp, "%s%s fit did not converge in %zu iterations: the estimates are the last "
                    "iterate%s", prefix, model_method_name(f->method), f->robust_iterations, suffix);
    if (model_essentially_perfect(f) && ++count)
        fprintf(fp, "%sessentially perfect fit: the summary may be unreliable (standard errors, "
                    "t, p and R² are not meaningful)%s", prefix, suffix);
    if (f->condition_number > 1e10 && ++count)
        fprintf(fp, "%sill-conditioned design (condition number %.3g > 1e10): estimates may be "
                    "unstable%s", prefix, f->condition_number, suffix);
    if (f->glm) {
        const char **names = xmalloc((f->p + 1) * sizeof *names);
        for (size_t j = 0; j < f->p; j++)
            names[j] = f->terms[j].name;
        count += glm_warnings(fp, f->glm, names, prefix, suffix);
        free(names);
    }
    if (f->n_domain && ++count)
        fprintf(fp, "%s%zu row%s dropped because a term was out of its domain (log or sqrt out "
                    "of range, division by 0, overflow)%s", prefix, f->n_domain,
                f->n_domain == 1 ? "" : "s", suffix);
    return count;
}
