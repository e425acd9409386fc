/* agg: exact group-by sums and counts, mergeable, printed in key order.
 *
 * A group is keyed by the texts of the --by codes (kept as written: "01" stays "01", "2A"
 * stays "2A"). Sums are integer hundredths; each is kept as the sum of its positive values
 * and the sum of its negative values, both checked with __builtin_add_overflow: each of the
 * two only grows in magnitude, so whether it overflows does not depend on the order of rows,
 * threads or merges, and the result (positive + negative) is exact and always fits. Counts
 * are uint64. Groups print sorted by key, codes compared as numbers when both are integers. */
#ifndef DAMIRSTAT_AGG_H
#define DAMIRSTAT_AGG_H

#include <stdint.h>
#include <stdio.h>

#include "damirstat/err.h"
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
} agg_group;

#define AGG_KEY_SEP '\x1f' /* codes with control bytes are rejected before they get here */

typedef enum agg_format { AGG_CSV, AGG_TSV, AGG_JSON } agg_format;

/* What the printed table is about: column names and the run's counters. */
typedef struct agg_meta {
    const char *const *by;   /* nkeys names */
    const char *const *sums; /* nsums names (printed as sum_NAME) */
    int count;               /* print the count column */
    const char *query;       /* canonical query text (JSON only) */
    uint64_t rows_read, rows_skipped;
} agg_meta;

/* A table for nkeys codes and nsums sums; sum_names name the sums in overflow messages (the
 * strings must outlive the table). */
agg_t *agg_new(size_t nkeys, size_t nsums, const char *const *sum_names);
void agg_free(agg_t *a);

/* Adds one row: keys[0..nkeys) are the codes, cents[0..nsums) the values. DS_EDATA
 * "sum of COL overflows 64-bit cents" when a total leaves the int64 range; then
 * agg_overflowed tells which sum (so that the caller can point at the row's field). */
int agg_add(agg_t *a, const scan_field *keys, const int64_t *cents, ds_err *err);
size_t agg_overflowed(const agg_t *a);

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
