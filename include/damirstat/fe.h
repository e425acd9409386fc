/* fe: absorbed fixed effects — the `| fe1 + fe2` part of `y ~ x + z | fe1 + fe2`, fitted as
 * fixest::feols fits it: every column of the model (response, regressors, weights given) has
 * the fixed effects partialled out (the within transformation), and least squares on what is
 * left gives the slopes of the model with one dummy a level (Frisch–Waugh–Lovell).
 *
 * One fixed effect is removed exactly (group means, one sweep). Two or more are removed by
 * alternating projections (the method of lfe and of fixest's demeaning, without their
 * acceleration) until a sweep moves no value by more than 1e-15 of its column's scale, in
 * long double; department tables converge in a few dozen sweeps.
 *
 * Counting, as lm's rank of the dummies (fixest with ssc(fixef.force_exact = TRUE)): a fixed
 * effect that a finer one of the set is nested in (reg beside dep) takes no parameter; of
 * the others, the first two take L_1 + L_2 − C, C the blocks of levels the rows connect
 * (one in a connected panel), and each further one L_j − 1 (exact for up to two kept).
 * fixest's default counts Σ L_j − (nfe − 1) whatever the blocks. In the clustered (CR1)
 * factor, fixest's fixef.K = "nested": the fixed effects nested within a clustering drop
 * out and the others are counted as above.
 * Singletons (rows alone in a level of some fixed effect) are kept, as fixest up to 0.12 keeps them
 * for least squares (reghdfe drops them): their residual is 0 and they add nothing to the
 * slopes, but they count in n. fe_singletons says how many there are so that output can
 * say so. */
#ifndef DAMIRSTAT_FE_H
#define DAMIRSTAT_FE_H

#include <stddef.h>

#include "damirstat/cluster.h"
#include "damirstat/err.h"
#include "damirstat/table.h"

/* One absorbed factor over the n rows of a fit. */
typedef struct fe_factor {
    char *name;        /* the column */
    size_t *group;     /* n codes, 0 … ngroups − 1 */
    size_t ngroups;
    size_t *count;     /* rows in each level */
} fe_factor;

typedef struct fe_set {
    size_t n, nfe;
    fe_factor *f;
} fe_set;

/* The factors columns[0 … nfe) of t on rows[0 … n) (a fit's complete rows; rows NULL: the
 * first n rows of t), levels as factor() reads them (department and region keys
 * canonicalised). DS_EDATA for an unknown column, a missing cell (with its line) or a
 * column named twice. */
int fe_set_build(const table_t *t, const char *const *columns, size_t nfe, const size_t *rows,
                 size_t n, fe_set *out, ds_err *err);
void fe_set_free(fe_set *s); /* accepts a zeroed struct */

/* Partials the fixed effects out of m columns of v in place: column c is v[c * ld … + n),
 * weights w (n, NULL for none, all > 0). *sweeps (may be NULL) gets the sweeps made.
 * DS_EDATA if 100,000 sweeps do not converge (naming the factors). */
int fe_demean(const fe_set *s, const long double *w, long double *v, size_t ld, size_t m,
              size_t *sweeps, ds_err *err);

/* Rows alone in their level of at least one fixed effect. */
size_t fe_singletons(const fe_set *s);

/* The parameters the fixed effects take, counted as above. */
size_t fe_parameters(const fe_set *s);

/* 1 if every level of f lies within a single cluster of id (same n rows). */
int fe_nested_in(const fe_factor *f, const cluster_ids *id);

/* The k of the CR1 factor (n − 1)/(n − k) for p slopes and the clusterings id[0 … nid),
 * fixest's fixef.K = "nested": p + fe_parameters of the factors nested in no clustering
 * (p + 1 when every factor is nested in one). */
size_t fe_cluster_k(const fe_set *s, size_t p, const cluster_ids *id, size_t nid);

#endif
