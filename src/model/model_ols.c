/* model_ols: the least-squares fit kind — OLS, or WLS with a weight column — with R's
 * inference (summary.lm, logLik, confint) and the classical or HC0–HC3 covariance. The
 * solution is the core's (model_ls.c); everything reported is model_infer.c's. */
#include <stdlib.h>

#include "model_cluster_impl.h"
#include "model_infer_impl.h"
#include "model_ols_impl.h"

int model_fit_ols(const model_data *d, const model_spec *spec, const model_options *opt,
                  model_fit *f, ds_err *err)
{
    (void)spec;
    if ((f->se == MODEL_SE_HC2 || f->se == MODEL_SE_HC3) && d->fe.nfe && !d->fe_hat)
        return ds_err_set(err, DS_EDATA, "--se %s needs the leverages of the %zu fixed "
                          "effects, not computed beyond 5,000 rows: use hc1 or clusters",
                          model_se_name(f->se), d->fe.nfe);
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
    /* absorbed fixed effects take their parameters from the residual df, as dummies do */
    f->df_residual = (double)(d->n - f->rank - d->fe_k);
    f->robust_converged = 1; /* nothing iterated */
    wide sigma2 = rss / (wide)f->df_residual;
    f->hc_leverage_one = infer_cov(d, &ls, f->se, sigma2, vg);
    ls_cov_to_original(d, &ls, vg, vb);
    double *df = d->ncluster ? xmalloc(p * sizeof *df) : NULL;
    if (d->ncluster)
        rc = clustered_fit(d, &ls, opt, vb, df, f, err);
    if (rc == DS_OK) {
        infer_rows(d, &ls, f, wide_sqrt(sigma2));
        infer_summary(d, &ls, f, rss);
        infer_terms(d, &ls, b, vb, df, f);
    }
    free(df);
    free(b);
    free(vg);
    free(vb);
    ls_work_free(&ls);
    return rc;
}
