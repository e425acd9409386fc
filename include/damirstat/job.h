/* job: runs a query over many files with threads and returns one aggregate.
 *
 * Every file is a task; a plain file bigger than a few pieces is cut at line starts into
 * several tasks when more than one thread runs. Threads take tasks in order, each with its
 * own aggregate, merged at the end: sums are exact integers, so the result does not depend
 * on -j, on how files were cut, or on the order of the files. When tasks fail, the error of
 * the earliest one (file order, then offset) is reported, so messages are deterministic too.
 * Progress (bytes, rows/s, ETA) goes to stderr while the job runs, when asked for.
 *
 * threads is the number of threads that work, decompression included, so that -j1 compares
 * with one-thread tools: a gzip file or a pipe is inflated and scanned in turn by one
 * thread, unless -j leaves a thread that no worker has (fewer tasks than threads, e.g. one
 * gzip file at -j2), which then decompresses ahead while the worker scans.
 *
 * Several processes (MPI ranks) can share one job: each plans the same tasks from the same
 * files, the tasks are dealt to nparts parts balanced by bytes, and each runs its own part.
 * The caller merges the parts' aggregates; failed_at and first_skipped_at order the parts'
 * failures and skipped rows as one process would have. */
#ifndef DAMIRSTAT_JOB_H
#define DAMIRSTAT_JOB_H

#include <stddef.h>
#include <stdint.h>

#include "damirstat/agg.h"
#include "damirstat/err.h"
#include "damirstat/query.h"

typedef struct job_opts {
    int threads;  /* >= 1 */
    int progress; /* report on stderr */
    int skip_bad; /* count bad rows instead of failing */
    int part, nparts; /* run only share part of nparts (nparts 0 or 1: the whole job) */
} job_opts;

typedef struct job_result {
    agg_t *agg;               /* owned by the caller: agg_free */
    uint64_t rows_read;       /* data lines, bad ones included */
    uint64_t rows_skipped;    /* bad lines skipped with skip_bad */
    char first_skipped[1024]; /* "FILE:LINE:COL: what" of the first one, or "" */
    uint64_t first_skipped_at[2]; /* its file index and byte offset, to compare parts */
    uint64_t failed_at;       /* on failure: 0 before any task ran (plan), else the failed
                               * task's number + 1 (tasks in file order, then offset) */
} job_result;

/* The threads to run: requested when it is 1 or more, else (0: -j not given) every online
 * core, at least 1. The one place where "all cores" is decided. */
int job_threads(int requested);

/* Runs q over files[0..nfiles) ("-" = stdin). Bad data: DS_EDATA with "FILE:LINE:COL: …";
 * unreadable files: DS_EIO. On failure res->agg is NULL. */
int job_run(const query_t *q, char *const *files, size_t nfiles, const job_opts *o,
            job_result *res, ds_err *err);

#endif
