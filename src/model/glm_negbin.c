/* glm_negbin: the negative binomial with an estimated theta, as MASS::glm.nb (MASS 7.3):
 * a Poisson fit, then alternately theta.ml (Newton's method on the score of theta at the
 * current means) and IRLS at that theta, until the log-likelihood and theta stop moving.
 *
 * Kept as MASS has it, so that theta agrees to its printed digits: theta.ml starts from
 * n / Σ w (y/mu − 1)², stops when a Newton step is below DBL_EPSILON^¼ (or after maxit − 1
 * steps), and its SE is 1/√(information) at the theta before the last step; inside the
 * alternation theta.ml is given the means of the previous fit (glm.nb updates mu after it).
 *
 * Before the first theta.ml, the Poisson fit is checked for overdispersion: by a Taylor
 * expansion in α = 1/theta around the Poisson model, d loglik / dα at α = 0 is
 * ½ Σ w [(y − mu)² − y] (Cameron & Trivedi 2013, §3.4); when that is <= 0 the likelihood falls
 * as soon as α leaves 0, theta's estimate is infinite and glm.nb would report whichever large
 * theta its iteration limit stops at. We say so instead of fitting. */
#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_sf_psi.h>

#include "glm_impl.h"

/* glm.nb's loglik: Σ w (lgamma(th + y) − lgamma(th) − lgamma(y + 1) + th log th
 * + y log(mu + (y == 0)) − (th + y) log(th + mu)). */
static long double nb_loglik(const glm_work *wk, long double th, const long double *mu)
{
    long double s = 0;
    for (size_t i = 0; i < wk->n; i++) {
        long double y = wk->y[i];
        s += wk->pw[i] * (lgammal(th + y) - lgammal(th) - lgammal(y + 1) + th * logl(th) +
                          y * logl(mu[i] + (y == 0)) - (th + y) * logl(th + mu[i]));
    }
    return s;
}

typedef struct theta_est {
    long double theta;
    double se;
    int at_limit;    /* R: "iteration limit reached" */
    int truncated;   /* R: "estimate truncated at zero" */
} theta_est;

/* MASS::theta.ml(y, mu, n = sum(w), w, limit = maxit). */
static void theta_ml(const glm_work *wk, const long double *mu, int limit, theta_est *out)
{
    long double n = 0, ss = 0, t0, del = 1, info = NAN;
    for (size_t i = 0; i < wk->n; i++) {
        long double r = wk->y[i] / mu[i] - 1;
        n += wk->pw[i];
        ss += wk->pw[i] * r * r;
    }
    t0 = n / ss;
    int it = 0;
    while (++it < limit && fabsl(del) > 1.220703125e-4L /* DBL_EPSILON^0.25 */) {
        t0 = fabsl(t0);
        long double score = 0;
        info = 0;
        for (size_t i = 0; i < wk->n; i++) {
            long double y = wk->y[i], m = mu[i], w = wk->pw[i];
            score += w * (gsl_sf_psi((double)(t0 + y)) - gsl_sf_psi((double)t0) + logl(t0) + 1 -
                          logl(t0 + m) - (y + t0) / (m + t0));
            info += w * (-gsl_sf_psi_1((double)(t0 + y)) + gsl_sf_psi_1((double)t0) - 1 / t0 +
                         2 / (m + t0) - (y + t0) / ((m + t0) * (m + t0)));
        }
        del = score / info;
        t0 += del;
    }
    out->truncated = t0 < 0;
    out->theta = t0 < 0 ? 0 : t0;
    out->at_limit = it == limit;
    out->se = (double)sqrtl(1 / info);
}

/* ½ Σ w [(y − mu)² − y]: the slope of the log-likelihood in α = 1/theta at the Poisson fit. */
static long double overdispersion_score(const glm_work *wk, const long double *mu)
{
    long double s = 0;
    for (size_t i = 0; i < wk->n; i++) {
        long double e = wk->y[i] - mu[i];
        s += wk->pw[i] * (e * e - wk->y[i]) / 2;
    }
    return s;
}

static int theta_step(const glm_work *wk, const long double *mu, const glm_options *opt,
                      theta_est *th, glm_fit *f, ds_err *err)
{
    theta_ml(wk, mu, opt->maxit, th);
    f->theta_warning = th->at_limit; /* glm.nb keeps the last theta.ml's warning */
    if (th->truncated || !isfinite(th->theta))
        return ds_err_set(err, DS_EDATA, "negbin: theta's estimate falls to 0 (theta.ml, "
                          "as MASS's \"estimate truncated at zero\"): the counts are too "
                          "dispersed or too few for a negative binomial fit");
    return DS_OK;
}

/* The Poisson start, its overdispersion check and the first theta. */
static int negbin_start(const glm_work *wk, const glm_options *opt, glm_irls *s, theta_est *th,
                        glm_fit *f, ds_err *err)
{
    glm_fam pois = {0, 0};
    int rc = glm_irls_run(wk, &pois, NULL, NULL, opt, s, err);
    if (rc)
        return rc;
    long double od = overdispersion_score(wk, s->mu);
    if (!(od > 0))
        return ds_err_set(err, DS_EDATA, "negbin: no overdispersion beyond Poisson "
                          "(½ Σ[(y − mu)² − y] = %.4Lg <= 0 at the Poisson fit): theta's "
                          "estimate is infinite and the negative binomial reduces to the "
                          "Poisson model; fit --family poisson", od);
    return theta_step(wk, s->mu, opt, th, f, err);
}

int glm_negbin_run(const glm_work *wk, const glm_options *opt, glm_irls *s, glm_fit *f,
                   long double *theta_fit, ds_err *err)
{
    size_t n = wk->n;
    theta_est th;
    int rc = negbin_start(wk, opt, s, &th, f, err);
    if (rc)
        return rc;
    long double *mu = xmalloc(n * sizeof *mu), *eta = xmalloc(n * sizeof *eta);
    memcpy(mu, s->mu, n * sizeof *mu);
    long double d1 = sqrtl(2 * (long double)(n - s->rank > 1 ? n - s->rank : 1)), d2 = 1;
    long double del = 1, lm = nb_loglik(wk, th.theta, mu), lm0 = lm + 2 * d1;
    int iter = 0;
    *theta_fit = 0;
    while (++iter <= opt->maxit && fabsl(lm0 - lm) / d1 + fabsl(del) / d2 > opt->epsilon) {
        glm_fam fam = {1, th.theta};
        for (size_t i = 0; i < n; i++)
            eta[i] = logl(mu[i]);
        glm_irls_free(s);
        if ((rc = glm_irls_run(wk, &fam, eta, NULL, opt, s, err)))
            break;
        *theta_fit = th.theta;
        long double t0 = th.theta;
        if ((rc = theta_step(wk, mu, opt, &th, f, err)))
            break;
        memcpy(mu, s->mu, n * sizeof *mu);
        del = t0 - th.theta;
        lm0 = lm;
        lm = nb_loglik(wk, th.theta, mu);
    }
    free(mu), free(eta);
    if (rc)
        return rc;
    f->alternations = (size_t)(iter - 1); /* the last check of the loop ran no step */
    f->alternation_limit = iter > opt->maxit;
    f->converged = !f->alternation_limit && s->converged;
    f->theta = (double)th.theta;
    f->theta_se = th.se;
    f->log_likelihood = (double)lm;
    f->aic = (double)(-2 * lm + 2 * (long double)s->rank + 2);
    return DS_OK;
}
