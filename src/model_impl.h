/* model_impl.h: what the model_*.c files share and nobody else sees. */
#ifndef DAMIRSTAT_MODEL_IMPL_H
#define DAMIRSTAT_MODEL_IMPL_H

#include <stddef.h>

#include "damirstat/err.h"
#include "damirstat/expr.h"
#include "damirstat/table.h"

/* A parsed formula: the response and the right-hand terms (intercept not among them). */
typedef struct model_spec {
    expr_t *response;
    int has_intercept;
    size_t nterms;
    char **names;      /* as R prints them: "x", "I(x^2)", "log(pop)" */
    expr_t **exprs;
    size_t *name_pos;  /* byte offset of each term in the formula, for messages */
} model_spec;

/* Parses "y ~ a + I(a^2) + log(b) - 1"; DS_EDATA with a caret under the problem. */
int model_spec_parse(const char *formula, model_spec *spec, ds_err *err);
void model_spec_free(model_spec *spec);

/* Householder QR in long double with R's limited column pivoting (LINPACK dqrdc2): a
 * column whose norm, after removing its projection on the earlier columns, falls below
 * tol times its original norm is moved to the end and counts as aliased. */
typedef struct ldqr {
    size_t n, p, rank;
    long double *a;     /* n × p column-major: R above the diagonal, Householder v below */
    long double *rdiag; /* diagonal of R */
    long double *beta;  /* 2 / v'v of each reflector (0: identity) */
    size_t *perm;       /* perm[k] = original column in position k */
    long double min_ratio; /* smallest norm ratio of an accepted column (how near to tol) */
} ldqr;

/* Factorises z (n × p column-major, copied) and transforms qty (n entries) in place into
 * Q'y. Fails only when n < p. */
int ldqr_decomp(ldqr *qr, const long double *z, size_t n, size_t p, long double tol,
                long double *qty);
/* Applies Q (the product of the reflectors) to v in place: v := Q v. */
void ldqr_apply_q(const ldqr *qr, long double *v);
/* Solves R g = qty[0..rank) for g (rank entries, in pivoted order). */
void ldqr_solve(const ldqr *qr, const long double *qty, long double *g);
/* Inverse of the rank × rank R into rinv (row-major, upper triangular). */
void ldqr_rinv(const ldqr *qr, long double *rinv);
void ldqr_free(ldqr *qr);

#endif
