/* moran: Moran's I of a department (or region) variable over contiguity.
 *
 * Department-level regressions are spatially correlated (neighbours share doctors, habits
 * and coding practice), which makes OLS standard errors too small; Moran's I of a variable
 * or of residuals tells a user how much. Weights are row-standardised contiguity (a shared
 * border, from external-data/departements-contiguite.csv by default). Departments without a
 * neighbour among those present (Corsica without the mainland, overseas) are excluded and
 * reported. Regions are tested over region contiguity (external-data/regions-contiguite.csv,
 * or regions-open-damir-contiguite.csv for Open DAMIR's BEN_RES_REG codes), never as the
 * departments of the same numbers. Inference as R's spdep::moran.test (alternative "greater"): under normality and
 * under randomisation (the default shown), plus a permutation p as spdep::moran.mc:
 * (k + 1) / (N + 1), k the permutations with I at least the observed one.
 *
 * Residuals of a regression are not a raw variable: they sum to zero and are correlated
 * through the fit, so moran.test's moments are wrong for them. moran_fit_residuals tests
 * them as spdep::lm.morantest does (alternative "greater"): the model is refitted on the
 * departments with a neighbour (R's lm.morantest needs the fit and the weights over the same
 * rows), and E[I] and Var[I] take the model matrix into account. Its permutation p permutes
 * the residuals and is conditional on the fit (they are not exchangeable): a rough check. */
#ifndef DAMIRSTAT_MORAN_H
#define DAMIRSTAT_MORAN_H

#include <stddef.h>

#include "damirstat/err.h"
#include "damirstat/geo.h"
#include "damirstat/json.h"
#include "damirstat/model.h"
#include "damirstat/table.h"
#include "damirstat/weights.h"

#define MORAN_NEIGHBOURS_FILE "departements-contiguite.csv" /* found with geo_data_path */
#define MORAN_DEFAULT_NEIGHBOURS "external-data/" MORAN_NEIGHBOURS_FILE
#define MORAN_REGION_NEIGHBOURS_FILE "regions-contiguite.csv"
#define MORAN_OPENDAMIR_NEIGHBOURS_FILE "regions-open-damir-contiguite.csv"

typedef struct moran_options {
    const char *neighbours;      /* `CODE,voisin` file (first column the codes); NULL for the
                                  * shipped one of the level */
    unsigned long permutations;  /* 0: no permutation test */
    unsigned long seed;          /* GSL mt19937 seed for the permutations */
    geo_level level;             /* GEO_LEVEL_REGION: keys are regions of `scheme`, tested
                                  * over region contiguity; anything else: departments */
    geo_region_scheme scheme;
    /* Other weights (weights.h: k nearest, a distance band, binary style); NULL for
     * row-standardised contiguity from `neighbours`. Islands are always left out. */
    const weights_options *weights;
} moran_options;

/* Sets opt->level and opt->scheme for the n keys of column colname: level_text "region" or
 * "department" when given, else the column's name (BEN_RES_REG, reg…; dep…), else the
 * codes (geo_level_of_codes). DS_EUSAGE when level_text is another word, and when every
 * code is both a department and a region code under a name that says neither: the caller's
 * message then asks for the level (its option or key is named by `ask`, "--level"). */
int moran_key_level(const char *const *keys, size_t n, const char *colname,
                    const char *level_text, const char *ask, moran_options *opt, ds_err *err);

typedef struct moran_result {
    size_t n;                 /* departments used */
    size_t n_isolated;        /* departments dropped for want of a neighbour */
    char (*isolated)[8];      /* their codes (owned; moran_result_free) */
    double i, expected;       /* Moran's I and E[I] = -1/(n-1) */
    double var_normal, z_normal, p_normal;  /* normality assumption */
    double var_random, z_random, p_random;  /* randomisation assumption */
    unsigned long permutations;
    double p_permutation;     /* NAN without permutations */
    /* Residual tests (moran_compute_lm, moran_fit_residuals): lm = 1 when E[I] and the
     * fields below are lm.morantest's (the randomisation and normality ones are then NAN);
     * lm = 0 when the residuals were tested as a variable (robust fits, see
     * moran_fit_residuals). rank: columns of the model matrix (k). */
    int lm;
    size_t rank;
    double var_lm, z_lm, p_lm;
} moran_result;

/* Moran's I of values[i] at department (or, with opt->level, region) keys[i] (any spelling
 * geo canonicalises; a key that is not a code of the level is DS_EDATA; a repeated one
 * too). n ≥ 3 departments with
 * neighbours and a non-constant variable are needed (DS_EDATA otherwise). */
int moran_compute(const char *const *keys, const double *values, size_t n,
                  const moran_options *opt, moran_result *out, ds_err *err);

/* Moran's I of regression residuals as spdep::lm.morantest: u[i] the residuals at
 * department keys[i] (times √w for a weighted fit) of a least-squares fit on exactly these
 * n rows, x its n × k model matrix (row-major, full column rank, rows times √w). I =
 * u'Wu / u'u; with M = I − X(X'X)⁻¹X', E[I] = tr(MW) / (n − k) and Var[I] =
 * (tr(MWMW') + tr((MW)²) + tr(MW)²) / ((n − k)(n − k + 2)) − E[I]². Every department must
 * have a neighbour among the keys (DS_EDATA naming one that has none). */
int moran_compute_lm(const char *const *keys, const double *u, const double *x, size_t n,
                     size_t k, const moran_options *opt, moran_result *out, ds_err *err);

/* Moran's I of the residuals of f (fitted from t with fopt by model_fit_formula), the
 * departments read from column key_col: the departments without a neighbour among the
 * fit's rows are left out (out->isolated), the model is refitted on the others, and the
 * refit's residuals are tested with moran_compute_lm. A huber or bisquare fit is not a
 * least-squares fit: its residuals are tested as a variable (moran_compute, out->lm = 0).
 * DS_EDATA for a key that is not a department, or when the refit fails (a term that no
 * longer varies, too few rows), with a message that says so. */
int moran_fit_residuals(const table_t *t, const model_fit *f, const model_options *fopt,
                        const char *key_col, const moran_options *opt, moran_result *out,
                        ds_err *err);

/* The test a report shows: lm.morantest's when r->lm, else moran.test's under randomisation
 * (spdep's default). Fills *var, *z, *p (one-sided, I > E[I]); returns "lm.morantest" or
 * "moran.test". */
const char *moran_reported(const moran_result *r, double *var, double *z, double *p);

/* The moran object (schema "damirstat.moran/1", docs/json.md) as the next value of w
 * (compact), for `moran`, `fit --moran` and a study's results.json alike: the reported test
 * (moran_reported) as variance, z and p, the normality ones beside them (null for
 * lm.morantest). n_missing: rows left out for a missing value before the test (for
 * residuals, the fit's n_dropped). */
#define MORAN_SCHEMA "damirstat.moran/1"
void moran_json(json_w *w, const moran_result *r, size_t n_missing);

void moran_result_free(moran_result *r); /* frees what moran_compute allocated */

#endif
