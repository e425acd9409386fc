/* spatial_ml: the error, lag and durbin models by maximum likelihood — the concentrated
 * likelihoods of spatialreg (sar.error.f, sar.lag.mixed.f), their maximisation with GSL's
 * Brent minimiser, and the fit they give. Standard errors are in spatial_vcov.c, impacts in
 * spatial_impacts.c, the slx model in spatial_slx.c. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_min.h>

#include "spatial_impl.h"

#define GRID 24 /* points of the bracketing grid (sparse method: GRID / 3) */

static const char *const model_names[] = {"error", "lag", "durbin", "slx"};
static const char *const logdet_names[] = {"auto", "eigen", "sparse"};

const char *spatial_model_name(spatial_model m) { return model_names[m]; }
const char *spatial_logdet_name(spatial_logdet m) { return logdet_names[m]; }

int spatial_model_parse(const char *s, spatial_model *out)
{
    for (size_t i = 0; i < sizeof model_names / sizeof *model_names; i++)
        if (strcmp(s, model_names[i]) == 0) {
            *out = (spatial_model)i;
            return 0;
        }
    return -1;
}

int spatial_logdet_parse(const char *s, spatial_logdet *out)
{
    for (size_t i = 0; i < sizeof logdet_names / sizeof *logdet_names; i++)
        if (strcmp(s, logdet_names[i]) == 0) {
            *out = (spatial_logdet)i;
            return 0;
        }
    return -1;
}

void spatial_options_default(spatial_options *opt)
{
    memset(opt, 0, sizeof *opt);
    opt->model = SPATIAL_ERROR;
    opt->logdet = SPATIAL_LOGDET_AUTO;
    opt->seed = 2015;
}

/* SSE of y − λWy on X − λWX (the error model's), or NAN if that design is singular. */
static double error_sse(const sp_ml *ml, double lambda, double *beta, double *resid)
{
    size_t n = ml->n, k = ml->k;
    double *yl = xmalloc(n * sizeof *yl), *xl = xmalloc(n * k * sizeof *xl);
    double *r = resid ? resid : xmalloc(n * sizeof *r), sse = NAN;
    for (size_t i = 0; i < n; i++)
        yl[i] = ml->y[i] - lambda * ml->wy[i];
    for (size_t i = 0; i < n * k; i++)
        xl[i] = ml->x[i] - lambda * ml->wx[i];
    sp_ls ls;
    if (sp_ls_init(&ls, xl, n, k) == 0) {
        sp_ls_solve(&ls, yl, beta, r);
        sse = sp_dot(r, r, n);
    }
    sp_ls_free(&ls);
    free(yl);
    free(xl);
    if (!resid)
        free(r);
    return sse;
}

/* The log-likelihood concentrated in β and σ², at λ (error) or ρ (lag, durbin). */
static double concentrated(sp_ml *ml, double coef)
{
    double ldet = sp_logdet_at(&ml->ld, coef);
    if (!isfinite(ldet))
        return -INFINITY;
    double sse = ml->model == SPATIAL_ERROR ? error_sse(ml, coef, NULL, NULL)
                                            : ml->ea - 2 * coef * ml->eb + coef * coef * ml->ec;
    double n = (double)ml->n;
    if (!(sse > 0) || !isfinite(sse))
        return -INFINITY;
    return ldet - n / 2 * log(2 * M_PI) - n / 2 * log(sse / n) - n / 2;
}

static double negative_concentrated(double coef, void *ml)
{
    double v = -concentrated(ml, coef);
    return isfinite(v) ? v : GSL_POSINF;
}

/* A bracket (a < x < b, f(x) above both) from a grid over the interval, zooming into an end
 * while the best point is there. Returns 0, or 1 when the maximum is at an end (then *x is
 * that end). */
static int bracket(sp_ml *ml, double *a, double *x, double *b, double *fx)
{
    size_t grid = ml->ld.sparse ? GRID / 3 : GRID;
    double lo = ml->ld.lower, hi = ml->ld.upper, span = hi - lo;
    *x = lo;
    *fx = -INFINITY;
    for (int zoom = 0; zoom < 40; zoom++) {
        double step = (hi - lo) / (double)(grid + 1), best = -INFINITY;
        size_t at = 0;
        for (size_t j = 0; j <= grid + 1; j++) {
            /* the ends themselves, nudged inside as spatialreg does (± ε of the interval) */
            double c = j == 0 ? lo + 1e-12 * span : j == grid + 1 ? hi - 1e-12 * span
                                                                   : lo + step * (double)j;
            double f = concentrated(ml, c);
            if (f > best)
                best = f, at = j;
        }
        if (at > 0 && at < grid + 1) {
            *x = lo + step * (double)at;
            *a = *x - step;
            *b = *x + step;
            *fx = best;
            return 0;
        }
        if (step < 1e-10 * span) {
            *x = at == 0 ? lo + 1e-12 * span : hi - 1e-12 * span;
            *fx = best;
            return 1;
        }
        if (at == 0)
            hi = lo + step;
        else
            lo = hi - step;
    }
    return 1;
}

/* The maximiser of the concentrated likelihood, to 1e-10 in λ. */
static int maximise(sp_ml *ml, double *coef, double *ll, int *at_bound, ds_err *err)
{
    double a = 0, x = 0, b = 0, fx = 0;
    if ((*at_bound = bracket(ml, &a, &x, &b, &fx))) {
        *coef = x;
        *ll = fx;
        return DS_OK;
    }
    gsl_function fn = {negative_concentrated, ml};
    gsl_min_fminimizer *m = gsl_min_fminimizer_alloc(gsl_min_fminimizer_brent);
    int status = gsl_min_fminimizer_set_with_values(m, &fn, x, -fx, a,
                                                    negative_concentrated(a, ml), b,
                                                    negative_concentrated(b, ml));
    int converged = 0;
    for (int it = 0; status == GSL_SUCCESS && !converged && it < 200; it++) {
        status = gsl_min_fminimizer_iterate(m);
        if (status == GSL_SUCCESS)
            converged = gsl_min_test_interval(gsl_min_fminimizer_x_lower(m),
                                              gsl_min_fminimizer_x_upper(m), 1e-9, 1e-7) ==
                        GSL_SUCCESS;
    }
    *coef = gsl_min_fminimizer_x_minimum(m);
    *ll = -gsl_min_fminimizer_f_minimum(m);
    gsl_min_fminimizer_free(m);
    if (!converged)
        return ds_err_set(err, DS_EDATA, "spatial %s model: the likelihood maximisation did "
                          "not converge (%s)", spatial_model_name(ml->model),
                          status ? gsl_strerror(status) : "200 iterations");
    return DS_OK;
}

static void ml_free(sp_ml *ml)
{
    for (size_t j = 0; ml->names && j < ml->k; j++)
        free(ml->names[j]);
    free(ml->names);
    free(ml->x);
    free(ml->wx);
    free(ml->wy);
    free(ml->b0);
    free(ml->bl);
    sp_logdet_free(&ml->ld);
}

/* The lag model's pieces: e0, eL the residuals of y and Wy on the design. */
static void lag_moments(sp_ml *ml, const sp_ls *ls)
{
    size_t n = ml->n;
    double *e0 = xmalloc(n * sizeof *e0), *el = xmalloc(n * sizeof *el);
    ml->b0 = xmalloc(ml->k * sizeof *ml->b0);
    ml->bl = xmalloc(ml->k * sizeof *ml->bl);
    sp_ls_solve(ls, ml->y, ml->b0, e0);
    sp_ls_solve(ls, ml->wy, ml->bl, el);
    ml->ea = sp_dot(e0, e0, n);
    ml->eb = sp_dot(el, e0, n);
    ml->ec = sp_dot(el, el, n);
    free(e0);
    free(el);
}

static int ml_setup(sp_ml *ml, const double *y, const double *x, size_t n, size_t k,
                    const char *const *names, const weights_t *w, const spatial_options *opt,
                    ds_err *err)
{
    ml->model = opt->model;
    ml->n = n;
    ml->w = w;
    ml->y = y;
    ml->k_base = k;
    ml->intercept = k > 0 && strcmp(names[0], "(Intercept)") == 0;
    if (opt->model == SPATIAL_DURBIN) {
        ml->k = sp_lagged_design(w, x, n, k, names, &ml->x, &ml->names);
    } else {
        ml->k = k;
        ml->x = xmalloc(n * k * sizeof *ml->x);
        memcpy(ml->x, x, n * k * sizeof *ml->x);
        ml->names = xmalloc((k + 1) * sizeof *ml->names);
        for (size_t j = 0; j < k; j++)
            ml->names[j] = xstrdup(names[j]);
    }
    ml->wy = xmalloc(n * sizeof *ml->wy);
    weights_lag(w, y, ml->wy);
    if (!(n > ml->k + 1))
        return ds_err_set(err, DS_EDATA, "spatial %s model: %zu units for %zu coefficients",
                          spatial_model_name(opt->model), n, ml->k);
    sp_ls ls;
    int rank_ok = sp_ls_init(&ls, ml->x, n, ml->k) == 0;
    if (rank_ok && opt->model != SPATIAL_ERROR)
        lag_moments(ml, &ls);
    sp_ls_free(&ls);
    if (!rank_ok)
        return ds_err_set(err, DS_EDATA, "spatial %s model: the model matrix%s is rank "
                          "deficient (a regressor is a combination of the others%s)",
                          spatial_model_name(opt->model),
                          opt->model == SPATIAL_DURBIN ? " with the lags WX" : "",
                          opt->model == SPATIAL_DURBIN ? ", or its spatial lag is" : "");
    if (opt->model == SPATIAL_ERROR) {
        ml->wx = xmalloc(n * ml->k * sizeof *ml->wx);
        weights_lag_matrix(w, ml->x, ml->k, ml->wx);
    }
    int sparse = opt->logdet == SPATIAL_LOGDET_SPARSE ||
                 (opt->logdet == SPATIAL_LOGDET_AUTO && n > SPATIAL_EIGEN_MAX);
    return sp_logdet_init(&ml->ld, w, sparse, err);
}

/* β, residuals, σ² and the likelihood summaries at the estimate. */
static void ml_estimates(sp_ml *ml, spatial_fit *f, double *beta)
{
    size_t n = ml->n, k = ml->k;
    double sse, sse_ols;
    f->residuals = xmalloc(n * sizeof *f->residuals);
    f->fitted = xmalloc(n * sizeof *f->fitted);
    if (ml->model == SPATIAL_ERROR) {
        sse = error_sse(ml, f->coef, beta, f->residuals);
        sse_ols = error_sse(ml, 0, NULL, NULL);
    } else {
        for (size_t j = 0; j < k; j++)
            beta[j] = ml->b0[j] - f->coef * ml->bl[j];
        sse = 0;
        for (size_t i = 0; i < n; i++) {
            double r = ml->y[i] - f->coef * ml->wy[i];
            for (size_t j = 0; j < k; j++)
                r -= ml->x[i * k + j] * beta[j];
            f->residuals[i] = r;
            sse += r * r;
        }
        sse_ols = ml->ea;
    }
    for (size_t i = 0; i < n; i++)
        f->fitted[i] = ml->y[i] - f->residuals[i];
    double dn = (double)n;
    f->sigma2 = sse / dn;
    f->ols_log_lik = -dn / 2 * (log(2 * M_PI) + log(sse_ols / dn) + 1);
    f->aic = -2 * f->log_lik + 2 * (double)(k + 2);
    f->ols_aic = -2 * f->ols_log_lik + 2 * (double)(k + 1);
    f->lr = 2 * (f->log_lik - f->ols_log_lik);
    f->lr_df = 1;
    f->lr_p = gsl_cdf_chisq_Q(fmax(f->lr, 0), 1);
}

static int fit_ml(sp_ml *ml, spatial_fit *f, const spatial_options *opt, ds_err *err)
{
    int rc = maximise(ml, &f->coef, &f->log_lik, &f->at_bound, err);
    if (rc)
        return rc;
    double *beta = xmalloc(ml->k * sizeof *beta), *se = xmalloc(ml->k * sizeof *se);
    f->sparse = ml->ld.sparse;
    f->lower = ml->ld.lower;
    f->upper = ml->ld.upper;
    f->p = ml->k;
    ml_estimates(ml, f, beta);
    sp_vcov(ml, f, beta);
    size_t q = ml->k + 2;
    for (size_t j = 0; j < ml->k; j++)
        se[j] = sqrt(f->vcov[(j + 2) * q + j + 2]);
    f->coef_se = sqrt(f->vcov[q + 1]);
    f->coef_z = f->coef / f->coef_se;
    f->coef_p = 2 * gsl_cdf_ugaussian_Q(fabs(f->coef_z));
    sp_fill_terms(f, ml->names, beta, se, 0);
    free(beta);
    free(se);
    rc = weights_moran(ml->w, f->residuals, 1, &f->moran, err);
    if (!rc && ml->model != SPATIAL_ERROR)
        rc = sp_impacts(ml, f, opt, err);
    return rc;
}

int spatial_fit_ml(const double *y, const double *x, size_t n, size_t k,
                   const char *const *names, const weights_t *w, const spatial_options *opt,
                   spatial_fit **out, ds_err *err)
{
    *out = NULL;
    if (w->n != n)
        return ds_err_set(err, DS_EDATA, "spatial model: %zu rows for weights over %zu units",
                          n, w->n);
    spatial_fit *f = xcalloc(1, sizeof *f);
    f->model = opt->model;
    f->n = n;
    f->coef = f->coef_se = f->coef_z = f->coef_p = f->lower = f->upper = NAN;
    int rc;
    if (opt->model == SPATIAL_SLX) {
        rc = sp_fit_slx(y, x, n, k, names, w, f, err);
    } else {
        sp_ml ml = {0};
        rc = ml_setup(&ml, y, x, n, k, names, w, opt, err);
        if (!rc)
            rc = fit_ml(&ml, f, opt, err);
        ml_free(&ml);
    }
    if (rc) {
        spatial_fit_free(f);
        return rc;
    }
    *out = f;
    return DS_OK;
}

void spatial_fit_free(spatial_fit *f)
{
    if (!f)
        return;
    for (size_t j = 0; f->terms && j < f->p; j++)
        free(f->terms[j].name);
    for (size_t j = 0; f->impacts && j < f->n_impacts; j++)
        free(f->impacts[j].name);
    free(f->terms);
    free(f->impacts);
    free(f->residuals);
    free(f->fitted);
    free(f->vcov);
    free(f);
}
