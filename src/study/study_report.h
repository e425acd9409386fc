/* study_report: report.md and results.json of a run (study_report.c, study_json.c). */
#ifndef DAMIRSTAT_STUDY_REPORT_H
#define DAMIRSTAT_STUDY_REPORT_H

#include <stdio.h>

#include "study_run.h"

const char *study_se_name(model_se se);
/* x for text: three decimals in the usual range, else three significant digits. */
void study_num(char *buf, size_t size, double x);
/* Index of the fit the headline is about ([report] headline = NAME, else the first fit
 * with a term), or -1. */
int study_headline_fit(const study_state *r);
void study_headline_text(const study_fit *f, char *buf, size_t size);
/* Sections between the models and the inputs: figures, correlations, Moran's I. */
void study_report_extras(FILE *fp, const study_state *r);
/* The [corr] results as report sections and as the "correlations" member of the JSON. */
void study_corr_report(FILE *fp, const study_state *r);
void study_corr_json(FILE *fp, const study_state *r);
void study_plot_report(FILE *fp, const study_state *r);
void study_moran_report(FILE *fp, const study_state *r);
void study_moran_json(FILE *fp, const study_state *r);
/* Fingerprints the reference files of [table] and [join] steps into r->inputs. */
int study_note_tables(study_state *r, ds_err *err);
/* Size, mtime and CRC-32 of a file; DS_EIO naming it. */
int study_fingerprint(const char *path, study_input *in, ds_err *err);
/* The number at dotted key path keys of a JSON file (the gen truth manifest). */
int study_json_number(const char *path, const char *keys, double *value, ds_err *err);
int study_json_write(const study_state *r, const char *path, ds_err *err);

#endif
