/* glm_vcov: inference on a fitted count model — the coefficient table of summary.glm, the
 * HC0–HC3 sandwich and the per-row scores of sandwich::vcovHC / vcovCL on a glm, and the
 * fit's warnings.
 *
 * sandwich (3.0) builds a glm's sandwich from estfun.glm, x_i · w_i r_i / φ (working weight
 * times working residual), and bread.glm, n φ (X'WX)⁻¹, with φ = 1 for poisson and negbin
 * and Σ(w r)² / Σ w otherwise: φ cancels, and the covariance is (X'WX)⁻¹ (Σ ω_i ψ_i ψ_i')
 * (X'WX)⁻¹ with ψ_i = x_i w_i r_i. For the negative binomial theta is held at its estimate,
 * as sandwich does (glm.nb returns a glm object). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_cdf.h>

#include "damirstat/pvalue.h"
#include "glm_impl.h"

int glm_uses_t(const glm_fit *f) { return f->family == MODEL_QUASIPOISSON; }

static int estimated(const glm_fit *f, size_t j) { return !f->aliased[j] && !f->separated[j]; }

void glm_coef_at(const glm_fit *f, const double *v, size_t j, double level, int use_t,
                 glm_coef *out)
{
    out->estimate = out->std_error = out->statistic = out->p_value = NAN;
    out->ci_low = out->ci_high = NAN;
    if (!estimated(f, j))
        return;
    double b = f->coef[j], se = sqrt(v[j * f->p + j]), s = b / se;
    out->estimate = b;
    out->std_error = se;
    out->statistic = s;
    if (isnan(s))
        out->p_value = NAN;
    else if (use_t)
        out->p_value = pvalue_t_two_sided(s, f->df_residual);
    else
        out->p_value = pvalue_normal_two_sided(s);
    /* confint.default: the normal quantile, whatever the family */
    double q = gsl_cdf_ugaussian_Qinv((1 - level) / 2);
    out->ci_low = b - q * se;
    out->ci_high = b + q * se;
}

void glm_scores(const glm_data *d, const glm_fit *f, double **scores)
{
    size_t p = f->p, k = 0;
    double *s = xcalloc(f->n * p + 1, sizeof *s);
    for (size_t i = 0; i < d->n; i++) {
        if (!f->used[i])
            continue;
        long double wr = (long double)f->working_weights[i] * f->working_residuals[i];
        for (size_t j = 0; j < p; j++)
            if (estimated(f, j))
                s[k * p + j] = (double)(wr * d->x[i * p + j]);
        k++;
    }
    *scores = s;
}

/* v (p × p by data column, NAN where not estimated) = T V_h T', V_h (r × r, row-major) in
 * the factor's orthonormal parametrisation. */
static void from_h(const glm_fit *f, const wide *vh, double *v)
{
    const glm_factor *fa = f->factor;
    size_t r = fa->r, pw = fa->p;
    wide *tv = xcalloc(pw * r + 1, sizeof *tv);
    for (size_t i = 0; i < pw; i++)
        for (size_t l = 0; l < r; l++)
            for (size_t k = 0; k < r; k++)
                tv[i * r + l] += fa->t[i * r + k] * vh[k * r + l];
    for (size_t j = 0; j < f->p * f->p; j++)
        v[j] = NAN;
    for (size_t i = 0; i < pw; i++)
        for (size_t j = 0; j < pw; j++) {
            if (!estimated(f, fa->col[i]) || !estimated(f, fa->col[j]))
                continue;
            wide t = 0;
            for (size_t l = 0; l < r; l++)
                t += tv[i * r + l] * fa->t[j * r + l];
            v[fa->col[i] * f->p + fa->col[j]] = (double)t;
        }
    free(tv);
}

size_t glm_vcov_hc(const glm_data *d, const glm_fit *f, int type, double *v)
{
    (void)d;
    const glm_factor *fa = f->factor;
    size_t n = fa->n, r = fa->r, undefined = 0;
    wide *vh = xcalloc(r * r + 1, sizeof *vh), k = (wide)r;
    for (size_t i = 0; i < n; i++) {
        wide h = 0, om = fa->e[i] * fa->e[i];
        for (size_t a = 0; a < r; a++)
            h += fa->q[a * n + i] * fa->q[a * n + i];
        /* sandwich's threshold for "hat values close to 1": 1 − √DBL_EPSILON */
        undefined += type >= 2 && h > 1 - (wide)1.4901161193847656e-08;
        if (type == 1)
            om *= (wide)n / ((wide)n - k);
        else if (type == 2)
            om /= 1 - h;
        else if (type == 3)
            om /= (1 - h) * (1 - h);
        for (size_t a = 0; a < r; a++)
            for (size_t b = 0; b < r; b++)
                vh[a * r + b] += om * fa->q[a * n + i] * fa->q[b * n + i];
    }
    from_h(f, vh, v);
    for (size_t j = 0; undefined && j < f->p * f->p; j++)
        v[j] = NAN;
    free(vh);
    return undefined;
}

/* CR0 and CR1 in the orthonormal parametrisation: bread I, scores ẽ_i q_i. */
static int cluster_h(const glm_fit *f, const cluster_ids *ids, size_t nway, cluster_type type,
                     double *v, cluster_vcov_result *res, ds_err *err)
{
    const glm_factor *fa = f->factor;
    size_t n = fa->n, r = fa->r;
    double *bread = xcalloc(r * r + 1, sizeof *bread), *sc = xmalloc((n * r + 1) * sizeof *sc);
    for (size_t a = 0; a < r; a++)
        bread[a * r + a] = 1;
    for (size_t i = 0; i < n; i++)
        for (size_t a = 0; a < r; a++)
            sc[i * r + a] = (double)(fa->e[i] * fa->q[a * n + i]);
    int rc = cluster_vcov(bread, sc, n, r, ids, nway, type, f->rank, res, err);
    if (rc == DS_OK) {
        wide *vh = xmalloc((r * r + 1) * sizeof *vh);
        for (size_t j = 0; j < r * r; j++)
            vh[j] = res->vcov[j];
        from_h(f, vh, v);
        free(vh);
    }
    free(bread), free(sc);
    return rc;
}

int glm_vcov_cluster(const glm_data *d, const glm_fit *f, const cluster_ids *ids, size_t nway,
                     cluster_type type, double *v, cluster_vcov_result *res, ds_err *err)
{
    (void)d;
    if (type == CLUSTER_CR2)
        return ds_err_set(err, DS_EUSAGE, "%s: --se cr2 is for linear models; for a count "
                          "model use cr1 (the default with --cluster) or cr0",
                          model_family_name(f->family));
    return cluster_h(f, ids, nway, type, v, res, err);
}

static void list_columns(FILE *fp, const glm_fit *f, const char *const *names,
                         const unsigned char *mark)
{
    for (size_t j = 0, k = 0; j < f->p; j++)
        if (mark[j]) {
            fprintf(fp, "%s", k++ ? ", " : "");
            if (names)
                fputs(names[j], fp);
            else
                fprintf(fp, "column %zu", j + 1);
        }
}

static size_t count_marked(const unsigned char *mark, size_t p)
{
    size_t c = 0;
    for (size_t j = 0; j < p; j++)
        c += mark[j] != 0;
    return c;
}

size_t glm_warnings(FILE *fp, const glm_fit *f, const char *const *names, const char *prefix,
                    const char *suffix)
{
    size_t count = 0;
    const char *fam = model_family_name(f->family);
    if (count_marked(f->separated, f->p) && ++count) {
        fputs(prefix, fp);
        list_columns(fp, f, names, f->separated);
        fprintf(fp, ": only zero counts where non-zero, so no finite estimate (it tends to "
                    "-Inf); its %zu row%s left out and the term not estimated (NA)%s",
                f->n_separated, f->n_separated == 1 ? "" : "s", suffix);
    }
    if (count_marked(f->aliased, f->p) && ++count) {
        fputs(prefix, fp);
        list_columns(fp, f, names, f->aliased);
        fprintf(fp, " not estimated: collinear with the other terms (aliased, NA as in R)%s",
                suffix);
    }
    if (!f->converged && ++count) {
        if (f->alternation_limit)
            fprintf(fp, "%snegbin: theta and the fit did not settle in %zu alternations "
                        "(glm.nb's \"alternation limit reached\"): the estimates are the "
                        "last iterate%s", prefix, f->alternations, suffix);
        else
            fprintf(fp, "%s%s: IRLS did not converge in %zu iterations (the iteration limit): "
                        "the estimates are the last iterate%s", prefix, fam, f->iterations,
                    suffix);
    }
    if (f->theta_warning && ++count)
        fprintf(fp, "%snegbin: theta.ml stopped at its iteration limit (theta = %.6g, as "
                    "MASS's \"iteration limit reached\"): the counts are close to Poisson and "
                    "theta is imprecise%s", prefix, f->theta, suffix);
    if (f->step_halvings && ++count)
        fprintf(fp, "%s%s: IRLS steps halved %zu time%s for an infinite deviance (R's \"step "
                    "size truncated due to divergence\")%s", prefix, fam, f->step_halvings,
                f->step_halvings == 1 ? "" : "s", suffix);
    if (!f->null_converged && ++count)
        fprintf(fp, "%s%s: the intercept-only fit for the null deviance did not converge%s",
                prefix, fam, suffix);
    size_t tiny = 0;
    for (size_t i = 0; i < f->n_input; i++)
        tiny += f->used[i] && f->mu[i] < 10 * 2.220446049250313e-16;
    if (tiny && ++count)
        fprintf(fp, "%s%s: fitted rates numerically 0 on %zu row%s%s", prefix, fam, tiny,
                tiny == 1 ? "" : "s", suffix);
    return count;
}
