/* moran: Moran's I of a department variable over department contiguity.
 *
 * Department-level regressions are spatially correlated (neighbours share doctors, habits
 * and coding practice), which makes OLS standard errors too small; Moran's I of a variable
 * or of residuals tells a user how much. Weights are row-standardised contiguity (a shared
 * border, from external-data/departements-contiguite.csv by default). Departments without a
 * neighbour among those present (Corsica without the mainland, overseas) are excluded and
 * reported. Inference as R's spdep::moran.test (alternative "greater"): under normality and
 * under randomisation (the default shown), plus a permutation p as spdep::moran.mc:
 * (k + 1) / (N + 1), k the permutations with I at least the observed one. */
#ifndef DAMIRSTAT_MORAN_H
#define DAMIRSTAT_MORAN_H

#include <stddef.h>

#include "damirstat/err.h"

#define MORAN_NEIGHBOURS_FILE "departements-contiguite.csv" /* found with geo_data_path */
#define MORAN_DEFAULT_NEIGHBOURS "external-data/" MORAN_NEIGHBOURS_FILE

typedef struct moran_options {
    const char *neighbours;      /* `dep,voisin` file; NULL for the shipped one */
    unsigned long permutations;  /* 0: no permutation test */
    unsigned long seed;          /* GSL mt19937 seed for the permutations */
} moran_options;

typedef struct moran_result {
    size_t n;                 /* departments used */
    size_t n_isolated;        /* departments dropped for want of a neighbour */
    char (*isolated)[8];      /* their codes (owned; moran_result_free) */
    double i, expected;       /* Moran's I and E[I] = -1/(n-1) */
    double var_normal, z_normal, p_normal;  /* normality assumption */
    double var_random, z_random, p_random;  /* randomisation assumption */
    unsigned long permutations;
    double p_permutation;     /* NAN without permutations */
} moran_result;

/* Moran's I of values[i] at department keys[i] (any spelling geo canonicalises; a key that
 * is not a department is DS_EDATA; a repeated department too). n ≥ 3 departments with
 * neighbours and a non-constant variable are needed (DS_EDATA otherwise). */
int moran_compute(const char *const *keys, const double *values, size_t n,
                  const moran_options *opt, moran_result *out, ds_err *err);

void moran_result_free(moran_result *r); /* frees what moran_compute allocated */

#endif
