/* conley: Conley's spatial HAC covariance of least-squares estimates (see conley.h). */
#include "damirstat/conley.h"

#include <errno.h>
#include <gsl/gsl_cdf.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "damirstat/weights.h"
#include "spatial_impl.h"

int conley_parse(const char *s, conley_options *opt, ds_err *err)
{
    const char *num;
    if (strncmp(s, "conley:", 7) == 0) {
        opt->kernel = CONLEY_BARTLETT;
        num = s + 7;
    } else if (strncmp(s, "conley-uniform:", 15) == 0) {
        opt->kernel = CONLEY_UNIFORM;
        num = s + 15;
    } else {
        return 1;
    }
    char *end;
    errno = 0;
    double v = strtod(num, &end);
    if (end == num || *end || errno || !(v > 0) || !isfinite(v))
        return ds_err_set(err, DS_EUSAGE, "'%s': expected a cutoff distance in km after the "
                          "colon (conley:200)", s);
    opt->cutoff_km = v;
    return 0;
}

const char *conley_kernel_name(conley_kernel k)
{
    return k == CONLEY_UNIFORM ? "uniform" : "bartlett";
}

static double kernel(double d, const conley_options *opt)
{
    if (opt->kernel == CONLEY_UNIFORM)
        return d <= opt->cutoff_km ? 1 : 0;
    return d < opt->cutoff_km ? 1 - d / opt->cutoff_km : 0;
}

int conley_vcov(const double *x, const double *e, size_t n, size_t k, const double *lon,
                const double *lat, const conley_options *opt, double *vcov, ds_err *err)
{
    for (size_t i = 0; i < n; i++)
        if (!isfinite(lon[i]) || !isfinite(lat[i]))
            return ds_err_set(err, DS_EDATA, "Conley standard errors: row %zu has no "
                              "coordinates", i + 1);
    sp_ls ls;
    if (sp_ls_init(&ls, x, n, k)) {
        sp_ls_free(&ls);
        return ds_err_set(err, DS_EDATA, "Conley standard errors: the model matrix is rank "
                          "deficient");
    }
    double *bread = xmalloc(k * k * sizeof *bread), *meat = xcalloc(k * k, sizeof *meat);
    double *tmp = xcalloc(k * k, sizeof *tmp), *s = xmalloc(k * sizeof *s);
    sp_ls_xtx_inv(&ls, bread);
    sp_ls_free(&ls);
    for (size_t i = 0; i < n; i++) {
        /* s = Σ_j K(d_ij) e_j x_j; meat += e_i x_i s' */
        memset(s, 0, k * sizeof *s);
        for (size_t j = 0; j < n; j++) {
            double kw = i == j ? 1 : kernel(weights_great_circle_km(lon[i], lat[i], lon[j],
                                                                    lat[j]), opt);
            for (size_t a = 0; kw != 0 && a < k; a++)
                s[a] += kw * e[j] * x[j * k + a];
        }
        for (size_t a = 0; a < k; a++)
            for (size_t b = 0; b < k; b++)
                meat[a * k + b] += e[i] * x[i * k + a] * s[b];
    }
    for (size_t a = 0; a < k; a++) /* tmp = bread · meat, vcov = tmp · bread */
        for (size_t b = 0; b < k; b++)
            for (size_t c = 0; c < k; c++)
                tmp[a * k + b] += bread[a * k + c] * meat[c * k + b];
    for (size_t a = 0; a < k; a++)
        for (size_t b = 0; b < k; b++) {
            vcov[a * k + b] = 0;
            for (size_t c = 0; c < k; c++)
                vcov[a * k + b] += tmp[a * k + c] * bread[c * k + b];
        }
    free(bread);
    free(meat);
    free(tmp);
    free(s);
    return DS_OK;
}

void conley_apply(model_fit *f, const double *v, const conley_options *opt)
{
    double df = f->df_residual;
    double q = gsl_cdf_tdist_Pinv(1 - (1 - f->level) / 2, df);
    size_t r = f->rank;
    for (size_t a = 0, ca = 0; a < f->p; a++) {
        model_term *t = &f->terms[a];
        for (size_t b = 0, cb = 0; b < f->p; b++) {
            int both = !t->aliased && !f->terms[b].aliased;
            f->vcov[a * f->p + b] = both ? v[ca * r + cb] : NAN;
            cb += !f->terms[b].aliased;
        }
        if (t->aliased)
            continue;
        t->std_error = sqrt(v[ca * r + ca]);
        t->t_value = t->estimate / t->std_error;
        t->p_value = 2 * gsl_cdf_tdist_Q(fabs(t->t_value), df);
        t->ci_low = t->estimate - q * t->std_error;
        t->ci_high = t->estimate + q * t->std_error;
        ca++;
    }
    f->se = MODEL_SE_CONLEY;
    f->conley_cutoff_km = opt->cutoff_km;
    f->conley_kernel = (int)opt->kernel;
}

int conley_fit(const table_t *t, model_fit *f, const model_options *fopt, const char *key_col,
               const char *centroids, const conley_options *opt, ds_err *err)
{
    if (fopt->weight || f->method != MODEL_OLS)
        return ds_err_set(err, DS_EUSAGE, "Conley standard errors are for unweighted least "
                          "squares: drop the weights and the robust method");
    long col = table_col_index(t, key_col);
    if (col < 0)
        return ds_err_set(err, DS_EDATA, "%s: no department column '%s'", table_name(t),
                          key_col);
    size_t n = f->n, k = f->rank;
    const char **keys = xmalloc((n + 1) * sizeof *keys);
    double *lon = xmalloc((n + 1) * sizeof *lon), *lat = xmalloc((n + 1) * sizeof *lat);
    double *x = NULL, *v = xmalloc((k * k + 1) * sizeof *v);
    for (size_t i = 0; i < n; i++)
        keys[i] = table_text(t, f->rows[i], (size_t)col);
    int rc = weights_centroids(centroids, keys, n, lon, lat, err);
    if (!rc)
        rc = model_fit_design_within(t, f, fopt, &x, err);
    if (!rc)
        rc = conley_vcov(x, f->residuals, n, k, lon, lat, opt, v, err);
    if (!rc)
        conley_apply(f, v, opt);
    free(keys);
    free(lon);
    free(lat);
    free(x);
    free(v);
    return rc;
}
