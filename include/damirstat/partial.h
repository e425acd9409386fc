/* partial: an aggregate saved to disk so that runs over different files can be merged.
 *
 * A text file: "damirstat-partial 1", the canonical query it answers, the column names, the
 * row counters, one line per group (codes, then per sum its positive and negative totals in
 * hundredths, then the count, tab-separated), and last "crc32 XXXXXXXX" over every byte
 * before it (zlib's crc32). A changed, truncated or foreign file is refused; partials merge
 * only when their queries are the same text.
 *
 * Version 2, written only for queries with more than sums of columns (expressions, means,
 * mins, maxes, count-ifs), has "where [TEXT]" and a "measure KIND<TAB>TEXT" line per measure
 * instead of the "sum" line, and per group after the sums the extra accumulators (a min or
 * max in hundredths, a count). Both versions are read: the reader builds the query again
 * from them and refuses a file whose query line it does not print the same. */
#ifndef DAMIRSTAT_PARTIAL_H
#define DAMIRSTAT_PARTIAL_H

#include <stdint.h>
#include <stdio.h>

#include "damirstat/agg.h"
#include "damirstat/err.h"
#include "damirstat/query.h"

#define PARTIAL_VERSION 2

typedef struct partial {
    char *query;            /* canonical query text */
    char **by, **sums;      /* column names */
    size_t nby, nsums;
    int count;
    uint64_t rows_read, rows_skipped;
    agg_t *agg;
    query_t *q;             /* the query (partial_read builds it); NULL from a writer that
                             * has sums of columns only (version 1) */
} partial;

/* Writes p (agg sorted first, so equal inputs give equal bytes): version 1 unless p->q has
 * more than sums of columns. DS_EIO on write error. */
int partial_write(FILE *fp, partial *p, ds_err *err);

/* Reads path into *p (to be released with partial_clear). DS_EDATA naming the file when it
 * is not a partial, has another version or fails its checksum; DS_EIO if unreadable. */
int partial_read(const char *path, partial *p, ds_err *err);

/* Frees what partial_read allocated and zeroes p. */
void partial_clear(partial *p);

#endif
