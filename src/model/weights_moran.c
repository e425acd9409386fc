/* weights_moran: Moran's I over any sparse W, as spdep's moran.test (a variable) and
 * lm.morantest (least-squares residuals). Units without a neighbour (kept islands) count
 * as spdep counts them with zero.policy = TRUE and adjust.n = TRUE: n is reduced by them. */
#include <math.h>
#include <stdlib.h>

#include <gsl/gsl_cdf.h>

#include "spatial_impl.h"

/* S0 = Σ w_ij, S1 = ½ Σ (w_ij + w_ji)², S2 = Σ_i (w_i· + w_·i)² (Cliff and Ord). */
static void weights_constants(const weights_t *w, double *s0, double *s1, double *s2)
{
    size_t n = w->n;
    double *rows = xcalloc(n + 1, sizeof *rows), *cols = xcalloc(n + 1, sizeof *cols);
    *s0 = *s1 = *s2 = 0;
    for (size_t i = 0; i < n; i++)
        for (size_t e = w->row_ptr[i]; e < w->row_ptr[i + 1]; e++) {
            size_t j = w->col[e];
            double wji = 0;
            for (size_t f = w->row_ptr[j]; f < w->row_ptr[j + 1]; f++)
                if (w->col[f] == i)
                    wji = w->val[f];
            /* a pair present both ways is met twice (½ each); one way, once, alone */
            *s1 += wji != 0 ? (w->val[e] + wji) * (w->val[e] + wji) / 2
                            : w->val[e] * w->val[e];
            *s0 += w->val[e];
            rows[i] += w->val[e];
            cols[j] += w->val[e];
        }
    for (size_t i = 0; i < n; i++)
        *s2 += (rows[i] + cols[i]) * (rows[i] + cols[i]);
    free(rows);
    free(cols);
}

static void moran_finish(weights_moran_result *r)
{
    r->z = (r->i - r->expected) / sqrt(r->variance);
    r->p = gsl_cdf_ugaussian_Q(r->z);
}

int weights_moran(const weights_t *w, const double *x, int randomisation,
                  weights_moran_result *out, ds_err *err)
{
    size_t n_all = w->n;
    double s0, s1, s2, mean = 0, m2 = 0, m4 = 0;
    weights_constants(w, &s0, &s1, &s2);
    for (size_t i = 0; i < n_all; i++)
        mean += x[i] / (double)n_all;
    double *z = xmalloc((n_all + 1) * sizeof *z), *wz = xmalloc((n_all + 1) * sizeof *wz);
    for (size_t i = 0; i < n_all; i++) {
        z[i] = x[i] - mean;
        m2 += z[i] * z[i];
        m4 += z[i] * z[i] * z[i] * z[i];
    }
    weights_lag(w, z, wz);
    double n = (double)(n_all - w->n_islands), cross = sp_dot(z, wz, n_all);
    free(z);
    free(wz);
    if (!(m2 > 0) || !isfinite(m2) || !(s0 > 0) || !(n > 3))
        return ds_err_set(err, DS_EDATA, "Moran's I: the values are constant (or not finite), "
                          "or fewer than 4 units have a neighbour");
    double e = -1 / (n - 1), kurt = (double)n_all * m4 / (m2 * m2);
    out->i = n / s0 * cross / m2;
    out->expected = e;
    if (randomisation)
        out->variance = (n * ((n * n - 3 * n + 3) * s1 - n * s2 + 3 * s0 * s0) -
                         kurt * ((n * n - n) * s1 - 2 * n * s2 + 6 * s0 * s0)) /
                            ((n - 1) * (n - 2) * (n - 3) * s0 * s0) - e * e;
    else
        out->variance = (n * n * s1 - n * s2 + 3 * s0 * s0) / (s0 * s0 * (n * n - 1)) - e * e;
    moran_finish(out);
    return DS_OK;
}

/* tr(AB) for k × k row-major A, B. */
static double trace_product(const double *a, const double *b, size_t k)
{
    double t = 0;
    for (size_t i = 0; i < k; i++)
        for (size_t j = 0; j < k; j++)
            t += a[i * k + j] * b[j * k + i];
    return t;
}

/* U X for U = (W + W')/2, the symmetrised weights lm.morantest uses (listw2U); X n × k. */
static void lag_symmetrised(const weights_t *w, const double *x, size_t k, double *out)
{
    weights_lag_matrix(w, x, k, out);
    for (size_t i = 0; i < w->n * k; i++)
        out[i] /= 2;
    for (size_t i = 0; i < w->n; i++)
        for (size_t e = w->row_ptr[i]; e < w->row_ptr[i + 1]; e++)
            for (size_t j = 0; j < k; j++)
                out[w->col[e] * k + j] += w->val[e] * x[i * k + j] / 2;
}

int weights_moran_lm(const weights_t *w, const double *u, const double *x, size_t k,
                     weights_moran_result *out, ds_err *err)
{
    size_t n_all = w->n;
    sp_ls ls;
    if (sp_ls_init(&ls, x, n_all, k)) {
        sp_ls_free(&ls);
        return ds_err_set(err, DS_EDATA, "Moran's I of residuals: the model matrix is rank "
                          "deficient (or has no more rows than columns)");
    }
    double s0, s1, s2, *xtxi = xmalloc(k * k * sizeof *xtxi);
    weights_constants(w, &s0, &s1, &s2);
    sp_ls_xtx_inv(&ls, xtxi);
    sp_ls_free(&ls);
    double *col = xmalloc((n_all + 1) * sizeof *col), *z = xmalloc(n_all * k * sizeof *z);
    double *c1 = xcalloc(k * k, sizeof *c1), *c2 = xcalloc(k * k, sizeof *c2);
    lag_symmetrised(w, x, k, z); /* Z = U X */
    for (size_t a = 0; a < k; a++)
        for (size_t b = 0; b < k; b++)
            for (size_t i = 0; i < n_all; i++) {
                c1[a * k + b] += x[i * k + a] * z[i * k + b];
                c2[a * k + b] += z[i * k + a] * z[i * k + b];
            }
    lag_symmetrised(w, u, 1, col);
    double n = (double)(n_all - w->n_islands), p = (double)k, uu = sp_dot(u, u, n_all);
    out->i = n / s0 * sp_dot(u, col, n_all) / uu;
    /* lm.morantest: C3 = (X'X)⁻¹X'UX; trA = tr C3, trA2 = tr C3², trB = 4 tr((X'X)⁻¹Z'Z);
     * S1 of U = ½ Σ (2u_ij)² = S1 of W. */
    double *c3 = xcalloc(k * k, sizeof *c3);
    for (size_t a = 0; a < k; a++)
        for (size_t b = 0; b < k; b++)
            for (size_t m = 0; m < k; m++)
                c3[a * k + b] += xtxi[a * k + m] * c1[m * k + b];
    double tra = 0;
    for (size_t a = 0; a < k; a++)
        tra += c3[a * k + a];
    double tra2 = trace_product(c3, c3, k), trb = 4 * trace_product(xtxi, c2, k);
    out->expected = -(n * tra) / ((n - p) * s0);
    out->variance = n * n / (s0 * s0 * (n - p) * (n - p + 2)) *
                    (s1 + 2 * tra2 - trb - 2 * tra * tra / (n - p));
    free(xtxi);
    free(col);
    free(z);
    free(c1);
    free(c2);
    free(c3);
    if (!(uu > 0) || !isfinite(uu))
        return ds_err_set(err, DS_EDATA, "Moran's I of residuals: the residuals are all 0 (or "
                          "not finite)");
    moran_finish(out);
    return DS_OK;
}
