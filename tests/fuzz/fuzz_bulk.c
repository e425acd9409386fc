/* Fuzzes the bulk engine: the bytes are a DAMIR file (plain or gzip) read through the reader,
 * bound to a query by its header, scanned, filtered, summed and printed, as `aggregate` does.
 *
 * Invariants checked: an error fills ds_err with its code and a message; a plain file cut
 * into two blocks scanned by two workers and merged gives the same status and the same
 * printed bytes as the file read whole (what -j2 relies on); without --where, the counts of
 * the groups add up to the rows read minus the rows skipped. */
#include "fuzz.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "damirstat/agg.h"
#include "damirstat/query.h"
#include "damirstat/read.h"

struct bulk_query {
    const char *by, *sums, *where;
    int skip_bad;
    const query_measure *more; /* measures after the sums (expressions, means, …) */
    size_t nmore;
};

static const query_measure damir_measures[] = {
    {QUERY_SUM, "PRS_PAI_MNT - 2 * PRS_REM_MNT + 1.5 as d"}, {QUERY_MEAN, "PRS_PAI_MNT"},
    {QUERY_MIN, "PRS_REM_MNT"}, {QUERY_MAX, "PRS_PAI_MNT + PRS_REM_MNT"},
    {QUERY_COUNT_IF, "PRS_NAT in (1110, 1111) or PRS_REM_MNT > 1"},
};
static const query_measure short_measures[] = {
    {QUERY_SUM, "b - c"}, {QUERY_MEAN, "b"}, {QUERY_MIN, "c"}, {QUERY_MAX, "3 * b"},
    {QUERY_COUNT_IF, "a in ('x', 'y') or c > 1"},
};

/* Open DAMIR columns for the fixtures, and short names for small hand-made seeds. */
static const struct bulk_query bulk_queries[] = {
    {"BEN_RES_REG", "PRS_REM_MNT,PRS_PAI_MNT",
     "PRS_NAT in (1110, 1111, 3116) and not (PSE_SPE_SNDS between 2 and 5) or SOI_ANN >= 2024",
     0, NULL, 0},
    {"BEN_RES_REG,BEN_SEX_COD", "PRS_ACT_QTE", NULL, 1, NULL, 0},
    {"a,b", "c", NULL, 1, NULL, 0},
    {"a", "b,c", "c > 1.5 or b in ('x', 'y')", 0, NULL, 0},
    {"BEN_RES_REG", "PRS_REM_MNT", NULL, 1, damir_measures, 5},
    {"a", "b", "c != 0", 0, short_measures, 5},
};

/* A bad line leaves its message in the worker's issue, not in err (the caller adds where). */
static int bulk_issue(int rc, const query_worker *w, ds_err *err)
{
    const query_issue *is = query_worker_issue(w);
    if (rc == DS_EDATA && err->code == DS_OK) {
        if (!is->set || is->msg[0] == '\0' || is->col == 0 || is->lineno == 0)
            fuzz_fail("bulk: a bad line without its issue");
        ds_err_set(err, rc, "fuzz:%llu:%zu: %s", (unsigned long long)is->lineno, is->col,
                   is->msg);
    }
    return rc;
}

static void bulk_check_err(int rc, const ds_err *err)
{
    if (rc < 0 && (err->code != rc || err->msg[0] == '\0'))
        fuzz_fail("bulk: an error without its code or message");
}

struct bulk_run {
    int rc;
    char *out; /* the CSV printed on success */
    size_t len;
    uint64_t rows, skipped;
};

static int bulk_print(const query_t *q, agg_t *agg, struct bulk_run *run, ds_err *err)
{
    agg_meta meta;
    query_meta(q, run->rows, run->skipped, &meta);
    agg_sort(agg);
    FILE *js = fopen("/dev/null", "w");
    if (js) {
        agg_write(agg, js, AGG_JSON, &meta, NULL);
        fclose(js);
    }
    FILE *fp = open_memstream(&run->out, &run->len);
    if (!fp)
        return DS_EIO;
    int rc = agg_write(agg, fp, AGG_CSV, &meta, err);
    fclose(fp);
    const char *where = strstr(query_canonical(q), ";where=");
    if (query_count(q) && where && where[7] == '\0') {
        uint64_t total = 0;
        for (size_t i = 0; i < agg_ngroups(agg); i++)
            total += agg_get(agg, i).count;
        if (total != run->rows - run->skipped)
            fuzz_fail("bulk: counts do not add up to the rows kept");
    }
    return rc;
}

/* The file whole, through the reader, as job.c's streaming task reads it. */
static void bulk_stream(const query_t *q, int skip_bad, const char *path, struct bulk_run *run)
{
    ds_err err;
    ds_err_clear(&err);
    reader_t *r = NULL;
    query_worker *w = NULL;
    query_binding *b = NULL;
    int rc = reader_open(path, &r, &err);
    if (rc)
        goto done;
    w = query_worker_new(q, skip_bad);
    uint64_t lineno = 1, off = 0;
    read_block blk;
    while ((rc = reader_next(r, &blk, &err)) == DS_OK && blk.size > 0) {
        const char *buf = blk.buf;
        size_t n = blk.size;
        if (!b) {
            const char *nl = memchr(buf, '\n', n);
            size_t len = nl ? (size_t)(nl - buf) : n, hl = nl ? len + 1 : n;
            if ((rc = query_bind(q, buf, len, "fuzz", &b, &err)) != 0)
                break;
            buf += hl, n -= hl, off += hl, lineno++;
        }
        query_worker_at(w, 0, 0, off);
        rc = bulk_issue(query_worker_scan(w, b, buf, n, lineno, &err), w, &err);
        lineno += query_worker_lines(w);
        off += n;
        if (rc)
            break;
    }
    if (rc == DS_OK && !b)
        rc = ds_err_set(&err, DS_EDATA, "fuzz: empty file (no header line)");
    if (rc == DS_OK) {
        run->rows = query_worker_rows(w);
        run->skipped = query_worker_skipped(w);
        rc = bulk_print(q, query_worker_agg(w), run, &err);
    }
done:
    bulk_check_err(rc, &err);
    run->rc = rc;
    query_binding_free(b);
    query_worker_free(w);
    reader_free(r);
}

/* The same plain bytes cut at a line start into two blocks, each scanned by its own worker
 * (as two threads scan two pieces of a file), then merged. */
static void bulk_split(const query_t *q, int skip_bad, const uint8_t *data, size_t size,
                       struct bulk_run *run)
{
    ds_err err;
    ds_err_clear(&err);
    const char *buf = (const char *)data;
    const char *nl = memchr(buf, '\n', size);
    size_t hlen = nl ? (size_t)(nl - buf) : size, body = nl ? hlen + 1 : size;
    query_binding *b = NULL;
    query_worker *w[2] = {query_worker_new(q, skip_bad), query_worker_new(q, skip_bad)};
    int rc = size == 0 ? ds_err_set(&err, DS_EDATA, "fuzz: empty file (no header line)")
                       : query_bind(q, buf, hlen, "fuzz", &b, &err);
    if (rc)
        goto done;
    size_t rest = size - body, cut = body + rest * data[size - 1] / 256;
    const char *cnl = cut < size ? memchr(buf + cut, '\n', size - cut) : NULL;
    cut = cnl ? (size_t)(cnl - buf) + 1 : size;
    size_t start[2] = {body, cut}, end[2] = {cut, size};
    uint64_t lineno = 2;
    for (int i = 0; i < 2 && rc == DS_OK; i++) {
        query_worker_at(w[i], 0, 0, start[i]);
        rc = query_worker_scan(w[i], b, buf + start[i], end[i] - start[i], lineno, &err);
        rc = bulk_issue(rc, w[i], &err);
        lineno += query_worker_lines(w[i]);
    }
    if (rc == DS_OK)
        rc = agg_merge(query_worker_agg(w[0]), query_worker_agg(w[1]), &err);
    if (rc == DS_OK) {
        run->rows = query_worker_rows(w[0]) + query_worker_rows(w[1]);
        run->skipped = query_worker_skipped(w[0]) + query_worker_skipped(w[1]);
        rc = bulk_print(q, query_worker_agg(w[0]), run, &err);
    }
done:
    bulk_check_err(rc, &err);
    run->rc = rc;
    query_binding_free(b);
    query_worker_free(w[0]);
    query_worker_free(w[1]);
}

static void bulk_one(const struct bulk_query *bq, const uint8_t *data, size_t size,
                     const char *path)
{
    ds_err err;
    ds_err_clear(&err);
    query_t *q = NULL;
    query_measure m[8];
    m[0] = (query_measure){QUERY_SUM, bq->sums};
    for (size_t i = 0; i < bq->nmore; i++)
        m[i + 1] = bq->more[i];
    query_spec spec = {bq->by, bq->where, 1, m, bq->nmore + 1};
    if (bq->nmore ? query_new_spec(&spec, &q, &err) != 0
                  : query_new(bq->by, bq->sums, 1, bq->where, &q, &err) != 0)
        fuzz_fail("bulk: a fixed query does not parse");
    struct bulk_run whole = {0}, split = {0};
    bulk_stream(q, bq->skip_bad, path, &whole);
    int gzip = size >= 2 && data[0] == 0x1f && data[1] == 0x8b;
    if (!gzip) {
        bulk_split(q, bq->skip_bad, data, size, &split);
        if (whole.rc != split.rc)
            fuzz_fail("bulk: two blocks fail where the whole file does not (or the reverse)");
        if (whole.rc == DS_OK &&
            (whole.len != split.len || memcmp(whole.out, split.out, whole.len) != 0))
            fuzz_fail("bulk: two blocks print other bytes than the whole file");
    }
    free(whole.out);
    free(split.out);
    query_free(q);
}

int fuzz_bulk(const uint8_t *data, size_t size)
{
    char path[64];
    int fd;
    if (fuzz_memfile(data, size, path, sizeof path, &fd) != 0)
        return 0;
    for (size_t i = 0; i < sizeof bulk_queries / sizeof bulk_queries[0]; i++)
        bulk_one(&bulk_queries[i], data, size, path);
    close(fd);
    return 0;
}
