/* study internals shared by study_parse.c, study_table.c, study_run.c and study_report.c. */
#ifndef DAMIRSTAT_STUDY_IMPL_H
#define DAMIRSTAT_STUDY_IMPL_H

#include <stddef.h>

#include "damirstat/err.h"
#include "damirstat/model.h"
#include "damirstat/study.h"
#include "damirstat/table.h"

typedef struct study_kv {
    char *key, *value;
    int line;
} study_kv;

typedef struct study_section {
    char *kind;  /* "inputs", "table", "fit", … */
    char *name;  /* "" for unnamed sections */
    int line;
    study_kv *kv;
    size_t nkv;
} study_section;

struct study {
    char *path;     /* as given, for messages */
    char *base_dir; /* relative paths resolve against it */
    study_section *sec;
    size_t nsec;
};

/* The value of key in sec, or NULL. */
const char *study_get(const study_section *sec, const char *key);
/* Line of key in sec (the section's line when absent). */
int study_line(const study_section *sec, const char *key); /* key NULL: the section's line */
/* Prefixes err's message with the study's FILE:LINE of key in sec (the section's line when
 * key is NULL) and "[kind name]"; returns rc. */
int study_fail_at(const study_t *s, const study_section *sec, const char *key, int rc,
                  ds_err *err);
/* Resolves a study path against the study's folder; caller frees. */
char *study_path(const study_t *s, const char *rel);
/* Splits a value on blanks and commas into a NULL-terminated vector; caller frees with
 * study_words_free. */
char **study_words(const char *value, size_t *n);
void study_words_free(char **w);

/* One named table of a run. */
typedef struct study_table {
    char *name;
    table_t *t;
    int line;
} study_table;

/* Table steps (study_table.c). Each builds a new table the caller owns. */
int study_table_step(const study_t *s, const study_section *sec, table_t **out, ds_err *err);
/* Copy of t without the rows whose column col holds one of the words of values. */
int study_table_exclude(const table_t *t, const char *spec, table_t **out, ds_err *err);
/* Copy of t's rows where keep[i] is nonzero (all columns, text preserved). */
table_t *study_table_filter(const table_t *t, const unsigned char *keep);

#endif
