/* spatial_vcov: the covariance of (σ², λ|ρ, β) at the ML estimate.
 *
 * Eigenvalues (small n): spatialreg's asymptotic covariance, method "eigen" (errorsarlm's
 * asyvar; lagsarlm's inf), with the dense A = (I − λW)⁻¹ as spatialreg forms it.
 * Sparse (large n): the inverse of minus the Hessian of the likelihood concentrated in σ²,
 * ℓ(θ) = log|I − λW| − (n/2) log SSE(θ) + const over θ = (λ|ρ, β), which is the (λ|ρ, β)
 * block of the inverse observed information. Its SSE part is exact (SSE is quadratic in β
 * and, for fixed β, in λ); d²log|I − λW|/dλ² comes from sp_logdet_derivs. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_linalg.h>

#include "spatial_impl.h"

/* Inverse of the q × q matrix a (row-major) into out; -1 if singular. */
static int invert(const double *a, size_t q, double *out)
{
    gsl_matrix *m = gsl_matrix_alloc(q, q), *inv = gsl_matrix_alloc(q, q);
    gsl_permutation *perm = gsl_permutation_alloc(q);
    int sign, rc = 0;
    memcpy(m->data, a, q * q * sizeof *a);
    if (gsl_linalg_LU_decomp(m, perm, &sign) || gsl_linalg_LU_invert(m, perm, inv))
        rc = -1;
    for (size_t i = 0; !rc && i < q; i++) {
        if (!(fabs(gsl_matrix_get(m, i, i)) > 1e-14 * fabs(gsl_matrix_get(m, 0, 0))))
            rc = -1;
        for (size_t j = 0; j < q; j++)
            out[i * q + j] = gsl_matrix_get(inv, i, j);
    }
    gsl_matrix_free(m);
    gsl_matrix_free(inv);
    gsl_permutation_free(perm);
    return rc;
}

/* WA = W (I − cW)⁻¹, dense n × n (row-major); NULL if I − cW is singular. */
static double *w_times_inverse(const weights_t *w, double c)
{
    size_t n = w->n;
    gsl_matrix *m = gsl_matrix_alloc(n, n), *a = gsl_matrix_alloc(n, n);
    gsl_permutation *perm = gsl_permutation_alloc(n);
    gsl_matrix_set_identity(m);
    for (size_t i = 0; i < n; i++)
        for (size_t e = w->row_ptr[i]; e < w->row_ptr[i + 1]; e++)
            gsl_matrix_set(m, i, w->col[e], -c * w->val[e]);
    int sign;
    double *wa = NULL;
    if (!gsl_linalg_LU_decomp(m, perm, &sign) && !gsl_linalg_LU_invert(m, perm, a)) {
        wa = xcalloc(n * n, sizeof *wa);
        for (size_t i = 0; i < n; i++)
            for (size_t e = w->row_ptr[i]; e < w->row_ptr[i + 1]; e++) {
                const double *arow = a->data + w->col[e] * a->tda;
                for (size_t j = 0; j < n; j++)
                    wa[i * n + j] += w->val[e] * arow[j];
            }
    }
    gsl_matrix_free(m);
    gsl_matrix_free(a);
    gsl_permutation_free(perm);
    return wa;
}

/* tr(M), tr(M²), tr(M'M) of a dense n × n M. */
static void traces(const double *m, size_t n, double *tr, double *tr_sq, double *tr_tm)
{
    *tr = *tr_sq = *tr_tm = 0;
    for (size_t i = 0; i < n; i++) {
        *tr += m[i * n + i];
        for (size_t j = 0; j < n; j++) {
            *tr_sq += m[i * n + j] * m[j * n + i];
            *tr_tm += m[i * n + j] * m[i * n + j];
        }
    }
}

/* errorsarlm: asyvar over (σ², λ, β) = [n/(2σ⁴), tr(WA)/σ², 0; ·, tr(WAWA) + tr(WA'WA), 0;
 * 0, 0, X_λ'X_λ/σ²], X_λ = X − λWX. */
static int info_error(const sp_ml *ml, const double *wa, double lambda, double s2, double *inf)
{
    size_t n = ml->n, k = ml->k, q = k + 2;
    double tr, tr_sq, tr_tm;
    traces(wa, n, &tr, &tr_sq, &tr_tm);
    inf[0] = (double)n / (2 * s2 * s2);
    inf[1] = inf[q] = tr / s2;
    inf[q + 1] = tr_sq + tr_tm;
    for (size_t a = 0; a < k; a++)
        for (size_t b = 0; b < k; b++) {
            double s = 0;
            for (size_t i = 0; i < n; i++)
                s += (ml->x[i * k + a] - lambda * ml->wx[i * k + a]) *
                     (ml->x[i * k + b] - lambda * ml->wx[i * k + b]);
            inf[(a + 2) * q + b + 2] = s / s2;
        }
    return 0;
}

/* lagsarlm: inf over (σ², ρ, β), with AW = (I − ρW)⁻¹W, ω = Σ (ω_i/(1 − ρω_i))²; the
 * covariance is σ⁴ inf⁻¹. */
static void info_lag(sp_ml *ml, const double *aw, double rho, double s2, const double *beta,
                     double *inf)
{
    size_t n = ml->n, k = ml->k, q = k + 2;
    double tr, tr_sq, tr_tm, d1, d2;
    traces(aw, n, &tr, &tr_sq, &tr_tm);
    sp_logdet_derivs(&ml->ld, rho, &d1, &d2);
    double omega = -d2; /* Σ (ω/(1 − ρω))², real part */
    double *xb = xcalloc(n, sizeof *xb), *awxb = xcalloc(n, sizeof *awxb);
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < k; j++)
            xb[i] += ml->x[i * k + j] * beta[j];
    for (size_t i = 0; i < n; i++)
        awxb[i] = sp_dot(aw + i * n, xb, n);
    inf[0] = (double)n / 2;
    inf[1] = inf[q] = s2 * tr;
    inf[q + 1] = s2 * (s2 * tr_tm + sp_dot(awxb, awxb, n)) + omega * s2 * s2;
    for (size_t a = 0; a < k; a++) {
        double s = 0;
        for (size_t i = 0; i < n; i++)
            s += ml->x[i * k + a] * awxb[i];
        inf[q + a + 2] = inf[(a + 2) * q + 1] = s2 * s;
        for (size_t b = 0; b < k; b++) {
            double t = 0;
            for (size_t i = 0; i < n; i++)
                t += ml->x[i * k + a] * ml->x[i * k + b];
            inf[(a + 2) * q + b + 2] = s2 * t;
        }
    }
    free(xb);
    free(awxb);
}

static void vcov_eigen(sp_ml *ml, spatial_fit *f, const double *beta)
{
    size_t q = ml->k + 2;
    double *inf = xcalloc(q * q, sizeof *inf), *wa = w_times_inverse(ml->w, f->coef);
    f->vcov_ok = 0;
    if (wa) {
        if (ml->model == SPATIAL_ERROR)
            info_error(ml, wa, f->coef, f->sigma2, inf);
        else
            info_lag(ml, wa, f->coef, f->sigma2, beta, inf);
        f->vcov_ok = invert(inf, q, f->vcov) == 0;
        if (f->vcov_ok && ml->model != SPATIAL_ERROR)
            for (size_t i = 0; i < q * q; i++)
                f->vcov[i] *= f->sigma2 * f->sigma2;
    }
    free(wa);
    free(inf);
}

/* u = the residuals at (c, β) and J = ∂u/∂(c, β), n × (k + 1); for the error model
 * also C = the cross term u'WX (∂²u/∂λ∂β = WX). */
static void residual_jacobian(const sp_ml *ml, double c, const double *beta, double *u,
                              double *jac, double *cross)
{
    size_t n = ml->n, k = ml->k, m = k + 1;
    double *e = xmalloc(n * sizeof *e), *we = xmalloc(n * sizeof *we);
    for (size_t i = 0; i < n; i++) {
        e[i] = ml->model == SPATIAL_ERROR ? ml->y[i] : ml->y[i] - c * ml->wy[i];
        for (size_t j = 0; j < k; j++)
            e[i] -= ml->x[i * k + j] * beta[j];
    }
    if (ml->model == SPATIAL_ERROR)
        weights_lag(ml->w, e, we);
    for (size_t i = 0; i < n; i++) {
        int err_model = ml->model == SPATIAL_ERROR;
        u[i] = err_model ? e[i] - c * we[i] : e[i];
        jac[i * m] = err_model ? -we[i] : -ml->wy[i];
        for (size_t j = 0; j < k; j++)
            jac[i * m + j + 1] = err_model ? -(ml->x[i * k + j] - c * ml->wx[i * k + j])
                                           : -ml->x[i * k + j];
    }
    for (size_t j = 0; j < k; j++) {
        cross[j] = 0;
        for (size_t i = 0; ml->model == SPATIAL_ERROR && i < n; i++)
            cross[j] += u[i] * ml->wx[i * k + j];
    }
    free(e);
    free(we);
}

/* spatialreg reports the error model's β standard errors as √(σ² diag (X_λ'X_λ)⁻¹) whatever
 * its method (rest.se): the β block is that, uncorrelated with λ (the asymptotic form). */
static void error_beta_block(const sp_ml *ml, spatial_fit *f)
{
    size_t n = ml->n, k = ml->k, q = k + 2;
    double *xl = xmalloc(n * k * sizeof *xl), *v = xmalloc(k * k * sizeof *v);
    for (size_t i = 0; i < n * k; i++)
        xl[i] = ml->x[i] - f->coef * ml->wx[i];
    sp_ls ls;
    int ok = sp_ls_init(&ls, xl, n, k) == 0;
    if (ok)
        sp_ls_xtx_inv(&ls, v);
    sp_ls_free(&ls);
    for (size_t a = 0; a < k; a++) {
        f->vcov[q + a + 2] = f->vcov[(a + 2) * q + 1] = 0;
        for (size_t b = 0; b < k; b++)
            f->vcov[(a + 2) * q + b + 2] = ok ? f->sigma2 * v[a * k + b] : NAN;
    }
    free(xl);
    free(v);
}

static void vcov_sparse(sp_ml *ml, spatial_fit *f, const double *beta)
{
    size_t n = ml->n, k = ml->k, m = k + 1, q = k + 2;
    double *u = xmalloc(n * sizeof *u), *jac = xmalloc(n * m * sizeof *jac);
    double *cross = xmalloc((k + 1) * sizeof *cross), *h = xcalloc(m * m, sizeof *h);
    double *v = xmalloc(m * m * sizeof *v), *grad = xcalloc(m, sizeof *grad), d1, d2;
    residual_jacobian(ml, f->coef, beta, u, jac, cross);
    sp_logdet_derivs(&ml->ld, f->coef, &d1, &d2);
    double sse = sp_dot(u, u, n), dn = (double)n;
    for (size_t a = 0; a < m; a++)
        for (size_t i = 0; i < n; i++)
            grad[a] += 2 * jac[i * m + a] * u[i];
    for (size_t a = 0; a < m; a++)
        for (size_t b = 0; b < m; b++) {
            double hs = 0; /* ∂²SSE */
            for (size_t i = 0; i < n; i++)
                hs += 2 * jac[i * m + a] * jac[i * m + b];
            if (a == 0 && b > 0)
                hs += 2 * cross[b - 1];
            if (b == 0 && a > 0)
                hs += 2 * cross[a - 1];
            /* −∂²ℓ = −ldet'' + (n/2)(∂²SSE/SSE − ∂SSE ∂SSE'/SSE²) */
            h[a * m + b] = (a == 0 && b == 0 ? -d2 : 0) +
                           dn / 2 * (hs / sse - grad[a] * grad[b] / (sse * sse));
        }
    f->vcov_ok = invert(h, m, v) == 0;
    for (size_t i = 0; i < q * q; i++)
        f->vcov[i] = NAN;
    for (size_t a = 0; a < m; a++)
        for (size_t b = 0; b < m; b++)
            f->vcov[(a + 1) * q + b + 1] = f->vcov_ok ? v[a * m + b] : NAN;
    if (ml->model == SPATIAL_ERROR && f->vcov_ok)
        error_beta_block(ml, f);
    free(u);
    free(jac);
    free(cross);
    free(h);
    free(v);
    free(grad);
}

void sp_vcov(sp_ml *ml, spatial_fit *f, const double *beta)
{
    size_t q = ml->k + 2;
    f->vcov = xmalloc(q * q * sizeof *f->vcov);
    if (ml->ld.sparse)
        vcov_sparse(ml, f, beta);
    else
        vcov_eigen(ml, f, beta);
    if (!f->vcov_ok)
        for (size_t i = 0; i < q * q; i++)
            f->vcov[i] = NAN;
}
