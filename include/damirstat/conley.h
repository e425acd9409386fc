/* conley: standard errors robust to spatial correlation (Conley 1999, "GMM estimation with
 * cross sectional dependence", J. Econometrics 92) for least-squares fits.
 *
 * V = (X'X)⁻¹ (Σ_i Σ_j K(d_ij) e_i e_j x_i x_j') (X'X)⁻¹, d_ij the great-circle distance in
 * km between the units' coordinates (weights_great_circle_km: haversine, radius 6371.0088
 * km), K the Bartlett kernel 1 − d/cutoff below the cutoff (the default) or the uniform
 * kernel 1 up to the cutoff, 0 beyond. i = j is included (K = 1), so a cutoff below every
 * distance gives HC0. No small-sample factor is applied (as conleyreg; fixest's
 * vcov_conley applies its ssc() adjustment). O(n²k²) time, O(k²) memory: fine for
 * departments, minutes for 36,000 communes. */
#ifndef DAMIRSTAT_CONLEY_H
#define DAMIRSTAT_CONLEY_H

#include <stddef.h>

#include "damirstat/err.h"
#include "damirstat/model.h"
#include "damirstat/table.h"

typedef enum { CONLEY_BARTLETT, CONLEY_UNIFORM } conley_kernel;

typedef struct conley_options {
    double cutoff_km;
    conley_kernel kernel;
} conley_options;

/* "conley:KM" (Bartlett) or "conley-uniform:KM" into opt: 0; 1 if s is not a Conley
 * spec at all (another SE name); DS_EUSAGE with a message for a bad distance. */
int conley_parse(const char *s, conley_options *opt, ds_err *err);
const char *conley_kernel_name(conley_kernel k); /* "bartlett", "uniform" */

/* V (k × k, row-major) for the design x (n × k, row-major, full rank), residuals e and
 * coordinates lon, lat (degrees). DS_EDATA for a rank-deficient design or a coordinate
 * that is not finite. */
int conley_vcov(const double *x, const double *e, size_t n, size_t k, const double *lon,
                const double *lat, const conley_options *opt, double *vcov, ds_err *err);

/* Replaces the standard errors of f (an unweighted OLS fit) by Conley's: v is the rank × rank
 * covariance of the estimated terms in model order; t, p and intervals follow on
 * f->df_residual (as the HC kinds do); f->se becomes MODEL_SE_CONLEY with the cutoff and
 * kernel recorded. */
void conley_apply(model_fit *f, const double *v, const conley_options *opt);

/* Conley standard errors for f, fitted from t with fopt by model_fit_formula (absorbed fixed
 * effects included: the design is then the within-transformed slopes, as fixest takes it):
 * the coordinates are the centroids (centroids file, NULL for the shipped one) of the
 * departments in column key_col of f's rows. DS_EUSAGE for a weighted or robust fit;
 * DS_EDATA for a missing key column or centroid. */
int conley_fit(const table_t *t, model_fit *f, const model_options *fopt, const char *key_col,
               const char *centroids, const conley_options *opt, ds_err *err);

#endif
