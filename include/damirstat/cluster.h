/* cluster: cluster-robust inference for regression coefficients — the sandwich covariance
 * with one or two clustering columns (CR0, CR1), Bell and McCaffrey's CR2 with Satterthwaite
 * degrees of freedom, and the restricted wild cluster bootstrap of one coefficient.
 *
 * Works on plain arrays so that every fit can use it (least squares, least squares with
 * absorbed fixed effects, GLMs by IRLS): the fit hands over its bread B (p × p, (X'WX)⁻¹ over
 * the estimated columns) and its scores (n × p, row i = x_i w_i e_i; for a GLM the working
 * weight times the working residual), and gets back a p × p covariance with the number of
 * groups and the degrees of freedom of its t tests. Matrices are row-major double arrays.
 *
 * Definitions (the sources each test cites):
 *   CR0  V = B (Σ_g s_g s_g') B, s_g = Σ_{i∈g} score_i          sandwich::vcovCL(type = "HC0",
 *                                                                cadjust = FALSE)
 *   CR1  V = c · CR0, c = G/(G−1) · (n−1)/(n−k)                 fixest's default ssc(adj = TRUE,
 *        t on G − 1 degrees of freedom                          cluster.adj = TRUE), Stata's
 *                                                                vce(cluster); sandwich's
 *                                                                vcovCL(type = "HC1") when k
 *                                                                counts every coefficient
 *   two-way: V_1 + V_2 − V_{1∩2}, one factor c with G = min(G_1, G_2) (fixest's cluster.df =
 *        "min"), t on min(G_1, G_2) − 1 df; when a variance on the diagonal comes out
 *        negative, the eigenvalues below 0 are set to 0 (Cameron, Gelbach & Miller 2011;
 *        sandwich's fix = TRUE) and the result says so.
 *   CR2  V = B (Σ_g X_g'W_g A_g e_g e_g' A_g W_g X_g) B, A_g = [(I − H)(I − H)']_gg^{-1/2}
 *        with H = X B X'W (unweighted: (I − X_g B X_g')^{-1/2}; symmetric root,
 *        pseudo-inverse on a null space), t on the Satterthwaite degrees of freedom of each
 *        coefficient under a working model of independent homoskedastic errors (Θ = I, for a
 *        weighted fit too): clubSandwich::vcovCR(type = "CR2") with coef_test(test =
 *        "Satterthwaite"), estimatr::lm_robust(se_type = "CR2"), weights or not. Absorbed fixed
 *        effects partialled out give the CR2 of the model with the dummies when the fixed
 *        effects are nested within the clusters (Pustejovsky & Tipton 2018; the caller checks
 *        the nesting).
 *
 * The k of CR1 is the caller's: fixest counts the slopes and the fixed-effect parameters
 * that are not nested within a cluster; lm + vcovCL counts every coefficient. */
#ifndef DAMIRSTAT_CLUSTER_H
#define DAMIRSTAT_CLUSTER_H

#include <stddef.h>
#include <stdint.h>

#include "damirstat/err.h"
#include "damirstat/table.h"

typedef enum { CLUSTER_CR0, CLUSTER_CR1, CLUSTER_CR2 } cluster_type;

/* A grouping of n rows: group[i] in 0 … ngroups − 1, every code used by some row. */
typedef struct cluster_ids {
    char *name;      /* the clustering column, for messages and output */
    size_t *group;   /* n codes */
    size_t n, ngroups;
} cluster_ids;

/* The codes of column `column` of t on the rows rows[0 … n) (a fit's rows): one group a
 * distinct text, except that department and region key columns are canonicalised first (`1`,
 * `01`, `001` one group; see model's factor levels). DS_EDATA for an unknown column, a
 * missing cell (naming its line: drop such rows before the fit) or a single group. */
int cluster_ids_from_table(const table_t *t, const char *column, const size_t *rows, size_t n,
                           cluster_ids *out, ds_err *err);
void cluster_ids_free(cluster_ids *ids); /* accepts a zeroed struct */

typedef struct cluster_vcov_result {
    double *vcov;        /* p × p, owned (cluster_vcov_result_free) */
    double *df;          /* p: degrees of freedom of each coefficient's t (CR2: Satterthwaite) */
    size_t nway;         /* 1 or 2 */
    size_t ngroups[2];   /* G of each clustering */
    double adjustment;   /* the factor c applied (1 for CR0 and CR2) */
    int psd_fixed;       /* two-way: negative eigenvalues were set to 0 */
} cluster_vcov_result;

/* CR0 or CR1 from the bread (p × p) and scores (n × p) over one or two (nway) groupings of
 * the same n rows. k: the parameter count of (n − 1)/(n − k). DS_EDATA when a grouping has
 * fewer than 2 groups, n <= k, or a number is not finite. On success out is filled. */
int cluster_vcov(const double *bread, const double *scores, size_t n, size_t p,
                 const cluster_ids *ids, size_t nway, cluster_type type, size_t k,
                 cluster_vcov_result *out, ds_err *err);

/* CR2 (one grouping) from the bread B = (X'WX)⁻¹ (p × p), the design x (n × p) and the
 * residuals e (n), both as least squares saw them (times √w), and the weights w (n, each
 * > 0; NULL for an unweighted fit). Eigenvalues of
 * I − X_g B X_g' at or below 1e-12 count as 0 (a dummy only cluster g informs), as in
 * clubSandwich. DS_EDATA for fewer than 2 groups or a failed GSL eigendecomposition. */
int cluster_vcov_cr2(const double *bread, const double *x, const double *e, const double *w,
                     size_t n, size_t p, const cluster_ids *id, cluster_vcov_result *out,
                     ds_err *err);

void cluster_vcov_result_free(cluster_vcov_result *r); /* accepts a zeroed struct */

/* Restricted wild cluster bootstrap (WCR) of H0: β_coef = null_value in y = X β + u, as
 * Stata's boottest and R's fwildclusterboot (MacKinnon, Nielsen & Webb 2023; Roodman et al.
 * 2019): the restricted residuals ũ, y* = X β̃ + ũ ⊙ v_g with one weight v_g a cluster, t*
 * the CR1 t of each draw; the p-value is the share of draws with |t*| >= |t| (symmetric,
 * boottest's default). Weights: Rademacher (±1), or Webb's six points (±√½, ±1, ±√(3/2))
 * when G < 12; when 2^G <= reps, Rademacher draws are replaced by the 2^G sign vectors
 * each once (full enumeration, as boottest), so the p-value does not depend on the seed.
 * The confidence interval inverts the test: the null values whose p-value is above
 * 1 − level, with the same draws for every null value, bounds found by bisection to a
 * relative precision of 1e-6 of the CR1 interval's width. Draws come from GSL's MT19937
 * seeded with seed, one cluster after another: the same seed gives the same bytes on every
 * run and machine. Absorbed fixed effects must be partialled out of x and y and nested
 * within the clusters (the caller checks). */
typedef enum {
    CLUSTER_WEIGHTS_AUTO, CLUSTER_WEIGHTS_RADEMACHER, CLUSTER_WEIGHTS_WEBB
} cluster_boot_weights;

typedef struct cluster_boot_options {
    size_t coef;            /* column of x tested */
    double null_value;      /* usually 0 */
    size_t reps;            /* B, e.g. 9999 */
    uint64_t seed;
    double level;           /* of the interval, e.g. 0.95 */
    cluster_boot_weights weights; /* AUTO: Webb when G < 12, else Rademacher */
    size_t k;               /* the k of the CR1 factor in t (fixest's K); 0: p. It scales t
                             * and every t* alike, so the p-value does not depend on it */
} cluster_boot_options;

typedef struct cluster_boot_result {
    double t;               /* the CR1 t of the null on the sample */
    double p_value;
    double ci_low, ci_high; /* NAN when the bisection finds no bound (the set is unbounded) */
    size_t reps;            /* draws made: reps, or 2^G under full enumeration */
    int enumerated;
    cluster_boot_weights weights; /* the weights used (never AUTO) */
    size_t ngroups;
} cluster_boot_result;

/* x: n × p (row-major), y: n, id: the bootstrap (and variance) clusters. DS_EDATA for
 * fewer than 2 groups, reps == 0, coef >= p, or a rank-deficient x. */
int cluster_wild_bootstrap(const double *x, const double *y, size_t n, size_t p,
                           const cluster_ids *id, const cluster_boot_options *opt,
                           cluster_boot_result *out, ds_err *err);

/* "CR0", "CR1", "CR2"; "rademacher", "webb". */
const char *cluster_type_name(cluster_type type);
const char *cluster_weights_name(cluster_boot_weights w);

#endif
