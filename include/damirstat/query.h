/* query: what `aggregate` computes (--by, --where, --count and the measures --sum, --mean,
 * --min, --max, --count-if), bound to each file's header, and the work done on every row:
 * field count check, filter, numbers, values, group.
 *
 * Measures read values, exact expressions of columns (aggexpr.h); a mean is kept as the sum
 * of its value (shared with a --sum of the same value) and printed over the count of rows
 * where the value is known, so that every accumulator merges exactly. An empty field is
 * missing, as SQL's NULL: a mean, min or max leaves it out (of no known value it prints an
 * empty cell), and so does a sum of an expression (A - B with A empty adds nothing); a sum of
 * a column alone adds it as 0, the same total. A sum of no known value is 0, not empty. The canonical text of a query is what partial files
 * record, so that only partials of the same query merge: "by=…;sum=…;count=…;where=…" when
 * the measures are sums of columns (as before measures existed), else
 * "by=…;measures=sum(A-B) as x|mean(C)|…;count=…;where=…". --having, --order and --top
 * choose the printed groups (query_view_new) and are not part of it: partials of a query
 * merge whatever is printed from them.
 *
 * A query_worker holds one thread's state: its own filters, its own aggregate, the scanner
 * for the current file, and the first bad row it met (where it was, in the numbering of the
 * block it was handed). */
#ifndef DAMIRSTAT_QUERY_H
#define DAMIRSTAT_QUERY_H

#include <stdint.h>

#include "damirstat/agg.h"
#include "damirstat/err.h"

typedef struct query query_t;
typedef struct query_binding query_binding;
typedef struct query_worker query_worker;

/* A problem with one line: the message has no location; the caller adds FILE:LINE:COL. */
typedef struct query_issue {
    int set;
    size_t file;          /* as given to query_worker_at */
    uint64_t range_start; /* lineno counts from 1 at this file offset (0: the file's start) */
    uint64_t lineno;
    uint64_t offset;      /* of the line in the file (decompressed bytes for gzip) */
    size_t col;           /* 1-based byte column */
    char msg[600];
} query_issue;

typedef enum query_kind { QUERY_SUM, QUERY_MEAN, QUERY_MIN, QUERY_MAX, QUERY_COUNT_IF } query_kind;

/* A measure as an option gives it: "EXPR[ as NAME]" (aggexpr.h) for the first four,
 * "CONDITION[ as NAME]" in the --where language for QUERY_COUNT_IF. Printed as NAME, or
 * sum_EXPR, mean_EXPR, min_EXPR, max_EXPR, count_if_N (N-th --count-if). */
typedef struct query_measure {
    query_kind kind;
    const char *text;
} query_measure;

typedef struct query_spec {
    const char *by;                /* COL[,COL...], or NULL */
    const char *where;             /* or NULL */
    int count;                     /* print the row count (always when there is no measure) */
    const query_measure *measures; /* in the order printed, before the count */
    size_t nmeasures;
} query_spec;

/* DS_EUSAGE for an empty name, a column twice, a printed name twice, or a syntax error in
 * --where, a measure or a condition (with a caret under the place). */
int query_new_spec(const query_spec *spec, query_t **out, ds_err *err);

/* query_new_spec with a sum for each column of the comma-separated list sums. */
int query_new(const char *by, const char *sums, int count, const char *where, query_t **out,
              ds_err *err);
void query_free(query_t *q);

/* The measures in canonical form and the canonical --where (NULL without one): what
 * query_new_spec needs to build the same query again (a partial file keeps them). */
size_t query_nmeasures(const query_t *q);
query_measure query_measure_at(const query_t *q, size_t i);
const char *query_where(const query_t *q);

/* Whether every measure is a sum of a column alone, unnamed (a query that partial files of
 * version 1 can hold). */
int query_sums_only(const query_t *q);

/* Whether some measure leaves out a row with an empty field: a mean, min or max, or an
 * expression (not a column alone); before partial format version 4 these counted it as 0. */
int query_skips_empty(const query_t *q);

/* An empty aggregate with q's accumulators (its sums, then its mins, maxes and count-ifs,
 * then per value a mean, min or max reads the count of rows where it is known). */
agg_t *query_agg_new(const query_t *q);

/* Fills m for agg_write and agg_json: the keys' names, q's printed columns, the canonical
 * text and the counters (m->view left NULL). Valid while q lives. */
void query_meta(const query_t *q, uint64_t rows_read, uint64_t rows_skipped, agg_meta *m);

/* The groups to print: having (an expression in the --where language over the printed
 * columns' names; a mean compares exactly, as a fraction), order ("COL", "COL desc" or
 * "COL asc": a printed column; descending unless asc), top (0: all). NULL texts for none.
 * DS_EUSAGE naming the unknown column, with the names there are. */
int query_view_new(const query_t *q, const char *having, const char *order, uint64_t top,
                   agg_view **out, ds_err *err);
void query_view_free(agg_view *v);

size_t query_nby(const query_t *q);
const char *const *query_by(const query_t *q);
/* The summed values (a column's name, or an expression's canonical text), one per sum
 * accumulator of the aggregate. */
size_t query_nsums(const query_t *q);
const char *const *query_sums(const query_t *q);
int query_count(const query_t *q);
const char *query_canonical(const query_t *q);

/* Maps q's columns to the fields of a header line (without its line end). DS_EDATA
 * naming file and column when one is missing or appears twice. */
int query_bind(const query_t *q, const char *header, size_t len, const char *file,
               query_binding **out, ds_err *err);
void query_binding_free(query_binding *b);

/* One thread's state; skip_bad: count bad rows instead of failing. */
query_worker *query_worker_new(const query_t *q, int skip_bad);
void query_worker_free(query_worker *w);

/* Says where the next blocks come from: file index, offset where line numbering restarts
 * at 1 (or 0), offset of the next block in the file. */
void query_worker_at(query_worker *w, size_t file, uint64_t range_start, uint64_t block_offset);

/* Scans a block of whole lines of a file bound by b (the binding must outlive the call).
 * DS_EDATA when a line is bad (see query_worker_issue) or a sum overflows. */
int query_worker_scan(query_worker *w, const query_binding *b, const char *buf, size_t size,
                      uint64_t first_lineno, ds_err *err);

/* Lines in the last block scanned (so the next block's first line number follows). */
uint64_t query_worker_lines(const query_worker *w);

/* The bad line that stopped the scan, or with skip_bad the first one skipped. */
const query_issue *query_worker_issue(const query_worker *w);

/* Rows read and rows skipped as bad, so far. */
uint64_t query_worker_rows(const query_worker *w);
uint64_t query_worker_skipped(const query_worker *w);

/* The worker's aggregate (still owned by the worker). */
agg_t *query_worker_agg(query_worker *w);

#endif
