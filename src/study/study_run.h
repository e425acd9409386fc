/* study_run: the state of one run of a study, shared by the step files and the report. */
#ifndef DAMIRSTAT_STUDY_RUN_H
#define DAMIRSTAT_STUDY_RUN_H

#include <stdint.h>

#include "damirstat/corr.h"
#include "damirstat/moran.h"
#include "study_impl.h"

/* One fit with what the report needs to say about it. */
typedef struct study_fit {
    char *name, *label, *model_text, *term, *key_col;
    char *term_label, *response_label; /* words for the headline (default: the names) */
    int line;
    const study_section *section;
    model_options opt;
    double scale;       /* report the term's slope per +scale units (1 = as estimated) */
    double published;   /* the published slope per +scale, NAN when none */
    double planted;     /* the planted slope per +scale (generated data), NAN when none */
    const table_t *data; /* the table the fit's row indices refer to */
    table_t *owned;       /* data when the fit made its own subset, else NULL */
    model_fit *fit;
} study_fit;

/* One [corr] step's result. */
typedef struct study_corr {
    const study_section *section;
    corr_options opt;
    corr_result res;
} study_corr;

/* One [moran] step's result. */
typedef struct study_moran {
    const study_section *section;
    const char *fit;   /* name of the fit whose residuals were tested */
    int weighted;      /* the fit had weights: √w·e were tested */
    moran_result res;
} study_moran;

/* One figure written by a [plot] step. */
typedef struct study_figure {
    char *path;
    const study_section *section;
} study_figure;

/* A key of a [join] without a match on the other side. */
typedef struct study_miss {
    char *join, *key;
    int side; /* 0 left, 1 right */
} study_miss;

/* One input file of the aggregation, as fingerprinted for the cache and the report. */
typedef struct study_input {
    char *path;
    uint64_t size;
    int64_t mtime;
    uint32_t crc;
} study_input;

typedef struct study_state {
    const study_t *study;
    char *out_dir;
    int no_cache, cache_hit, quiet;
    study_table *tabs;
    size_t ntabs;
    study_fit *fits;
    size_t nfits;
    study_corr *corrs;
    size_t ncorrs;
    study_moran *morans;
    size_t nmorans;
    study_figure *figures;
    size_t nfigures;
    study_miss *misses;
    size_t nmisses;
    study_input *inputs;
    size_t ninputs;
    size_t ninputs_agg;  /* of which DAMIR files (the first ones) */
    char *query;         /* canonical aggregation query, or NULL */
    double agg_seconds;  /* time spent aggregating (0 on a cache hit) */
    uint64_t rows_read;  /* data lines aggregated (0 on a cache hit) */
    char **notes;        /* warnings of the steps (derive domain errors), for the report */
    size_t nnotes;
} study_state;

/* The table named name (the latest one when name is NULL), or NULL. */
const table_t *study_run_table(const study_state *r, const char *name);
/* Adds a named table (owned by the run from then on). */
void study_run_push(study_state *r, const char *name, table_t *t, int line);
void study_run_free(study_state *r);
/* Index of f->term among the fit's terms, or -1. */
long study_fit_term(const study_fit *f);

int study_join_step(const study_t *s, const study_section *sec, study_state *r,
                    table_t **out, ds_err *err);
int study_plot_step(const study_t *s, const study_section *sec, study_state *r, ds_err *err);
int study_moran_step(const study_t *s, const study_section *sec, study_state *r, ds_err *err);
int study_corr_step(const study_t *s, const study_section *sec, study_state *r, ds_err *err);
int study_derive_step(const study_t *s, const study_section *sec, study_state *r, ds_err *err);
int study_aggregate_step(const study_t *s, const study_section *sec, study_state *r,
                         ds_err *err);
/* mkdir -p; DS_EIO naming the folder. */
int study_mkdirs(const char *dir, ds_err *err);
/* Writes OUT/report.md and OUT/results.json and fills *out. */
int study_report_write(study_state *r, study_result **out, ds_err *err);

#endif
