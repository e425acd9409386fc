/* study_state_impl: the state of one run of a study (study_state.c) — the named tables, the
 * fits, the [corr], [moran] and [plot] results, the inputs and the notes — which the steps
 * fill and the writers read. It calls nothing of study but the parse helpers. */
#ifndef DAMIRSTAT_STUDY_STATE_IMPL_H
#define DAMIRSTAT_STUDY_STATE_IMPL_H

#include <stdint.h>

#include "damirstat/conley.h"
#include "damirstat/corr.h"
#include "damirstat/model.h"
#include "damirstat/moran.h"
#include "damirstat/partial.h"
#include "damirstat/standardize.h"
#include "damirstat/spatial.h"
#include "damirstat/table.h"
#include "study_impl.h"

/* One named table of a run. */
typedef struct study_table {
    char *name;
    table_t *t;
    int line;
} study_table;

/* The spatial side of a [fit] (spatial =, lm_tests =, se = conley:KM, …): what was asked,
 * with the paths it names, and what came out. */
typedef struct study_spatial {
    spatial_request rq;
    spatial_result res;
    char *neighbours, *centroids; /* study-relative paths resolved (owned) */
    int conley;
    conley_options co;
} study_spatial;

/* One fit with what the report needs to say about it. */
typedef struct study_fit {
    char *name, *label, *model_text, *term, *key_col;
    char *key_within; /* key's second column (a panel's year), named beside it, or NULL */
    char *term_label, *response_label; /* words for the headline (default: the names) */
    int line;
    const study_section *section;
    model_options opt;
    char *cluster_list; /* the cluster key's value, split at its comma into opt.cluster */
    double scale;       /* report the term's slope per +scale units (1 = as estimated) */
    double published;   /* the published slope per +scale, NAN when none */
    double planted;     /* the planted slope per +scale (generated data), NAN when none */
    const table_t *data; /* the table the fit's row indices refer to */
    table_t *owned;       /* data when the fit made its own subset, else NULL */
    model_fit *fit;
    study_spatial *spatial; /* NULL without spatial keys; fit->spatial points into it */
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
    size_t n_missing;  /* rows the fit dropped for a missing value */
    int weighted;      /* the fit had weights: √w·e were tested */
    geo_level level;   /* departments or regions (over region contiguity) */
    geo_region_scheme scheme;
    moran_result res;
} study_moran;

/* One [standardize] step's result (its ratios are also the table of its name). */
typedef struct study_std {
    const study_section *section;
    char *strata;           /* storage of spec.strata (the section's value, cut) */
    standardize_spec spec;  /* other strings point into the section */
    standardize_result res;
} study_std;

/* One [screen NAME] step: correlations of several columns with one, and their p-values
 * adjusted over the screen by each method asked. */
#define STUDY_SCREEN_ADJUST_MAX 4
typedef struct study_screen {
    const study_section *section;
    char **x;              /* the columns screened (study_words; study_words_free) */
    size_t nx;
    corr_options opt;
    corr_result *res;      /* nx */
    adjust_method adjust[STUDY_SCREEN_ADJUST_MAX];
    size_t nadjust;
    double *p_adjusted;    /* [(i * 3 + method) * nadjust + a]: method 0 Pearson, 1 Spearman,
                            * 2 Kendall; NAN for a method not computed */
} study_screen;

/* One [robustness NAME] step: the fits of the finding's Table 2, one row each (a fit with
 * a wild cluster bootstrap may appear twice: as itself and, NAME:wild, as its bootstrap). */
typedef struct study_robust {
    const study_section *section;
    size_t *fits;            /* indices into the state's fits (which may grow later) */
    unsigned char *wild;     /* the row shows the fit's wild bootstrap p and interval */
    size_t nrows;
} study_robust;

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
    study_std *stds;
    size_t nstds;
    study_robust *robusts;
    size_t nrobusts;
    study_screen *screens;
    size_t nscreens;
    study_figure *figures;
    size_t nfigures;
    study_miss *misses;
    size_t nmisses;
    study_input *inputs;
    size_t ninputs;
    size_t ninputs_agg;  /* of which DAMIR files (the first ones) */
    char *query;         /* canonical aggregation query, or NULL */
    partial aggregate;   /* the [aggregate] step's result (agg NULL when none) */
    double agg_seconds;  /* time spent aggregating (0 on a cache hit) */
    char **notes;        /* warnings of the steps (derive domain errors), for the report */
    size_t nnotes;
} study_state;

/* A run of s with its outputs in out_dir (taken over by the state). */
void study_state_init(study_state *r, const study_t *s, char *out_dir, int no_cache);
void study_state_free(study_state *r);

/* The table named name (the latest one when name is NULL), or NULL; _edit for a step that
 * changes it in place ([derive]). */
const table_t *study_state_table(const study_state *r, const char *name);
table_t *study_state_table_edit(study_state *r, const char *name);
/* Adds a named table (owned by the run from then on). */
void study_state_push_table(study_state *r, const char *name, table_t *t, int line);

/* 1 when the run's data were made by damirstat gen: [study] generated = yes (no: never),
 * else a fit with a planted slope (read from a truth manifest), else an aggregated file
 * beside a truth.json that damirstat gen wrote. Figures then carry a mark, the report says
 * so in its headline. */
int study_state_generated(const study_state *r);

/* The fit named name, or NULL. */
const study_fit *study_state_fit(const study_state *r, const char *name);
/* Index of f->term among the fit's terms, or -1. */
long study_fit_term(const study_fit *f);

/* Each takes over what its argument owns (strings, tables, fits, results). */
void study_state_push_fit(study_state *r, const study_fit *f);
void study_state_push_corr(study_state *r, const study_corr *c);
void study_state_push_moran(study_state *r, const study_moran *m);
void study_state_push_std(study_state *r, const study_std *d);
void study_state_push_robust(study_state *r, const study_robust *b);
void study_state_push_screen(study_state *r, const study_screen *c);
void study_state_push_figure(study_state *r, char *path, const study_section *sec);
void study_state_push_miss(study_state *r, const char *join, const char *key, int side);
void study_state_push_input(study_state *r, const study_input *in);
void study_state_push_note(study_state *r, const char *note);

/* mkdir -p, for the output folder and its .cache; DS_EIO naming the folder. */
int study_mkdirs(const char *dir, ds_err *err);

#endif
