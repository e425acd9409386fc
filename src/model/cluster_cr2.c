/* cluster_cr2: Bell and McCaffrey's bias-reduced cluster sandwich (CR2) and the
 * Satterthwaite degrees of freedom of its t tests, as clubSandwich computes them for lm
 * (working model Φ = I; Pustejovsky & Tipton 2018, eqs. 4 and 11):
 *
 *   A_g = (I − H_gg)^{+½}, H_gg = X_g B X_g'  (eigenvalues <= 1e-12 dropped, as clubSandwich)
 *   V   = B (Σ_g X_g' A_g e_g e_g' A_g X_g) B
 *   for coefficient j, u_g = A_g X_g B e_j and P_gh = u_g'(I − H)_gh u_h
 *         = δ_gh u_g'u_g − (X_g'u_g)' B (X_h'u_h),   df_j = (Σ_g P_gg)² / Σ_gh P_gh².
 *
 * Cost: one eigendecomposition of each cluster's n_g × n_g block (GSL), so O(Σ n_g³). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_eigen.h>
#include <gsl/gsl_errno.h>

#include "cluster_impl.h"

/* clubSandwich's Sym_power tolerance: eigenvalues at or below 1e-12 count as 0. */
#define CR2_EIGEN_TOL 1e-12

/* Rows of each group: start[g] … start[g + 1] in order[]. */
static void group_rows(const cluster_ids *id, size_t **order, size_t **start)
{
    size_t G = id->ngroups, n = id->n;
    *start = xcalloc(G + 1, sizeof **start);
    *order = xmalloc((n ? n : 1) * sizeof **order);
    for (size_t i = 0; i < n; i++)
        (*start)[id->group[i] + 1]++;
    for (size_t g = 0; g < G; g++)
        (*start)[g + 1] += (*start)[g];
    size_t *fill = xmalloc((G ? G : 1) * sizeof *fill);
    memcpy(fill, *start, G * sizeof *fill);
    for (size_t i = 0; i < n; i++)
        (*order)[fill[id->group[i]]++] = i;
    free(fill);
}

/* A (m × m, row-major) = (I − X_g B X_g')^{+½} for the m rows rows[]. */
static int adjustment(const double *bread, const double *x, size_t p, const size_t *rows,
                      size_t m, double *a, ds_err *err)
{
    gsl_matrix *h = gsl_matrix_alloc(m, m), *vec = gsl_matrix_alloc(m, m);
    gsl_vector *val = gsl_vector_alloc(m);
    gsl_eigen_symmv_workspace *w = gsl_eigen_symmv_alloc(m);
    int status = GSL_ENOMEM;
    if (!h || !vec || !val || !w)
        goto done;
    for (size_t r = 0; r < m; r++)
        for (size_t c = 0; c < m; c++) {
            const double *xr = x + rows[r] * p, *xc = x + rows[c] * p;
            long double s = 0;
            for (size_t i = 0; i < p; i++)
                for (size_t j = 0; j < p; j++)
                    s += (long double)xr[i] * bread[i * p + j] * xc[j];
            gsl_matrix_set(h, r, c, (double)((r == c) - s));
        }
    if ((status = gsl_eigen_symmv(h, val, vec, w)))
        goto done;
    for (size_t r = 0; r < m; r++)
        for (size_t c = 0; c < m; c++) {
            long double s = 0;
            for (size_t k = 0; k < m; k++) {
                double l = gsl_vector_get(val, k);
                if (l > CR2_EIGEN_TOL)
                    s += (long double)gsl_matrix_get(vec, r, k) * gsl_matrix_get(vec, c, k) /
                         sqrtl(l);
            }
            a[r * m + c] = (double)s;
        }
done:
    gsl_matrix_free(h);
    gsl_matrix_free(vec);
    gsl_vector_free(val);
    gsl_eigen_symmv_free(w);
    if (status)
        return ds_err_set(err, DS_EDATA, "CR2: GSL eigen failed: %s", gsl_strerror(status));
    return DS_OK;
}

/* One cluster: adds X_g'A_g e_g (X_g'A_g e_g)' to meat; sets W_g = X_g'U_g (p × p) and
 * d_g[j] = Σ_i U_g[i, j]², with U_g = A_g X_g B (m × p). */
static void cluster_terms(const double *bread, const double *x, const double *e, size_t p,
                          const size_t *rows, size_t m, const double *a, long double *meat,
                          double *wg, double *dg)
{
    long double *ax = xcalloc(m * p, sizeof *ax), *te = xcalloc(p, sizeof *te);
    for (size_t r = 0; r < m; r++) { /* A X_g, and A e_g folded into X_g'(A e_g) */
        long double ae = 0;
        for (size_t c = 0; c < m; c++) {
            ae += (long double)a[r * m + c] * e[rows[c]];
            for (size_t j = 0; j < p; j++)
                ax[r * p + j] += (long double)a[r * m + c] * x[rows[c] * p + j];
        }
        for (size_t j = 0; j < p; j++)
            te[j] += (long double)x[rows[r] * p + j] * ae;
    }
    for (size_t i = 0; i < p; i++)
        for (size_t j = 0; j < p; j++)
            meat[i * p + j] += te[i] * te[j];
    long double *u = xcalloc(m * p, sizeof *u);
    for (size_t r = 0; r < m; r++)
        for (size_t j = 0; j < p; j++)
            for (size_t k = 0; k < p; k++)
                u[r * p + j] += ax[r * p + k] * bread[k * p + j];
    for (size_t j = 0; j < p; j++) {
        long double d = 0;
        for (size_t r = 0; r < m; r++)
            d += u[r * p + j] * u[r * p + j];
        dg[j] = (double)d;
        for (size_t i = 0; i < p; i++) {
            long double s = 0;
            for (size_t r = 0; r < m; r++)
                s += (long double)x[rows[r] * p + i] * u[r * p + j];
            wg[i * p + j] = (double)s;
        }
    }
    free(ax), free(te), free(u);
}

/* Satterthwaite df of coefficient j from W_g (G of them, p × p) and d_g. */
static double satterthwaite(const double *bread, const double *w, const double *d, size_t G,
                            size_t p, size_t j)
{
    long double *z = xcalloc(G * p, sizeof *z); /* z_h = B w_hj */
    for (size_t h = 0; h < G; h++)
        for (size_t a = 0; a < p; a++)
            for (size_t b = 0; b < p; b++)
                z[h * p + a] += (long double)bread[a * p + b] * w[h * p * p + b * p + j];
    long double trace = 0, frob = 0;
    for (size_t g = 0; g < G; g++)
        for (size_t h = 0; h < G; h++) {
            long double s = 0;
            for (size_t a = 0; a < p; a++)
                s += (long double)w[g * p * p + a * p + j] * z[h * p + a];
            long double pgh = (g == h ? (long double)d[g * p + j] : 0) - s;
            trace += g == h ? pgh : 0;
            frob += pgh * pgh;
        }
    free(z);
    return frob > 0 ? (double)(trace * trace / frob) : NAN;
}

int cluster_vcov_cr2(const double *bread, const double *x, const double *e, size_t n,
                     size_t p, const cluster_ids *id, cluster_vcov_result *out, ds_err *err)
{
    memset(out, 0, sizeof *out);
    int rc = cluster_check_ids(id, 1, n, err);
    if (rc)
        return rc;
    size_t G = id->ngroups, *order, *start, mmax = 0;
    group_rows(id, &order, &start);
    for (size_t g = 0; g < G; g++)
        mmax = start[g + 1] - start[g] > mmax ? start[g + 1] - start[g] : mmax;
    double *a = xmalloc(mmax * mmax * sizeof *a), *w = xmalloc(G * p * p * sizeof *w);
    double *d = xmalloc(G * p * sizeof *d);
    long double *meat = xcalloc(p * p, sizeof *meat);
    for (size_t g = 0; g < G && !rc; g++) {
        size_t m = start[g + 1] - start[g];
        rc = adjustment(bread, x, p, order + start[g], m, a, err);
        if (!rc)
            cluster_terms(bread, x, e, p, order + start[g], m, a, meat, w + g * p * p,
                          d + g * p);
    }
    if (!rc) {
        out->nway = 1;
        out->ngroups[0] = G;
        out->adjustment = 1;
        out->vcov = xmalloc(p * p * sizeof *out->vcov);
        cluster_sandwich(bread, meat, p, out->vcov);
        out->df = xmalloc(p * sizeof *out->df);
        for (size_t j = 0; j < p; j++)
            out->df[j] = satterthwaite(bread, w, d, G, p, j);
    }
    free(order), free(start), free(a), free(w), free(d), free(meat);
    return rc;
}
