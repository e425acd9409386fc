/* study_agg: the [inputs] and [aggregate] steps, the aggregation cache, and the
 * fingerprints of every file a run read.
 *
 * Aggregating a year of DAMIR files takes seconds to minutes; changing a model or a figure
 * must not redo it. The cache in OUT/.cache — aggregate.partial (the aggregate and its row
 * counters, in the checksummed format of `aggregate --partial`), aggregate.csv (the same
 * table for a reader) and aggregate.key — is keyed by the canonical query and, for every
 * input, its path, size, mtime and CRC-32. Keeping it cheap: size and mtime are compared
 * first (a stat, no read: any difference is a miss, a touched file included); only when all
 * of them match is each file's CRC-32 computed (ISA-L's CRC-32, the value of zlib's crc32,
 * over 64 KiB reads: a pass at disk or memory speed), so an edited file that kept its size
 * and mtime still misses. On a miss the size and mtime are taken before the aggregation,
 * the CRC-32 of the bytes it reads during it, and the fingerprint again after it: an input
 * that changed meanwhile is an error (its sums are of neither content, and a key from the
 * new fingerprint would pair the new file with them), so nothing is cached. A cache that
 * cannot be read back (damaged, or written by an older damirstat) is a miss. */
#include <errno.h>
#include <glob.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "damirstat/agg.h"
#include "damirstat/job.h"
#include "damirstat/measure.h"
#include "damirstat/out.h"
#include "damirstat/partial.h"
#include "damirstat/query.h"
#include "damirstat/read.h"
#include "study_steps_impl.h"

/* Size, mtime and CRC-32 of a file; DS_EIO naming it. */
static int fingerprint(const char *path, study_input *in, ds_err *err)
{
    FILE *fp = fopen(path, "rb");
    struct stat st;
    if (!fp || fstat(fileno(fp), &st) != 0) {
        int rc = ds_err_set(err, DS_EIO, "%s: %s", path, strerror(errno));
        if (fp)
            fclose(fp);
        return rc;
    }
    static unsigned char buf[1 << 16];
    uint32_t crc = 0;
    size_t got;
    while ((got = fread(buf, 1, sizeof buf, fp)) > 0)
        crc = read_crc32(crc, buf, got);
    int bad = ferror(fp);
    fclose(fp);
    if (bad)
        return ds_err_set(err, DS_EIO, "%s: read error", path);
    in->path = xstrdup(path);
    in->size = (uint64_t)st.st_size;
    in->mtime = (int64_t)st.st_mtime;
    in->crc = (uint32_t)crc;
    return DS_OK;
}

/* The keys whose value is a file a step reads (unless it names a table of the run). */
static const struct {
    const char *kind, *key;
} file_keys[] = {
    {"table", "from"}, {"join", "right"}, {"standardize", "observed"},
    {"standardize", "population"},
};

static int noted(const study_state *r, const char *path)
{
    for (size_t i = 0; i < r->ninputs; i++)
        if (strcmp(r->inputs[i].path, path) == 0)
            return 1;
    return 0;
}

/* Every reference file once, in the order the study first reads it. */
int study_inputs_note_tables(study_state *r, ds_err *err)
{
    const study_t *s = r->study;
    for (size_t i = 0; i < s->nsec; i++)
        for (size_t k = 0; k < sizeof file_keys / sizeof file_keys[0]; k++) {
            const study_section *sec = &s->sec[i];
            const char *file = strcmp(sec->kind, file_keys[k].kind) == 0
                                   ? study_get(sec, file_keys[k].key) : NULL;
            if (!file || (strcmp(sec->kind, "table") != 0 && study_state_table(r, file)))
                continue;
            char *path = study_path(s, file);
            study_input in;
            int rc = noted(r, path) ? DS_OK : fingerprint(path, &in, err);
            if (rc == DS_OK && !noted(r, path))
                study_state_push_input(r, &in);
            free(path);
            if (rc != DS_OK)
                return rc;
        }
    return DS_OK;
}

/* The [inputs] section an [aggregate] reads, or NULL with the error. */
static const study_section *inputs_section(const study_t *s, ds_err *err)
{
    for (size_t i = 0; i < s->nsec; i++)
        if (strcmp(s->sec[i].kind, "inputs") == 0)
            return &s->sec[i];
    ds_err_set(err, DS_EDATA, "%s: [aggregate] needs an [inputs] section with files = …",
               s->path);
    return NULL;
}

static int expand_inputs(const study_t *s, study_state *r, ds_err *err)
{
    const study_section *in = inputs_section(s, err);
    if (!in)
        return DS_EDATA;
    size_t nw;
    char **w = study_words(study_get(in, "files"), &nw);
    int rc = DS_OK;
    for (size_t k = 0; k < nw && rc == DS_OK; k++) {
        const char *pat = w[k];
        glob_t g;
        int grc = study_glob(s, pat, &g);
        if (grc == GLOB_NOMATCH)
            rc = study_not_found(s, in, "files", pat, err);
        else if (grc != 0)
            rc = ds_err_set(err, DS_EIO, "%s:%d: files: cannot list '%s'", s->path,
                            study_line(in, "files"), pat);
        for (size_t i = 0; rc == DS_OK && i < g.gl_pathc; i++) {
            study_input one = {xstrdup(g.gl_pathv[i]), 0, 0, 0};
            study_state_push_input(r, &one);
        }
        if (grc != GLOB_NOMATCH)
            globfree(&g);
    }
    study_words_free(w);
    return rc;
}

/* Size and mtime of every input; the CRC only when with_crc. */
static int stat_inputs(study_state *r, int with_crc, ds_err *err)
{
    for (size_t i = 0; i < r->ninputs; i++) {
        study_input *in = &r->inputs[i];
        struct stat st;
        if (!with_crc) {
            if (stat(in->path, &st) != 0)
                return ds_err_set(err, DS_EIO, "%s: %s", in->path, strerror(errno));
            in->size = (uint64_t)st.st_size;
            in->mtime = (int64_t)st.st_mtime;
            continue;
        }
        study_input fp;
        int rc = fingerprint(in->path, &fp, err);
        if (rc != DS_OK)
            return rc;
        free(fp.path);
        in->size = fp.size;
        in->mtime = fp.mtime;
        in->crc = fp.crc;
    }
    return DS_OK;
}

static char *cache_path(const study_state *r, const char *name)
{
    size_t n = strlen(r->out_dir) + strlen(name) + 16;
    char *p = xmalloc(n);
    snprintf(p, n, "%s/.cache/%s", r->out_dir, name);
    return p;
}

/* The key text: version line, query, then one line per input. with_crc = 0 leaves the CRC
 * out, for the cheap first comparison. */
static char *cache_key(const study_state *r, int with_crc)
{
    size_t cap = strlen(r->query) + 64, len = 0;
    for (size_t i = 0; i < r->ninputs; i++)
        cap += strlen(r->inputs[i].path) + 80;
    char *k = xmalloc(cap);
    len += (size_t)snprintf(k, cap, "damirstat-aggregate-cache 2\nquery %s\n", r->query);
    for (size_t i = 0; i < r->ninputs; i++) {
        const study_input *in = &r->inputs[i];
        len += (size_t)snprintf(k + len, cap - len, "file %llu %lld ", (unsigned long long)in->size,
                                (long long)in->mtime);
        if (with_crc)
            len += (size_t)snprintf(k + len, cap - len, "%08x ", (unsigned)in->crc);
        len += (size_t)snprintf(k + len, cap - len, "%s\n", in->path);
    }
    return k;
}

/* Drops the CRC field from every "file" line, so a stored key compares with a cheap one. */
static void strip_crc(char *k)
{
    for (char *p = strstr(k, "\nfile "); p; p = strstr(p + 1, "\nfile ")) {
        char *f = p + 6;
        f = strchr(f, ' ');          /* after size */
        f = f ? strchr(f + 1, ' ') : NULL; /* after mtime */
        if (f && strlen(f) > 10 && f[9] == ' ')
            memmove(f + 1, f + 10, strlen(f + 10) + 1);
    }
}

/* 1 when the cache holds this query over these very files. */
static int cache_valid(study_state *r, ds_err *err, int *rc)
{
    char *kpath = cache_path(r, "aggregate.key");
    ds_err ignored; /* no key: a miss */
    ds_err_clear(&ignored);
    char *stored = study_read_file(kpath, NULL, &ignored);
    free(kpath);
    *rc = DS_OK;
    if (!stored)
        return 0;
    char *cheap = cache_key(r, 0);
    char *cheap_stored = xstrdup(stored);
    strip_crc(cheap_stored);
    int same = strcmp(cheap, cheap_stored) == 0;
    free(cheap);
    free(cheap_stored);
    if (same && (*rc = stat_inputs(r, 1, err)) == DS_OK) {
        char *full = cache_key(r, 1);
        same = strcmp(full, stored) == 0;
        free(full);
    }
    free(stored);
    return same && *rc == DS_OK;
}

/* The aggregate as a table: the by-codes as text, each sum as an exact decimal (the table
 * reads it as a number), then the row count. */
static table_t *agg_table(const partial *p)
{
    size_t nby = p->nby, ns = p->nsums, nc = nby + ns + 1;
    const char **names = xmalloc(nc * sizeof *names);
    char **owned = xcalloc(nc, sizeof *owned);
    for (size_t j = 0; j < nby; j++)
        names[j] = p->by[j];
    for (size_t j = 0; j < ns; j++) {
        size_t len = strlen(p->sums[j]) + 5;
        owned[nby + j] = xmalloc(len);
        snprintf(owned[nby + j], len, "sum_%s", p->sums[j]);
        names[nby + j] = owned[nby + j];
    }
    names[nc - 1] = "count";
    table_t *t = table_new(nc, names);
    char *cells_buf = xmalloc(nc * 32);
    const char **cells = xmalloc(nc * sizeof *cells);
    agg_sort(p->agg);
    for (size_t i = 0; i < agg_ngroups(p->agg); i++) {
        agg_group g = agg_get(p->agg, i);
        char *key = xstrndup(g.key, g.key_len), *k = key;
        for (size_t j = 0; j < nby; j++) {
            cells[j] = k;
            char *sep = strchr(k, AGG_KEY_SEP);
            if (sep)
                *sep = '\0';
            k = sep ? sep + 1 : k + strlen(k);
        }
        for (size_t j = 0; j < ns; j++) {
            agg_format_cents(agg_total(&g, j), cells_buf + 32 * j);
            cells[nby + j] = cells_buf + 32 * j;
        }
        snprintf(cells_buf + 32 * ns, 32, "%llu", (unsigned long long)g.count);
        cells[nc - 1] = cells_buf + 32 * ns;
        table_append_row(t, cells);
        free(key);
    }
    for (size_t j = 0; j < nc; j++)
        free(owned[j]);
    free(owned);
    free(names);
    free(cells);
    free(cells_buf);
    return t;
}

/* One cache file, written to a temporary and renamed: the text, else the table as CSV,
 * else the partial. */
static int write_cache_file(const char *path, const char *text, const table_t *t,
                            partial *p, ds_err *err)
{
    out_t *o;
    int rc = out_open(path, &o, err);
    if (rc != DS_OK)
        return rc;
    if (t)
        rc = table_write(t, out_stream(o), ',', err);
    else if (p)
        rc = partial_write(out_stream(o), p, err);
    else
        fputs(text, out_stream(o));
    if (rc != DS_OK) {
        out_abort(o);
        return rc;
    }
    return out_commit(o, err);
}

/* Stores the aggregate and the table, then the key: a crash in between leaves an old key over
 * new files, which the next run's key comparison rejects only if the query or inputs
 * changed — so the key is removed first. */
static int cache_store(study_state *r, const table_t *t, ds_err *err)
{
    char *dir = cache_path(r, ""), *kpath = cache_path(r, "aggregate.key");
    char *ppath = cache_path(r, "aggregate.partial"), *tpath = cache_path(r, "aggregate.csv");
    int rc = study_mkdirs(dir, err);
    if (rc == DS_OK) {
        unlink(kpath);
        rc = write_cache_file(ppath, NULL, NULL, &r->aggregate, err);
    }
    if (rc == DS_OK)
        rc = write_cache_file(tpath, NULL, t, NULL, err);
    if (rc == DS_OK) {
        char *key = cache_key(r, 1);
        rc = write_cache_file(kpath, key, NULL, NULL, err);
        free(key);
    }
    free(dir);
    free(kpath);
    free(ppath);
    free(tpath);
    return rc;
}

/* Reads the cached aggregate into r->aggregate; 0 (a miss, err untouched) when it cannot
 * be read back or answers another query. */
static int cache_load(study_state *r)
{
    char *ppath = cache_path(r, "aggregate.partial");
    ds_err ignored;
    ds_err_clear(&ignored);
    int ok = partial_read(ppath, &r->aggregate, &ignored) == DS_OK &&
             strcmp(r->aggregate.query, r->query) == 0;
    free(ppath);
    if (!ok)
        partial_clear(&r->aggregate);
    return ok;
}

static char **copy_names(const char *const *names, size_t n)
{
    char **c = xmalloc((n + 1) * sizeof *c);
    for (size_t i = 0; i < n; i++)
        c[i] = xstrdup(names[i]);
    return c;
}

/* The inputs after the scan against what they were before it (size and mtime) and during
 * it (the bytes the scan read, their CRC-32): an input that changed meanwhile gave sums of
 * neither its old nor its new content, and a cache keyed by its new fingerprint would pair
 * them with the new file. Sets the CRCs the key records. */
static int check_unchanged(study_state *r, const job_result *res, ds_err *err)
{
    for (size_t i = 0; i < r->ninputs; i++) {
        study_input *in = &r->inputs[i], now;
        int rc = fingerprint(in->path, &now, err);
        if (rc != DS_OK)
            return rc;
        free(now.path);
        if (now.size != in->size || now.mtime != in->mtime || now.size != res->inputs[i].size ||
            now.crc != res->inputs[i].crc)
            return ds_err_set(err, DS_EIO, "%s: changed while the study read it (its size, mtime "
                              "or bytes differ from those the aggregation read): the aggregate "
                              "is discarded and not cached; run again once the file is stable",
                              in->path);
        in->crc = now.crc;
    }
    return DS_OK;
}

/* Runs q over the inputs into r->aggregate, whose own copy of the names outlives q, and
 * checks that no input changed meanwhile. */
static int aggregate(const query_t *q, study_state *r, ds_err *err)
{
    char **files = xmalloc((r->ninputs + 1) * sizeof *files);
    for (size_t i = 0; i < r->ninputs; i++)
        files[i] = r->inputs[i].path;
    job_opts jo = {.threads = job_threads(0), .progress = !r->quiet && isatty(STDERR_FILENO),
                   .checksums = 1};
    job_result res;
    memset(&res, 0, sizeof res);
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    int rc = job_run(q, files, r->ninputs, &jo, &res, err);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    free(files);
    if (rc == DS_OK)
        rc = check_unchanged(r, &res, err);
    if (rc != DS_OK) {
        job_result_free(&res);
        return rc;
    }
    r->agg_seconds = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
    partial *p = &r->aggregate;
    p->query = xstrdup(query_canonical(q));
    p->nby = query_nby(q);
    p->by = copy_names(query_by(q), p->nby);
    p->nsums = query_nsums(q);
    p->sums = copy_names(query_sums(q), p->nsums);
    p->count = query_count(q);
    p->rows_read = res.rows_read;
    p->rows_skipped = res.rows_skipped;
    p->agg = agg_new(p->nby, p->nsums, (const char *const *)p->sums);
    rc = agg_merge(p->agg, res.agg, err); /* same totals: cannot overflow */
    p->inputs = xcalloc(res.ninputs + 1, sizeof *p->inputs);
    for (size_t i = 0; i < res.ninputs; i++, p->ninputs++)
        p->inputs[i] = (partial_input){xstrdup(res.inputs[i].name), res.inputs[i].size,
                                       res.inputs[i].crc, res.inputs[i].rows};
    p->inputs_known = 1;
    job_result_free(&res);
    return rc;
}

/* The query of an [aggregate]: by, where and sum, after the rows and the sums of its
 * measure = when it names one (the meaning of aggregate --measure). */
static int aggregate_query(const study_t *s, const study_section *sec, query_t **q,
                           ds_err *err)
{
    const char *name = study_get(sec, "measure"), *sum = study_get(sec, "sum");
    char hint[600], *where = NULL, *sums = NULL;
    const measure *m = name ? measure_find_hint(name, hint, sizeof hint) : NULL;
    if (name && !m)
        return ds_err_set(err, DS_EDATA, "%s:%d: [aggregate]: measure: no measure '%s'%s "
                          "(damirstat aggregate --measure list prints their definitions)",
                          s->path, study_line(sec, "measure"), name, hint);
    if (!m && !sum)
        return ds_err_set(err, DS_EDATA, "%s:%d: [aggregate]: needs sum = … or measure = …",
                          s->path, sec->line);
    if (m) {
        where = measure_where(m, study_get(sec, "where"));
        size_t len = strlen(m->sums) + (sum ? strlen(sum) : 0) + 2;
        sums = xmalloc(len);
        snprintf(sums, len, "%s%s%s", m->sums, sum ? "," : "", sum ? sum : "");
    }
    int rc = query_new(study_get(sec, "by"), m ? sums : sum, 1,
                       m ? where : study_get(sec, "where"), q, err);
    free(where);
    free(sums);
    return rc != DS_OK ? study_fail_at(s, sec, NULL, rc, err) : DS_OK;
}

int study_aggregate_step(const study_t *s, const study_section *sec, study_state *r,
                         ds_err *err)
{
    query_t *q = NULL;
    int rc = aggregate_query(s, sec, &q, err);
    if (rc != DS_OK)
        return rc;
    r->query = xstrdup(query_canonical(q));
    if ((rc = expand_inputs(s, r, err)) == DS_OK)
        rc = stat_inputs(r, 0, err);
    r->ninputs_agg = r->ninputs;
    table_t *t = NULL;
    int hit = rc == DS_OK && !r->no_cache && cache_valid(r, err, &rc) && cache_load(r);
    if (hit) {
        r->cache_hit = 1;
        t = agg_table(&r->aggregate);
    } else if (rc == DS_OK && (rc = aggregate(q, r, err)) == DS_OK) {
        t = agg_table(&r->aggregate);
        rc = cache_store(r, t, err);
    }
    query_free(q);
    if (rc != DS_OK) {
        table_free(t);
        return rc;
    }
    const char *as = study_get(sec, "as");
    study_state_push_table(r, as ? as : "aggregate", t, sec->line);
    return DS_OK;
}

/* The query's syntax (--where, by, sum) and every input pattern matching a file. */
int study_aggregate_check(const study_t *s, const study_section *sec, ds_err *err)
{
    query_t *q = NULL;
    int rc = aggregate_query(s, sec, &q, err);
    query_free(q);
    if (rc != DS_OK)
        return rc;
    const study_section *in = inputs_section(s, err);
    if (!in)
        return DS_EDATA;
    size_t nw;
    char **w = study_words(study_get(in, "files"), &nw);
    for (size_t k = 0; k < nw && rc == DS_OK; k++) {
        glob_t g;
        int grc = study_glob(s, w[k], &g);
        if (grc == GLOB_NOMATCH)
            rc = study_not_found(s, in, "files", w[k], err);
        else
            globfree(&g);
    }
    study_words_free(w);
    return rc;
}
