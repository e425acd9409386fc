/* model_ls: the least-squares core — weighted least squares on a centred, unit-norm design
 * in wide precision, and the way back to the original parameters. It calls only the QR of
 * model_qr.c; the fit kinds (model_ols.c, model_robust.c) call it, never the reverse.
 *
 * The design X (intercept first) is reparametrised as Z = W^½ (X − 1c') S⁻¹: c the
 * weighted column means (0 for the intercept and in models without one), S the column
 * norms after centring. Then X b = Z g with b = M g, M = S⁻¹ plus, in the intercept row,
 * −c_j / s_j. Leverages, residuals and fitted values do not depend on the
 * parametrisation; covariances go back as M V M'.
 *
 * LS_ALIAS_TOL: a column is aliased when the part of it that the earlier columns do not
 * explain has less than 1e-9 of its norm (R's lm: 1e-7, on the raw design in double, where
 * Filip comes out rank 10). On our centred, unit-norm design NIST's Filip still has one
 * column at a ratio of 6.1e-8, just under R's 1e-7, and is fitted to 10.8 digits from it:
 * the terms carry long double precision (three digits more than double), so we take 1e-9,
 * which keeps Filip's eleven terms with a margin of 60 while an exact collinearity (a ratio
 * at rounding level, 1e-18 or less) is still caught. */
#include <stdlib.h>
#include <string.h>

#include "model_ls_impl.h"

/* Builds Z, the centres and the scales (see the file comment). */
static void scale_design(const model_data *d, ls_work *ls)
{
    size_t n = d->n, p = d->p;
    wide sw = 0;
    ls->z = xmalloc(n * p * sizeof *ls->z);
    ls->center = xcalloc(p, sizeof *ls->center);
    ls->scale = xmalloc(p * sizeof *ls->scale);
    ls->sqw = xmalloc(n * sizeof *ls->sqw);
    for (size_t i = 0; i < n; i++) {
        ls->sqw[i] = d->w ? wide_sqrt(d->w[i]) : 1;
        sw += d->w ? d->w[i] : 1;
    }
    for (size_t j = 0; j < p; j++) {
        const long double *x = d->x + j * d->cap;
        wide *z = ls->z + j * n, c = 0, ss = 0;
        if (d->has_intercept && j > 0) {
            for (size_t i = 0; i < n; i++)
                c += (d->w ? d->w[i] : 1) * x[i];
            c /= sw;
        }
        for (size_t i = 0; i < n; i++) {
            z[i] = ls->sqw[i] * (x[i] - c);
            ss += z[i] * z[i];
        }
        wide s = ss > 0 ? wide_sqrt(ss) : 1;
        for (size_t i = 0; i < n; i++)
            z[i] /= s;
        ls->center[j] = c;
        ls->scale[j] = s;
    }
}

/* b = M g over the estimated columns; gfull holds g by original column (0 if aliased). */
void ls_to_original(const model_data *d, const ls_work *ls, const wide *gfull, wide *b)
{
    for (size_t j = 0; j < d->p; j++)
        b[j] = gfull[j] / ls->scale[j];
    if (d->has_intercept)
        for (size_t j = 1; j < d->p; j++)
            b[0] -= ls->center[j] * gfull[j] / ls->scale[j];
}

/* V_b = M V_g M' for V_g given by original column (p × p, zero rows for aliased). */
void ls_cov_to_original(const model_data *d, const ls_work *ls, const wide *vg, wide *vb)
{
    size_t p = d->p;
    wide *m = xcalloc(p * p, sizeof *m), *tmp = xcalloc(p * p, sizeof *tmp);
    for (size_t j = 0; j < p; j++) {
        m[j * p + j] = 1 / ls->scale[j];
        if (d->has_intercept && j > 0)
            m[0 * p + j] = -ls->center[j] / ls->scale[j];
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
static int solve(const model_data *d, ls_work *ls, ds_err *err)
{
    size_t n = d->n, p = d->p;
    wide *qty = xmalloc(n * sizeof *qty);
    for (size_t i = 0; i < n; i++)
        qty[i] = ls->sqw[i] * d->y[i];
    if (ldqr_decomp(&ls->qr, ls->z, n, p, LS_ALIAS_TOL, qty)) {
        free(qty);
        return ds_err_set(err, DS_EDATA, "least squares: fewer rows than columns");
    }
    size_t r = ls->qr.rank;
    wide *g = xcalloc(p, sizeof *g);
    ls->gfull = xcalloc(p, sizeof *ls->gfull);
    ldqr_solve(&ls->qr, qty, g);
    for (size_t k = 0; k < r; k++)
        ls->gfull[ls->qr.perm[k]] = g[k];
    free(g);
    ls->ew = qty; /* Q'y with its first r entries zeroed, sent back by Q, is the residual */
    for (size_t k = 0; k < r; k++)
        ls->ew[k] = 0;
    ldqr_apply_q(&ls->qr, ls->ew);
    ls->q = xcalloc(n * (r ? r : 1), sizeof *ls->q);
    for (size_t k = 0; k < r; k++) {
        ls->q[k * n + k] = 1;
        ldqr_apply_q(&ls->qr, ls->q + k * n);
    }
    ls->rinv = xmalloc((r ? r * r : 1) * sizeof *ls->rinv);
    ldqr_rinv(&ls->qr, ls->rinv);
    return DS_OK;
}

/* Leverages h_i = ‖row i of thin Q‖². */
static void leverages(const model_data *d, ls_work *ls)
{
    size_t n = d->n, r = ls->qr.rank;
    ls->hat = xcalloc(n, sizeof *ls->hat);
    for (size_t k = 0; k < r; k++)
        for (size_t i = 0; i < n; i++)
            ls->hat[i] += ls->q[k * n + i] * ls->q[k * n + i];
}

int ls_solve(const model_data *d, ls_work *ls, ds_err *err)
{
    memset(ls, 0, sizeof *ls);
    scale_design(d, ls);
    int rc = solve(d, ls, err);
    if (rc == DS_OK)
        leverages(d, ls);
    return rc;
}

void ls_work_free(ls_work *ls)
{
    free(ls->z);
    free(ls->center);
    free(ls->scale);
    free(ls->sqw);
    free(ls->gfull);
    free(ls->ew);
    free(ls->q);
    free(ls->rinv);
    free(ls->hat);
    ldqr_free(&ls->qr);
    memset(ls, 0, sizeof *ls);
}
