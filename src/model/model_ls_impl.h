/* model_ls_impl.h: the least-squares core of model_ls.c — QR on the centred, unit-norm
 * design of a model_data and the way back to the original scale. Every fit kind starts
 * from it (OLS uses its solution, the robust fit its design and factorisation); it calls
 * only the QR below it and fills no model_fit. */
#ifndef DAMIRSTAT_MODEL_LS_IMPL_H
#define DAMIRSTAT_MODEL_LS_IMPL_H

#include "damirstat/err.h"
#include "model_data_impl.h"
#include "model_qr_impl.h"

/* The least-squares working set, all on the n rows used (see model_ls.c for Z, c, S). */
typedef struct ls_work {
    wide *z;       /* n × p column-major, centred and unit-norm, rows times √w */
    wide *center, *scale, *sqw;
    ldqr qr;
    wide *gfull;   /* coefficients of Z by original column (0 for aliased) */
    wide *ew;      /* weighted residuals √w (y − ŷ) */
    wide *q;       /* thin Q, n × rank column-major */
    wide *rinv;    /* R⁻¹, rank × rank row-major */
    wide *hat;     /* leverages */
} ls_work;

/* Weighted least squares of d->y on d->x (weights d->w) into ls: Z, its QR with R's
 * pivoting (tolerance LS_ALIAS_TOL), g, the weighted residuals, thin Q, R⁻¹ and the
 * leverages. DS_EDATA when there are fewer rows than columns. Free ls with ls_work_free
 * whatever the result. */
int ls_solve(const model_data *d, ls_work *ls, ds_err *err);
void ls_work_free(ls_work *ls);

/* The pivoting tolerance of ls_solve, on the centred, unit-norm design (see model_ls.c). */
#define LS_ALIAS_TOL 1e-9L

/* b = M g, and V_b = M V_g M' (p × p by original column): back from Z to X. */
void ls_to_original(const model_data *d, const ls_work *ls, const wide *gfull, wide *b);
void ls_cov_to_original(const model_data *d, const ls_work *ls, const wide *vg, wide *vb);

#endif
