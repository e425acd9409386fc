/* report: a fitted model as text (like R's summary.lm), JSON (a stable contract for
 * scripts), TSV (a row per term) and per-row diagnostics as CSV.
 *
 * JSON: the fit object, schema "damirstat.fit/1", documented field by field in docs/json.md;
 * written compact (one line), numbers with 17 significant digits, null for NAN or infinity,
 * keys in this order: {"schema", "n", "df_residual", "sigma", "r_squared", "adj_r_squared",
 * "f_statistic", "f_p_value", "log_likelihood", "aic", "bic", "coefficients": [{"term",
 * "estimate", "std_error", "t_value", "p_value", "ci_low", "ci_high"}, …], "n_dropped",
 * "n_zero_weight", "method", "se_type", "level", "condition_number", ["sigma_for_se"],
 * "aliased": [names], "formula", "response", then, when the fit has them, "cluster",
 * "fixed_effects", "wild_bootstrap" (and each coefficient a "df" when clustered)}. `fit
 * --format json` and a study's
 * results.json carry the same object, byte for byte. Scripts may rely on these keys; new
 * kinds of fit add members after "response". */
#ifndef DAMIRSTAT_REPORT_H
#define DAMIRSTAT_REPORT_H

#include <stdio.h>

#include "damirstat/err.h"
#include "damirstat/json.h"
#include "damirstat/model.h"

/* Row labels for influential rows and residual files: labels[i] names used row i of the
 * fit (f->rows[i]); NULL labels means "row N" with N the 1-based data row. */
typedef struct report_labels {
    const char *const *labels;
    const char *key_name;  /* header of the key column in the residuals file ("row" if NULL) */
} report_labels;

/* Text like R's summary.lm, plus CI columns, log-likelihood, AIC, BIC, the condition
 * number and rows with Cook's distance above 4/n. DS_EIO on a write error. */
int report_fit_text(const model_fit *f, const report_labels *lab, FILE *fp, ds_err *err);
/* The fit object as the next value of w; _members writes its members into an object the
 * caller opened (to add its own after them, as `fit --moran` adds "moran"). */
#define REPORT_FIT_SCHEMA "damirstat.fit/1"
void report_fit_json_object(json_w *w, const model_fit *f);
void report_fit_json_members(json_w *w, const model_fit *f);
/* The members a clustered fit, absorbed fixed effects and a wild bootstrap add to the fit
 * object ("cluster", "fixed_effects", "wild_bootstrap"; docs/json.md), when the fit has
 * them. */
void report_fit_json_cluster(json_w *w, const model_fit *f);
/* The lines the text report adds for them: the clustering, the fixed effects, the wild
 * bootstrap, and — with fewer than 30 clusters and CR1 alone — a note that CR1 is then
 * optimistic, with what to run instead: options spelled for the command line (study 0,
 * "--se cr2") or for a study file (study 1, "se = cr2"). */
void report_fit_cluster_text(const model_fit *f, FILE *fp, int study);
/* With absorbed fixed effects, the first factor() among the estimated terms ("factor(annee)",
 * written to buf) and 1, or 0 (buf "") when there is none. Its dummies are then regressors:
 * the within R² (fixest's, net of the absorbed effects only) counts what they explain, 0.974
 * for a slope with t = 0.34 beside year dummies, and a report must say so. */
int report_within_factor(const model_fit *f, char *buf, size_t size);

/* The fit object on one line of fp. DS_EIO on a write error. */
int report_fit_json(const model_fit *f, FILE *fp, ds_err *err);
/* Header "term estimate std_error t_value p_value ci_low ci_high", a row per term, NA for
 * an aliased term. */
int report_fit_tsv(const model_fit *f, FILE *fp, ds_err *err);
/* CSV: key,fitted,residual,std_residual,leverage,cooks_distance (17 digits, NA if undefined). */
int report_fit_residuals(const model_fit *f, const report_labels *lab, FILE *fp, ds_err *err);

/* Indices (into the fit's rows) of rows with Cook's distance > 4/n, in row order; returns the
 * count and sets *idx (caller frees). */
size_t report_influential(const model_fit *f, size_t **idx);

#endif
