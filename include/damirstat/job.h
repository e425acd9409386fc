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

/* What processes sharing a job (nparts > 1) do together. Every process calls them at the
 * same points whatever happened before, so that a collective call (MPI) never waits for
 * one that will not come. */
typedef struct job_share {
    /* Gets this process's plan as text (a line a file: name, size, CRC-32 of its first
     * 64 KiB; a line a piece: name and byte range), or NULL when planning failed here.
     * Returns DS_OK when every process planned the same work; JOB_PLAN_FAILED_ELSEWHERE
     * when another process could not plan (that one reports why); or an error (err set)
     * when the plans differ. */
    int (*agree)(const char *plan, void *ctx, ds_err *err);
    /* Adds up, over the processes, each task's CRC-32 (bitwise or) and its length and rows
     * (sums; counts holds the ntasks lengths, then the ntasks row counts): each process
     * holds zeros for the tasks of the others. */
    void (*gather)(uint32_t *crc, uint64_t *counts, size_t ntasks, void *ctx);
    void *ctx;
} job_share;

enum { JOB_PLAN_FAILED_ELSEWHERE = 1 };

typedef struct job_opts {
    int threads;  /* >= 1 */
    int progress; /* report on stderr */
    int skip_bad; /* count bad rows instead of failing */
    int part, nparts; /* run only share part of nparts (nparts 0 or 1: the whole job) */
    const job_share *share; /* with nparts > 1: how the processes agree; NULL: trusted */
    int checksums; /* fill job_result.inputs: each input's CRC-32, taken as it is scanned */
} job_opts;

/* One input as it was read: what a partial records of what it covers. */
typedef struct job_input {
    const char *name; /* as messages show it ("stdin" for "-"); borrowed from the caller */
    uint64_t size;    /* bytes read: the file's size (compressed, for gzip) */
    uint32_t crc;     /* CRC-32 (gzip's) of those bytes, computed as they were scanned */
    uint64_t rows;    /* data lines read in it */
} job_input;

typedef struct job_result {
    agg_t *agg;               /* owned by the caller: agg_free */
    uint64_t rows_read;       /* data lines, bad ones included */
    uint64_t rows_skipped;    /* bad lines skipped with skip_bad */
    char first_skipped[1024]; /* "FILE:LINE:COL: what" of the first one, or "" */
    uint64_t first_skipped_at[2]; /* its file index and byte offset, to compare parts */
    uint64_t failed_at;       /* on failure: 0 before any task ran (plan), else the failed
                               * task's number + 1 (tasks in file order, then offset);
                               * UINT64_MAX when stopped because another process failed */
    job_input *inputs;        /* one per file, in order, on success with o->checksums (of
                               * the whole job only when every part ran, or was gathered) */
    size_t ninputs;
} job_result;

/* Frees what a job_run result owns (the aggregate, the inputs) and zeroes it. */
void job_result_free(job_result *res);

/* The threads to run: requested when it is 1 or more, else (0: -j not given) every online
 * core, at least 1. The one place where "all cores" is decided. */
int job_threads(int requested);

/* Runs q over files[0..nfiles) ("-" = stdin). Bad data: DS_EDATA with "FILE:LINE:COL: …";
 * unreadable files: DS_EIO. On failure res->agg is NULL. */
int job_run(const query_t *q, char *const *files, size_t nfiles, const job_opts *o,
            job_result *res, ds_err *err);

#endif
