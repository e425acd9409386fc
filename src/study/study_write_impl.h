/* study_write_impl: the writers of a run — report.md (study_report.c) and results.json
 * (study_json.c) — which read the run state and never run a step. The dispatcher calls
 * them once every step has run. */
#ifndef DAMIRSTAT_STUDY_WRITE_IMPL_H
#define DAMIRSTAT_STUDY_WRITE_IMPL_H

#include <stddef.h>
#include <stdio.h>

#include "study_state_impl.h"

/* report.md at path: the headline, slopes, figures, diagnostics, models, data, inputs and
 * the study file itself. DS_EIO on a write error (no partial file is left). */
int study_report_md_write(const study_state *r, const char *path, const char *json_path,
                          ds_err *err);
/* results.json at path (docs/json.md, "results"): every number in full precision, the fit,
 * corr, moran and aggregate objects as the commands print them. */
int study_results_json_write(const study_state *r, const char *path, ds_err *err);

/* The "Standardised ratios" section of report.md (study_report_std.c); nothing without a
 * [standardize] step. */
void study_report_standardize(FILE *fp, const study_state *r);
/* The spatial side of a fit in report.md (study_report_spatial.c): the weights used and the
 * departments left out, Conley standard errors, the LM tests, the spatial model with its
 * headline slope, LR test, impacts and Moran's I of its residuals. Nothing without it. */
void study_spatial_md(FILE *fp, const study_fit *f);
/* The slope a spatial fit puts in the slopes table: the spatial model's coefficient of the
 * headline term (error, slx) or its total impact (lag, durbin; interval: the draws' 2.5 and
 * 97.5 % quantiles, p: their two-sided sign share; none without draws), with its n. 0 when
 * f has no spatial model. */
int study_spatial_slope(const study_fit *f, model_term *out, size_t *n);

/* The finding's Table 2 (study_report_robust.c): each [robustness] step's rows in report.md
 * and in results.json ("robustness"); the headline's sentence on the range of table i's
 * slopes ("" when there is no table i). */
void study_report_robustness(FILE *fp, const study_state *r);
void study_json_robustness(json_w *w, const study_state *r);
void study_robust_headline(const study_state *r, size_t i, char *buf, size_t size);

/* The [screen] steps (study_report_screen.c): a table each in report.md, "screens" in
 * results.json. */
void study_report_screens(FILE *fp, const study_state *r);
void study_json_screens(json_w *w, const study_state *r);

/* Index of the fit the headline is about ([report] headline = NAME, else the first fit
 * with a term), or -1. */
int study_headline_fit(const study_state *r);
/* One line: the fit's slope per +scale, its CI, n and R², the published and planted
 * slopes. */
void study_headline_text(const study_fit *f, char *buf, size_t size);
/* The term a fit's headline speaks of: a spatial model's own slope (total impact of a lag
 * model; *n its rows) in *spatial, else the fit's term (*n = the fit's n). */
const model_term *study_headline_term(const study_fit *f, model_term *spatial, size_t *n);

/* A number for text: three decimals in the usual range, three significant digits outside
 * it, "–" for NAN. A scale as a reader writes it: 100, 1,000,000. */
void study_format_num(char *buf, size_t size, double x);
void study_scale_text(char *buf, size_t size, double scale);
/* x with `decimals` decimals and its thousands grouped: 5,218,374,165; 2,363.66. */
void study_group_num(char *buf, size_t size, double x, int decimals);

/* s as text of report.md, into buf (returned): the characters Markdown reads as markup
 * (HTML tags and entities, emphasis, code, links, table cells) backslash-escaped, so that a
 * cell or a column name of a data file shows as written and is never HTML in a renderer
 * of report.md ("<script>" in a name column became a script under pandoc). */
const char *study_md(const char *s, char *buf, size_t size);

/* study_describe.c: a row's key as a reader knows it, "Mayotte (976)" (departments, or
 * regions when the key column is named so; the key alone otherwise), followed by the
 * within column's value when given (a panel's year: "Gers (32, 2014)"), as report.md text
 * (study_md). */
void study_key_label(const table_t *t, const char *key_col, const char *within, size_t row,
                     char *buf, size_t size);
/* A canonical department or region code as "Guyane (973)"; the buffer is static, valid
 * until the next call. */
const char *study_area_label(const char *code, geo_level level, geo_region_scheme scheme);
/* "departments", "regions" or "rows": what the fit's rows are, from its key column. */
const char *study_unit_noun(const study_fit *f);
/* "101 departments", or "202 rows of 101 departments" when the key repeats (a panel). */
void study_units_text(const study_fit *f, char *buf, size_t size);
/* "How to read it": [report] how_to_read (or a default), the size of a +scale step, and the
 * note on "Published in CI" when a fit has a published value. */
void study_how_to_read(FILE *fp, const study_state *r, const study_fit *f);
/* The descriptive statistics of the headline model's variables over its rows. */
void study_describe_section(FILE *fp, const study_state *r);
/* The fits side by side, read back from results.json at json_path. */
int study_models_section(FILE *fp, const study_state *r, const char *json_path, ds_err *err);

/* report.html beside report.md: the Markdown of md_path as HTML, figures inline (base64 PNG,
 * inline SVG), no external resource, styled for screen and print. */
int study_report_html_write(const study_state *r, const char *md_path, const char *path,
                            ds_err *err);

#endif
