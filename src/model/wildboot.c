/* wildboot: the restricted wild cluster bootstrap (WCR) of one coefficient, and its
 * confidence interval by test inversion, after Roodman, MacKinnon, Nielsen & Webb (2019,
 * "Fast and wild", Stata Journal 19(1)).
 *
 * Everything a draw needs is linear in the null value β0, so it is computed once: with
 * a = X (X'X)⁻¹ e_k (β̂_k = a'y), r_y = M_Z y and r_x = M_Z x_k (Z: the other columns), the
 * restricted residuals are ũ(β0) = r_y − β0 r_x, and a draw v (one weight a cluster) gives
 *   β̂*_k − β0 = Σ_g v_g (Σ_{i∈g} a_i ũ_i)                         (the numerator)
 *   s_h = Σ_{i∈h} a_i (M_X (ũ ⊙ v))_i = (K v)_h,                    (the CR1 score sums)
 *   K_hg = δ_hg Σ_{i∈g} a_i ũ_i − (Σ_{i∈h} a_i x_i)' (X'X)⁻¹ (Σ_{j∈g} x_j ũ_j),
 * with K = K_y − β0 K_x. A draw keeps five numbers (the numerator's two parts and the three
 * sums of squares and products of K_y v and K_x v), and any β0 then costs O(B): the p-value
 * of the null and every step of the interval's bisection use the same draws.
 * The sample's own t is the draw v = 1 through the same arithmetic (so that the draws
 * v = ±1 of a full enumeration tie with it exactly and, as in fwildclusterboot, do not
 * count: p = share of draws with |t*| > |t|). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_errno.h>
#include <gsl/gsl_linalg.h>
#include <gsl/gsl_rng.h>

#include "cluster_impl.h"

/* Draws of more than 2^ENUM_MAX_G sign vectors are never enumerated (B would be huge). */
#define ENUM_MAX_G 30

struct wcr {
    size_t n, p, G, B;
    double c;                 /* CR1 factor G/(G−1) (n−1)/(n−k) */
    double *ky, *kx;          /* G × G */
    double *ay, *ax;          /* G: Σ_{i∈g} a_i r_y,i and a_i r_x,i */
    double *draw;             /* B × 5: ny, nx, cc, cd, dd; row B is the sample (v = 1) */
};

/* (M'M)⁻¹ of the m columns cols[] of x (n × p) into inv (m × m); DS_EDATA if singular. */
static int cross_inverse(const double *x, size_t n, size_t p, const size_t *cols, size_t m,
                         double *inv, ds_err *err)
{
    for (size_t a = 0; a < m; a++)
        for (size_t b = 0; b < m; b++) {
            long double s = 0;
            for (size_t i = 0; i < n; i++)
                s += (long double)x[i * p + cols[a]] * x[i * p + cols[b]];
            inv[a * m + b] = (double)s;
        }
    if (m == 0)
        return DS_OK;
    double *diag = xmalloc(m * sizeof *diag);
    for (size_t a = 0; a < m; a++)
        diag[a] = inv[a * m + a];
    gsl_matrix_view v = gsl_matrix_view_array(inv, m, m);
    int bad = gsl_linalg_cholesky_decomp1(&v.matrix) != 0;
    /* A column is redundant when the share of its square norm that the earlier columns do
     * not explain (L_jj² / A_jj) is at rounding level; the fit has dropped aliased columns
     * before, so this only guards against a caller's mistake. */
    for (size_t a = 0; a < m && !bad; a++)
        bad = !(inv[a * m + a] * inv[a * m + a] > 1e-12 * diag[a]);
    free(diag);
    if (bad || gsl_linalg_cholesky_invert(&v.matrix))
        return ds_err_set(err, DS_EDATA, "wild bootstrap: the design is rank deficient");
    return DS_OK;
}

/* r = M_Z u for Z the columns cols[] of x, zinv = (Z'Z)⁻¹. */
static void residualise(const double *x, size_t n, size_t p, const size_t *cols, size_t m,
                        const double *zinv, const double *u, double *r)
{
    long double *zu = xcalloc(m ? m : 1, sizeof *zu), *g = xcalloc(m ? m : 1, sizeof *g);
    for (size_t i = 0; i < n; i++)
        for (size_t a = 0; a < m; a++)
            zu[a] += (long double)x[i * p + cols[a]] * u[i];
    for (size_t a = 0; a < m; a++)
        for (size_t b = 0; b < m; b++)
            g[a] += zinv[a * m + b] * zu[b];
    for (size_t i = 0; i < n; i++) {
        long double s = u[i];
        for (size_t a = 0; a < m; a++)
            s -= x[i * p + cols[a]] * g[a];
        r[i] = (double)s;
    }
    free(zu), free(g);
}

/* K (G × G) and the per-cluster numerators au for residuals u; sa (G × p) holds
 * Σ_{i∈h} a_i x_i' (X'X)⁻¹. */
static void build_k(const double *x, const double *u, const double *a, const double *sa,
                    const cluster_ids *id, size_t p, double *k, double *au)
{
    size_t n = id->n, G = id->ngroups;
    long double *sxu = xcalloc(G * p, sizeof *sxu), *aug = xcalloc(G, sizeof *aug);
    for (size_t i = 0; i < n; i++) {
        size_t g = id->group[i];
        aug[g] += (long double)a[i] * u[i];
        for (size_t j = 0; j < p; j++)
            sxu[g * p + j] += (long double)x[i * p + j] * u[i];
    }
    for (size_t h = 0; h < G; h++)
        for (size_t g = 0; g < G; g++) {
            long double s = h == g ? aug[g] : 0;
            for (size_t j = 0; j < p; j++)
                s -= sa[h * p + j] * sxu[g * p + j];
            k[h * G + g] = (double)s;
        }
    for (size_t g = 0; g < G; g++)
        au[g] = (double)aug[g];
    free(sxu), free(aug);
}

/* The five numbers of draw v into out. */
static void one_draw(const struct wcr *w, const double *v, double *out)
{
    size_t G = w->G;
    long double ny = 0, nx = 0, cc = 0, cd = 0, dd = 0;
    for (size_t h = 0; h < G; h++) {
        long double cy = 0, cx = 0;
        for (size_t g = 0; g < G; g++) {
            cy += (long double)w->ky[h * G + g] * v[g];
            cx += (long double)w->kx[h * G + g] * v[g];
        }
        ny += (long double)w->ay[h] * v[h];
        nx += (long double)w->ax[h] * v[h];
        cc += cy * cy;
        cd += cy * cx;
        dd += cx * cx;
    }
    out[0] = (double)ny, out[1] = (double)nx;
    out[2] = (double)cc, out[3] = (double)cd, out[4] = (double)dd;
}

/* The t of draw d at null b0 (NAN where its variance vanishes). */
static double draw_t(const struct wcr *w, const double *d, double b0)
{
    double var = w->c * (d[2] - 2 * b0 * d[3] + b0 * b0 * d[4]);
    return var > 0 ? (d[0] - b0 * d[1]) / sqrt(var) : NAN;
}

static double p_at(const struct wcr *w, double b0)
{
    double t = fabs(draw_t(w, w->draw + w->B * 5, b0));
    size_t above = 0;
    for (size_t b = 0; b < w->B; b++)
        above += fabs(draw_t(w, w->draw + b * 5, b0)) > t;
    return (double)above / (double)w->B;
}

static const double webb[6] = {-1.2247448713915890, -1, -0.70710678118654757,
                               0.70710678118654757, 1, 1.2247448713915890};

/* Fills the B draws (and the sample's, at row B). */
static int make_draws(struct wcr *w, const cluster_boot_options *opt,
                      const cluster_boot_result *out, ds_err *err)
{
    size_t G = w->G;
    gsl_rng *rng = gsl_rng_alloc(gsl_rng_mt19937);
    if (!rng)
        return ds_err_set(err, DS_EIO, "wild bootstrap: out of memory");
    double *v = xmalloc(G * sizeof *v);
    gsl_rng_set(rng, (unsigned long)opt->seed);
    for (size_t b = 0; b < w->B; b++) {
        for (size_t g = 0; g < G; g++)
            v[g] = out->enumerated ? ((b >> g) & 1 ? -1.0 : 1.0)
                   : out->weights == CLUSTER_WEIGHTS_WEBB ? webb[gsl_rng_uniform_int(rng, 6)]
                   : gsl_rng_uniform_int(rng, 2) ? 1.0 : -1.0;
        one_draw(w, v, w->draw + b * 5);
    }
    for (size_t g = 0; g < G; g++)
        v[g] = 1;
    one_draw(w, v, w->draw + w->B * 5);
    gsl_rng_free(rng);
    free(v);
    return DS_OK;
}

/* The bound on one side (dir = +1 upper, −1 lower): from the Wald bound outwards until the
 * p-value falls to alpha, then bisection. NAN when no null value that far is rejected. */
static double bound(const struct wcr *w, double est, double half, double alpha, int dir)
{
    double in = est, out = est + dir * half;
    int found = 0;
    for (int k = 0; k < 60 && !found; k++) {
        if (p_at(w, out) <= alpha)
            found = 1;
        else {
            in = out;
            out = est + 2 * (out - est);
        }
    }
    if (!found)
        return NAN;
    while (fabs(out - in) > 1e-6 * half) {
        double mid = (in + out) / 2;
        if (p_at(w, mid) <= alpha)
            out = mid;
        else
            in = mid;
    }
    return (in + out) / 2;
}

static int check_boot(const cluster_ids *id, size_t n, size_t p,
                      const cluster_boot_options *opt, ds_err *err)
{
    int rc = cluster_check_ids(id, 1, n, err);
    if (rc)
        return rc;
    if (opt->reps == 0)
        return ds_err_set(err, DS_EUSAGE, "wild bootstrap: the number of draws must be 1 or more");
    if (opt->coef >= p || n <= p || n <= opt->k)
        return ds_err_set(err, DS_EDATA, "wild bootstrap: coefficient %zu of %zu, %zu rows",
                          opt->coef, p, n);
    if (!(opt->level > 0 && opt->level < 1))
        return ds_err_set(err, DS_EUSAGE, "wild bootstrap: level %g not in (0, 1)", opt->level);
    return DS_OK;
}

/* a = X (X'X)⁻¹ e_k, sa (G × p) = Σ_{i∈h} a_i x_i' (X'X)⁻¹, r_y and r_x. */
static int prepare(const double *x, const double *y, const cluster_ids *id, size_t p,
                   size_t k, double *a, double *sa, double *ry, double *rx, ds_err *err)
{
    size_t n = id->n, *cols = xmalloc(p * sizeof *cols), m = 0;
    double *xinv = xmalloc(p * p * sizeof *xinv), *zinv = xmalloc(p * p * sizeof *zinv);
    double *xk = xmalloc(n * sizeof *xk);
    for (size_t j = 0; j < p; j++)
        cols[j] = j;
    int rc = cross_inverse(x, n, p, cols, p, xinv, err);
    m = 0;
    for (size_t j = 0; j < p; j++)
        if (j != k)
            cols[m++] = j;
    if (!rc)
        rc = cross_inverse(x, n, p, cols, m, zinv, err);
    if (!rc) {
        memset(sa, 0, id->ngroups * p * sizeof *sa);
        for (size_t i = 0; i < n; i++) {
            long double s = 0;
            for (size_t j = 0; j < p; j++)
                s += (long double)x[i * p + j] * xinv[j * p + k];
            a[i] = (double)s;
            xk[i] = x[i * p + k];
            for (size_t j = 0; j < p; j++)
                for (size_t l = 0; l < p; l++)
                    sa[id->group[i] * p + l] += a[i] * x[i * p + j] * xinv[j * p + l];
        }
        residualise(x, n, p, cols, m, zinv, y, ry);
        residualise(x, n, p, cols, m, zinv, xk, rx);
    }
    free(cols), free(xinv), free(zinv), free(xk);
    return rc;
}

int cluster_wild_bootstrap(const double *x, const double *y, size_t n, size_t p,
                           const cluster_ids *id, const cluster_boot_options *opt,
                           cluster_boot_result *out, ds_err *err)
{
    memset(out, 0, sizeof *out);
    int rc = check_boot(id, n, p, opt, err);
    if (rc)
        return rc;
    struct wcr w = {.n = n, .p = p, .G = id->ngroups};
    out->ngroups = w.G;
    out->weights = opt->weights != CLUSTER_WEIGHTS_AUTO ? opt->weights
                   : w.G < 12 ? CLUSTER_WEIGHTS_WEBB : CLUSTER_WEIGHTS_RADEMACHER;
    out->enumerated = out->weights == CLUSTER_WEIGHTS_RADEMACHER && w.G <= ENUM_MAX_G &&
                      ((size_t)1 << w.G) <= opt->reps;
    w.B = out->reps = out->enumerated ? (size_t)1 << w.G : opt->reps;
    size_t k = opt->k ? opt->k : p;
    w.c = (double)w.G / (double)(w.G - 1) * (double)(n - 1) / (double)(n - k);
    double *a = xmalloc(n * sizeof *a), *sa = xmalloc(w.G * p * sizeof *sa);
    double *ry = xmalloc(n * sizeof *ry), *rx = xmalloc(n * sizeof *rx);
    w.ky = xmalloc(w.G * w.G * sizeof *w.ky), w.kx = xmalloc(w.G * w.G * sizeof *w.kx);
    w.ay = xmalloc(w.G * sizeof *w.ay), w.ax = xmalloc(w.G * sizeof *w.ax);
    w.draw = xmalloc((w.B + 1) * 5 * sizeof *w.draw);
    if ((rc = prepare(x, y, id, p, opt->coef, a, sa, ry, rx, err)))
        goto done;
    build_k(x, ry, a, sa, id, p, w.ky, w.ay);
    build_k(x, rx, a, sa, id, p, w.kx, w.ax);
    if ((rc = make_draws(&w, opt, out, err)))
        goto done;
    const double *sample = w.draw + w.B * 5;
    out->t = draw_t(&w, sample, opt->null_value);
    out->p_value = p_at(&w, opt->null_value);
    double est = sample[0] / sample[1], se = sqrt(w.c * sample[2]) / fabs(sample[1]);
    double half = gsl_cdf_tdist_Qinv((1 - opt->level) / 2, (double)(w.G - 1)) * se;
    out->ci_low = bound(&w, est, half, 1 - opt->level, -1);
    out->ci_high = bound(&w, est, half, 1 - opt->level, +1);
done:
    free(a), free(sa), free(ry), free(rx);
    free(w.ky), free(w.kx), free(w.ay), free(w.ax), free(w.draw);
    return rc;
}
