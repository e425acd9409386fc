/* study_steps_impl: the steps of a study, one function a section kind, which the
 * dispatcher (study.c) calls in file order. Each reads its section, does its work
 * through the lower modules (scan, table, model, stats, plot) and records what it made in
 * the run state; none writes the report. Errors carry the study's FILE:LINE. */
#ifndef DAMIRSTAT_STUDY_STEPS_IMPL_H
#define DAMIRSTAT_STUDY_STEPS_IMPL_H

#include "study_state_impl.h"

/* [inputs] + [aggregate] (study_agg.c): the DAMIR files aggregated, or read back from the
 * cache in OUT/.cache; pushes the table (named by `as`) and keeps the aggregate. */
int study_aggregate_step(const study_t *s, const study_section *sec, study_state *r,
                         ds_err *err);
/* Fingerprints the reference files of the [table] and [join] steps into r->inputs (after
 * the steps ran, so that the report lists what they read). */
int study_inputs_note_tables(study_state *r, ds_err *err);

/* [table NAME] (study_table.c): a reference table loaded and reshaped; pushed as NAME. */
int study_table_step(const study_t *s, const study_section *sec, study_state *r, ds_err *err);
/* [join NAME] (study_join.c): two tables joined; pushed as NAME, unmatched keys noted. */
int study_join_step(const study_t *s, const study_section *sec, study_state *r, ds_err *err);
/* [derive] (study_derive.c): new number columns on a table of the run, in place. */
int study_derive_step(const study_t *s, const study_section *sec, study_state *r, ds_err *err);
/* [fit NAME] (study_fit.c): a model fitted on a table of the run; pushed as a study_fit. */
int study_fit_step(const study_t *s, const study_section *sec, study_state *r, ds_err *err);
/* The spatial keys of a [fit] (study_spatial.c): read into f->spatial (left NULL when the
 * section has none), then, after the fit, Conley standard errors and spatial_run. */
int study_spatial_options(const study_t *s, const study_section *sec, study_fit *f,
                          ds_err *err);
int study_spatial_run(const study_t *s, const study_section *sec, study_fit *f, ds_err *err);
/* [corr NAME] and [moran NAME] (study_stats.c). */
/* The corr options of a section's methods, bootstrap, seed and level keys (study_stats.c),
 * shared by [corr] and [screen]. */
int study_corr_options(const study_t *s, const study_section *sec, corr_options *o,
                       ds_err *err);
int study_corr_step(const study_t *s, const study_section *sec, study_state *r, ds_err *err);
/* After every step: the p-values of the [corr] steps with an `adjust` key, adjusted together
 * (each method over those steps, as p.adjust). DS_EDATA for an unknown method or two steps
 * naming different ones. */
int study_corr_adjust(const study_t *s, study_state *r, ds_err *err);
int study_moran_step(const study_t *s, const study_section *sec, study_state *r, ds_err *err);
/* [standardize NAME] (study_standardize.c): indirectly standardised ratios of a table of
 * observed values against a population table; pushed as the table NAME and kept for the
 * report. */
int study_standardize_step(const study_t *s, const study_section *sec, study_state *r,
                           ds_err *err);
/* [screen NAME] (study_screen.c): correlations of several columns (x) with one (y), their
 * p-values adjusted over the screen (Holm and Benjamini–Hochberg by default). */
int study_screen_step(const study_t *s, const study_section *sec, study_state *r, ds_err *err);
/* [robustness NAME] (study_robust.c): the slopes of fits named before, one row per
 * specification, for the report's Table 2 and the headline's range. */
int study_robustness_step(const study_t *s, const study_section *sec, study_state *r,
                          ds_err *err);
/* [plot NAME] (study_plot.c): a figure drawn into the output folder (or kept when fresh). */
int study_plot_step(const study_t *s, const study_section *sec, study_state *r, ds_err *err);

/* Prints what the loader noted about t as run warnings (study_table.c), unless quiet. */
void study_table_notes(const study_state *r, const table_t *t);
/* What each step checks before any step runs (study_check.c calls them for the whole file
 * first): its section's values alone — numbers, names of closed sets, formulas,
 * expressions, files found — through the same parsers the step then uses. The names of
 * tables and fits a section refers to are checked by study_check.c. */
int study_aggregate_check(const study_t *s, const study_section *sec, ds_err *err);
int study_table_check(const study_t *s, const study_section *sec, ds_err *err);
int study_join_check(const study_t *s, const study_section *sec, ds_err *err);
int study_derive_check(const study_t *s, const study_section *sec, ds_err *err);
int study_fit_check(const study_t *s, const study_section *sec, ds_err *err);
int study_corr_check(const study_t *s, const study_section *sec, ds_err *err);
int study_moran_check(const study_t *s, const study_section *sec, ds_err *err);
int study_plot_check(const study_t *s, const study_section *sec, ds_err *err);
/* study_check.c: every section checked, in file order, before any work (study.c). */
int study_check(const study_t *s, ds_err *err);

/* Shared by the steps that take `exclude = COLUMN VALUE…` (study_table.c): a copy of t
 * without the rows whose column holds one of the values; DS_EDATA for a bad spec. */
int study_table_exclude(const table_t *t, const char *spec, table_t **out, ds_err *err);

#endif
