/* study: a declarative study file run end to end — inputs, aggregation, reference tables,
 * joins, derived columns, models, figures and a report — in one command.
 *
 * The study module is the only one that knows every other stage: it calls their C APIs
 * (table, agg, join, expr, model, plot, report) in the order the file gives, keeps the named
 * tables and fits in memory, and writes report.md and results.json into the output folder.
 * The format is INI-like and documented in docs/study-format.md. Errors in the file are
 * `FILE:LINE: message`; errors while running name the section's line too. Relative paths in
 * a study file are relative to the current directory. */
#ifndef DAMIRSTAT_STUDY_H
#define DAMIRSTAT_STUDY_H

#include <stddef.h>

#include "damirstat/err.h"

typedef struct study study_t;

/* Parses the study file at path into *out (caller frees with study_free). DS_EDATA with
 * `FILE:LINE: message` for a syntax error, an unknown section or key, a missing required
 * key or a duplicate; DS_EIO when the file cannot be read. */
int study_load(const char *path, study_t **out, ds_err *err);

/* The same from a buffer; name stands for the file in messages. Relative paths in the
 * study are resolved against base_dir (NULL = the current directory). */
int study_parse(const char *name, const char *text, size_t len, const char *base_dir,
                study_t **out, ds_err *err);

void study_free(study_t *s); /* accepts NULL */

typedef struct study_run_opts {
    const char *out_dir; /* overrides [output] dir; NULL = the study's own */
    int no_cache;        /* 1 = ignore and rewrite the aggregation cache */
    int quiet;           /* 1 = no progress or warnings on stderr (they stay in the report) */
} study_run_opts;

/* What a run produced, for the command to print. Strings owned by the result. */
typedef struct study_result {
    char *headline;    /* one line: slope per +scale, CI, n, R² (or "" when none) */
    char *report_path; /* OUT/report.md */
    char *json_path;   /* OUT/results.json */
    char *html_path;   /* OUT/report.html: report.md as one self-contained page */
    char **figures;    /* paths of the figures written */
    size_t nfigures;
    int aggregated;    /* 1 when the study has an [aggregate] step */
    int cache_hit;     /* 1 when the aggregation came from the cache */
} study_result;

/* Runs every step of s and writes the outputs. On success *out (caller frees with
 * study_result_free) tells where they are. DS_EDATA for bad data or a failed fit (with the
 * study's FILE:LINE), DS_EIO for an unreadable input or unwritable output folder. */
int study_run(const study_t *s, const study_run_opts *opt, study_result **out, ds_err *err);

void study_result_free(study_result *r); /* accepts NULL */

#endif
