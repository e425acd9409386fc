/* model_qr: Householder QR in wide precision (model_qr_impl.h) with R's limited pivoting
 * (LINPACK dqrdc2).
 *
 * Why not double: the NIST StRD Filip and Wampler5 sets need more than double precision to
 * reach 9 correct digits; every double route (SVD, QR, centred or not) stops near 6 on
 * Wampler5 and 7.5 on Filip (tests/fixtures/nist/SOURCE.md). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "damirstat/err.h"
#include "model_qr_impl.h"

static wide col_norm(const wide *c, size_t from, size_t n)
{
    wide s = 0;
    for (size_t i = from; i < n; i++)
        s += c[i] * c[i];
    return wide_sqrt(s);
}

/* Moves column k to the end of the first `last` columns (dqrdc2's treatment of a column
 * that has become negligible), keeping the others in order. */
static void move_to_end(ldqr *qr, size_t k, size_t last, wide *orig)
{
    size_t n = qr->n;
    wide *tmp = xmalloc(n * sizeof *tmp);
    memcpy(tmp, qr->a + k * n, n * sizeof *tmp);
    wide onorm = orig[k];
    size_t pk = qr->perm[k];
    for (size_t j = k; j + 1 < last; j++) {
        memcpy(qr->a + j * n, qr->a + (j + 1) * n, n * sizeof *tmp);
        orig[j] = orig[j + 1];
        qr->perm[j] = qr->perm[j + 1];
    }
    memcpy(qr->a + (last - 1) * n, tmp, n * sizeof *tmp);
    orig[last - 1] = onorm;
    qr->perm[last - 1] = pk;
    free(tmp);
}

/* Reflects column k (rows k..n) onto e_k: stores v in place, R's diagonal in rdiag. */
static void householder(ldqr *qr, size_t k, wide nrm)
{
    wide *c = qr->a + k * qr->n;
    wide alpha = c[k] > 0 ? -nrm : nrm;
    c[k] -= alpha;
    wide vtv = 0;
    for (size_t i = k; i < qr->n; i++)
        vtv += c[i] * c[i];
    qr->beta[k] = vtv > 0 ? 2 / vtv : 0;
    qr->rdiag[k] = alpha;
}

static void reflect(const ldqr *qr, size_t k, wide *x)
{
    const wide *v = qr->a + k * qr->n;
    wide s = 0;
    for (size_t i = k; i < qr->n; i++)
        s += v[i] * x[i];
    s *= qr->beta[k];
    for (size_t i = k; i < qr->n; i++)
        x[i] -= s * v[i];
}

int ldqr_decomp(ldqr *qr, const wide *z, size_t n, size_t p, wide tol,
                wide *qty)
{
    memset(qr, 0, sizeof *qr);
    if (n < p)
        return DS_EDATA;
    qr->n = n;
    qr->p = p;
    qr->a = xmalloc(n * p * sizeof *qr->a);
    memcpy(qr->a, z, n * p * sizeof *qr->a);
    qr->rdiag = xcalloc(p ? p : 1, sizeof *qr->rdiag);
    qr->beta = xcalloc(p ? p : 1, sizeof *qr->beta);
    qr->perm = xmalloc((p ? p : 1) * sizeof *qr->perm);
    wide *orig = xmalloc((p ? p : 1) * sizeof *orig);
    for (size_t j = 0; j < p; j++) {
        qr->perm[j] = j;
        orig[j] = col_norm(qr->a + j * n, 0, n);
    }
    size_t last = p, k = 0;
    qr->min_ratio = 1;
    while (k < last) {
        wide nrm = col_norm(qr->a + k * n, k, n);
        if (!(nrm > tol * orig[k])) {
            move_to_end(qr, k, last, orig);
            last--;
            continue;
        }
        if (nrm / orig[k] < qr->min_ratio)
            qr->min_ratio = nrm / orig[k];
        householder(qr, k, nrm);
        for (size_t j = k + 1; j < p; j++)
            reflect(qr, k, qr->a + j * n);
        reflect(qr, k, qty);
        k++;
    }
    qr->rank = last;
    free(orig);
    return DS_OK;
}

void ldqr_apply_q(const ldqr *qr, wide *v)
{
    for (size_t k = qr->rank; k-- > 0;)
        reflect(qr, k, v);
}

/* R's entry (i, j), i <= j < rank. */
static wide r_at(const ldqr *qr, size_t i, size_t j)
{
    return i == j ? qr->rdiag[i] : qr->a[j * qr->n + i];
}

void ldqr_solve(const ldqr *qr, const wide *qty, wide *g)
{
    for (size_t i = qr->rank; i-- > 0;) {
        wide s = qty[i];
        for (size_t j = i + 1; j < qr->rank; j++)
            s -= r_at(qr, i, j) * g[j];
        g[i] = s / qr->rdiag[i];
    }
}

void ldqr_rinv(const ldqr *qr, wide *rinv)
{
    size_t r = qr->rank;
    memset(rinv, 0, r * r * sizeof *rinv);
    for (size_t j = r; j-- > 0;) {
        rinv[j * r + j] = 1 / qr->rdiag[j];
        for (size_t i = j; i-- > 0;) {
            wide s = 0;
            for (size_t k = i + 1; k <= j; k++)
                s += r_at(qr, i, k) * rinv[k * r + j];
            rinv[i * r + j] = -s / qr->rdiag[i];
        }
    }
}

void ldqr_free(ldqr *qr)
{
    free(qr->a);
    free(qr->rdiag);
    free(qr->beta);
    free(qr->perm);
    memset(qr, 0, sizeof *qr);
}
