/* spatial_ls: least squares on a dense design for the spatial fits, LM tests and Moran's I
 * of residuals (GSL's Householder QR; the designs here are already free of aliased columns,
 * which the certified model_fit_formula path has dropped), the lagged design [X, WX] and
 * the coefficient table the fits share. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_blas.h>
#include <gsl/gsl_cdf.h>
#include <gsl/gsl_linalg.h>

#include "spatial_impl.h"

double sp_dot(const double *x, const double *y, size_t n)
{
    double s = 0;
    for (size_t i = 0; i < n; i++)
        s += x[i] * y[i];
    return s;
}

int sp_ls_init(sp_ls *ls, const double *x, size_t n, size_t k)
{
    ls->n = n;
    ls->k = k;
    ls->qr = gsl_matrix_alloc(n, k);
    ls->tau = gsl_vector_alloc(k);
    double *norm = xcalloc(k + 1, sizeof *norm);
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < k; j++) {
            gsl_matrix_set(ls->qr, i, j, x[i * k + j]);
            norm[j] += x[i * k + j] * x[i * k + j];
        }
    int rc = n > k && gsl_linalg_QR_decomp(ls->qr, ls->tau) == GSL_SUCCESS ? 0 : -1;
    for (size_t j = 0; !rc && j < k; j++)
        if (!(fabs(gsl_matrix_get(ls->qr, j, j)) > 1e-9 * sqrt(norm[j])))
            rc = -1;
    free(norm);
    return rc;
}

void sp_ls_solve(const sp_ls *ls, const double *y, double *beta, double *resid)
{
    gsl_vector *b = gsl_vector_alloc(ls->n), *x = gsl_vector_alloc(ls->k),
               *r = gsl_vector_alloc(ls->n);
    for (size_t i = 0; i < ls->n; i++)
        gsl_vector_set(b, i, y[i]);
    /* Full rank was checked by sp_ls_init: the solve cannot fail. */
    gsl_linalg_QR_lssolve(ls->qr, ls->tau, b, x, r);
    for (size_t j = 0; beta && j < ls->k; j++)
        beta[j] = gsl_vector_get(x, j);
    for (size_t i = 0; resid && i < ls->n; i++)
        resid[i] = gsl_vector_get(r, i);
    gsl_vector_free(b);
    gsl_vector_free(x);
    gsl_vector_free(r);
}

void sp_ls_xtx_inv(const sp_ls *ls, double *out)
{
    size_t k = ls->k;
    gsl_matrix *r = gsl_matrix_calloc(k, k), *v = gsl_matrix_alloc(k, k);
    for (size_t i = 0; i < k; i++)
        for (size_t j = i; j < k; j++)
            gsl_matrix_set(r, i, j, gsl_matrix_get(ls->qr, i, j));
    gsl_linalg_tri_invert(CblasUpper, CblasNonUnit, r);
    /* (X'X)⁻¹ = R⁻¹ R⁻ᵀ */
    gsl_blas_dgemm(CblasNoTrans, CblasTrans, 1.0, r, r, 0.0, v);
    for (size_t i = 0; i < k; i++)
        for (size_t j = 0; j < k; j++)
            out[i * k + j] = gsl_matrix_get(v, i, j);
    gsl_matrix_free(r);
    gsl_matrix_free(v);
}

void sp_ls_free(sp_ls *ls)
{
    gsl_matrix_free(ls->qr);
    gsl_vector_free(ls->tau);
    ls->qr = NULL;
    ls->tau = NULL;
}

size_t sp_lagged_design(const weights_t *w, const double *x, size_t n, size_t k,
                        const char *const *names, double **xd, char ***dnames)
{
    size_t skip = w->style == WEIGHTS_W && k > 0 && strcmp(names[0], "(Intercept)") == 0;
    size_t kd = k + (k - skip);
    double *out = xmalloc(n * kd * sizeof *out), *wx = xmalloc(n * k * sizeof *wx);
    char **nm = xmalloc(kd * sizeof *nm);
    weights_lag_matrix(w, x, k, wx);
    for (size_t i = 0; i < n; i++) {
        memcpy(out + i * kd, x + i * k, k * sizeof *out);
        memcpy(out + i * kd + k, wx + i * k + skip, (k - skip) * sizeof *out);
    }
    for (size_t j = 0; j < k; j++)
        nm[j] = xstrdup(names[j]);
    for (size_t j = skip; j < k; j++) {
        size_t len = strlen(names[j]) + 5;
        nm[k + j - skip] = xmalloc(len);
        snprintf(nm[k + j - skip], len, "lag.%s", names[j]);
    }
    free(wx);
    *xd = out;
    *dnames = nm;
    return kd;
}

void sp_fill_terms(spatial_fit *f, char *const *names, const double *beta, const double *se,
                   double df)
{
    f->terms = xcalloc(f->p + 1, sizeof *f->terms);
    for (size_t j = 0; j < f->p; j++) {
        spatial_term *t = &f->terms[j];
        t->name = xstrdup(names[j]);
        t->estimate = beta[j];
        t->std_error = se[j];
        t->z_value = beta[j] / se[j];
        t->p_value = df > 0 ? 2 * gsl_cdf_tdist_Q(fabs(t->z_value), df)
                            : 2 * gsl_cdf_ugaussian_Q(fabs(t->z_value));
    }
}

