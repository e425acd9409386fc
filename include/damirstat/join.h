/* join: joins two tables on department, region or text keys.
 *
 * Department and region keys are canonicalised through geo before they are compared, so `1`
 * joins `01` and, with by_name, `Côte-d'Or` joins `21`. A key that appears twice in the
 * right table is an error naming both lines (a many-to-one join must stay one). Rows of
 * either side without a match are reported to the caller, who lists them or, with strict,
 * fails. The output holds the left columns (the key canonicalised), then the right columns
 * but its key; a right column whose name is taken gets the suffix `_right`. */
#ifndef DAMIRSTAT_JOIN_H
#define DAMIRSTAT_JOIN_H

#include <stddef.h>

#include "damirstat/err.h"
#include "damirstat/geo.h"
#include "damirstat/table.h"

typedef enum { JOIN_INNER, JOIN_LEFT } join_how;
typedef enum { JOIN_KEY_AUTO, JOIN_KEY_DEPT, JOIN_KEY_REGION, JOIN_KEY_TEXT } join_key_type;

typedef struct join_options {
    const char *left_key, *right_key; /* column names */
    join_how how;
    join_key_type key_type;           /* AUTO: departments when at least 90 % of the keys of
                                       * each side are (the others are unmatched), else text */
    geo_region_scheme scheme;         /* for JOIN_KEY_REGION */
    int by_name;                      /* department names accepted as keys on either side */
} join_options;

/* One key without a match: its side (0 left, 1 right), canonical key and source line. */
typedef struct join_miss {
    int side;
    char *key;
    size_t line;
} join_miss;

typedef struct join_result {
    table_t *table;          /* the joined table, owned by the result */
    join_key_type key_type;  /* the type used (AUTO resolved) */
    join_miss *misses;       /* unmatched keys, in row order within each side */
    size_t nmisses;
} join_result;

/* Joins left and right. DS_EDATA for an unknown key column, a key that does not canonicalise
 * under an explicit key type (FILE:LINE: message), or a duplicate right key. */
int join_tables(const table_t *left, const table_t *right, const join_options *opt,
                join_result *out, ds_err *err);

/* Frees what join_tables put in r (not r itself). */
void join_result_free(join_result *r);

/* Writes "KEY (Name)" for a department key, else the key, into buf. */
void join_describe_key(const char *key, join_key_type type, char *buf, size_t size);

#endif
