/* model: least squares on a centred, unit-norm design in wide precision, and the inference
 * R's summary.lm prints.
 *
 * The design X (intercept first) is reparametrised as Z = W^½ (X − 1c') S⁻¹: c the
 * weighted column means (0 for the intercept and in models without one), S the column
 * norms after centring. Then X b = Z g with b = M g, M = S⁻¹ plus, in the intercept row,
 * −c_j / s_j. Leverages, residuals and fitted values do not depend on the
 * parametrisation; covariances go back as M V M'. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_linalg.h>

#include "damirstat/model.h"
#include "model_data.h"
#include "model_fit_impl.h"

/* A column is aliased when the part of it that the earlier columns do not explain has less
 * than ALIAS_TOL of its norm (R's lm: 1e-7, on the raw design in double, where Filip comes
 * out rank 10). On our centred, unit-norm design NIST's Filip still has one column at a ratio
 * of 6.1e-8, just under R's 1e-7, and is fitted to 10.8 digits from it: the terms carry
 * long double precision (three digits more than double), so we take 1e-9, which keeps
 * Filip's eleven terms with a margin of 60 while an exact collinearity (a ratio at rounding
 * level, 1e-18 or less) is still caught. */
#define ALIAS_TOL 1e-9L

void model_options_default(model_options *opt)
{
    memset(opt, 0, sizeof *opt);
    opt->method = MODEL_OLS;
    opt->se = MODEL_SE_CLASSICAL;
    opt->level = 0.95;
}

static const char *const method_names[] = {"ols", "huber", "bisquare"};
static const char *const se_names[] = {"classical", "hc0", "hc1", "hc2", "hc3"};

const char *model_method_name(model_method m) { return method_names[m]; }
const char *model_se_name(model_se se) { return se_names[se]; }

int model_method_parse(const char *s, model_method *out)
{
    for (int i = 0; i < 3; i++)
        if (strcmp(s, method_names[i]) == 0) {
            *out = (model_method)i;
            return 0;
        }
    return -1;
}

int model_se_parse(const char *s, model_se *out)
{
    for (int i = 0; i < 5; i++)
        if (strcmp(s, se_names[i]) == 0) {
            *out = (model_se)i;
            return 0;
        }
    return -1;
}

/* Builds Z, the centres and the scales (see the file comment). */
static void scale_design(const model_data *d, fit_work *fw)
{
    size_t n = d->n, p = d->p;
    wide sw = 0;
    fw->z = xmalloc(n * p * sizeof *fw->z);
    fw->center = xcalloc(p, sizeof *fw->center);
    fw->scale = xmalloc(p * sizeof *fw->scale);
    fw->sqw = xmalloc(n * sizeof *fw->sqw);
    for (size_t i = 0; i < n; i++) {
        fw->sqw[i] = d->w ? wide_sqrt(d->w[i]) : 1;
        sw += d->w ? d->w[i] : 1;
    }
    for (size_t j = 0; j < p; j++) {
        const long double *x = d->x + j * d->cap;
        wide *z = fw->z + j * n, c = 0, ss = 0;
        if (d->has_intercept && j > 0) {
            for (size_t i = 0; i < n; i++)
                c += (d->w ? d->w[i] : 1) * x[i];
            c /= sw;
        }
        for (size_t i = 0; i < n; i++) {
            z[i] = fw->sqw[i] * (x[i] - c);
            ss += z[i] * z[i];
        }
        wide s = ss > 0 ? wide_sqrt(ss) : 1;
        for (size_t i = 0; i < n; i++)
            z[i] /= s;
        fw->center[j] = c;
        fw->scale[j] = s;
    }
}

/* b = M g over the estimated columns; gfull holds g by original column (0 if aliased). */
void fit_to_original(const model_data *d, const fit_work *fw, const wide *gfull,
                     wide *b)
{
    for (size_t j = 0; j < d->p; j++)
        b[j] = gfull[j] / fw->scale[j];
    if (d->has_intercept)
        for (size_t j = 1; j < d->p; j++)
            b[0] -= fw->center[j] * gfull[j] / fw->scale[j];
}

/* V_b = M V_g M' for V_g given by original column (p × p, zero rows for aliased). */
void fit_cov_to_original(const model_data *d, const fit_work *fw, const wide *vg,
                         wide *vb)
{
    size_t p = d->p;
    wide *m = xcalloc(p * p, sizeof *m), *tmp = xcalloc(p * p, sizeof *tmp);
    for (size_t j = 0; j < p; j++) {
        m[j * p + j] = 1 / fw->scale[j];
        if (d->has_intercept && j > 0)
            m[0 * p + j] = -fw->center[j] / fw->scale[j];
    }
    for (size_t i = 0; i < p; i++)
        for (size_t j = 0; j < p; j++) {
            wide s = 0;
            for (size_t k = 0; k < p; k++)
                s += m[i * p + k] * vg[k * p + j];
            tmp[i * p + j] = s;
        }
    for (size_t i = 0; i < p; i++)
        for (size_t j = 0; j < p; j++) {
            wide s = 0;
            for (size_t k = 0; k < p; k++)
                s += tmp[i * p + k] * m[j * p + k];
            vb[i * p + j] = s;
        }
    free(m);
    free(tmp);
}

/* Factorises Z, solves for g, and forms the weighted residuals and thin Q. */
static int solve_ls(const model_data *d, fit_work *fw, ds_err *err)
{
    size_t n = d->n, p = d->p;
    wide *qty = xmalloc(n * sizeof *qty);
    for (size_t i = 0; i < n; i++)
        qty[i] = fw->sqw[i] * d->y[i];
    if (ldqr_decomp(&fw->qr, fw->z, n, p, ALIAS_TOL, qty)) {
        free(qty);
        return ds_err_set(err, DS_EDATA, "least squares: fewer rows than columns");
    }
    size_t r = fw->qr.rank;
    wide *g = xcalloc(p, sizeof *g);
    fw->gfull = xcalloc(p, sizeof *fw->gfull);
    ldqr_solve(&fw->qr, qty, g);
    for (size_t k = 0; k < r; k++)
        fw->gfull[fw->qr.perm[k]] = g[k];
    free(g);
    fw->ew = qty; /* Q'y with its first r entries zeroed, sent back by Q, is the residual */
    for (size_t k = 0; k < r; k++)
        fw->ew[k] = 0;
    ldqr_apply_q(&fw->qr, fw->ew);
    fw->q = xcalloc(n * (r ? r : 1), sizeof *fw->q);
    for (size_t k = 0; k < r; k++) {
        fw->q[k * n + k] = 1;
        ldqr_apply_q(&fw->qr, fw->q + k * n);
    }
    fw->rinv = xmalloc((r ? r * r : 1) * sizeof *fw->rinv);
    ldqr_rinv(&fw->qr, fw->rinv);
    return DS_OK;
}

/* Covariance of g (by original column): classical σ² R⁻¹R⁻ᵀ, or the HC sandwich
 * Σ ω_i (R⁻¹q_i)(R⁻¹q_i)' with ω as sandwich::vcovHC (HC1 scales HC0 by n/(n−k)). */
static size_t cov_g(const model_data *d, const fit_work *fw, model_se se, wide sigma2,
                    wide *vg)
{
    size_t n = d->n, p = d->p, r = fw->qr.rank, undefined = 0;
    wide *vr = xcalloc(r ? r * r : 1, sizeof *vr), *u = xmalloc((r ? r : 1) * sizeof *u);
    /* sandwich's own threshold for "hat values close to 1" (meatHC): 1 − √DBL_EPSILON. */
    for (size_t i = 0; (se == MODEL_SE_HC2 || se == MODEL_SE_HC3) && i < n; i++)
        undefined += fw->hat[i] > 1 - (wide)1.4901161193847656e-08;
    for (size_t i = 0; i < (se == MODEL_SE_CLASSICAL ? 0 : n); i++) {
        wide e2 = fw->ew[i] * fw->ew[i], h = fw->hat[i], om = e2;
        if (se == MODEL_SE_HC1)
            om = e2 * (wide)n / (wide)(n - r);
        else if (se == MODEL_SE_HC2)
            om = e2 / (1 - h);
        else if (se == MODEL_SE_HC3)
            om = e2 / ((1 - h) * (1 - h));
        for (size_t a = 0; a < r; a++) {
            wide s = 0;
            for (size_t k = a; k < r; k++)
                s += fw->rinv[a * r + k] * fw->q[k * n + i];
            u[a] = s;
        }
        for (size_t a = 0; a < r; a++)
            for (size_t b = 0; b < r; b++)
                vr[a * r + b] += om * u[a] * u[b];
    }
    if (se == MODEL_SE_CLASSICAL)
        for (size_t a = 0; a < r; a++)
            for (size_t b = 0; b < r; b++) {
                wide s = 0;
                for (size_t k = (a > b ? a : b); k < r; k++)
                    s += fw->rinv[a * r + k] * fw->rinv[b * r + k];
                vr[a * r + b] = sigma2 * s;
            }
    memset(vg, 0, p * p * sizeof *vg);
    for (size_t a = 0; a < r; a++)
        for (size_t b = 0; b < r; b++)
            vg[fw->qr.perm[a] * p + fw->qr.perm[b]] = undefined ? NAN : vr[a * r + b];
    free(vr);
    free(u);
    return undefined;
}

/* Condition number of the design with unit-norm, uncentred columns (Belsley, Kuh & Welsch's
 * collinearity diagnostic) over the estimated columns, from GSL's SVD. */
static int condition_number(const model_data *d, const fit_work *fw, double *kappa, ds_err *err)
{
    size_t n = d->n, r = fw->qr.rank;
    gsl_matrix *a = gsl_matrix_alloc(n, r), *v = gsl_matrix_alloc(r, r);
    gsl_vector *s = gsl_vector_alloc(r), *work = gsl_vector_alloc(r);
    if (!a || !v || !s || !work) {
        gsl_matrix_free(a), gsl_matrix_free(v), gsl_vector_free(s), gsl_vector_free(work);
        return ds_err_set(err, DS_EIO, "out of memory in the condition number");
    }
    for (size_t k = 0; k < r; k++) {
        const long double *x = d->x + fw->qr.perm[k] * d->cap;
        wide ss = 0;
        for (size_t i = 0; i < n; i++)
            ss += fw->sqw[i] * x[i] * fw->sqw[i] * x[i];
        wide norm = wide_sqrt(ss);
        for (size_t i = 0; i < n; i++)
            gsl_matrix_set(a, i, k, (double)(fw->sqw[i] * x[i] / norm));
    }
    int status = gsl_linalg_SV_decomp(a, v, s, work);
    double smin = gsl_vector_get(s, r - 1);
    *kappa = status ? NAN : smin > 0 ? gsl_vector_get(s, 0) / smin : INFINITY;
    gsl_matrix_free(a), gsl_matrix_free(v), gsl_vector_free(s), gsl_vector_free(work);
    if (status)
        return ds_err_set(err, DS_EDATA, "condition number: GSL SVD failed: %s",
                          gsl_strerror(status));
    return DS_OK;
}

void fit_work_free(fit_work *fw)
{
    free(fw->z);
    free(fw->center);
    free(fw->scale);
    free(fw->sqw);
    free(fw->gfull);
    free(fw->ew);
    free(fw->q);
    free(fw->rinv);
    free(fw->hat);
    ldqr_free(&fw->qr);
    memset(fw, 0, sizeof *fw);
}

/* Leverages h_i = ‖row i of thin Q‖². */
static void leverages(const model_data *d, fit_work *fw)
{
    size_t n = d->n, r = fw->qr.rank;
    fw->hat = xcalloc(n, sizeof *fw->hat);
    for (size_t k = 0; k < r; k++)
        for (size_t i = 0; i < n; i++)
            fw->hat[i] += fw->q[k * n + i] * fw->q[k * n + i];
}

int model_fit_ls(const model_data *d, const model_spec *spec, const model_options *opt,
                 model_fit *f, ds_err *err)
{
    fit_work fw = {0};
    scale_design(d, &fw);
    int rc = solve_ls(d, &fw, err);
    if (rc)
        goto done;
    leverages(d, &fw);
    f->min_pivot_ratio = (double)fw.qr.min_ratio;
    if ((rc = condition_number(d, &fw, &f->condition_number, err)))
        goto done;
    if (opt->method != MODEL_OLS) {
        rc = model_fit_robust(d, spec, &fw, opt, f, err);
        goto done;
    }
    size_t p = d->p;
    wide *b = xcalloc(p, sizeof *b), *vg = xmalloc(p * p * sizeof *vg),
                *vb = xmalloc(p * p * sizeof *vb);
    fit_to_original(d, &fw, fw.gfull, b);
    wide rss = 0;
    for (size_t i = 0; i < d->n; i++)
        rss += fw.ew[i] * fw.ew[i];
    f->rank = fw.qr.rank;
    f->df_residual = (double)(d->n - f->rank);
    wide sigma2 = rss / (wide)(d->n - f->rank);
    f->hc_leverage_one = cov_g(d, &fw, opt->se, sigma2, vg);
    fit_cov_to_original(d, &fw, vg, vb);
    fit_fill_rows(d, &fw, f, wide_sqrt(sigma2));
    fit_fill_summary(d, &fw, f, rss);
    fit_fill_terms(d, spec, &fw, b, vb, f);
    free(b);
    free(vg);
    free(vb);
done:
    fit_work_free(&fw);
    return rc;
}
