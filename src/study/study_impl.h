/* study_impl: the parsed study file (study_parse.c), which every other part of the module
 * reads. The module's parts and who may call whom:
 *
 *   parse (study_parse.c)   the file into sections; calls nothing else of study
 *   state (study_state.c)   one run's tables, fits, results, inputs, notes: push and lookup;
 *                           calls parse only (study_state_impl.h)
 *   steps (study_agg.c, study_table.c, study_join.c, study_derive.c, study_fit.c,
 *          study_stats.c, study_plot.c)
 *                           each reads its section, works through the lower modules and
 *                           records its results in the state; never writes the report
 *                           (study_steps_impl.h)
 *   writers (study_report.c, study_json.c)
 *                           report.md and results.json from the state; never run a step
 *                           (study_write_impl.h)
 *   dispatcher (study.c) runs the steps in file order, then the writers: the only file
 *                           that sees both. */
#ifndef DAMIRSTAT_STUDY_IMPL_H
#define DAMIRSTAT_STUDY_IMPL_H

#include <glob.h>
#include <stddef.h>

#include "damirstat/err.h"
#include "damirstat/study.h"

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
    char *base_dir;  /* the study file's folder: relative inputs are looked for from it */
    char *share_dir; /* the installed share folder, or NULL (fs_share_dir) */
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
/* Where a relative input path of the study is looked for, in order (docs/study-format.md,
 * "Paths"): the study file's folder, the folder holding it when it is named studies/, the
 * current folder, the installed share folder. study_find returns the first path that exists, or NULL; study_path the same,
 * or rel as written when none exists (the open then fails naming it); study_glob the
 * matches of a pattern in the first folder that has any (0, or GLOB_NOMATCH). Callers
 * free the paths (globfree for study_glob). study_searched writes the folders looked in
 * ("studies/, ./") into buf for a message. Outputs are relative to the current folder. */
char *study_find(const study_t *s, const char *rel);
char *study_path(const study_t *s, const char *rel);
int study_glob(const study_t *s, const char *pattern, glob_t *g);
void study_searched(const study_t *s, char *buf, size_t size);
/* DS_EIO "FILE:LINE: KEY: no file matches 'REL' (looked in studies/, ./)" for key of sec;
 * for [inputs], its made_by command follows as the way to make the files. */
int study_not_found(const study_t *s, const study_section *sec, const char *key,
                    const char *rel, ds_err *err);
/* A file named by key of sec: the path found (study_find), or NULL with study_not_found's
 * error. */
char *study_find_input(const study_t *s, const study_section *sec, const char *key,
                       const char *rel, ds_err *err);
/* The whole file at path, NUL-terminated (its length in *len when len is not NULL); caller
 * frees. NULL with DS_EIO naming the file when it cannot be read. */
char *study_read_file(const char *path, size_t *len, ds_err *err);
/* Splits a value on blanks and commas into a NULL-terminated vector; caller frees with
 * study_words_free. */
char **study_words(const char *value, size_t *n);
void study_words_free(char **w);

#endif
