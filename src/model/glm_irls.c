/* glm_irls: iteratively reweighted least squares as R's glm.fit, log link, for a variance
 * function at a fixed theta (glm_impl.h).
 *
 * Each step is weighted least squares of the working response z = (eta − offset) +
 * (y − mu)/mu on X with weights w = prior · mu² / V(mu), solved by the least-squares core of
 * the linear models (model_ls.c: wide-precision QR of the centred, unit-norm design, so that
 * an intercept beside near-collinear shares costs no digits), as gsl_multifit_robust calls
 * gsl_multifit_linear. The last step's factorisation gives (X'WX)⁻¹ and the leverages, as R
 * keeps fit$qr from the last Cdqrls. */
#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "glm_impl.h"

long double glm_linkinv(long double eta)
{
    long double mu = expl(eta);
    return mu > DBL_EPSILON ? mu : DBL_EPSILON;
}

/* Deviance residual of one row (without the factor 2 · prior weight). */
static long double dev_unit(const glm_fam *fam, long double y, long double mu)
{
    if (!fam->negbin)
        return y > 0 ? y * logl(y / mu) - (y - mu) : mu;
    long double th = fam->theta;
    return y * logl((y > 1 ? y : 1) / mu) - (y + th) * logl((y + th) / (mu + th));
}

long double glm_deviance(const glm_fam *fam, const glm_work *wk, const long double *mu)
{
    long double s = 0;
    for (size_t i = 0; i < wk->n; i++)
        s += 2 * wk->pw[i] * dev_unit(fam, wk->y[i], mu[i]);
    return s;
}

long double glm_deviance_const(const glm_fam *fam, const glm_work *wk, long double mu)
{
    long double s = 0;
    for (size_t i = 0; i < wk->n; i++)
        s += 2 * wk->pw[i] * dev_unit(fam, wk->y[i], mu);
    return s;
}

static long double variance(const glm_fam *fam, long double mu)
{
    return fam->negbin ? mu + mu * mu / fam->theta : mu;
}

void glm_deviance_residuals(const glm_data *d, const glm_fit *f, double *out)
{
    glm_fam fam = {f->family == MODEL_NEGBIN, (long double)f->theta_irls};
    for (size_t i = 0; i < d->n; i++) {
        if (!f->used[i]) {
            out[i] = NAN;
            continue;
        }
        long double y = d->y[i], mu = f->mu[i], w = d->weights ? d->weights[i] : 1;
        long double u = 2 * w * dev_unit(&fam, y, mu), r = sqrtl(u > 0 ? u : 0);
        out[i] = (double)(y > mu ? r : -r);
    }
}

void glm_pearson_residuals(const glm_data *d, const glm_fit *f, double *out)
{
    glm_fam fam = {f->family == MODEL_NEGBIN, (long double)f->theta_irls};
    for (size_t i = 0; i < d->n; i++) {
        long double y = d->y[i], mu = f->mu[i], w = d->weights ? d->weights[i] : 1;
        out[i] = f->used[i] ? (double)((y - mu) * sqrtl(w / variance(&fam, mu))) : NAN;
    }
}


/* One weighted least-squares step through the least-squares core (model_ls.c): z on the
 * work's X with weights w; b gets the coefficients (0 where aliased), ls keeps the
 * factorisation for the covariance. */
static int wls_solve(const glm_work *wk, long double *w, long double *z, ls_work *ls,
                     long double *b, ds_err *err)
{
    model_data d = {.n = wk->n, .p = wk->p, .cap = wk->n, .has_intercept = wk->has_intercept,
                    .x = wk->x, .y = z, .w = w};
    int rc = ls_solve(&d, ls, err);
    if (rc)
        return rc;
    wide *bw = xcalloc(wk->p + 1, sizeof *bw);
    ls_to_original(&d, ls, ls->gfull, bw);
    for (size_t j = 0; j < wk->p; j++)
        b[j] = (long double)bw[j];
    free(bw);
    return DS_OK;
}

/* From the last factorisation, the map T = M P R⁻¹ (p × r) from the orthonormal
 * parametrisation h = Q'z̃ to the coefficients, b = T h: then (X'WX)⁻¹ = T T', a sandwich
 * is T (Σ ω ẽ² q_i q_i') T', and the leverages are ‖q_i‖². Working in h keeps the digits
 * that an ill-conditioned (X'WX)⁻¹ in double would lose (the 18 age shares beside an
 * intercept: a robust Wald test 1e-12 from exact arithmetic instead of 1e-9). */
static glm_factor *factor_build(const glm_work *wk, const ls_work *ls)
{
    size_t n = wk->n, p = wk->p, r = ls->qr.rank;
    glm_factor *fa = xcalloc(1, sizeof *fa);
    fa->n = n, fa->p = p, fa->r = r;
    fa->q = xmalloc((n * r + 1) * sizeof *fa->q);
    fa->t = xcalloc(p * r + 1, sizeof *fa->t);
    fa->e = xcalloc(n + 1, sizeof *fa->e);
    for (size_t a = 0; a < r; a++) {
        size_t j = ls->qr.perm[a];
        for (size_t k = a; k < r; k++) {
            wide m = ls->rinv[a * r + k] / ls->scale[j];
            fa->t[j * r + k] += m;
            if (wk->has_intercept && j > 0)
                fa->t[k] -= ls->center[j] * m;
        }
    }
    memcpy(fa->q, ls->q, n * r * sizeof *fa->q);
    return fa;
}

void glm_factor_free(glm_factor *fa)
{
    if (!fa)
        return;
    free(fa->q), free(fa->t), free(fa->e), free(fa->col);
    free(fa);
}

/* The covariance T T', leverages and aliased columns of the run, from its factor. */
static void factor_summary(const glm_work *wk, const ls_work *ls, glm_irls *out)
{
    size_t n = wk->n, p = wk->p, r = ls->qr.rank;
    const glm_factor *fa = out->factor;
    out->cov = xcalloc(p * p + 1, sizeof *out->cov);
    for (size_t i = 0; i < p; i++)
        for (size_t j = 0; j < p; j++)
            for (size_t k = 0; k < r; k++)
                out->cov[i * p + j] += fa->t[i * r + k] * fa->t[j * r + k];
    out->hat = xcalloc(n + 1, sizeof *out->hat);
    for (size_t i = 0; i < n; i++)
        out->hat[i] = (long double)ls->hat[i];
    out->rank = r;
    out->aliased = xcalloc(p + 1, 1);
    for (size_t k = r; k < p; k++)
        out->aliased[ls->qr.perm[k]] = 1;
    /* ẽ = √w (y − mu)/mu: the weights of the last step, the residuals at the final mu */
    for (size_t i = 0; i < n; i++)
        out->factor->e[i] = wide_sqrt(out->w[i]) * ((wk->y[i] - out->mu[i]) / out->mu[i]);
}

/* eta = X b + offset, mu = linkinv(eta); returns the deviance. */
static long double predict(const glm_work *wk, const glm_fam *fam, const long double *b,
                           long double *eta, long double *mu)
{
    for (size_t i = 0; i < wk->n; i++) {
        long double e = wk->off[i];
        for (size_t j = 0; j < wk->p; j++)
            e += wk->x[j * wk->n + i] * b[j];
        eta[i] = e;
        mu[i] = glm_linkinv(e);
    }
    return glm_deviance(fam, wk, mu);
}

static int usable(const glm_work *wk, const long double *mu, long double dev)
{
    for (size_t i = 0; i < wk->n; i++)
        if (!isfinite(mu[i]))
            return 0;
    return isfinite(dev);
}

static void start_values(const glm_work *wk, const glm_fam *fam, const long double *etastart,
                         const long double *mustart, glm_irls *s)
{
    for (size_t i = 0; i < wk->n; i++) {
        long double y = wk->y[i];
        long double m0 = mustart ? mustart[i] : fam->negbin ? y + (y == 0) / 6.0L : y + 0.1L;
        /* glm.fit: eta = linkfun(mustart), the offset not taken out */
        s->eta[i] = etastart ? etastart[i] : logl(m0);
        s->mu[i] = glm_linkinv(s->eta[i]);
    }
}

/* Halves the step back toward bold until the deviance is finite (glm.fit's inner loop 1). */
static int halve(const glm_work *wk, const glm_fam *fam, const long double *bold, int maxit,
                 glm_irls *s, long double *dev, ds_err *err)
{
    for (int k = 1; !usable(wk, s->mu, *dev); k++) {
        if (k > maxit)
            return ds_err_set(err, DS_EDATA, "glm: the fit diverges (the deviance stays "
                              "infinite after %d step halvings): check the offset and the "
                              "scale of the regressors", maxit);
        for (size_t j = 0; j < wk->p; j++)
            s->b[j] = (s->b[j] + bold[j]) / 2;
        *dev = predict(wk, fam, s->b, s->eta, s->mu);
    }
    s->halvings++;
    return DS_OK;
}

static void irls_alloc(size_t n, size_t p, glm_irls *s)
{
    memset(s, 0, sizeof *s);
    s->mu = xmalloc(n * sizeof *s->mu);
    s->eta = xmalloc(n * sizeof *s->eta);
    s->w = xmalloc(n * sizeof *s->w);
    s->b = xcalloc(p + 1, sizeof *s->b);
}

int glm_irls_run(const glm_work *wk, const glm_fam *fam, const long double *etastart,
                 const long double *mustart, const glm_options *opt, glm_irls *s,
                 ds_err *err)
{
    size_t n = wk->n, p = wk->p;
    irls_alloc(n, p, s);
    long double *z = xmalloc(n * sizeof *z), *bold = xcalloc(p + 1, sizeof *bold);
    ls_work fit;
    memset(&fit, 0, sizeof fit);
    int rc = DS_OK, have_old = 0;
    start_values(wk, fam, etastart, mustart, s);
    long double devold = glm_deviance(fam, wk, s->mu), dev = devold;
    for (int it = 1; it <= opt->maxit; it++) {
        for (size_t i = 0; i < n; i++) {
            long double mu = s->mu[i];
            z[i] = (s->eta[i] - wk->off[i]) + (wk->y[i] - mu) / mu;
            s->w[i] = wk->pw[i] * mu * mu / variance(fam, mu);
        }
        ls_work_free(&fit);
        if ((rc = wls_solve(wk, s->w, z, &fit, s->b, err)))
            goto done;
        s->iter = (size_t)it;
        dev = predict(wk, fam, s->b, s->eta, s->mu);
        if (!usable(wk, s->mu, dev)) {
            if (!have_old) {
                rc = ds_err_set(err, DS_EDATA, "glm: no valid set of coefficients: the first "
                                "step gives an infinite deviance");
                goto done;
            }
            if ((rc = halve(wk, fam, bold, opt->maxit, s, &dev, err)))
                goto done;
        }
        if (fabsl(dev - devold) / (fabsl(dev) + 0.1L) < opt->epsilon) {
            s->converged = 1;
            break;
        }
        devold = dev;
        memcpy(bold, s->b, p * sizeof *bold);
        have_old = 1;
    }
    s->dev = dev;
    s->factor = factor_build(wk, &fit);
    factor_summary(wk, &fit, s);
done:
    ls_work_free(&fit);
    free(z), free(bold);
    return rc;
}

void glm_irls_free(glm_irls *s)
{
    free(s->mu), free(s->eta), free(s->w), free(s->b), free(s->hat), free(s->cov);
    free(s->aliased);
    glm_factor_free(s->factor);
    memset(s, 0, sizeof *s);
}
