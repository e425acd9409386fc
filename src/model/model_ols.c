/* model_ols: the least-squares fit kind — OLS, or WLS with a weight column — with R's
 * inference (summary.lm, logLik, confint) and the classical or HC0–HC3 covariance. The
 * solution is the core's (model_ls.c); everything reported is model_infer.c's. */
#include <stdlib.h>

#include "model_infer_impl.h"
#include "model_ols_impl.h"

int model_fit_ols(const model_data *d, const model_spec *spec, const model_options *opt,
                  model_fit *f, ds_err *err)
{
    ls_work ls;
    int rc = ls_solve(d, &ls, err);
    if (rc == DS_OK)
        rc = infer_design(d, &ls, f, err);
    if (rc != DS_OK) {
        ls_work_free(&ls);
        return rc;
    }
    size_t p = d->p;
    wide *b = xcalloc(p, sizeof *b), *vg = xmalloc(p * p * sizeof *vg),
         *vb = xmalloc(p * p * sizeof *vb);
    ls_to_original(d, &ls, ls.gfull, b);
    wide rss = 0;
    for (size_t i = 0; i < d->n; i++)
        rss += ls.ew[i] * ls.ew[i];
    f->rank = ls.qr.rank;
    f->df_residual = (double)(d->n - f->rank);
    f->robust_converged = 1; /* nothing iterated */
    wide sigma2 = rss / (wide)(d->n - f->rank);
    f->hc_leverage_one = infer_cov(d, &ls, opt->se, sigma2, vg);
    ls_cov_to_original(d, &ls, vg, vb);
    infer_rows(d, &ls, f, wide_sqrt(sigma2));
    infer_summary(d, &ls, f, rss);
    infer_terms(d, spec, &ls, b, vb, f);
    free(b);
    free(vg);
    free(vb);
    ls_work_free(&ls);
    return DS_OK;
}
