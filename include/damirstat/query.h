/* query: what `aggregate` computes (--by, --sum, --count, --where), bound to each file's
 * header, and the work done on every row: field count check, filter, numbers, group.
 *
 * The canonical text of a query ("by=…;sum=…;count=…;where=…") is what partial files record,
 * so that only partials of the same query merge. A query_worker holds one thread's state:
 * its own filter, its own aggregate, the scanner for the current file, and the first bad row
 * it met (where it was, in the numbering of the block it was handed). */
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

/* by and sums are comma-separated column lists (NULL or "" for none); where may be NULL.
 * DS_EUSAGE for an empty name, a column twice, or a --where syntax error. */
int query_new(const char *by, const char *sums, int count, const char *where, query_t **out,
              ds_err *err);
void query_free(query_t *q);

size_t query_nby(const query_t *q);
const char *const *query_by(const query_t *q);
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
