/* glm_impl.h: what glm.c, glm_irls.c, glm_negbin.c and glm_vcov.c share and nobody else
 * sees: the working data (rows used, columns kept), the family at a fixed theta, and one
 * run of IRLS. */
#ifndef DAMIRSTAT_GLM_IMPL_H
#define DAMIRSTAT_GLM_IMPL_H

#include "damirstat/glm.h"
#include "model_ls_impl.h"

/* The rows used and the columns kept (separated columns left out), in long double. */
typedef struct glm_work {
    size_t n, p;
    long double *x;       /* n × p column-major */
    long double *y, *off, *pw;
    int has_intercept;    /* column 0 is the intercept */
    size_t *row;          /* n: index of the row in the glm_data */
    size_t *col;          /* p: index of the column in the glm_data */
} glm_work;

/* The variance function at a fixed theta: poisson (and quasipoisson) V(mu) = mu; the
 * negative binomial V(mu) = mu + mu²/theta (MASS::negative.binomial). Log link for both. */
typedef struct glm_fam {
    int negbin;
    long double theta;
} glm_fam;

/* R's log link: mu = max(exp(eta), DBL_EPSILON) (poisson()$linkinv, also dmu/deta). */
long double glm_linkinv(long double eta);
/* Σ of the deviance residuals of y at mu (poisson()$dev.resids, negative.binomial's). */
long double glm_deviance(const glm_fam *fam, const glm_work *wk, const long double *mu);
/* The same at one constant mean (the null deviance without an offset). */
long double glm_deviance_const(const glm_fam *fam, const glm_work *wk, long double mu);

/* The last weighted least-squares step of a fit, in its orthonormal parametrisation (see
 * glm_irls.c): what every sandwich needs. */
struct glm_factor {
    size_t n, p, r;  /* rows used, columns of the work, rank */
    wide *q;         /* n × r column-major: thin Q */
    wide *t;         /* p × r row-major: b = T h */
    wide *e;         /* n: √w times the working residual */
    size_t *col;     /* p: the data column of each column (set when handed to a glm_fit) */
};
void glm_factor_free(glm_factor *fa); /* accepts NULL */

/* One IRLS run, as glm.fit: the last iteration's weights w, the final mu, eta (offset
 * included), coefficients b (0 where aliased), and from the last QR the unscaled covariance
 * cov (p × p row-major, by column of the work, 0 where aliased) and the leverages. */
typedef struct glm_irls {
    long double *mu, *eta, *w, *b, *hat;
    wide *cov;
    glm_factor *factor;
    unsigned char *aliased;
    size_t rank, iter, halvings;
    int converged;
    long double dev;
} glm_irls;

/* Starts from etastart when given, else from mustart when given, else from the family's
 * mustart (y + 0.1 poisson, y + (y == 0)/6 negative binomial). DS_EDATA when no finite
 * deviance can be reached, or there are fewer rows than columns. */
int glm_irls_run(const glm_work *wk, const glm_fam *fam, const long double *etastart,
                 const long double *mustart, const glm_options *opt, glm_irls *out,
                 ds_err *err);
void glm_irls_free(glm_irls *s);

/* glm.nb: the alternation of theta.ml and IRLS at fixed theta, from a Poisson fit. Fills
 * out (the last IRLS run, at the previous theta, as glm.nb returns it) and f's theta,
 * theta_se, alternations, theta_warning, converged, log_likelihood, aic (not the deviances:
 * *theta_fit is the theta of the last IRLS run, for the null deviance without an offset). */
int glm_negbin_run(const glm_work *wk, const glm_options *opt, glm_irls *out,
                   glm_fit *f, long double *theta_fit, ds_err *err);

#endif
