/* glm_irls: iteratively reweighted least squares as R's glm.fit, log link, for a variance
 * function at a fixed theta (glm_impl.h).
 *
 * Each step is weighted least squares of the working response z = (eta − offset) +
 * (y − mu)/mu on X with weights w = prior · mu² / V(mu), solved by the wide-precision
 * Householder QR of the linear models (model_qr.c) on the design reparametrised as for lm
 * (model.c): Z = W^½ (X − 1c') S⁻¹, c the weighted column means (none without an
 * intercept), S the norms after centring, so that an intercept beside near-collinear shares
 * costs no digits. The last step's factorisation gives (X'WX)⁻¹ and the leverages, as R
 * keeps fit$qr from the last Cdqrls. */
#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "glm_impl.h"

/* Aliasing tolerance on the centred, unit-norm design: the one lm uses (model.c). */
#define GLM_ALIAS_TOL 1e-9L

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

/* One weighted least-squares step: its QR and the centring kept for the covariance. */
typedef struct wls {
    ldqr qr;
    wide *center, *scale;
} wls;

static void wls_free(wls *s)
{
    ldqr_free(&s->qr);
    free(s->center);
    free(s->scale);
    memset(s, 0, sizeof *s);
}

/* Solves the weighted least squares of z on the work's X with weights w into b (0 where
 * aliased); keeps the factorisation in s. */
static int wls_solve(const glm_work *wk, const long double *w, const long double *z,
                     wls *s, long double *b)
{
    size_t n = wk->n, p = wk->p;
    wide *zm = xmalloc(n * p * sizeof *zm), *qty = xmalloc(n * sizeof *qty), sw = 0;
    wide *sq = xmalloc(n * sizeof *sq), *g = xcalloc(p + 1, sizeof *g);
    s->center = xcalloc(p + 1, sizeof *s->center);
    s->scale = xmalloc((p + 1) * sizeof *s->scale);
    for (size_t i = 0; i < n; i++) {
        sq[i] = wide_sqrt(w[i]);
        sw += w[i];
        qty[i] = sq[i] * z[i];
    }
    for (size_t j = 0; j < p; j++) {
        const long double *x = wk->x + j * n;
        wide c = 0, ss = 0, *col = zm + j * n;
        for (size_t i = 0; wk->has_intercept && j > 0 && i < n; i++)
            c += w[i] * x[i];
        c = wk->has_intercept && j > 0 ? c / sw : 0;
        for (size_t i = 0; i < n; i++) {
            col[i] = sq[i] * (x[i] - c);
            ss += col[i] * col[i];
        }
        s->scale[j] = ss > 0 ? wide_sqrt(ss) : 1;
        s->center[j] = c;
        for (size_t i = 0; i < n; i++)
            col[i] /= s->scale[j];
    }
    int rc = ldqr_decomp(&s->qr, zm, n, p, GLM_ALIAS_TOL, qty);
    if (rc == DS_OK) {
        ldqr_solve(&s->qr, qty, g);
        wide b0 = 0, *gfull = xcalloc(p + 1, sizeof *gfull);
        for (size_t k = 0; k < s->qr.rank; k++)
            gfull[s->qr.perm[k]] = g[k];
        for (size_t j = 0; j < p; j++) {
            b[j] = (long double)(gfull[j] / s->scale[j]);
            b0 -= s->center[j] * gfull[j] / s->scale[j];
        }
        if (wk->has_intercept)
            b[0] += (long double)b0;
        free(gfull);
    }
    free(zm), free(qty), free(sq), free(g);
    return rc;
}

/* From the last factorisation, the map T = M P R⁻¹ (p × r) from the orthonormal
 * parametrisation h = Q'z̃ to the coefficients, b = T h: then (X'WX)⁻¹ = T T', a sandwich
 * is T (Σ ω ẽ² q_i q_i') T', and the leverages are ‖q_i‖². Working in h keeps the digits
 * that an ill-conditioned (X'WX)⁻¹ in double would lose (the 18 age shares beside an
 * intercept: a robust Wald test 1e-12 from exact arithmetic instead of 1e-9). */
static glm_factor *factor_build(const glm_work *wk, const wls *s)
{
    size_t n = wk->n, p = wk->p, r = s->qr.rank;
    glm_factor *fa = xcalloc(1, sizeof *fa);
    wide *rinv = xmalloc((r * r + 1) * sizeof *rinv);
    fa->n = n, fa->p = p, fa->r = r;
    fa->q = xcalloc(n * r + 1, sizeof *fa->q);
    fa->t = xcalloc(p * r + 1, sizeof *fa->t);
    fa->e = xcalloc(n + 1, sizeof *fa->e);
    ldqr_rinv(&s->qr, rinv);
    for (size_t a = 0; a < r; a++) {
        size_t j = s->qr.perm[a];
        for (size_t k = a; k < r; k++) {
            wide m = rinv[a * r + k] / s->scale[j];
            fa->t[j * r + k] += m;
            if (wk->has_intercept && j > 0)
                fa->t[k] -= s->center[j] * m;
        }
    }
    for (size_t k = 0; k < r; k++) {
        fa->q[k * n + k] = 1;
        ldqr_apply_q(&s->qr, fa->q + k * n);
    }
    free(rinv);
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
static void factor_summary(const glm_work *wk, const wls *s, glm_irls *out)
{
    size_t n = wk->n, p = wk->p, r = s->qr.rank;
    const glm_factor *fa = out->factor;
    out->cov = xcalloc(p * p + 1, sizeof *out->cov);
    for (size_t i = 0; i < p; i++)
        for (size_t j = 0; j < p; j++)
            for (size_t k = 0; k < r; k++)
                out->cov[i * p + j] += fa->t[i * r + k] * fa->t[j * r + k];
    out->hat = xcalloc(n + 1, sizeof *out->hat);
    for (size_t k = 0; k < r; k++)
        for (size_t i = 0; i < n; i++)
            out->hat[i] += (long double)(fa->q[k * n + i] * fa->q[k * n + i]);
    out->rank = r;
    out->aliased = xcalloc(p + 1, 1);
    for (size_t k = r; k < p; k++)
        out->aliased[s->qr.perm[k]] = 1;
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
    wls fit = {0};
    int rc = DS_OK, have_old = 0;
    start_values(wk, fam, etastart, mustart, s);
    long double devold = glm_deviance(fam, wk, s->mu), dev = devold;
    for (int it = 1; it <= opt->maxit; it++) {
        for (size_t i = 0; i < n; i++) {
            long double mu = s->mu[i];
            z[i] = (s->eta[i] - wk->off[i]) + (wk->y[i] - mu) / mu;
            s->w[i] = wk->pw[i] * mu * mu / variance(fam, mu);
        }
        wls_free(&fit);
        if ((rc = wls_solve(wk, s->w, z, &fit, s->b)))
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
    if (rc == DS_EDATA && n < p)
        rc = ds_err_set(err, DS_EDATA, "glm: fewer rows (%zu) than columns (%zu)", n, p);
    wls_free(&fit);
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
