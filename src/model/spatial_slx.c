/* spatial_slx: the SLX model y = Xβ + WXθ + ε by least squares, as spatialreg::lmSLX, with
 * its impacts (direct β_r, indirect θ_r, total β_r + θ_r, standard errors from the
 * coefficients' covariance, as impacts() of an SlX fit) and lm.morantest of its residuals.
 * Its likelihood ratio test is against the OLS fit without the lags (df: their number). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_cdf.h>

#include "spatial_impl.h"

static double ols_log_lik(double sse, size_t n)
{
    double dn = (double)n;
    return -dn / 2 * (log(2 * M_PI) + log(sse / dn) + 1);
}

/* Impacts of the regressors other than the intercept, from β and the covariance v. */
static void slx_impacts(spatial_fit *f, size_t k, size_t skip, int intercept, const double *v)
{
    size_t first = (size_t)intercept, q = f->p;
    f->n_impacts = k - first;
    f->impacts = xcalloc(f->n_impacts + 1, sizeof *f->impacts);
    for (size_t r = 0; r < f->n_impacts; r++) {
        size_t j = first + r, l = k + j - skip;
        spatial_impact *m = &f->impacts[r];
        m->name = xstrdup(f->terms[j].name);
        m->direct = f->terms[j].estimate;
        m->indirect = f->terms[l].estimate;
        m->total = m->direct + m->indirect;
        m->direct_se = f->terms[j].std_error;
        m->indirect_se = f->terms[l].std_error;
        m->total_se = sqrt(v[j * q + j] + v[l * q + l] + 2 * v[j * q + l]);
        m->total_q025 = m->total_q975 = m->total_p_draws = NAN;
    }
}

int sp_fit_slx(const double *y, const double *x, size_t n, size_t k,
               const char *const *names, const weights_t *w, spatial_fit *f, ds_err *err)
{
    double *xd = NULL;
    char **dn = NULL;
    size_t kd = sp_lagged_design(w, x, n, k, names, &xd, &dn);
    int intercept = k > 0 && strcmp(names[0], "(Intercept)") == 0;
    size_t skip = w->style == WEIGHTS_W && intercept;
    sp_ls ls = {0}, base = {0};
    int rc = DS_OK, ok = n > kd + 1 && sp_ls_init(&ls, xd, n, kd) == 0;
    int base_ok = ok && sp_ls_init(&base, x, n, k) == 0;
    if (!ok || !base_ok)
        rc = ds_err_set(err, DS_EDATA, "spatial slx model: %s", n > kd + 1
                        ? "the model matrix with the lags WX is rank deficient (a regressor, or "
                          "its spatial lag, is a combination of the others)"
                        : "too few units for the coefficients and their lags");
    if (!rc) {
        double *beta = xmalloc(kd * sizeof *beta), *se = xmalloc(kd * sizeof *se);
        f->p = kd;
        f->residuals = xmalloc(n * sizeof *f->residuals);
        f->fitted = xmalloc(n * sizeof *f->fitted);
        f->vcov = xmalloc(kd * kd * sizeof *f->vcov);
        f->vcov_ok = 1;
        sp_ls_solve(&ls, y, beta, f->residuals);
        sp_ls_xtx_inv(&ls, f->vcov);
        double sse = sp_dot(f->residuals, f->residuals, n), df = (double)(n - kd);
        double *r0 = xmalloc(n * sizeof *r0);
        sp_ls_solve(&base, y, NULL, r0);
        f->sigma2 = sse / df;
        for (size_t i = 0; i < kd * kd; i++)
            f->vcov[i] *= f->sigma2;
        for (size_t j = 0; j < kd; j++)
            se[j] = sqrt(f->vcov[j * kd + j]);
        for (size_t i = 0; i < n; i++)
            f->fitted[i] = y[i] - f->residuals[i];
        f->log_lik = ols_log_lik(sse, n);
        f->aic = -2 * f->log_lik + 2 * (double)(kd + 1);
        f->ols_log_lik = ols_log_lik(sp_dot(r0, r0, n), n);
        f->ols_aic = -2 * f->ols_log_lik + 2 * (double)(k + 1);
        f->lr = 2 * (f->log_lik - f->ols_log_lik);
        f->lr_df = (double)(kd - k);
        f->lr_p = gsl_cdf_chisq_Q(fmax(f->lr, 0), f->lr_df);
        sp_fill_terms(f, dn, beta, se, df);
        slx_impacts(f, k, skip, intercept, f->vcov);
        rc = weights_moran_lm(w, f->residuals, xd, kd, &f->moran, err);
        free(r0);
        free(beta);
        free(se);
    }
    sp_ls_free(&ls);
    sp_ls_free(&base);
    for (size_t j = 0; j < kd; j++)
        free(dn[j]);
    free(dn);
    free(xd);
    return rc;
}
