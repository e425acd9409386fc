/* cmd_fit_impl: the spatial side of `damirstat fit` (cmd_fit_spatial.c) — the options for
 * the neighbours and weights, the LM tests, the spatial models and Conley standard errors,
 * their checks, the run after the OLS fit, and the warnings — kept beside cmd_fit.c so that
 * the fit command's own file stays the linear model's. */
#ifndef DAMIRSTAT_CMD_FIT_IMPL_H
#define DAMIRSTAT_CMD_FIT_IMPL_H

#include <stdio.h>

#include "damirstat/cli.h"
#include "damirstat/conley.h"
#include "damirstat/model.h"
#include "damirstat/spatial.h"
#include "damirstat/table.h"

/* Option ids, above cmd_fit.c's own. */
enum { FIT_O_LM_TESTS = 100, FIT_O_SPATIAL, FIT_O_STYLE, FIT_O_ISLANDS, FIT_O_CENTROIDS,
       FIT_O_DRAWS, FIT_O_LOGDET };

/* The entries of fit's option table for the spatial options (inside cmd_fit.c's table). */
#define FIT_SPATIAL_OPTIONS                                                                  \
    {"lm-tests", 0, NULL, FIT_O_LM_TESTS, "Lagrange multiplier tests of the OLS residuals "   \
     "for a spatial error or lag process (LMerr, LMlag, their robust forms RLMerr, RLMlag, "  \
     "and SARMA), as R's spdep::lm.LMtests; units: the --key column", NULL},                \
    {"spatial", 0, "MODEL", FIT_O_SPATIAL, "fit a spatial model by maximum likelihood, as "   \
     "R's spatialreg: error (errorsarlm: y = Xb + u, u = lambda Wu + e), lag (lagsarlm: "     \
     "y = rho Wy + Xb + e), durbin (lag with WX), or slx (least squares on X and WX, "       \
     "lmSLX); with lambda or rho, the LR test against OLS, impacts (lag, durbin, slx) and "  \
     "Moran's I of its residuals; units: the --key column", NULL},                          \
    {"weights", 0, "W|B", FIT_O_STYLE, "spatial weights row-standardised (W, the default) "   \
     "or binary (B); not --weight COL, which is weighted least squares", NULL},              \
    {"islands", 0, "drop|keep", FIT_O_ISLANDS, "departments without a neighbour (overseas, " \
     "Corsica alone): left out and listed, the model refitted without them (drop, the "      \
     "default), or kept with a zero spatial lag (keep, as spdep's zero.policy = TRUE)",      \
     NULL},                                                                                  \
    {"centroids", 0, "FILE", FIT_O_CENTROIDS, "dep,lon,lat in degrees for knn:, band: and "  \
     "--se conley (default external-data/departements-centroides.csv)", NULL},               \
    {"impacts-draws", 0, "N", FIT_O_DRAWS, "standard errors of the impacts from N draws of " \
     "the estimates (spatialreg's impacts(R = N)); default 0: analytic impacts alone", NULL}, \
    {"logdet", 0, "M", FIT_O_LOGDET, "log|I - lambda W| from the eigenvalues of W (eigen: "  \
     "exact, spatialreg's method \"eigen\") or a sparse Cholesky factorisation (sparse: for " \
     "thousands of units, symmetric neighbours); auto (default) takes eigen up to 1500 "     \
     "units", NULL},

#define FIT_NEIGHBOURS_HELP                                                                \
    "the neighbours of the departments, for --moran, --lm-tests and --spatial: "          \
    "contiguity (shared borders, external-data/departements-contiguite.csv; the "         \
    "default), knn:K (the K nearest by centroid distance), band:KM (centroids within KM "  \
    "km), or a file of dep,voisin pairs (each pair both ways); unit,neighbour pairs name " \
    "any other units (communes, cells) matched to --key exactly"

struct fit_spatial {
    spatial_request rq;   /* key_col is cmd_fit's --key */
    int conley;           /* --se conley:KM */
    conley_options co;
};

void fit_spatial_init(struct fit_spatial *s);
/* --neighbours SPEC. */
int fit_spatial_neighbours(struct fit_spatial *s, const char *v, ds_err *err);
/* --se: 0 when v is a Conley spec (kept in s), 1 when it is another kind, or DS_EUSAGE. */
int fit_spatial_se(struct fit_spatial *s, const char *v, ds_err *err);
/* The options of fit_spatial_opts. */
int fit_spatial_option(struct fit_spatial *s, int id, const char *v, ds_err *err);
/* What the spatial options need (least squares, no weights, and a key column): after parsing
 * with key_known 0 (the key may still be found in the data), after reading the table with 1. */
int fit_spatial_check(const struct fit_spatial *s, const model_options *opt, const char *key,
                      int key_known, ds_err *err);
/* Conley standard errors into f, then the LM tests and the spatial model into r (f->spatial
 * points to r); the impact draws take opt->seed (fit's --seed). Nothing when none was
 * asked. */
int fit_spatial_run(const struct fit_spatial *s, const table_t *t, model_fit *f,
                    const model_options *opt, spatial_result *r, ds_err *err);
/* Warnings on fp: λ or ρ at the end of its interval. */
void fit_spatial_warn(FILE *fp, const spatial_result *r);

#endif
