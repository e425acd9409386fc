/* model_refine: mixed-precision iterative refinement of the least-squares coefficients.
 *
 * Why: the long double QR of model.c solves a centred, rescaled copy of the design, and
 * both the rescaling and the factorisation round at 2^-64. On a large-residual problem
 * (NIST Wampler5: R² = 0.002) the error grows like κ²·tanθ·u and leaves only ~9.2 correct
 * digits. Refinement (Björck 1967; Higham, Accuracy and Stability, ch. 20) recomputes the
 * residual of the original, unscaled problem in __float128 and solves for a correction with
 * the same QR; each step shrinks the error by about κ²·tanθ·u (1e-11 on Wampler5), so two
 * steps reach what the data allow. Cost: 2 × O(np) per fit, nothing at department scale. */
#include <math.h>
#include <stdlib.h>

#include "model_fit_impl.h"

/* Not ISO C: GCC and Clang on x86-64 and aarch64 provide it (arithmetic in libgcc, no
 * libquadmath needed for + - * /). */
__extension__ typedef __float128 quad;

#define REFINE_STEPS 4

/* e_i = √w_i (y_i − Σ_j x_ij b_j) on the raw design, in quad: x, y and b are exact there. */
static void raw_residuals(const model_data *d, const fit_work *fw, const long double *b,
                          long double *e)
{
    for (size_t i = 0; i < d->n; i++) {
        quad s = (quad)d->y[i];
        for (size_t j = 0; j < d->p; j++)
            s -= (quad)d->x[j * d->cap + i] * (quad)b[j];
        e[i] = (long double)((quad)fw->sqw[i] * s);
    }
}

/* Correction of g from the normal equations R'R dg = M'X'e (corrected seminormal
 * equations), with X'e summed in quad on the raw design: Z = X M exactly, so this is the
 * residual of the problem as given, not of its rescaled, rounded copy. */
static void correction(const model_data *d, const fit_work *fw, long double *dgfull)
{
    size_t n = d->n, p = d->p, r = fw->qr.rank;
    long double *u = xcalloc(p, sizeof *u), *t = xcalloc(r ? r : 1, sizeof *t);
    for (size_t j = 0; j < p; j++) {
        quad v = 0;
        for (size_t i = 0; i < n; i++)
            v += (quad)d->x[j * d->cap + i] * (quad)fw->sqw[i] * (quad)fw->ew[i];
        u[j] = (long double)v;
    }
    for (size_t j = p; j-- > 0;) /* u := M'u, backwards so u[0] is still X'e's */
        u[j] = (u[j] - (d->has_intercept && j > 0 ? fw->center[j] * u[0] : 0)) / fw->scale[j];
    for (size_t a = 0; a < r; a++) { /* t = R⁻ᵀ u, in pivoted order */
        long double s = 0;
        for (size_t k = 0; k <= a; k++)
            s += fw->rinv[k * r + a] * u[fw->qr.perm[k]];
        t[a] = s;
    }
    for (size_t j = 0; j < p; j++)
        dgfull[j] = 0;
    for (size_t a = 0; a < r; a++) { /* dg = R⁻¹ t */
        long double s = 0;
        for (size_t k = a; k < r; k++)
            s += fw->rinv[a * r + k] * t[k];
        dgfull[fw->qr.perm[a]] = s;
    }
    free(u);
    free(t);
}

/* Largest |db_j| / |b_j| over the estimated columns. */
static long double rel_change(const long double *db, const long double *b, size_t p)
{
    long double m = 0;
    for (size_t j = 0; j < p; j++)
        if (b[j] != 0 && fabsl(db[j] / b[j]) > m)
            m = fabsl(db[j] / b[j]);
    return m;
}

void fit_refine(const model_data *d, fit_work *fw, long double *b)
{
    size_t p = d->p;
    long double *dgfull = xcalloc(p, sizeof *dgfull), *db = xcalloc(p, sizeof *db);
    long double last = INFINITY;
    fit_to_original(d, fw, fw->gfull, b);
    /* Each step shrinks the error by about κ(R)²·u; stop as soon as a step does not shrink
     * the change, which also guards designs too ill-conditioned for the scheme. */
    for (int step = 0; step < REFINE_STEPS; step++) {
        raw_residuals(d, fw, b, fw->ew);
        correction(d, fw, dgfull);
        fit_to_original(d, fw, dgfull, db);
        long double change = rel_change(db, b, p);
        if (!(change < last / 4))
            break;
        last = change;
        for (size_t j = 0; j < p; j++)
            b[j] += db[j];
    }
    raw_residuals(d, fw, b, fw->ew);
    free(dgfull);
    free(db);
}
