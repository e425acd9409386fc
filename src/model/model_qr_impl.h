/* model_qr_impl.h: the working precision and the Householder QR of model_qr.c — the bottom
 * of the least-squares path, which knows nothing of formulas, tables or fits. */
#ifndef DAMIRSTAT_MODEL_QR_IMPL_H
#define DAMIRSTAT_MODEL_QR_IMPL_H

#include <math.h>
#include <stddef.h>

/* The working precision of least squares: IEEE binary128 (__float128, 113-bit mantissa, in
 * software) where GCC or Clang provide it, else long double. Measured on the NIST StRD sets
 * (min LRE over b, SD(b), residual SD, R²): Wampler5 9.2 with x86-64 long double, 14.5
 * with binary128; the other ten sets gain up to 3 digits. Department regressions have about a
 * hundred rows, so the software arithmetic costs nothing that matters. */
#if defined(__SIZEOF_FLOAT128__) && !defined(DS_NO_FLOAT128)
__extension__ typedef __float128 wide;

/* Square root in wide precision without libquadmath: Newton steps from the long double
 * root (each step doubles the correct bits: 64 → 113). */
static inline wide wide_sqrt(wide x)
{
    if (!(x > 0))
        return 0;
    wide s = (wide)sqrtl((long double)x);
    s = (s + x / s) / 2;
    return (s + x / s) / 2;
}
#else
typedef long double wide;

static inline wide wide_sqrt(wide x) { return x > 0 ? sqrtl(x) : 0; }
#endif

/* Householder QR in wide precision with R's limited column pivoting (LINPACK dqrdc2): a
 * column whose norm, after removing its projection on the earlier columns, falls below
 * tol times its original norm is moved to the end and counts as aliased. */
typedef struct ldqr {
    size_t n, p, rank;
    wide *a;     /* n × p column-major: R above the diagonal, Householder v below */
    wide *rdiag; /* diagonal of R */
    wide *beta;  /* 2 / v'v of each reflector (0: identity) */
    size_t *perm;       /* perm[k] = original column in position k */
    wide min_ratio; /* smallest norm ratio of an accepted column (how near to tol) */
} ldqr;

/* Factorises z (n × p column-major, copied) and transforms qty (n entries) in place into
 * Q'y. Fails only when n < p. */
int ldqr_decomp(ldqr *qr, const wide *z, size_t n, size_t p, wide tol,
                wide *qty);
/* Applies Q (the product of the reflectors) to v in place: v := Q v. */
void ldqr_apply_q(const ldqr *qr, wide *v);
/* Solves R g = qty[0..rank) for g (rank entries, in pivoted order). */
void ldqr_solve(const ldqr *qr, const wide *qty, wide *g);
/* Inverse of the rank × rank R into rinv (row-major, upper triangular). */
void ldqr_rinv(const ldqr *qr, wide *rinv);
void ldqr_free(ldqr *qr);

#endif
