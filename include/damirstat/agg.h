/* agg: exact group-by sums and counts, mergeable, printed in key order.
 *
 * A group is keyed by the texts of the --by codes (kept as written: "01" stays "01", "2A"
 * stays "2A"). Sums are integer hundredths; each is kept as the sum of its positive values
 * and the sum of its negative values, both checked with __builtin_add_overflow: each of the
 * two only grows in magnitude, so whether it overflows does not depend on the order of rows,
 * threads or merges, and the result (positive + negative) is exact and always fits. Counts
 * are uint64. Groups print sorted by key, codes compared as numbers when both are integers.
 *
 * Beside the sums a table may keep extra accumulators (agg_new_ext): the smallest and the
 * largest value of a group (--min, --max) and counts of rows meeting a condition
 * (--count-if). All of them merge exactly, so partials and threads still add up: a mean is
 * printed from a sum and the count. */
#ifndef DAMIRSTAT_AGG_H
#define DAMIRSTAT_AGG_H

#include <stdint.h>
#include <stdio.h>

#include "damirstat/err.h"
#include "damirstat/filter.h"
#include "damirstat/json.h"
#include "damirstat/scan.h"

typedef struct agg agg_t;

/* One group as stored; valid until the table changes. */
typedef struct agg_group {
    const char *key;     /* the codes joined by AGG_KEY_SEP */
    size_t key_len;
    const int64_t *pos;  /* per sum: total of the positive values, in hundredths */
    const int64_t *neg;  /* per sum: total of the negative values */
    uint64_t count;      /* rows in the group */
    const int64_t *ext;  /* per extra accumulator (agg_new_ext): a min or max in hundredths
                          * (INT64_MAX or INT64_MIN before any row), or a count; NULL in a
                          * group handed to agg_add_group by a caller that has none */
} agg_group;

typedef enum agg_ext_kind { AGG_EXT_MIN, AGG_EXT_MAX, AGG_EXT_COUNT } agg_ext_kind;

#define AGG_KEY_SEP '\x1f' /* codes with control bytes are rejected before they get here */

typedef enum agg_format { AGG_CSV, AGG_TSV, AGG_JSON } agg_format;

/* A printed column after the keys: a sum (exact cents), a mean (a sum over the rows where
 * the value is known, 6 decimals), an extra accumulator (a min or max in cents, or a count),
 * or the row count. A mean, min or max of no known value is missing: an empty cell (JSON
 * null). */
typedef enum agg_col_kind { AGG_COL_SUM, AGG_COL_MEAN, AGG_COL_EXT, AGG_COL_COUNT } agg_col_kind;

typedef struct agg_column {
    const char *name;
    agg_col_kind kind;
    size_t acc;              /* the sum (SUM, MEAN) or extra accumulator (EXT) it reads */
    size_t known;            /* MEAN, a min or max: the extra accumulator counting the rows
                              * where its value is known; SIZE_MAX: every row (the count) */
} agg_column;

/* Which groups print, and in what order (--having, --order, --top). Printed columns are
 * numbered from 0 over the keys, then the columns after them. */
typedef struct agg_view {
    filter_t *having;        /* NULL: every group; else its column i is having_col[i] */
    const size_t *having_col;
    size_t order_col;        /* SIZE_MAX: key order */
    int descending;
    uint64_t top;            /* the first top groups only; 0: all */
} agg_view;

/* What the printed table is about: column names and the run's counters. */
typedef struct agg_meta {
    const char *const *by;   /* nkeys names */
    const char *const *sums; /* nsums names (printed as sum_NAME) when cols is NULL */
    int count;               /* print the count column (when cols is NULL) */
    const char *query;       /* canonical query text (JSON only) */
    uint64_t rows_read, rows_skipped;
    const agg_column *cols;  /* the columns after the keys; NULL: the sums, then the count */
    size_t ncols;
    const agg_view *view;    /* NULL: every group, in key order */
} agg_meta;

/* A table for nkeys codes and nsums sums; sum_names name the sums in overflow messages (the
 * strings must outlive the table). */
agg_t *agg_new(size_t nkeys, size_t nsums, const char *const *sum_names);
void agg_free(agg_t *a);

/* agg_new with next extra accumulators of the given kinds after the sums. */
agg_t *agg_new_ext(size_t nkeys, size_t nsums, const char *const *sum_names, size_t next,
                   const agg_ext_kind *kinds);
size_t agg_nkeys(const agg_t *a);
size_t agg_nsums(const agg_t *a);
size_t agg_next(const agg_t *a);
agg_ext_kind agg_ext(const agg_t *a, size_t i);

/* Adds one row: keys[0..nkeys) are the codes, cents[0..nsums) the values to sum, then
 * cents[nsums..nsums + next) the values of the extra accumulators (a value in hundredths for
 * a min or a max, 0 or 1 for a count). Each sum keeps its positive and its negative amounts
 * apart (so that a total does not depend on the order of the rows): DS_EDATA "sum of COL:
 * its positive (negative) amounts add up beyond the 64-bit cents range" when one of them
 * leaves +-92233720368547758.07 (the range is symmetric: -92233720368547758.08 is out);
 * then agg_overflowed tells which sum and agg_overflowed_negative which part, so that the
 * caller can point at the row's field. */
int agg_add(agg_t *a, const scan_field *keys, const int64_t *cents, ds_err *err);
size_t agg_overflowed(const agg_t *a);
int agg_overflowed_negative(const agg_t *a);

/* agg_add for a key of at most 8 bytes (the codes joined), given as one word: byte i of the
 * key in bits 8i..8i+7, zeros above. The same group as agg_add with the same codes. */
int agg_add_packed(agg_t *a, uint64_t packed, size_t len, const int64_t *cents, ds_err *err);

/* Adds a whole group (as read back from a partial file). */
int agg_add_group(agg_t *a, const agg_group *g, ds_err *err);

/* Adds every group of from into into (same nkeys and nsums). */
int agg_merge(agg_t *into, const agg_t *from, ds_err *err);

size_t agg_ngroups(const agg_t *a);

/* The i-th group; after agg_sort, in key order. */
agg_group agg_get(const agg_t *a, size_t i);

/* Sorts groups by key: component by component, integers numerically (before non-integer
 * codes), other codes bytewise. */
void agg_sort(agg_t *a);

/* The exact total of sum j of a group, in hundredths. */
int64_t agg_total(const agg_group *g, size_t j);

/* Prints sorted groups: the by-columns, sum_COL… (exact decimals, "1234.56", "-0.57"),
 * then count; AGG_JSON prints the aggregate object (agg_json) and a newline. Without --by,
 * a query that matched nothing prints one row of zeros. DS_EIO on a write error. */
int agg_write(agg_t *a, FILE *fp, agg_format fmt, const agg_meta *meta, ds_err *err);

/* The aggregate object (schema "damirstat.aggregate/1", docs/json.md) as the next value of
 * w, for `aggregate --format json` and a study's results.json alike: schema, query,
 * rows_read, rows_skipped, columns, then rows (codes as strings, sums as exact decimals,
 * the count), a row a line. Sorts a first (and adds the row of zeros, as agg_write). */
#define AGG_SCHEMA "damirstat.aggregate/1"
int agg_json(json_w *w, agg_t *a, const agg_meta *meta, ds_err *err);

/* Writes hundredths as an exact decimal ("-0.57") into buf (>= 24 bytes); returns length. */
int agg_format_cents(int64_t cents, char *buf);

#endif
