/* model_infer: what R's summary.lm, logLik, hatvalues, rstandard and cooks.distance report,
 * from the least-squares pieces; and the entry point model_fit_formula. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_errno.h>

#include "model_fit_impl.h"

void fit_fill_rows(const model_data *d, const fit_work *fw, model_fit *f, long double sigma)
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
    for (size_t i = 0; i < n; i++) {
        long double e = fw->ew[i] / fw->sqw[i], h = fw->hat[i];
        f->rows[i] = d->rows[i];
        f->y[i] = (double)d->y[i];
        f->residuals[i] = (double)e;
        f->fitted[i] = (double)(d->y[i] - e);
        f->leverage[i] = (double)h;
        if (d->w)
            f->weights[i] = (double)d->w[i];
        /* R sets hat values within 10ε of 1 to 1, making these undefined (NaN/Inf in R). */
        if (h >= 1 - 10 * 2.220446049250313e-16L || !(sigma > 0)) {
            f->std_residuals[i] = f->cooks_distance[i] = NAN;
            continue;
        }
        long double rs = fw->ew[i] / (sigma * sqrtl(1 - h));
        long double cr = fw->ew[i] / (sigma * (1 - h));
        f->std_residuals[i] = (double)rs;
        f->cooks_distance[i] = (double)(cr * cr * h / (long double)f->rank);
    }
}

/* Fitted values in wide precision: y − e, with e = (weighted residual) / √w. */
static wide fitted_wide(const model_data *d, const fit_work *fw, size_t i)
{
    return d->y[i] - fw->ew[i] / fw->sqw[i];
}

void fit_fill_summary(const model_data *d, const fit_work *fw, model_fit *f, wide rss)
{
    size_t n = d->n;
    wide sw = 0, fbar = 0, mss = 0;
    long double slogw = 0;
    for (size_t i = 0; i < n; i++) {
        wide w = d->w ? d->w[i] : 1;
        sw += w;
        fbar += w * fitted_wide(d, fw, i);
        slogw += logl((long double)w);
    }
    fbar /= sw;
    for (size_t i = 0; i < n; i++) {
        wide w = d->w ? d->w[i] : 1, fi = fitted_wide(d, fw, i);
        wide dev = d->has_intercept ? fi - fbar : fi;
        mss += w * dev * dev;
    }
    double rdf = f->df_residual, dfint = d->has_intercept;
    f->sigma = (double)wide_sqrt(rss / (wide)rdf);
    f->r_squared = (double)(mss / (mss + rss));
    f->adj_r_squared = 1 - (1 - f->r_squared) * ((double)n - dfint) / rdf;
    if ((double)f->rank == dfint) /* intercept only: summary.lm says 0, not rounding noise */
        f->r_squared = f->adj_r_squared = 0;
    f->f_df1 = (double)f->rank - dfint;
    f->f_df2 = rdf;
    f->f_statistic = f->f_p_value = NAN;
    if (f->f_df1 > 0) {
        f->f_statistic = (double)((mss / (wide)f->f_df1) / (rss / (wide)rdf));
        f->f_p_value = isfinite(f->f_statistic)
                           ? gsl_cdf_fdist_Q(f->f_statistic, f->f_df1, f->f_df2)
                           : 0;
    }
    /* logLik.lm: 0.5 (Σ log w − N (log 2π + 1 − log N + log Σ w e²)); sigma is a parameter. */
    long double nn = (long double)n;
    f->log_likelihood = (double)(0.5L * (slogw - nn * (logl(2 * 3.14159265358979323846264338L) +
                                                        1 - logl(nn) + logl((long double)rss))));
    double k = (double)f->rank + 1;
    f->aic = -2 * f->log_likelihood + 2 * k;
    f->bic = -2 * f->log_likelihood + log((double)n) * k;
}

void fit_fill_terms(const model_data *d, const model_spec *spec, const fit_work *fw,
                    const wide *b, const wide *vb, model_fit *f)
{
    size_t p = d->p, off = d->has_intercept;
    int *aliased = xcalloc(p, sizeof *aliased);
    for (size_t k = fw->qr.rank; k < p; k++)
        aliased[fw->qr.perm[k]] = 1;
    f->terms = xcalloc(p, sizeof *f->terms);
    f->vcov = xmalloc(p * p * sizeof *f->vcov);
    for (size_t i = 0; i < p; i++)
        for (size_t j = 0; j < p; j++)
            f->vcov[i * p + j] = aliased[i] || aliased[j] ? NAN : (double)vb[i * p + j];
    double q = gsl_cdf_tdist_Qinv((1 - f->level) / 2, f->df_residual);
    for (size_t j = 0; j < p; j++) {
        model_term *t = &f->terms[j];
        t->name = xstrdup(off && j == 0 ? "(Intercept)" : spec->names[j - off]);
        t->aliased = aliased[j];
        if (aliased[j]) {
            t->estimate = t->std_error = t->t_value = t->p_value = t->ci_low = t->ci_high = NAN;
            continue;
        }
        t->estimate = (double)b[j];
        t->std_error = vb[j * p + j] != vb[j * p + j] ? NAN /* undefined HC2/HC3 */
                       : (double)wide_sqrt(vb[j * p + j]);
        t->t_value = t->estimate / t->std_error;
        t->p_value = isnan(t->t_value) ? NAN
                     : isinf(t->t_value) ? 0
                                         : 2 * gsl_cdf_tdist_Q(fabs(t->t_value), f->df_residual);
        t->ci_low = t->estimate - q * t->std_error;
        t->ci_high = t->estimate + q * t->std_error;
    }
    free(aliased);
}

int model_fit_formula(const table_t *t, const char *formula, const model_options *opt,
                      model_fit **out, ds_err *err)
{
    *out = NULL;
    if (!(opt->level > 0 && opt->level < 1))
        return ds_err_set(err, DS_EUSAGE, "confidence level must be between 0 and 1, got %g",
                          opt->level);
    if (opt->method != MODEL_OLS && (opt->weight || opt->se != MODEL_SE_CLASSICAL))
        return ds_err_set(err, DS_EUSAGE, "--method %s takes neither weights nor --se %s "
                          "(its standard errors are GSL's robust covariance)",
                          model_method_name(opt->method),
                          opt->weight ? "(weights)" : model_se_name(opt->se));
    model_spec spec;
    int rc = model_spec_parse(formula, &spec, err);
    if (rc)
        return rc;
    model_data d;
    if ((rc = model_data_build(t, &spec, opt->weight, opt->rows, &d, err))) {
        model_spec_free(&spec);
        return rc;
    }
    model_fit *f = xcalloc(1, sizeof *f);
    f->formula = xstrdup(formula);
    f->response = xstrdup(expr_text(spec.response));
    f->has_intercept = spec.has_intercept;
    f->n = d.n;
    f->n_dropped = d.n_dropped;
    f->n_domain = d.n_domain;
    f->n_zero_weight = d.n_zero_weight;
    f->p = d.p;
    f->method = opt->method;
    if (opt->method == MODEL_OLS)
        f->robust_converged = 1; /* nothing iterated */
    f->se = opt->se;
    f->level = opt->level;
    f->aliased_tol = 1e-9;
    f->sigma_for_se = NAN;
    rc = model_fit_ls(&d, &spec, opt, f, err);
    model_data_free(&d);
    model_spec_free(&spec);
    if (rc) {
        model_fit_free(f);
        return rc;
    }
    *out = f;
    return DS_OK;
}

int model_fit_design(const table_t *t, const model_fit *f, const model_options *opt,
                     double **x, ds_err *err)
{
    *x = NULL;
    model_spec spec;
    model_data d;
    int rc = model_spec_parse(f->formula, &spec, err);
    if (rc)
        return rc;
    if ((rc = model_data_build(t, &spec, opt->weight, opt->rows, &d, err))) {
        model_spec_free(&spec);
        return rc;
    }
    int same = d.n == f->n && d.p == f->p;
    for (size_t i = 0; same && i < d.n; i++)
        same = d.rows[i] == f->rows[i];
    if (!same)
        rc = ds_err_set(err, DS_EDATA, "model matrix: %s no longer gives the fit's %zu rows",
                        table_name(t), f->n);
    if (!rc) {
        double *m = xmalloc((d.n * f->rank + 1) * sizeof *m);
        for (size_t i = 0; i < d.n; i++) {
            long double sw = d.w ? sqrtl(d.w[i]) : 1;
            size_t k = 0;
            for (size_t j = 0; j < d.p; j++)
                if (!f->terms[j].aliased)
                    m[i * f->rank + k++] = (double)(sw * d.x[j * d.cap + i]);
        }
        *x = m;
    }
    model_data_free(&d);
    model_spec_free(&spec);
    return rc;
}

void model_fit_free(model_fit *f)
{
    if (!f)
        return;
    free(f->formula);
    free(f->response);
    for (size_t j = 0; f->terms && j < f->p; j++)
        free(f->terms[j].name);
    free(f->terms);
    free(f->vcov);
    free(f->rows);
    free(f->y);
    free(f->fitted);
    free(f->residuals);
    free(f->std_residuals);
    free(f->leverage);
    free(f->cooks_distance);
    free(f->weights);
    free(f->robust_weights);
    free(f);
}

int model_essentially_perfect(const model_fit *f)
{
    double mean = 0, var = 0, resvar = f->sigma * f->sigma;
    for (size_t i = 0; i < f->n; i++)
        mean += f->fitted[i] / (double)f->n;
    for (size_t i = 0; i < f->n; i++)
        var += (f->fitted[i] - mean) * (f->fitted[i] - mean) / (double)(f->n > 1 ? f->n - 1 : 1);
    return isfinite(resvar) && resvar < (mean * mean + var) * 1e-30;
}

size_t model_warnings(FILE *fp, const model_fit *f, const char *prefix, const char *suffix)
{
    size_t count = 0, aliased = 0;
    for (size_t j = 0; j < f->p; j++)
        if (f->terms[j].aliased)
            fprintf(fp, "%s%s", aliased++ ? ", " : (count++, prefix), f->terms[j].name);
    if (aliased)
        fprintf(fp, " not estimated: collinear with the other terms (aliased, NA as in R)%s",
                suffix);
    if (f->hc_leverage_one && ++count)
        fprintf(fp, "%s%s standard errors are undefined (NA): %zu row%s with a hat value of 1 "
                    "(a term only that row informs); use hc0 or hc1%s",
                prefix, model_se_name(f->se), f->hc_leverage_one,
                f->hc_leverage_one == 1 ? "" : "s", suffix);
    if (f->method != MODEL_OLS && !f->robust_converged && ++count)
        fprintf(fp, "%s%s fit did not converge in %zu iterations: the estimates are the last "
                    "iterate%s", prefix, model_method_name(f->method), f->robust_iterations, suffix);
    if (model_essentially_perfect(f) && ++count)
        fprintf(fp, "%sessentially perfect fit: the summary may be unreliable (standard errors, "
                    "t, p and R² are not meaningful)%s", prefix, suffix);
    if (f->condition_number > 1e10 && ++count)
        fprintf(fp, "%sill-conditioned design (condition number %.3g > 1e10): estimates may be "
                    "unstable%s", prefix, f->condition_number, suffix);
    if (f->n_domain && ++count)
        fprintf(fp, "%s%zu row%s dropped because a term was out of its domain (log or sqrt out "
                    "of range, division by 0, overflow)%s", prefix, f->n_domain,
                f->n_domain == 1 ? "" : "s", suffix);
    return count;
}
