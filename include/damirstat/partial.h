/* partial: an aggregate saved to disk so that runs over different files can be merged.
 *
 * A text file: "damirstat-partial 1", the canonical query it answers, the column names, the
 * row counters, one line per group (codes, then per sum its positive and negative totals in
 * hundredths, then the count, tab-separated), and last "crc32 XXXXXXXX" over every byte
 * before it (zlib's crc32). A changed, truncated or foreign file is refused; partials merge
 * only when their queries are the same text. */
#ifndef DAMIRSTAT_PARTIAL_H
#define DAMIRSTAT_PARTIAL_H

#include <stdint.h>
#include <stdio.h>

#include "damirstat/agg.h"
#include "damirstat/err.h"

#define PARTIAL_VERSION 1

typedef struct partial {
    char *query;            /* canonical query text */
    char **by, **sums;      /* column names */
    size_t nby, nsums;
    int count;
    uint64_t rows_read, rows_skipped;
    agg_t *agg;
} partial;

/* Writes p (agg sorted first, so equal inputs give equal bytes). DS_EIO on write error. */
int partial_write(FILE *fp, partial *p, ds_err *err);

/* Reads path into *p (to be released with partial_clear). DS_EDATA naming the file when it
 * is not a partial, has another version or fails its checksum; DS_EIO if unreadable. */
int partial_read(const char *path, partial *p, ds_err *err);

/* Frees what partial_read allocated and zeroes p. */
void partial_clear(partial *p);

#endif
