/* regtable: a side-by-side regression table — models as columns, estimates with their
 * standard errors in parentheses beneath, then n, R², the method, the SE type, fixed
 * effects — as R's modelsummary and stargazer lay it out, in Markdown, HTML or LaTeX.
 *
 * It reads fit objects (docs/json.md, "fit"), not model_fit structs, so that `damirstat
 * models RESULTS.json` and a study's report show the same table from the same numbers, and
 * so that the members later kinds of fit add show up without a change here: a row appears
 * when any model has the member — `cluster` (the SE row says "CR1 by reg"; its count of
 * clusters a row of its own), `family` (and `link`), `dispersion`, `theta`, `spatial` (its
 * model, ρ or λ with its SE, and its log-likelihood; a fit with a spatial model is shown as
 * that model: the member's coefficients and n, not the OLS fit's), `fixed_effects` (or the
 * `| fe1 + fe2` part of the formula). Input: a study's results.json (damirstat.results/1:
 * a column a fit, headed by its label), one fit object, or an array of them. Numbers: three
 * decimals in the usual range, three significant digits outside it; stars optional
 * (* p < 0.05, ** p < 0.01, *** p < 0.001, modelsummary's thresholds without its 0.1).
 * JSON is read with jansson. */
#ifndef DAMIRSTAT_REGTABLE_H
#define DAMIRSTAT_REGTABLE_H

#include <stdio.h>

#include "damirstat/err.h"

typedef enum { REGTABLE_MD, REGTABLE_HTML, REGTABLE_TEX } regtable_format;

typedef struct regtable regtable;

typedef struct regtable_options {
    int stars;                /* significance stars after the estimates */
    const char *const *omit;  /* terms left out, NULL-terminated; "share_*" is a prefix; each
                               * pattern gets a row saying which models have such terms */
} regtable_options;

/* Reads the fits of a results.json, a fit object or an array of fit objects at path. DS_EIO
 * when the file cannot be read, DS_EDATA naming the file when it is not such JSON (or
 * holds no fit). */
int regtable_read(const char *path, regtable **out, ds_err *err);

/* Number of models (columns) shown: all read, unless regtable_select chose fewer. */
size_t regtable_models(const regtable *t);

/* The columns, so that 23 fits do not make 23 columns: fits[0..nfits) are names of a
 * results.json's fits or column numbers from 1, shown in that order; {"all"}: every fit.
 * nfits 0: the study's own choice recorded in results.json ("table_fits", from [report]
 * table_fits), else every fit when there are at most REGTABLE_DEFAULT_COLUMNS, else the
 * first REGTABLE_DEFAULT_COLUMNS. A line under the table says how many it shows of how many.
 * DS_EUSAGE naming an unknown fit (with the likely one meant) or a number out of range. */
#define REGTABLE_DEFAULT_COLUMNS 6
#define REGTABLE_MAX_CHOSEN 64
int regtable_select(regtable *t, const char *const *fits, size_t nfits, ds_err *err);

/* The table in the format, to fp. DS_EIO on a write error. */
int regtable_write(const regtable *t, const regtable_options *opt, regtable_format fmt,
                   FILE *fp, ds_err *err);

void regtable_free(regtable *t);

#endif
