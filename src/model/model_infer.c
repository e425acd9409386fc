/* model_infer: what R's summary.lm, logLik, hatvalues, rstandard, cooks.distance and
 * sandwich::vcovHC report, computed from the least-squares pieces (model_ls.c) into a
 * model_fit. Called by the fit kinds; calls nothing of the model module but the inline
 * wide_sqrt. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_linalg.h>

#include "damirstat/pvalue.h"
#include "model_infer_impl.h"

/* Leverage of row i in the model with dummies: least squares' own plus the absorbed fixed
 * effects' share (NAN when that share was not computed). */
static wide leverage(const model_data *d, const ls_work *ls, size_t i)
{
    if (!d->fe.nfe)
        return ls->hat[i];
    return d->fe_hat ? ls->hat[i] + d->fe_hat[i] : NAN;
}

/* The HC sandwich is Σ ω_i (R⁻¹q_i)(R⁻¹q_i)' with ω as sandwich::vcovHC (HC1 scales HC0
 * by n/(n−k)). */
size_t infer_cov(const model_data *d, const ls_work *ls, model_se se, wide sigma2, wide *vg)
{
    size_t n = d->n, p = d->p, r = ls->qr.rank, undefined = 0;
    wide *vr = xcalloc(r ? r * r : 1, sizeof *vr), *u = xmalloc((r ? r : 1) * sizeof *u);
    /* sandwich's own threshold for "hat values close to 1" (meatHC): 1 − √DBL_EPSILON. */
    for (size_t i = 0; (se == MODEL_SE_HC2 || se == MODEL_SE_HC3) && i < n; i++)
        undefined += leverage(d, ls, i) > 1 - (wide)1.4901161193847656e-08;
    int sandwich = se == MODEL_SE_HC0 || se == MODEL_SE_HC1 || se == MODEL_SE_HC2 ||
                   se == MODEL_SE_HC3;
    for (size_t i = 0; i < (sandwich ? n : 0); i++) {
        wide e2 = ls->ew[i] * ls->ew[i], h = leverage(d, ls, i), om = e2;
        if (se == MODEL_SE_HC1) /* k: every coefficient of the model with dummies */
            om = e2 * (wide)n / (wide)(n - r - d->fe_k);
        else if (se == MODEL_SE_HC2)
            om = e2 / (1 - h);
        else if (se == MODEL_SE_HC3)
            om = e2 / ((1 - h) * (1 - h));
        for (size_t a = 0; a < r; a++) {
            wide s = 0;
            for (size_t k = a; k < r; k++)
                s += ls->rinv[a * r + k] * ls->q[k * n + i];
            u[a] = s;
        }
        for (size_t a = 0; a < r; a++)
            for (size_t b = 0; b < r; b++)
                vr[a * r + b] += om * u[a] * u[b];
    }
    if (!sandwich) /* classical, and the bread of the clustered kinds (sigma2 = 1) */
        for (size_t a = 0; a < r; a++)
            for (size_t b = 0; b < r; b++) {
                wide s = 0;
                for (size_t k = (a > b ? a : b); k < r; k++)
                    s += ls->rinv[a * r + k] * ls->rinv[b * r + k];
                vr[a * r + b] = sigma2 * s;
            }
    memset(vg, 0, p * p * sizeof *vg);
    for (size_t a = 0; a < r; a++)
        for (size_t b = 0; b < r; b++)
            vg[ls->qr.perm[a] * p + ls->qr.perm[b]] = undefined ? NAN : vr[a * r + b];
    free(vr);
    free(u);
    return undefined;
}

/* The condition number is that of the design with unit-norm, uncentred columns (Belsley,
 * Kuh & Welsch's collinearity diagnostic) over the estimated columns, from GSL's SVD. */
int infer_design(const model_data *d, const ls_work *ls, model_fit *f, ds_err *err)
{
    f->aliased_tol = (double)LS_ALIAS_TOL;
    f->min_pivot_ratio = (double)ls->qr.min_ratio;
    size_t n = d->n, r = ls->qr.rank;
    gsl_matrix *a = gsl_matrix_alloc(n, r), *v = gsl_matrix_alloc(r, r);
    gsl_vector *s = gsl_vector_alloc(r), *work = gsl_vector_alloc(r);
    if (!a || !v || !s || !work) {
        gsl_matrix_free(a), gsl_matrix_free(v), gsl_vector_free(s), gsl_vector_free(work);
        return ds_err_set(err, DS_EIO, "out of memory in the condition number");
    }
    for (size_t k = 0; k < r; k++) {
        const long double *x = d->x + ls->qr.perm[k] * d->cap;
        wide ss = 0;
        for (size_t i = 0; i < n; i++)
            ss += ls->sqw[i] * x[i] * ls->sqw[i] * x[i];
        wide norm = wide_sqrt(ss);
        for (size_t i = 0; i < n; i++)
            gsl_matrix_set(a, i, k, (double)(ls->sqw[i] * x[i] / norm));
    }
    int status = gsl_linalg_SV_decomp(a, v, s, work);
    double smin = gsl_vector_get(s, r - 1);
    f->condition_number = status ? NAN : smin > 0 ? gsl_vector_get(s, 0) / smin : INFINITY;
    gsl_matrix_free(a), gsl_matrix_free(v), gsl_vector_free(s), gsl_vector_free(work);
    if (status)
        return ds_err_set(err, DS_EDATA, "condition number: GSL SVD failed: %s",
                          gsl_strerror(status));
    return DS_OK;
}

void infer_rows(const model_data *d, const ls_work *ls, model_fit *f, long double sigma)
{
    size_t n = d->n;
    f->rows = xmalloc(n * sizeof *f->rows);
    f->y = xmalloc(n * sizeof *f->y);
    f->fitted = xmalloc(n * sizeof *f->fitted);
    f->residuals = xmalloc(n * sizeof *f->residuals);
    f->std_residuals = xmalloc(n * sizeof *f->std_residuals);
    f->leverage = xmalloc(n * sizeof *f->leverage);
    f->cooks_distance = xmalloc(n * sizeof *f->cooks_distance);
    f->weights = d->w ? xmalloc(n * sizeof *f->weights) : NULL;
    const long double *y = d->y_raw ? d->y_raw : d->y;
    for (size_t i = 0; i < n; i++) {
        long double e = ls->ew[i] / ls->sqw[i], h = leverage(d, ls, i);
        f->rows[i] = d->rows[i];
        f->y[i] = (double)y[i];
        f->residuals[i] = (double)e;
        f->fitted[i] = (double)(y[i] - e);
        f->leverage[i] = (double)h;
        if (d->w)
            f->weights[i] = (double)d->w[i];
        /* R sets hat values within 10ε of 1 to 1, making these undefined (NaN/Inf in R). */
        if (!(h < 1 - 10 * 2.220446049250313e-16L) || !(sigma > 0)) {
            f->std_residuals[i] = f->cooks_distance[i] = NAN;
            continue;
        }
        long double rs = ls->ew[i] / (sigma * sqrtl(1 - h));
        long double cr = ls->ew[i] / (sigma * (1 - h));
        f->std_residuals[i] = (double)rs;
        f->cooks_distance[i] = (double)(cr * cr * h / (long double)(f->rank + d->fe_k));
    }
}

/* Fitted values in wide precision: y − e, with e = (weighted residual) / √w. */
static wide fitted_wide(const model_data *d, const ls_work *ls, size_t i)
{
    return (d->y_raw ? d->y_raw[i] : d->y[i]) - ls->ew[i] / ls->sqw[i];
}

/* fixest's within R²: 1 − RSS / Σ w ỹ², ỹ the response less its fixed effects. */
static double within_r2(const model_data *d, wide rss)
{
    wide tss = 0;
    for (size_t i = 0; i < d->n; i++)
        tss += (d->w ? d->w[i] : 1) * (wide)d->y[i] * d->y[i];
    return (double)(1 - rss / tss);
}

void infer_summary(const model_data *d, const ls_work *ls, model_fit *f, wide rss)
{
    size_t n = d->n;
    wide sw = 0, fbar = 0, mss = 0;
    long double slogw = 0;
    for (size_t i = 0; i < n; i++) {
        wide w = d->w ? d->w[i] : 1;
        sw += w;
        fbar += w * fitted_wide(d, ls, i);
        slogw += logl((long double)w);
    }
    fbar /= sw;
    int centred = d->has_intercept || d->fe.nfe; /* fixed effects span the intercept */
    for (size_t i = 0; i < n; i++) {
        wide w = d->w ? d->w[i] : 1, fi = fitted_wide(d, ls, i);
        wide dev = centred ? fi - fbar : fi;
        mss += w * dev * dev;
    }
    double rdf = f->df_residual, dfint = centred;
    if (d->fe.nfe)
        f->within_r_squared = within_r2(d, rss);
    f->sigma = (double)wide_sqrt(rss / (wide)rdf);
    f->r_squared = (double)(mss / (mss + rss));
    f->adj_r_squared = 1 - (1 - f->r_squared) * ((double)n - dfint) / rdf;
    double k_all = (double)(f->rank + d->fe_k); /* coefficients of the model with dummies */
    if (k_all == dfint) /* intercept only: summary.lm says 0, not rounding noise */
        f->r_squared = f->adj_r_squared = 0;
    f->f_df1 = k_all - dfint;
    f->f_df2 = rdf;
    f->f_statistic = f->f_p_value = NAN;
    if (f->f_df1 > 0) {
        f->f_statistic = (double)((mss / (wide)f->f_df1) / (rss / (wide)rdf));
        f->f_p_value = isfinite(f->f_statistic)
                           ? pvalue_f_upper(f->f_statistic, f->f_df1, f->f_df2)
                           : 0;
    }
    /* logLik.lm: 0.5 (Σ log w − N (log 2π + 1 − log N + log Σ w e²)); sigma is a parameter. */
    long double nn = (long double)n;
    f->log_likelihood = (double)(0.5L * (slogw - nn * (logl(2 * 3.14159265358979323846264338L) +
                                                        1 - logl(nn) + logl((long double)rss))));
    double k = k_all + 1;
    f->aic = -2 * f->log_likelihood + 2 * k;
    f->bic = -2 * f->log_likelihood + log((double)n) * k;
}

void infer_terms(const model_data *d, const ls_work *ls, const wide *b, const wide *vb,
                 const double *df, model_fit *f)
{
    size_t p = d->p;
    int *aliased = xcalloc(p, sizeof *aliased);
    for (size_t k = ls->qr.rank; k < p; k++)
        aliased[ls->qr.perm[k]] = 1;
    f->terms = xcalloc(p, sizeof *f->terms);
    f->vcov = xmalloc(p * p * sizeof *f->vcov);
    for (size_t i = 0; i < p; i++)
        for (size_t j = 0; j < p; j++)
            f->vcov[i * p + j] = aliased[i] || aliased[j] ? NAN : (double)vb[i * p + j];
    for (size_t j = 0; j < p; j++) {
        model_term *t = &f->terms[j];
        t->name = xstrdup(d->names[j]);
        t->aliased = aliased[j];
        t->df = df ? df[j] : f->df_residual;
        if (aliased[j]) {
            t->estimate = t->std_error = t->t_value = t->p_value = t->ci_low = t->ci_high = NAN;
            continue;
        }
        double q = gsl_cdf_tdist_Qinv((1 - f->level) / 2, t->df);
        t->estimate = (double)b[j];
        t->std_error = vb[j * p + j] != vb[j * p + j] ? NAN /* undefined HC2/HC3 */
                       : (double)wide_sqrt(vb[j * p + j]);
        t->t_value = t->estimate / t->std_error;
        t->p_value = pvalue_t_two_sided(t->t_value, t->df);
        t->ci_low = t->estimate - q * t->std_error;
        t->ci_high = t->estimate + q * t->std_error;
    }
    free(aliased);
}
