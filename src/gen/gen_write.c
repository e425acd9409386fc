/* Writing a plan out: month files (plain or gzip, several at once) and the truth manifest. */
#define ZLIB_CONST
#include <errno.h>
#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <zlib.h>

#include "damirstat/out.h"
#include "damirstat/version.h"
#include "gen_impl.h"

struct file_sink {
    FILE *fp;
    const char *name;
    int gzip;
    z_stream zs;
    unsigned char out[1 << 17];
};

static int sink_flush_z(struct file_sink *s, int flush, ds_err *err)
{
    int zrc;
    do {
        s->zs.next_out = s->out;
        s->zs.avail_out = sizeof s->out;
        zrc = deflate(&s->zs, flush);
        if (zrc == Z_STREAM_ERROR)
            return ds_err_set(err, DS_EIO, "%s: gzip: %s", s->name, s->zs.msg ? s->zs.msg : "error");
        size_t n = sizeof s->out - s->zs.avail_out;
        if (n && fwrite(s->out, 1, n, s->fp) != n)
            return ds_err_set(err, DS_EIO, "%s: write error: %s", s->name, strerror(errno));
    } while (s->zs.avail_out == 0 || (flush == Z_FINISH && zrc != Z_STREAM_END));
    return DS_OK;
}

static int sink_write(void *ctx, const char *data, size_t len, ds_err *err)
{
    struct file_sink *s = ctx;
    if (!s->gzip) {
        if (fwrite(data, 1, len, s->fp) != len)
            return ds_err_set(err, DS_EIO, "%s: write error: %s", s->name, strerror(errno));
        return DS_OK;
    }
    s->zs.next_in = (const Bytef *)data;
    s->zs.avail_in = (uInt)len;
    return sink_flush_z(s, Z_NO_FLUSH, err);
}

static genrow_month month_spec(const gen_t *g, size_t i)
{
    genrow_month m = {
        .yyyymm = g->months[i],
        .with_dept = g->p.geo == GEN_GEO_DEPT,
        .depts = g->rdepts,
        .ndepts = g->ndepts,
        .residence = g->residence,
        .gp = g->month_gp[i],
        .ngp = g->month_ngp[i],
        .rows = g->month_rows[i],
        .inhabitants = g->inhabitants,
        .seed = gen_derive_seed(g->p.seed, (uint64_t)g->months[i]),
    };
    return m;
}

int gen_write_month(const gen_t *g, size_t i, FILE *fp, const char *name, int gzip_level,
                    ds_err *err)
{
    struct file_sink *s = xcalloc(1, sizeof *s);
    s->fp = fp, s->name = name, s->gzip = gzip_level > 0;
    /* windowBits 15 + 16: a gzip wrapper with mtime 0, so the bytes depend on the data alone */
    if (s->gzip && deflateInit2(&s->zs, gzip_level, Z_DEFLATED, 15 + 16, 8,
                                Z_DEFAULT_STRATEGY) != Z_OK) {
        free(s);
        return ds_err_set(err, DS_EIO, "%s: cannot start gzip", name);
    }
    genrow_month m = month_spec(g, i);
    int rc = genrow_write_month(&m, sink_write, s, err);
    if (!rc && s->gzip)
        rc = sink_flush_z(s, Z_FINISH, err);
    if (s->gzip)
        deflateEnd(&s->zs);
    free(s);
    return rc;
}

int gen_make_dir(const char *dir, ds_err *err)
{
    char *p = xstrdup(dir);
    int rc = DS_OK;
    for (char *q = p + 1;; q++) {
        if (*q != '/' && *q != '\0')
            continue;
        char c = *q;
        *q = '\0';
        struct stat st;
        if (mkdir(p, 0777) != 0) {
            int e = errno;
            if (e == EEXIST && stat(p, &st) == 0 && !S_ISDIR(st.st_mode))
                e = ENOTDIR;
            if (e != EEXIST) {
                rc = ds_err_set(err, DS_EIO, "%s: cannot create folder: %s", dir, strerror(e));
                break;
            }
        }
        *q = c;
        if (c == '\0')
            break;
    }
    free(p);
    return rc;
}

struct pool {
    const gen_t *g;
    int gzip_level;
    out_t **outs;
    char **names;
    ds_err *errs;
    int *rcs;
    size_t next;
    pthread_mutex_t lock;
};

static void *pool_worker(void *arg)
{
    struct pool *pl = arg;
    for (;;) {
        pthread_mutex_lock(&pl->lock);
        size_t i = pl->next++;
        pthread_mutex_unlock(&pl->lock);
        if (i >= pl->g->nmonths)
            return NULL;
        pl->rcs[i] = gen_write_month(pl->g, i, out_stream(pl->outs[i]), pl->names[i],
                                     pl->gzip_level, &pl->errs[i]);
    }
}

static int run_pool(struct pool *pl, int threads)
{
    size_t n = pl->g->nmonths;
    if (threads < 1)
        threads = 1;
    if ((size_t)threads > n)
        threads = (int)n;
    pthread_t *tid = xcalloc((size_t)threads, sizeof *tid);
    int started = 0;
    pthread_mutex_init(&pl->lock, NULL);
    for (int t = 1; t < threads; t++) /* the calling thread is worker 0 */
        if (pthread_create(&tid[t], NULL, pool_worker, pl) == 0)
            started = t;
        else
            break;
    pool_worker(pl);
    for (int t = 1; t <= started; t++)
        pthread_join(tid[t], NULL);
    pthread_mutex_destroy(&pl->lock);
    free(tid);
    for (size_t i = 0; i < n; i++)
        if (pl->rcs[i])
            return (int)i + 1;
    return 0;
}

int gen_write_files(const gen_t *g, const char *dir, int gzip_level, int threads, ds_err *err)
{
    int rc = gen_make_dir(dir, err);
    if (rc)
        return rc;
    size_t n = g->nmonths, opened = 0;
    struct pool pl = {.g = g, .gzip_level = gzip_level};
    pl.outs = xcalloc(n, sizeof *pl.outs);
    pl.names = xcalloc(n, sizeof *pl.names);
    pl.errs = xcalloc(n, sizeof *pl.errs);
    pl.rcs = xcalloc(n, sizeof *pl.rcs);
    for (; opened < n; opened++) {
        size_t len = strlen(dir) + 32;
        pl.names[opened] = xmalloc(len);
        snprintf(pl.names[opened], len, "%s/A%06d.csv%s", dir, g->months[opened],
                 gzip_level > 0 ? ".gz" : "");
        ds_err_clear(&pl.errs[opened]);
        if ((rc = out_open(pl.names[opened], &pl.outs[opened], err)) != 0)
            break;
    }
    if (!rc) {
        int bad = run_pool(&pl, threads);
        if (bad)
            rc = ds_err_set(err, pl.rcs[bad - 1], "%s", pl.errs[bad - 1].msg);
    }
    if (rc) {
        for (size_t i = 0; i < opened; i++)
            out_abort(pl.outs[i]);
    } else { /* all or nothing: every month is flushed before any is renamed */
        rc = out_commit_all(pl.outs, opened, err);
    }
    for (size_t i = 0; i < n; i++)
        free(pl.names[i]);
    free(pl.outs), free(pl.names), free(pl.errs), free(pl.rcs);
    return rc;
}
