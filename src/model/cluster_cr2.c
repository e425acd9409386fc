/* cluster_cr2: Bell and McCaffrey's bias-reduced cluster sandwich (CR2) and the
 * Satterthwaite degrees of freedom of its t tests, as clubSandwich computes them for lm
 * (working model Θ = I, also for a weighted fit, as vcovCR.lm's default inverse_var = FALSE
 * and estimatr's lm_robust; Pustejovsky & Tipton 2018, eqs. 4 and 11). With X the original
 * rows, W the weights, B = (X'WX)⁻¹, H = X B X'W and C = B (X'W²X) B:
 *
 *   G_g = [(I − H)(I − H)']_gg = I − H_gg − H_gg' + X_g C X_g'
 *   A_g = G_g^{+½}  (eigenvalues <= 1e-12 dropped, as clubSandwich)
 *   V   = B (Σ_g X_g'W_g A_g e_g e_g' A_g W_g X_g) B
 *   for coefficient j, u_g = A_g W_g X_g B e_j, a_g = X_g'u_g, b_g = X_g'W_g u_g and
 *   P_gh = u_g'[(I − H)(I − H)']_gh u_h = δ_gh u_g'u_g − a_g'B b_h − b_g'B a_h + a_g'C a_h,
 *   df_j = (Σ_g P_gg)² / Σ_gh P_gh².
 * Unweighted, C = B and G_g = I − H_gg. (Transforming by √w and taking Θ = I there, as the
 * first version did, is clubSandwich's target = 1/w: a different CR2.)
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

/* The fit in the original rows: B, C = B (X'W²X) B (C = B unweighted), X, e and W. */
struct cr2 {
    const double *bread;
    double *c, *x, *e, *w;
    size_t p;
};

static void cr2_init(struct cr2 *k, const double *bread, const double *x, const double *e,
                     const double *w, size_t n, size_t p)
{
    k->bread = bread;
    k->p = p;
    k->x = xmalloc((n * p + 1) * sizeof *k->x);
    k->e = xmalloc((n + 1) * sizeof *k->e);
    k->w = xmalloc((n + 1) * sizeof *k->w);
    k->c = xmalloc((p * p + 1) * sizeof *k->c);
    long double *q = xcalloc(p * p + 1, sizeof *q), *bq = xcalloc(p * p + 1, sizeof *bq);
    for (size_t i = 0; i < n; i++) {
        double s = w ? sqrt(w[i]) : 1;
        k->w[i] = w ? w[i] : 1;
        k->e[i] = e[i] / s;
        for (size_t a = 0; a < p; a++)
            k->x[i * p + a] = x[i * p + a] / s;
        for (size_t a = 0; a < p; a++) /* X'W²X = Σ (√w x̃)(√w x̃)' */
            for (size_t b = 0; b < p; b++)
                q[a * p + b] += (long double)k->w[i] * x[i * p + a] * x[i * p + b];
    }
    for (size_t a = 0; a < p; a++)
        for (size_t b = 0; b < p; b++)
            for (size_t m = 0; m < p; m++)
                bq[a * p + b] += (long double)bread[a * p + m] * q[m * p + b];
    for (size_t a = 0; a < p; a++)
        for (size_t b = 0; b < p; b++) {
            long double s = 0;
            for (size_t m = 0; m < p; m++)
                s += bq[a * p + m] * bread[m * p + b];
            k->c[a * p + b] = w ? (double)s : bread[a * p + b];
        }
    free(q), free(bq);
}

static void cr2_free(struct cr2 *k)
{
    free(k->c), free(k->x), free(k->e), free(k->w);
}

/* x_r' M x_c over the p columns, M p × p. */
static long double quad(const double *xr, const double *m, const double *xc, size_t p)
{
    long double s = 0;
    for (size_t i = 0; i < p; i++)
        for (size_t j = 0; j < p; j++)
            s += (long double)xr[i] * m[i * p + j] * xc[j];
    return s;
}

/* A (m × m, row-major) = G_g^{+½} for the m rows rows[] (see the file comment). */
static int adjustment(const struct cr2 *k, const size_t *rows, size_t m, double *a, ds_err *err)
{
    gsl_matrix *h = gsl_matrix_alloc(m, m), *vec = gsl_matrix_alloc(m, m);
    gsl_vector *val = gsl_vector_alloc(m);
    gsl_eigen_symmv_workspace *w = gsl_eigen_symmv_alloc(m);
    int status = GSL_ENOMEM;
    if (!h || !vec || !val || !w)
        goto done;
    for (size_t r = 0; r < m; r++)
        for (size_t c = 0; c < m; c++) {
            const double *xr = k->x + rows[r] * k->p, *xc = k->x + rows[c] * k->p;
            long double hb = quad(xr, k->bread, xc, k->p), hc = quad(xr, k->c, xc, k->p);
            gsl_matrix_set(h, r, c, (double)((r == c) - hb * (k->w[rows[c]] + k->w[rows[r]]) +
                                             hc));
        }
    if ((status = gsl_eigen_symmv(h, val, vec, w)))
        goto done;
    for (size_t r = 0; r < m; r++)
        for (size_t c = 0; c < m; c++) {
            long double s = 0;
            for (size_t j = 0; j < m; j++) {
                double l = gsl_vector_get(val, j);
                if (l > CR2_EIGEN_TOL)
                    s += (long double)gsl_matrix_get(vec, r, j) * gsl_matrix_get(vec, c, j) /
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

/* One cluster: adds t t' to meat, t = X_g'W_g A_g e_g; with U_g = A_g W_g X_g B (m × p), sets
 * ag = X_g'U_g and bg = X_g'W_g U_g (p × p: column j is a_g, b_g of coefficient j) and
 * dg[j] = Σ_i U_g[i, j]². */
static void cluster_terms(const struct cr2 *k, const size_t *rows, size_t m, const double *a,
                          long double *meat, double *ag, double *bg, double *dg)
{
    size_t p = k->p;
    long double *te = xcalloc(p, sizeof *te), *wxb = xcalloc(m * p, sizeof *wxb);
    long double *u = xcalloc(m * p, sizeof *u);
    for (size_t c = 0; c < m; c++) /* W_g X_g B */
        for (size_t j = 0; j < p; j++)
            for (size_t i = 0; i < p; i++)
                wxb[c * p + j] += (long double)k->w[rows[c]] * k->x[rows[c] * p + i] *
                                  k->bread[i * p + j];
    for (size_t r = 0; r < m; r++) {
        long double ae = 0;
        for (size_t c = 0; c < m; c++) {
            ae += (long double)a[r * m + c] * k->e[rows[c]];
            for (size_t j = 0; j < p; j++)
                u[r * p + j] += a[r * m + c] * wxb[c * p + j];
        }
        for (size_t j = 0; j < p; j++)
            te[j] += (long double)k->w[rows[r]] * k->x[rows[r] * p + j] * ae;
    }
    for (size_t i = 0; i < p; i++)
        for (size_t j = 0; j < p; j++)
            meat[i * p + j] += te[i] * te[j];
    for (size_t j = 0; j < p; j++) {
        long double d = 0;
        for (size_t r = 0; r < m; r++)
            d += u[r * p + j] * u[r * p + j];
        dg[j] = (double)d;
        for (size_t i = 0; i < p; i++) {
            long double sa = 0, sb = 0;
            for (size_t r = 0; r < m; r++) {
                sa += (long double)k->x[rows[r] * p + i] * u[r * p + j];
                sb += (long double)k->w[rows[r]] * k->x[rows[r] * p + i] * u[r * p + j];
            }
            ag[i * p + j] = (double)sa;
            bg[i * p + j] = (double)sb;
        }
    }
    free(te), free(wxb), free(u);
}

/* M v_h for column j of the G matrices v (each p × p): out[h * p + a]. */
static void times_column(const double *m, const double *v, size_t G, size_t p, size_t j,
                         long double *out)
{
    for (size_t h = 0; h < G; h++)
        for (size_t a = 0; a < p; a++) {
            long double s = 0;
            for (size_t b = 0; b < p; b++)
                s += (long double)m[a * p + b] * v[h * p * p + b * p + j];
            out[h * p + a] = s;
        }
}

/* Satterthwaite df of coefficient j from a_g, b_g (G of each, p × p) and d_g. */
static double satterthwaite(const struct cr2 *k, const double *ag, const double *bg,
                            const double *d, size_t G, size_t j)
{
    size_t p = k->p;
    long double *ba = xmalloc((G * p + 1) * sizeof *ba), *bb = xmalloc((G * p + 1) * sizeof *bb);
    long double *ca = xmalloc((G * p + 1) * sizeof *ca);
    times_column(k->bread, ag, G, p, j, ba);
    times_column(k->bread, bg, G, p, j, bb);
    times_column(k->c, ag, G, p, j, ca);
    long double trace = 0, frob = 0;
    for (size_t g = 0; g < G; g++)
        for (size_t h = 0; h < G; h++) {
            long double s = 0;
            for (size_t a = 0; a < p; a++)
                s += ag[g * p * p + a * p + j] * (ca[h * p + a] - bb[h * p + a]) -
                     bg[g * p * p + a * p + j] * ba[h * p + a];
            long double pgh = (g == h ? (long double)d[g * p + j] : 0) + s;
            trace += g == h ? pgh : 0;
            frob += pgh * pgh;
        }
    free(ba), free(bb), free(ca);
    return frob > 0 ? (double)(trace * trace / frob) : NAN;
}

int cluster_vcov_cr2(const double *bread, const double *x, const double *e, const double *w,
                     size_t n, size_t p, const cluster_ids *id, cluster_vcov_result *out,
                     ds_err *err)
{
    memset(out, 0, sizeof *out);
    int rc = cluster_check_ids(id, 1, n, err);
    if (rc)
        return rc;
    size_t G = id->ngroups, *order, *start, mmax = 0;
    group_rows(id, &order, &start);
    for (size_t g = 0; g < G; g++)
        mmax = start[g + 1] - start[g] > mmax ? start[g + 1] - start[g] : mmax;
    struct cr2 k;
    cr2_init(&k, bread, x, e, w, n, p);
    double *a = xmalloc(mmax * mmax * sizeof *a), *ag = xmalloc(G * p * p * sizeof *ag);
    double *bg = xmalloc(G * p * p * sizeof *bg), *d = xmalloc(G * p * sizeof *d);
    long double *meat = xcalloc(p * p, sizeof *meat);
    for (size_t g = 0; g < G && !rc; g++) {
        size_t m = start[g + 1] - start[g];
        rc = adjustment(&k, order + start[g], m, a, err);
        if (!rc)
            cluster_terms(&k, order + start[g], m, a, meat, ag + g * p * p, bg + g * p * p,
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
            out->df[j] = satterthwaite(&k, ag, bg, d, G, j);
    }
    cr2_free(&k);
    free(order), free(start), free(a), free(ag), free(bg), free(d), free(meat);
    return rc;
}
