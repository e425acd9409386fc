/* model_robust: the M-estimation fit kind (Huber, Tukey bisquare): GSL's gsl_multifit_robust
 * on the centred, unit-norm design and column pivoting of the least-squares core
 * (model_ls.c), as gsl_multifit_robust itself starts from gsl_multifit_linear; M-estimates
 * are equivariant under that change of parameters. GSL's default tuning constants are those of R's MASS::rlm (Huber k = 1.345,
 * bisquare c = 4.685), but GSL's scale estimate and covariance (Street, Carroll & Ruppert
 * 1988) differ from rlm's, so standard errors agree with rlm only approximately. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_errno.h>
#include <gsl/gsl_multifit.h>

#include "model_infer_impl.h"
#include "model_robust_impl.h"

/* Copies the estimated columns of Z (pivoted order) and y into GSL objects. */
static void to_gsl(const model_data *d, const ls_work *ls, gsl_matrix *x, gsl_vector *y)
{
    size_t n = d->n;
    for (size_t k = 0; k < ls->qr.rank; k++)
        for (size_t i = 0; i < n; i++)
            gsl_matrix_set(x, i, k, (double)ls->z[ls->qr.perm[k] * n + i]);
    for (size_t i = 0; i < n; i++)
        gsl_vector_set(y, i, (double)d->y[i]);
}

/* The robust estimates from ls's design into f; the residuals in ls->ew become theirs. */
static int robust(const model_data *d, ls_work *ls, const model_options *opt, model_fit *f,
                  ds_err *err)
{
    size_t n = d->n, p = d->p, r = ls->qr.rank;
    const gsl_multifit_robust_type *type =
        opt->method == MODEL_HUBER ? gsl_multifit_robust_huber : gsl_multifit_robust_bisquare;
    gsl_matrix *x = gsl_matrix_alloc(n, r), *cov = gsl_matrix_alloc(r, r);
    gsl_vector *y = gsl_vector_alloc(n), *c = gsl_vector_alloc(r);
    gsl_multifit_robust_workspace *w = gsl_multifit_robust_alloc(type, n, r);
    if (!x || !cov || !y || !c || !w) {
        gsl_matrix_free(x), gsl_matrix_free(cov), gsl_vector_free(y), gsl_vector_free(c);
        gsl_multifit_robust_free(w);
        return ds_err_set(err, DS_EIO, "out of memory in the robust fit");
    }
    to_gsl(d, ls, x, y);
    int status = gsl_multifit_robust(x, y, c, cov, w);
    int rc = DS_OK;
    if (status && status != GSL_EMAXITER) {
        rc = ds_err_set(err, DS_EDATA, "robust fit (%s): GSL failed: %s",
                        model_method_name(opt->method), gsl_strerror(status));
        goto done;
    }
    gsl_multifit_robust_stats st = gsl_multifit_robust_statistics(w);
    /* GSL_EMAXITER still leaves the last iterate: report it, flagged, as rlm does with its
     * "failed to converge" warning, rather than pass it off as an M-estimate. */
    f->robust_iterations = st.numit;
    f->robust_converged = status != GSL_EMAXITER;
    wide *gfull = xcalloc(p, sizeof *gfull), *b = xcalloc(p, sizeof *b);
    wide *vg = xcalloc(p * p, sizeof *vg), *vb = xcalloc(p * p, sizeof *vb);
    for (size_t k = 0; k < r; k++) {
        gfull[ls->qr.perm[k]] = gsl_vector_get(c, k);
        for (size_t l = 0; l < r; l++)
            vg[ls->qr.perm[k] * p + ls->qr.perm[l]] = gsl_matrix_get(cov, k, l);
    }
    /* Residuals of the robust coefficients replace those of least squares. */
    for (size_t i = 0; i < n; i++) {
        wide fit = 0;
        for (size_t j = 0; j < p; j++)
            fit += ls->z[j * n + i] * gfull[j];
        ls->ew[i] = d->y[i] - fit;
    }
    f->rank = r;
    f->df_residual = st.dof;
    ls_to_original(d, ls, gfull, b);
    ls_cov_to_original(d, ls, vg, vb);
    infer_rows(d, ls, f, st.sigma_rob);
    f->sigma = st.sigma_rob;
    f->sigma_for_se = st.sigma;
    f->r_squared = st.Rsq;
    f->adj_r_squared = st.adj_Rsq;
    f->f_statistic = f->f_df1 = f->f_df2 = f->f_p_value = NAN;
    f->log_likelihood = f->aic = f->bic = NAN; /* no likelihood behind an M-estimate */
    f->robust_weights = xmalloc(n * sizeof *f->robust_weights);
    for (size_t i = 0; i < n; i++)
        f->robust_weights[i] = gsl_vector_get(st.weights, i);
    infer_terms(d, ls, b, vb, NULL, f);
    free(gfull), free(b), free(vg), free(vb);
done:
    gsl_matrix_free(x), gsl_matrix_free(cov), gsl_vector_free(y), gsl_vector_free(c);
    gsl_multifit_robust_free(w);
    return rc;
}

int model_fit_robust(const model_data *d, const model_spec *spec, const model_options *opt,
                     model_fit *f, ds_err *err)
{
    (void)spec; /* the terms' names are the data's */
    ls_work ls;
    int rc = ls_solve(d, &ls, err);
    if (rc == DS_OK)
        rc = infer_design(d, &ls, f, err);
    if (rc == DS_OK)
        rc = robust(d, &ls, opt, f, err);
    ls_work_free(&ls);
    return rc;
}
