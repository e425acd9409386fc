#include "damirstat/job.h"

#include <limits.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "damirstat/read.h"

/* A piece of a big file for one thread: big enough that opening it costs nothing, small
 * enough that two threads finish within a piece of each other. DAMIRSTAT_PIECE_BYTES
 * overrides it so that tests can cut small files. */
enum { PIECE_BYTES = 64 << 20 };

static uint64_t piece_bytes(void)
{
    const char *s = getenv("DAMIRSTAT_PIECE_BYTES");
    long long n = s ? atoll(s) : 0;
    return n > 0 ? (uint64_t)n : PIECE_BYTES;
}

typedef struct file_state {
    const char *path;
    const char *name; /* for messages: "stdin" for "-" */
    read_info info;
    query_binding *bind; /* bound here for split files; streams bind in their task */
    uint64_t data_start; /* offset of the first line after the header */
} file_state;

typedef struct task {
    size_t file;
    int stream;          /* the whole file through the reader, header included */
    uint64_t start, end; /* byte range of a plain file (start at a line start) */
    int part;            /* the share of the job (process) that runs it */
} task;

typedef struct shared {
    const query_t *q;
    file_state *files;
    task *tasks;
    size_t ntasks;
    size_t mine;            /* tasks of this process's part */
    int part;               /* this process's part */
    int skip_bad;
    atomic_size_t next;     /* next task to take */
    atomic_size_t stop_at;  /* tasks after the earliest failed one are not started */
    atomic_uint_fast64_t bytes, rows;
    atomic_int running;
    atomic_int spare;       /* threads of -j that no worker uses: decompression helpers */
} shared;

typedef struct worker {
    pthread_t tid;
    shared *sh;
    query_worker *qw;
    int rc;
    size_t failed_task;
    ds_err err;
} worker;

static int bind_header(const shared *sh, const file_state *fs, const char *buf, size_t size,
                       query_binding **b, size_t *header_len, ds_err *err)
{
    const char *nl = memchr(buf, '\n', size);
    size_t len = nl ? (size_t)(nl - buf) : size;
    *header_len = nl ? len + 1 : size;
    return query_bind(sh->q, buf, len, fs->name, b, err);
}

static void fail_task(shared *sh, size_t ti)
{
    size_t cur = atomic_load(&sh->stop_at);
    while (ti < cur && !atomic_compare_exchange_weak(&sh->stop_at, &cur, ti))
        ;
}

static int open_task(const task *t, const file_state *fs, reader_t **r, ds_err *err)
{
    return t->stream ? reader_open(fs->path, r, err)
                     : reader_open_range(fs->path, t->start, t->end, r, err);
}

/* Reads one task's blocks and scans them; lines are numbered from the file's start, or
 * from 1 at t->start for a piece that starts mid-file (fixed up on the error path). */
static int run_task(worker *wk, const task *t, ds_err *err)
{
    shared *sh = wk->sh;
    file_state *fs = &sh->files[t->file];
    reader_t *r;
    int rc = open_task(t, fs, &r, err);
    if (rc)
        return rc;
    /* -j N means N threads: a stream decompresses in a thread of its own (overlapping the
     * scan) only when -j leaves a thread that no worker uses, e.g. one gzip file at -j2;
     * at -j1, or with as many files as threads, the worker inflates and scans in turn. */
    int helper = t->stream && atomic_fetch_sub(&sh->spare, 1) > 0;
    if (t->stream && !helper)
        atomic_fetch_add(&sh->spare, 1);
    if (helper && reader_prefetch(r) != DS_OK) {
        atomic_fetch_add(&sh->spare, 1);
        helper = 0;
    }
    query_binding *own = NULL;
    const query_binding *b = fs->bind;
    int from_top = t->stream || t->start == fs->data_start;
    uint64_t lineno = t->stream ? 1 : from_top ? 2 : 1, off = t->stream ? 0 : t->start;
    uint64_t consumed = 0, rows = query_worker_rows(wk->qw); /* the worker's total so far */
    read_block blk;
    while ((rc = reader_next(r, &blk, err)) == DS_OK && blk.size > 0) {
        const char *buf = blk.buf;
        size_t n = blk.size;
        if (t->stream && !own) {
            size_t hl;
            if ((rc = bind_header(sh, fs, buf, n, &own, &hl, err)) != 0)
                break;
            b = own;
            buf += hl, n -= hl, off += hl, lineno++;
        }
        query_worker_at(wk->qw, t->file, from_top ? 0 : t->start, off);
        rc = query_worker_scan(wk->qw, b, buf, n, lineno, err);
        lineno += query_worker_lines(wk->qw);
        off += n;
        atomic_fetch_add(&sh->bytes, reader_consumed(r) - consumed);
        consumed = reader_consumed(r);
        atomic_fetch_add(&sh->rows, query_worker_rows(wk->qw) - rows);
        rows = query_worker_rows(wk->qw);
        if (rc)
            break;
    }
    if (rc == DS_OK && t->stream && !own)
        rc = ds_err_set(err, DS_EDATA, "%s: empty file (no header line)", fs->name);
    query_binding_free(own);
    reader_free(r);
    if (helper)
        atomic_fetch_add(&sh->spare, 1);
    return rc;
}

static void *worker_main(void *arg)
{
    worker *wk = arg;
    shared *sh = wk->sh;
    for (;;) {
        size_t ti = atomic_fetch_add(&sh->next, 1);
        if (ti >= sh->ntasks || ti > atomic_load(&sh->stop_at))
            break;
        if (sh->tasks[ti].part != sh->part)
            continue;
        int rc = run_task(wk, &sh->tasks[ti], &wk->err);
        if (rc) {
            wk->rc = rc;
            wk->failed_task = ti;
            fail_task(sh, ti);
            break;
        }
    }
    atomic_fetch_sub(&sh->running, 1);
    return NULL;
}

/* Reads the header of a plain file and binds the query to it. */
static int prepare_plain(shared *sh, file_state *fs, ds_err *err)
{
    reader_t *r;
    int rc = reader_open_range(fs->path, 0, fs->info.size, &r, err);
    if (rc)
        return rc;
    read_block blk;
    rc = reader_next(r, &blk, err);
    if (rc == DS_OK && blk.size == 0)
        rc = ds_err_set(err, DS_EDATA, "%s: empty file (no header line)", fs->name);
    size_t hl = 0;
    if (rc == DS_OK)
        rc = bind_header(sh, fs, blk.buf, blk.size, &fs->bind, &hl, err);
    fs->data_start = hl;
    reader_free(r);
    return rc;
}

static void add_task(shared *sh, size_t *cap, task t)
{
    if (sh->ntasks == *cap) {
        *cap = *cap ? 2 * *cap : 16;
        sh->tasks = xrealloc(sh->tasks, *cap * sizeof *sh->tasks);
    }
    sh->tasks[sh->ntasks++] = t;
}

/* Cuts a plain file into pieces that start at line starts. */
static int split_file(shared *sh, size_t f, int ways, size_t *cap, ds_err *err)
{
    file_state *fs = &sh->files[f];
    uint64_t start = fs->data_start, size = fs->info.size;
    uint64_t pieces = ways > 1 ? (size - start) / piece_bytes() : 0;
    if (pieces < 2) {
        add_task(sh, cap, (task){f, 0, start, size, 0});
        return DS_OK;
    }
    uint64_t prev = start;
    for (uint64_t k = 1; k <= pieces; k++) {
        uint64_t cut = size;
        if (k < pieces) {
            int rc = read_next_line_start(fs->path, start + (size - start) / pieces * k, &cut, err);
            if (rc)
                return rc;
        }
        if (cut > prev)
            add_task(sh, cap, (task){f, 0, prev, cut, 0});
        prev = cut > prev ? cut : prev;
    }
    return DS_OK;
}

/* ways: threads times processes sharing the job; one way alone never splits a file. */
static int plan(shared *sh, char *const *files, size_t nfiles, int ways, ds_err *err)
{
    size_t cap = 0;
    sh->files = xcalloc(nfiles + 1, sizeof *sh->files);
    for (size_t f = 0; f < nfiles; f++) {
        file_state *fs = &sh->files[f];
        fs->path = files[f];
        fs->name = read_display_name(files[f]);
        int rc = read_probe(fs->path, &fs->info, err);
        /* The same file twice (a glob plus a name, a link) would count its rows twice. */
        for (size_t g = 0; g < f && !rc; g++) {
            if (read_same_file(&sh->files[g].info, &fs->info))
                rc = ds_err_set(err, DS_EUSAGE,
                                "%s and %s are the same file: its rows would be counted twice",
                                sh->files[g].name, fs->name);
        }
        if (!rc && fs->info.splittable)
            rc = prepare_plain(sh, fs, err);
        if (!rc && fs->info.splittable)
            rc = split_file(sh, f, ways, &cap, err);
        else if (!rc)
            add_task(sh, &cap, (task){f, 1, 0, 0, 0});
        if (rc)
            return rc;
    }
    return DS_OK;
}

static uint64_t task_bytes(const shared *sh, const task *t)
{
    return t->stream ? sh->files[t->file].info.size : t->end - t->start;
}

/* Bytes this process will read (compressed bytes for streamed files). */
static uint64_t total_bytes(const shared *sh)
{
    uint64_t total = 0;
    for (size_t i = 0; i < sh->ntasks; i++)
        if (sh->tasks[i].part == sh->part)
            total += task_bytes(sh, &sh->tasks[i]);
    return total;
}

typedef struct sized {
    uint64_t bytes;
    size_t task;
} sized;

static int by_bytes_desc(const void *a, const void *b)
{
    const sized *x = a, *y = b;
    if (x->bytes != y->bytes)
        return x->bytes < y->bytes ? 1 : -1;
    return x->task < y->task ? -1 : x->task > y->task;
}

/* Deals tasks to nparts parts, biggest first to the least loaded part (LPT): every process
 * computes the same deal from the same plan, so no one has to send it. */
static void deal_parts(shared *sh, int nparts)
{
    sized *order = xcalloc(sh->ntasks + 1, sizeof *order);
    uint64_t *load = xcalloc((size_t)nparts, sizeof *load);
    for (size_t i = 0; i < sh->ntasks; i++)
        order[i] = (sized){task_bytes(sh, &sh->tasks[i]), i};
    qsort(order, sh->ntasks, sizeof *order, by_bytes_desc);
    for (size_t i = 0; i < sh->ntasks; i++) {
        int least = 0;
        for (int p = 1; p < nparts; p++)
            if (load[p] < load[least])
                least = p;
        sh->tasks[order[i].task].part = least;
        load[least] += order[i].bytes;
    }
    sh->mine = 0;
    for (size_t i = 0; i < sh->ntasks; i++)
        sh->mine += sh->tasks[i].part == sh->part;
    free(order);
    free(load);
}

static double now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static void show_progress(const shared *sh, uint64_t total, double t0, int last)
{
    double dt = now() - t0, done = (double)atomic_load(&sh->bytes);
    double rows = (double)atomic_load(&sh->rows);
    fprintf(stderr, "\r\033[Kdamirstat: %.2f GB", done / 1e9);
    if (total > 0)
        fprintf(stderr, " of %.2f GB (%.0f%%)", (double)total / 1e9, 100.0 * done / (double)total);
    fprintf(stderr, ", %.0f rows, %.2f M rows/s", rows, dt > 0 ? rows / dt / 1e6 : 0.0);
    if (total > 0 && done > 0 && !last) {
        double eta = dt * ((double)total - done) / done;
        fprintf(stderr, ", ETA %d:%02d", (int)eta / 60, (int)eta % 60);
    }
    if (last)
        fputc('\n', stderr);
}

/* Waits for the workers, reporting progress meanwhile if asked. */
static void wait_workers(shared *sh, worker *wk, int n, int progress, uint64_t total)
{
    double t0 = now();
    while (progress && atomic_load(&sh->running) > 0) {
        struct timespec ts = {0, 250 * 1000 * 1000};
        nanosleep(&ts, NULL);
        show_progress(sh, total, t0, 0);
    }
    for (int i = 0; i < n; i++)
        pthread_join(wk[i].tid, NULL);
    if (progress)
        show_progress(sh, total, t0, 1);
}

/* "FILE:LINE:COL: msg" for an issue, with the line number counted from the file's start. */
static int describe(const shared *sh, const query_issue *is, char *buf, size_t cap,
                    ds_err *err)
{
    const char *path = sh->files[is->file].path;
    const char *name = is->file == SIZE_MAX ? "?" : sh->files[is->file].name;
    uint64_t line = is->lineno;
    if (is->range_start > 0) {
        uint64_t before;
        int rc = read_count_lines(path, is->range_start, &before, err);
        if (rc)
            return rc;
        line += before;
    }
    snprintf(buf, cap, "%s:%llu:%zu: %s", name,
             (unsigned long long)line, is->col, is->msg);
    return DS_OK;
}

/* The failure of the earliest failed task: the same message for any -j. */
static int first_failure(const shared *sh, worker *wk, int n, uint64_t *failed_at, ds_err *err)
{
    worker *first = NULL;
    for (int i = 0; i < n; i++)
        if (wk[i].rc && (!first || wk[i].failed_task < first->failed_task))
            first = &wk[i];
    if (!first)
        return DS_OK;
    *failed_at = first->failed_task + 1;
    const query_issue *is = query_worker_issue(first->qw);
    if (first->err.code != DS_OK || !is->set)
        return ds_err_set(err, first->rc, "%s", first->err.msg);
    char msg[sizeof err->msg];
    int rc = describe(sh, is, msg, sizeof msg, err);
    return rc ? rc : ds_err_set(err, DS_EDATA, "%s", msg);
}

static int collect(shared *sh, worker *wk, int n, job_result *res, ds_err *err)
{
    const query_issue *first = NULL;
    res->agg = query_agg_new(sh->q);
    for (int i = 0; i < n; i++) {
        res->rows_read += query_worker_rows(wk[i].qw);
        res->rows_skipped += query_worker_skipped(wk[i].qw);
        const query_issue *is = query_worker_issue(wk[i].qw);
        if (is->set && (!first || is->file < first->file ||
                        (is->file == first->file && is->offset < first->offset)))
            first = is;
        int rc = agg_merge(res->agg, query_worker_agg(wk[i].qw), err);
        if (rc)
            return rc;
    }
    if (!first)
        return DS_OK;
    res->first_skipped_at[0] = first->file;
    res->first_skipped_at[1] = first->offset;
    return describe(sh, first, res->first_skipped, sizeof res->first_skipped, err);
}

static void free_shared(shared *sh, size_t nfiles)
{
    for (size_t f = 0; f < nfiles && sh->files; f++)
        query_binding_free(sh->files[f].bind);
    free(sh->files);
    free(sh->tasks);
}

int job_run(const query_t *q, char *const *files, size_t nfiles, const job_opts *o,
            job_result *res, ds_err *err)
{
    memset(res, 0, sizeof *res);
    int nparts = o->nparts > 1 ? o->nparts : 1;
    shared sh = {.q = q, .skip_bad = o->skip_bad, .part = nparts > 1 ? o->part : 0};
    atomic_init(&sh.next, 0);
    atomic_init(&sh.stop_at, SIZE_MAX);
    atomic_init(&sh.bytes, 0);
    atomic_init(&sh.rows, 0);
    int rc = plan(&sh, files, nfiles, o->threads * nparts, err);
    deal_parts(&sh, nparts);
    int n = o->threads < (int)sh.mine ? o->threads : (int)sh.mine;
    worker *wk = xcalloc((size_t)n + 1, sizeof *wk);
    atomic_init(&sh.running, n);
    atomic_init(&sh.spare, o->threads - n);
    int started = 0;
    for (int i = 0; i < n && !rc; i++, started++) {
        wk[i].sh = &sh;
        wk[i].qw = query_worker_new(q, o->skip_bad);
        ds_err_clear(&wk[i].err);
        if (pthread_create(&wk[i].tid, NULL, worker_main, &wk[i]) != 0)
            break; /* fewer threads do the same work */
    }
    atomic_fetch_sub(&sh.running, n - started);
    if (!rc && started == 0 && n > 0)
        rc = ds_err_set(err, DS_EIO, "cannot start a thread");
    for (int i = started; i < n; i++) {
        query_worker_free(wk[i].qw);
        wk[i].qw = NULL;
    }
    n = started;
    if (!rc) {
        wait_workers(&sh, wk, n, o->progress, total_bytes(&sh));
        rc = first_failure(&sh, wk, n, &res->failed_at, err);
    }
    if (!rc && (rc = collect(&sh, wk, n, res, err)) != 0)
        res->failed_at = sh.ntasks + 1;
    for (int i = 0; i < n; i++)
        query_worker_free(wk[i].qw);
    free(wk);
    free_shared(&sh, nfiles);
    if (rc) {
        agg_free(res->agg);
        res->agg = NULL;
    }
    return rc;
}

int job_threads(int requested)
{
    if (requested > 0)
        return requested;
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    return cores > 0 ? (cores < INT_MAX ? (int)cores : INT_MAX) : 1;
}
