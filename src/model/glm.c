/* glm: the entry point of the count models (glm.h) — checks the data, leaves out the rows
 * of separated columns, runs IRLS (glm_irls.c) or glm.nb's alternation (glm_negbin.c), and
 * fills what summary.glm reports: deviance and null deviance, dispersion, AIC and the
 * log-likelihood, the covariance. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "glm_impl.h"

void glm_options_default(glm_options *opt)
{
    memset(opt, 0, sizeof *opt);
    opt->family = MODEL_POISSON;
    opt->maxit = 25;
    opt->epsilon = 1e-8;
}

int glm_family_label(model_family f, double theta, char *buf, size_t size)
{
    if (f == MODEL_NEGBIN)
        return snprintf(buf, size, "Negative Binomial(%.4g)", theta);
    return snprintf(buf, size, "%s", model_family_name(f));
}

/* "FILE:12" or "line 12" (the row's line in its file), or "row 12" (1-based index). */
static const char *where(const glm_data *d, size_t i, char *buf, size_t size)
{
    if (d->lines && d->source)
        snprintf(buf, size, "%s:%zu", d->source, d->lines[i]);
    else
        snprintf(buf, size, "%s %zu", d->lines ? "line" : "row", d->lines ? d->lines[i] : i + 1);
    return buf;
}

static const char *yname(const glm_data *d) { return d->response ? d->response : "the response"; }

/* Counts, offsets and weights R's glm would refuse or warn about. */
static int check_rows(const glm_data *d, const glm_options *opt, ds_err *err)
{
    char at[512];
    int whole = opt->family != MODEL_QUASIPOISSON;
    for (size_t i = 0; i < d->n; i++) {
        double y = d->y[i], w = d->weights ? d->weights[i] : 1;
        if (!isfinite(y) || y < 0)
            return ds_err_set(err, DS_EDATA, "%s: %s is %g at %s: a count must be a number "
                              ">= 0", model_family_name(opt->family), yname(d), y,
                              where(d, i, at, sizeof at));
        if (whole && y != floor(y))
            return ds_err_set(err, DS_EDATA, "%s: %s is %.17g at %s, not a whole number: "
                              "the %s likelihood is for counts (--family quasipoisson takes "
                              "any value >= 0)", model_family_name(opt->family), yname(d), y,
                              where(d, i, at, sizeof at), model_family_name(opt->family));
        if (d->offset && !isfinite(d->offset[i]))
            return ds_err_set(err, DS_EDATA, "%s: the offset is not a finite number at %s",
                              model_family_name(opt->family), where(d, i, at, sizeof at));
        if (!isfinite(w) || w < 0)
            return ds_err_set(err, DS_EDATA, "%s: the weight is %g at %s: weights must be "
                              ">= 0", model_family_name(opt->family), w,
                              where(d, i, at, sizeof at));
        for (size_t j = 0; j < d->p; j++)
            if (!isfinite(d->x[i * d->p + j]))
                return ds_err_set(err, DS_EDATA, "%s: column %s is not a finite number at %s",
                                  model_family_name(opt->family), d->names ? d->names[j] : "?",
                                  where(d, i, at, sizeof at));
    }
    return DS_OK;
}

/* Column j is separated when it keeps one sign where it is non-zero and every count there
 * is 0 (and that is not every row): the likelihood then rises without bound as its
 * coefficient goes to −∞, and in the limit those rows have mu = 0 and no say in the rest. */
static int separated_col(const glm_data *d, const unsigned char *use, size_t j)
{
    int pos = 0, neg = 0, rest = 0;
    for (size_t i = 0; i < d->n; i++) {
        if (!use[i])
            continue;
        double x = d->x[i * d->p + j];
        if (x == 0) {
            rest = 1;
            continue;
        }
        if (d->y[i] != 0)
            return 0;
        pos |= x > 0;
        neg |= x < 0;
    }
    return (pos ^ neg) && rest;
}

/* Marks separated columns and leaves out their rows, until none is left. */
static void separate(const glm_data *d, glm_fit *f)
{
    for (int changed = 1; changed;) {
        changed = 0;
        for (size_t j = d->has_intercept ? 1 : 0; j < d->p; j++) {
            if (f->separated[j] || !separated_col(d, f->used, j))
                continue;
            f->separated[j] = 1;
            changed = 1;
            for (size_t i = 0; i < d->n; i++)
                if (f->used[i] && d->x[i * d->p + j] != 0) {
                    f->used[i] = 0;
                    f->n_separated++;
                }
        }
    }
}

static void work_build(const glm_data *d, const glm_fit *f, glm_work *wk)
{
    memset(wk, 0, sizeof *wk);
    wk->has_intercept = d->has_intercept;
    wk->row = xmalloc((d->n + 1) * sizeof *wk->row);
    wk->col = xmalloc((d->p + 1) * sizeof *wk->col);
    for (size_t i = 0; i < d->n; i++)
        if (f->used[i])
            wk->row[wk->n++] = i;
    for (size_t j = 0; j < d->p; j++)
        if (!f->separated[j])
            wk->col[wk->p++] = j;
    size_t n = wk->n;
    wk->x = xmalloc((n * wk->p + 1) * sizeof *wk->x);
    wk->y = xmalloc((n + 1) * sizeof *wk->y);
    wk->off = xmalloc((n + 1) * sizeof *wk->off);
    wk->pw = xmalloc((n + 1) * sizeof *wk->pw);
    for (size_t k = 0; k < n; k++) {
        size_t i = wk->row[k];
        wk->y[k] = d->y[i];
        wk->off[k] = d->offset ? d->offset[i] : 0;
        wk->pw[k] = d->weights ? d->weights[i] : 1;
        for (size_t c = 0; c < wk->p; c++)
            wk->x[c * n + k] = d->x[i * d->p + wk->col[c]];
    }
}

static void work_free(glm_work *wk)
{
    free(wk->x), free(wk->y), free(wk->off), free(wk->pw), free(wk->row), free(wk->col);
    memset(wk, 0, sizeof *wk);
}

static glm_fit *fit_alloc(const glm_data *d, const glm_options *opt)
{
    glm_fit *f = xcalloc(1, sizeof *f);
    size_t n = d->n + 1, p = d->p + 1;
    f->family = opt->family;
    f->n_input = d->n;
    f->p = d->p;
    f->has_intercept = d->has_intercept;
    f->used = xmalloc(n);
    f->aliased = xcalloc(p, 1);
    f->separated = xcalloc(p, 1);
    f->coef = xmalloc(p * sizeof *f->coef);
    f->cov_unscaled = xmalloc(p * p * sizeof *f->cov_unscaled);
    f->vcov = xmalloc(p * p * sizeof *f->vcov);
    f->mu = xmalloc(n * sizeof *f->mu);
    f->eta = xmalloc(n * sizeof *f->eta);
    f->working_weights = xcalloc(n, sizeof *f->working_weights);
    f->working_residuals = xmalloc(n * sizeof *f->working_residuals);
    f->hat = xmalloc(n * sizeof *f->hat);
    for (size_t i = 0; i < d->n; i++) {
        f->used[i] = !d->weights || d->weights[i] > 0;
        f->n_zero_weight += !f->used[i];
        f->mu[i] = f->eta[i] = f->working_residuals[i] = f->hat[i] = NAN;
    }
    f->theta = f->theta_se = f->theta_irls = NAN;
    return f;
}

/* Per-row arrays, coefficients and covariances by column of the data, from the last run. */
static void fill_from_run(const glm_work *wk, glm_irls *s, glm_fit *f)
{
    long double chi2 = 0;
    for (size_t k = 0; k < wk->n; k++) {
        size_t i = wk->row[k];
        long double r = (wk->y[k] - s->mu[k]) / s->mu[k];
        f->mu[i] = (double)s->mu[k];
        f->eta[i] = (double)s->eta[k];
        f->working_weights[i] = (double)s->w[k];
        f->working_residuals[i] = (double)r;
        f->hat[i] = (double)s->hat[k];
        chi2 += s->w[k] * r * r;
    }
    f->pearson_chi2 = (double)chi2;
    for (size_t j = 0; j < f->p * f->p; j++)
        f->cov_unscaled[j] = NAN;
    for (size_t j = 0; j < f->p; j++)
        f->coef[j] = NAN;
    for (size_t a = 0; a < wk->p; a++) {
        f->aliased[wk->col[a]] = s->aliased[a];
        if (s->aliased[a])
            continue;
        f->coef[wk->col[a]] = (double)s->b[a];
        for (size_t c = 0; c < wk->p; c++)
            if (!s->aliased[c])
                f->cov_unscaled[wk->col[a] * f->p + wk->col[c]] = (double)s->cov[a * wk->p + c];
    }
    f->factor = s->factor; /* handed over */
    s->factor = NULL;
    f->factor->col = xmalloc((wk->p + 1) * sizeof *f->factor->col);
    memcpy(f->factor->col, wk->col, wk->p * sizeof *wk->col);
    f->rank = s->rank;
    f->n = wk->n;
    f->iterations = s->iter;
    f->step_halvings = s->halvings;
    f->deviance = (double)s->dev;
    f->df_residual = (double)(wk->n - s->rank);
    f->df_null = (double)(wk->n - (size_t)wk->has_intercept);
}

/* summary.glm's null deviance: with an offset and an intercept, the deviance of the
 * intercept-only fit (glm refits from the fitted values, glm.nb from the family's start, at
 * its final theta); otherwise at the weighted mean of y, or at linkinv(offset) without an
 * intercept (glm.fit). */
static int null_deviance(const glm_work *wk, const glm_fam *fam_refit, const glm_fam *fam_fit,
                         const glm_options *opt, const glm_irls *s, glm_fit *f, ds_err *err)
{
    int has_offset = 0;
    for (size_t i = 0; i < wk->n; i++)
        has_offset |= wk->off[i] != 0;
    f->null_converged = 1;
    if (wk->has_intercept && has_offset) {
        glm_work w1 = *wk;
        glm_irls s1;
        w1.p = 1;
        int rc = glm_irls_run(&w1, fam_refit, NULL, fam_refit->negbin ? NULL : s->mu, opt,
                              &s1, err);
        f->null_deviance = (double)s1.dev;
        f->null_converged = s1.converged;
        glm_irls_free(&s1);
        return rc;
    }
    long double num = 0, den = 0, *mu = xmalloc((wk->n + 1) * sizeof *mu);
    for (size_t i = 0; i < wk->n; i++) {
        num += wk->pw[i] * wk->y[i];
        den += wk->pw[i];
        mu[i] = glm_linkinv(wk->off[i]);
    }
    f->null_deviance = (double)(wk->has_intercept ? glm_deviance_const(fam_fit, wk, num / den)
                                                  : glm_deviance(fam_fit, wk, mu));
    free(mu);
    return DS_OK;
}

/* AIC and log-likelihood of a Poisson fit: Σ prior · log dpois(y, mu), as poisson()$aic. */
static void poisson_likelihood(const glm_work *wk, const glm_irls *s, glm_fit *f)
{
    long double ll = 0;
    for (size_t i = 0; i < wk->n; i++) {
        long double y = wk->y[i], mu = s->mu[i];
        ll += wk->pw[i] * ((y > 0 ? y * logl(mu) : 0) - mu - lgammal(y + 1));
    }
    f->log_likelihood = (double)ll;
    f->aic = (double)(-2 * ll + 2 * (long double)s->rank);
}

static int check_fit_size(const glm_data *d, const glm_work *wk, const glm_fit *f,
                          ds_err *err)
{
    const char *fam = model_family_name(f->family);
    size_t nz = 0;
    for (size_t i = 0; i < wk->n; i++)
        nz += wk->y[i] != 0;
    if (wk->n == 0)
        return ds_err_set(err, DS_EDATA, "%s: no rows to fit", fam);
    if (nz == 0)
        return ds_err_set(err, DS_EDATA, "%s: every count of %s is 0%s: there is nothing to "
                          "fit", fam, yname(d), f->n_separated ? " outside the separated groups"
                                                              : "");
    if (wk->n <= wk->p)
        return ds_err_set(err, DS_EDATA, "%s: %zu rows for %zu coefficients: a fit needs "
                          "more rows than coefficients", fam, wk->n, wk->p);
    return DS_OK;
}

static int fit_model(const glm_work *wk, const glm_options *opt, glm_fit *f, ds_err *err)
{
    glm_irls s;
    glm_fam fam = {0, 0};
    long double theta_fit = 0;
    int rc;
    if (opt->family == MODEL_NEGBIN)
        rc = glm_negbin_run(wk, opt, &s, f, &theta_fit, err);
    else
        rc = glm_irls_run(wk, &fam, NULL, NULL, opt, &s, err);
    if (rc == DS_OK) {
        fill_from_run(wk, &s, f);
        if (opt->family != MODEL_NEGBIN)
            f->converged = s.converged;
        glm_fam fit_fam = {opt->family == MODEL_NEGBIN, theta_fit};
        f->theta_irls = opt->family == MODEL_NEGBIN ? (double)theta_fit : NAN;
        glm_fam refit_fam = {opt->family == MODEL_NEGBIN, (long double)f->theta};
        rc = null_deviance(wk, &refit_fam, &fit_fam, opt, &s, f, err);
    }
    if (rc == DS_OK && opt->family == MODEL_POISSON)
        poisson_likelihood(wk, &s, f);
    if (rc == DS_OK && opt->family == MODEL_QUASIPOISSON)
        f->aic = f->log_likelihood = NAN;
    glm_irls_free(&s);
    return rc;
}

int glm_fit_design(const glm_data *d, const glm_options *opt, glm_fit **out, ds_err *err)
{
    *out = NULL;
    if (opt->maxit < 1 || !(opt->epsilon > 0))
        return ds_err_set(err, DS_EUSAGE, "glm: the iteration limit must be >= 1 and the "
                          "tolerance > 0 (got %d and %g)", opt->maxit, opt->epsilon);
    int rc = check_rows(d, opt, err);
    if (rc)
        return rc;
    glm_fit *f = fit_alloc(d, opt);
    separate(d, f);
    glm_work wk;
    work_build(d, f, &wk);
    rc = check_fit_size(d, &wk, f, err);
    if (rc == DS_OK)
        rc = fit_model(&wk, opt, f, err);
    work_free(&wk);
    if (rc) {
        glm_fit_free(f);
        return rc;
    }
    f->dispersion = f->family == MODEL_QUASIPOISSON ? f->pearson_chi2 / f->df_residual : 1;
    for (size_t j = 0; j < f->p * f->p; j++)
        f->vcov[j] = f->dispersion * f->cov_unscaled[j];
    *out = f;
    return DS_OK;
}

void glm_fit_free(glm_fit *f)
{
    if (!f)
        return;
    free(f->used), free(f->aliased), free(f->separated), free(f->coef);
    free(f->cov_unscaled), free(f->vcov), free(f->mu), free(f->eta);
    free(f->working_weights), free(f->working_residuals), free(f->hat);
    glm_factor_free(f->factor);
    free(f);
}
