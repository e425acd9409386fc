/* spatial_lm: Lagrange multiplier tests for spatial dependence in an OLS fit, as
 * spdep::lm.LMtests (Anselin 1988; Anselin, Bera, Florax and Yoon 1996 for the robust
 * forms). With e the OLS residuals, σ² = e'e/n, T = tr(W'W + WW), and
 * nJ = ((WXβ)'M(WXβ) + Tσ²)/σ² (M the residual maker):
 *   LMerr = (e'We/σ²)²/T,  LMlag = (e'Wy/σ²)²/nJ,
 *   RLMerr = (e'We/σ² − T/nJ · e'Wy/σ²)² / (T(1 − T/nJ)),
 *   RLMlag = (e'Wy/σ² − e'We/σ²)² / (nJ − T),  SARMA = RLMlag + LMerr (df 2).
 * p-values are χ² upper tails (spdep computes 1 − pchisq, which is 0 below 1e-16). */
#include <math.h>
#include <stdlib.h>

#include <gsl/gsl_cdf.h>

#include "spatial_impl.h"

/* tr(W'W + WW) = Σ w_ij² + Σ w_ij w_ji. */
static double trace_ww(const weights_t *w)
{
    double t = 0;
    for (size_t i = 0; i < w->n; i++)
        for (size_t e = w->row_ptr[i]; e < w->row_ptr[i + 1]; e++) {
            size_t j = w->col[e];
            t += w->val[e] * w->val[e];
            for (size_t f = w->row_ptr[j]; f < w->row_ptr[j + 1]; f++)
                if (w->col[f] == i)
                    t += w->val[e] * w->val[f];
        }
    return t;
}

static spatial_lm_test lm_test(double statistic, double df)
{
    spatial_lm_test t = {statistic, df, gsl_cdf_chisq_Q(fmax(statistic, 0), df)};
    return t;
}

/* (WXβ)' M (WXβ) = |M Wŷ|², M Wŷ the residuals of Wŷ on X: spdep writes it |Wŷ|² −
 * (X'Wŷ)'(X'X)⁻¹(X'Wŷ), which cancels (2e-7 lost with the 2013 age shares). */
static double lagged_fit_ss(const sp_ls *ls, const double *wyhat, size_t n)
{
    double *r = xmalloc(n * sizeof *r);
    sp_ls_solve(ls, wyhat, NULL, r);
    double ss = sp_dot(r, r, n);
    free(r);
    return ss;
}

int spatial_lm_tests_compute(const double *y, const double *x, size_t n, size_t k,
                             const weights_t *w, spatial_lm_tests *out, ds_err *err)
{
    sp_ls ls = {0};
    if (w->n != n || sp_ls_init(&ls, x, n, k)) {
        sp_ls_free(&ls);
        return ds_err_set(err, DS_EDATA, "LM tests: the model matrix is rank deficient (or "
                          "has no more rows than columns)");
    }
    double *e = xmalloc(n * sizeof *e), *yhat = xmalloc(n * sizeof *yhat);
    double *we = xmalloc(n * sizeof *we), *wy = xmalloc(n * sizeof *wy),
           *wyhat = xmalloc(n * sizeof *wyhat);
    sp_ls_solve(&ls, y, NULL, e);
    for (size_t i = 0; i < n; i++)
        yhat[i] = y[i] - e[i];
    weights_lag(w, e, we);
    weights_lag(w, y, wy);
    weights_lag(w, yhat, wyhat);
    double dn = (double)n, s2 = sp_dot(e, e, n) / dn, tr = trace_ww(w);
    double nj = (lagged_fit_ss(&ls, wyhat, n) + tr * s2) / s2;
    double de = sp_dot(e, we, n) / s2, dl = sp_dot(e, wy, n) / s2;
    sp_ls_free(&ls);
    free(e);
    free(yhat);
    free(we);
    free(wy);
    free(wyhat);
    if (!(s2 > 0) || !isfinite(s2) || !(tr > 0))
        return ds_err_set(err, DS_EDATA, "LM tests: the residuals are all 0 (or not finite), "
                          "or W has no link");
    out->lm_err = lm_test(de * de / tr, 1);
    out->lm_lag = lm_test(dl * dl / nj, 1);
    out->rlm_err = lm_test((de - tr / nj * dl) * (de - tr / nj * dl) / (tr * (1 - tr / nj)), 1);
    out->rlm_lag = lm_test((dl - de) * (dl - de) / (nj - tr), 1);
    out->sarma = lm_test((dl - de) * (dl - de) / (nj - tr) + de * de / tr, 2);
    return DS_OK;
}
