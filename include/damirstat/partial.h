/* partial: an aggregate saved to disk so that runs over different files can be merged.
 *
 * A text file: "damirstat-partial 4", the canonical query it answers, the column names, its
 * "where [TEXT]" and a "measure KIND<TAB>TEXT" line per measure, the row counters, then
 * what it covers: "inputs N" and per input file "input SIZE CRC ROWS NAME" (the bytes read,
 * compressed for gzip; their CRC-32, taken as they were scanned; the data rows they held;
 * the name as given, "stdin" for -), then one line per group (codes, then per sum its
 * positive and negative totals in hundredths, the extra accumulators of mins, maxes and
 * count-ifs, then per value a mean, min or max reads the rows where it is known, then the
 * count, tab-separated), and last "crc32 XXXXXXXX" over every byte
 * before it (zlib's crc32). Text fields (query, where, measures, names) escape \, tab,
 * newline and carriage return as \\, \t, \n, \r, so that a --where string holding a
 * newline keeps its line. A changed, truncated or foreign file is refused; partials merge
 * only when their queries are the same text, and merge refuses two that cover the same
 * input (the same size and CRC-32 with rows: a copy, or a merged partial and one of its
 * parts). Versions 1 (sums of columns, "sum" line), 2 (measures) and 3 (inputs) are still
 * read when their measures are sums of columns and count-ifs: before version 4 a mean, min,
 * max or expression counted an empty field as 0 and kept no count of known rows, so such a
 * file is refused (DS_EDATA saying to run it again). Versions 1 and 2 record no inputs, and
 * a merge with one of them writes "inputs ?" (not known). */
#ifndef DAMIRSTAT_PARTIAL_H
#define DAMIRSTAT_PARTIAL_H

#include <stdint.h>
#include <stdio.h>

#include "damirstat/agg.h"
#include "damirstat/err.h"
#include "damirstat/query.h"

#define PARTIAL_VERSION 4

/* One input file a partial covers. */
typedef struct partial_input {
    char *name;    /* as given ("stdin" for -) */
    uint64_t size; /* bytes read (compressed, for gzip) */
    uint32_t crc;  /* CRC-32 of those bytes */
    uint64_t rows; /* data rows it held */
} partial_input;

typedef struct partial {
    char *query;            /* canonical query text */
    char **by, **sums;      /* column names */
    size_t nby, nsums;
    int count;
    uint64_t rows_read, rows_skipped;
    agg_t *agg;
    query_t *q;             /* the query (partial_read builds it); NULL from a writer that
                             * has sums of columns only */
    partial_input *inputs;  /* what it covers (names owned after partial_read) */
    size_t ninputs;
    int inputs_known;       /* 0 for a version 1 or 2 file, which records no inputs */
} partial;

/* Writes p (agg sorted first, so equal inputs give equal bytes) in version 4. DS_EIO on
 * write error. */
int partial_write(FILE *fp, partial *p, ds_err *err);

/* Reads path into *p (to be released with partial_clear). DS_EDATA naming the file when it
 * is not a partial, has another version or fails its checksum; DS_EIO if unreadable. */
int partial_read(const char *path, partial *p, ds_err *err);

/* Frees what partial_read allocated and zeroes p. */
void partial_clear(partial *p);

/* Adds the inputs of from to those of into (into owns copies): the record of a merge. */
void partial_add_inputs(partial *into, const partial *from);

/* DS_EDATA when a and b cover a common input (the same size and CRC-32, with rows), naming
 * both partials (as named by name_a, name_b) and the input: merged, its rows would count
 * twice. */
int partial_check_overlap(const partial *a, const char *name_a, const partial *b,
                          const char *name_b, ds_err *err);

#endif
