/* spatial_logdet: log|I − λW| by eigenvalues (spatialreg's method "eigen": dense, exact,
 * O(n³) once) or by a sparse Cholesky factorisation per λ (as spatialreg's "Matrix"
 * method, for large n). Both use the symmetric matrix similar to W when the neighbour
 * relation is symmetric: S = D^½ W D^-½ with s_ij = √(w_ij w_ji) (spdep's similar.listw),
 * which has W's eigenvalues; an asymmetric W (k nearest) needs the general eigenvalues,
 * possibly complex, and then log|I − λW| = Σ log|1 − λω| (R takes the real part). */
#include <math.h>
#include <stdlib.h>

#include <gsl/gsl_eigen.h>
#include <gsl/gsl_errno.h>

#include "spatial_impl.h"

/* √(w_ij w_ji) for the symmetric relation (0 if j does not list i). */
static double similar_entry(const weights_t *w, size_t i, size_t e)
{
    size_t j = w->col[e];
    for (size_t f = w->row_ptr[j]; f < w->row_ptr[j + 1]; f++)
        if (w->col[f] == i)
            return sqrt(w->val[e] * w->val[f]);
    return 0;
}

static int eigen_symmetric(sp_logdet *ld, const weights_t *w)
{
    size_t n = w->n;
    gsl_matrix *s = gsl_matrix_calloc(n, n);
    gsl_vector *eval = gsl_vector_alloc(n);
    gsl_eigen_symm_workspace *ws = gsl_eigen_symm_alloc(n);
    for (size_t i = 0; i < n; i++)
        for (size_t e = w->row_ptr[i]; e < w->row_ptr[i + 1]; e++)
            gsl_matrix_set(s, i, w->col[e], similar_entry(w, i, e));
    int rc = gsl_eigen_symm(s, eval, ws) == GSL_SUCCESS ? 0 : -1;
    ld->eig_re = xmalloc((n + 1) * sizeof *ld->eig_re);
    for (size_t i = 0; i < n; i++)
        ld->eig_re[i] = gsl_vector_get(eval, i);
    gsl_eigen_symm_free(ws);
    gsl_vector_free(eval);
    gsl_matrix_free(s);
    return rc;
}

static int eigen_general(sp_logdet *ld, const weights_t *w)
{
    size_t n = w->n;
    gsl_matrix *a = gsl_matrix_calloc(n, n);
    gsl_vector_complex *eval = gsl_vector_complex_alloc(n);
    gsl_eigen_nonsymm_workspace *ws = gsl_eigen_nonsymm_alloc(n);
    for (size_t i = 0; i < n; i++)
        for (size_t e = w->row_ptr[i]; e < w->row_ptr[i + 1]; e++)
            gsl_matrix_set(a, i, w->col[e], w->val[e]);
    int rc = gsl_eigen_nonsymm(a, eval, ws) == GSL_SUCCESS ? 0 : -1;
    ld->eig_re = xmalloc((n + 1) * sizeof *ld->eig_re);
    ld->eig_im = xmalloc((n + 1) * sizeof *ld->eig_im);
    for (size_t i = 0; i < n; i++) {
        gsl_complex z = gsl_vector_complex_get(eval, i);
        ld->eig_re[i] = GSL_REAL(z);
        ld->eig_im[i] = GSL_IMAG(z);
    }
    gsl_eigen_nonsymm_free(ws);
    gsl_vector_complex_free(eval);
    gsl_matrix_free(a);
    return rc;
}

/* spatialreg's interval: 1/range of the real eigenvalues. */
static int eigen_interval(sp_logdet *ld)
{
    double lo = INFINITY, hi = -INFINITY;
    for (size_t i = 0; i < ld->n; i++)
        if (!ld->eig_im || ld->eig_im[i] == 0) {
            lo = fmin(lo, ld->eig_re[i]);
            hi = fmax(hi, ld->eig_re[i]);
        }
    if (!(lo < 0 && hi > 0))
        return -1;
    ld->lower = 1 / lo;
    ld->upper = 1 / hi;
    return 0;
}

/* The largest eigenvalue of shift·I + sign·S (S symmetric, n × n CSR) by power iteration,
 * as a Rayleigh quotient: it never exceeds the true one, so the interval it gives is wider
 * than the true one, where the factorisation then fails (−∞), never narrower. */
static double top_eigenvalue(size_t n, const size_t *rp, const size_t *ci, const double *v,
                             double shift, double sign)
{
    double *x = xmalloc((n + 1) * sizeof *x), *y = xmalloc((n + 1) * sizeof *y), rq = 0;
    for (size_t i = 0; i < n; i++)
        x[i] = 1 + (double)(i % 7) / 7; /* not orthogonal to the top eigenvector */
    for (int it = 0; it < 1000; it++) {
        double num = 0, den = 0, norm = 0;
        for (size_t i = 0; i < n; i++) {
            double s = 0;
            for (size_t e = rp[i]; e < rp[i + 1]; e++)
                s += v[e] * x[ci[e]];
            y[i] = shift * x[i] + sign * s;
            num += x[i] * y[i];
            den += x[i] * x[i];
            norm += y[i] * y[i];
        }
        rq = num / den;
        norm = sqrt(norm);
        for (size_t i = 0; norm > 0 && i < n; i++)
            x[i] = y[i] / norm;
    }
    free(x);
    free(y);
    return rq;
}

static int sparse_setup(sp_logdet *ld, const weights_t *w)
{
    size_t nnz = w->row_ptr[w->n];
    double *val = xmalloc((nnz + 1) * sizeof *val);
    for (size_t i = 0; i < w->n; i++)
        for (size_t e = w->row_ptr[i]; e < w->row_ptr[i + 1]; e++)
            val[e] = similar_entry(w, i, e);
    ld->chol = sp_chol_new(w->n, w->row_ptr, w->col, val);
    /* Row-standardised: the largest eigenvalue is 1. Else the Perron root, shifted by the
     * largest degree so that the iteration finds it rather than −ω_max. */
    size_t n = w->n;
    double dmax = 0;
    for (size_t i = 0; i < n; i++)
        dmax = fmax(dmax, (double)(w->row_ptr[i + 1] - w->row_ptr[i]));
    double hi = w->style == WEIGHTS_W ? 1.0
                                      : top_eigenvalue(n, w->row_ptr, w->col, val, dmax, 1) - dmax;
    double lo = hi - top_eigenvalue(n, w->row_ptr, w->col, val, hi, -1);
    free(val);
    if (!(hi > 0 && lo < 0))
        return -1;
    ld->lower = 1 / lo;
    ld->upper = 1 / hi;
    return 0;
}

int sp_logdet_init(sp_logdet *ld, const weights_t *w, int sparse, ds_err *err)
{
    *ld = (sp_logdet){0};
    ld->n = w->n;
    ld->sparse = sparse;
    if (w->n == w->n_islands)
        return ds_err_set(err, DS_EDATA, "spatial weights: no unit has a neighbour");
    if (sparse && !w->symmetric)
        return ds_err_set(err, DS_EDATA, "the sparse log-determinant needs a symmetric "
                          "neighbour relation (k nearest neighbours are not): use a distance "
                          "band or contiguity, or the eigenvalues (fewer units)");
    int rc = sparse ? sparse_setup(ld, w)
                    : (w->symmetric ? eigen_symmetric(ld, w) : eigen_general(ld, w));
    if (!rc && !sparse)
        rc = eigen_interval(ld);
    if (rc)
        return ds_err_set(err, DS_EDATA, "spatial weights: the eigenvalues of W could not be "
                          "computed (or have no positive and negative one)");
    return DS_OK;
}

double sp_logdet_at(sp_logdet *ld, double lambda)
{
    if (!(lambda > ld->lower && lambda < ld->upper))
        return -INFINITY;
    double s = 0;
    if (ld->sparse)
        return sp_chol_logdet(ld->chol, lambda, &s) ? -INFINITY : s;
    for (size_t i = 0; i < ld->n; i++) {
        double re = 1 - lambda * ld->eig_re[i], im = ld->eig_im ? -lambda * ld->eig_im[i] : 0;
        s += im != 0 ? 0.5 * log(re * re + im * im) : log(re);
    }
    return s;
}

/* Central differences of the sparse log-determinant, Richardson-extrapolated (steps h and
 * 2h): error O(h⁴) against rounding of order ε·n/h². */
static void sparse_derivs(sp_logdet *ld, double lambda, double *d1, double *d2)
{
    double h = fmin(1e-3, fmin(ld->upper - lambda, lambda - ld->lower) / 5);
    double f0 = sp_logdet_at(ld, lambda);
    double f1p = sp_logdet_at(ld, lambda + h), f1m = sp_logdet_at(ld, lambda - h);
    double f2p = sp_logdet_at(ld, lambda + 2 * h), f2m = sp_logdet_at(ld, lambda - 2 * h);
    *d1 = (8 * (f1p - f1m) - (f2p - f2m)) / (12 * h);
    *d2 = (16 * (f1p + f1m) - (f2p + f2m) - 30 * f0) / (12 * h * h);
}

void sp_logdet_derivs(sp_logdet *ld, double lambda, double *d1, double *d2)
{
    if (ld->sparse) {
        sparse_derivs(ld, lambda, d1, d2);
        return;
    }
    double s1 = 0, s2 = 0;
    for (size_t i = 0; i < ld->n; i++) {
        /* ω/(1 − λω) and its square, real parts (complex pairs add to real sums) */
        double a = ld->eig_re[i], b = ld->eig_im ? ld->eig_im[i] : 0;
        double cr = 1 - lambda * a, ci = -lambda * b, den = cr * cr + ci * ci;
        double qr = (a * cr + b * ci) / den, qi = (b * cr - a * ci) / den;
        s1 += qr;
        s2 += qr * qr - qi * qi;
    }
    *d1 = -s1;
    *d2 = -s2;
}

void sp_logdet_free(sp_logdet *ld)
{
    free(ld->eig_re);
    free(ld->eig_im);
    sp_chol_free(ld->chol);
    *ld = (sp_logdet){0};
}
