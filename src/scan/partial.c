#include "damirstat/partial.h"

#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "damirstat/read.h"

#define MAGIC "damirstat-partial"

static void put_names(FILE *m, const char *label, char **v, size_t n)
{
    fputs(label, m);
    for (size_t i = 0; i < n; i++)
        fprintf(m, "%s%s", i ? "\t" : " ", v[i]);
    fputc('\n', m);
}

static void put_group(FILE *m, const partial *p, const agg_group *g)
{
    for (size_t i = 0; i < g->key_len; i++)
        fputc(g->key[i] == AGG_KEY_SEP ? '\t' : g->key[i], m);
    for (size_t j = 0; j < p->nsums; j++)
        fprintf(m, "%s%" PRId64 "\t%" PRId64, p->nby || j ? "\t" : "", g->pos[j], g->neg[j]);
    fprintf(m, "%s%" PRIu64 "\n", p->nby || p->nsums ? "\t" : "", g->count);
}

int partial_write(FILE *fp, partial *p, ds_err *err)
{
    char *text = NULL;
    size_t len = 0;
    FILE *m = open_memstream(&text, &len);
    if (!m)
        return ds_err_set(err, DS_EIO, "out of memory");
    agg_sort(p->agg);
    fprintf(m, "%s %d\nquery %s\n", MAGIC, PARTIAL_VERSION, p->query);
    put_names(m, "by", p->by, p->nby);
    put_names(m, "sum", p->sums, p->nsums);
    fprintf(m, "count %d\nrows_read %" PRIu64 "\nrows_skipped %" PRIu64 "\ngroups %zu\n",
            p->count, p->rows_read, p->rows_skipped, agg_ngroups(p->agg));
    for (size_t g = 0; g < agg_ngroups(p->agg); g++) {
        agg_group grp = agg_get(p->agg, g);
        put_group(m, p, &grp);
    }
    fclose(m);
    unsigned long crc = crc32(0L, (const Bytef *)text, (uInt)len);
    fwrite(text, 1, len, fp);
    fprintf(fp, "crc32 %08lx\n", crc);
    free(text);
    if (ferror(fp))
        return ds_err_set(err, DS_EIO, "write error");
    return DS_OK;
}

static int slurp(const char *path, char **text, size_t *len, ds_err *err)
{
    FILE *fp = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
    if (!fp)
        return ds_err_set(err, DS_EIO, "%s: cannot open: %s", read_display_name(path),
                          strerror(errno));
    size_t cap = 1 << 16, n = 0, got;
    char *buf = xmalloc(cap + 1);
    while ((got = fread(buf + n, 1, cap - n, fp)) > 0)
        if ((n += got) == cap)
            buf = xrealloc(buf, (cap *= 2) + 1);
    int bad = ferror(fp);
    if (fp != stdin)
        fclose(fp);
    if (bad) {
        free(buf);
        return ds_err_set(err, DS_EIO, "%s: read error", read_display_name(path));
    }
    buf[n] = '\0';
    *text = buf;
    *len = n;
    return DS_OK;
}

/* Checks the magic line and the final crc32 line; *body_len excludes the crc line. */
static int check_envelope(const char *path, const char *text, size_t len, size_t *body_len,
                          ds_err *err)
{
    char magic[64];
    int version = 0;
    if (sscanf(text, "%63s %d", magic, &version) != 2 || strcmp(magic, MAGIC) != 0)
        return ds_err_set(err, DS_EDATA, "%s: not a damirstat partial file (made by "
                          "`damirstat aggregate --partial`)", path);
    if (version != PARTIAL_VERSION)
        return ds_err_set(err, DS_EDATA, "%s: partial format version %d; this damirstat reads "
                          "version %d", path, version, PARTIAL_VERSION);
    const char *last = len >= 2 ? memrchr(text, '\n', len - 1) : NULL;
    unsigned long want;
    if (!last || text[len - 1] != '\n' || sscanf(last + 1, "crc32 %lx", &want) != 1)
        return ds_err_set(err, DS_EDATA, "%s: truncated partial file (no checksum line)", path);
    *body_len = (size_t)(last + 1 - text);
    if (crc32(0L, (const Bytef *)text, (uInt)*body_len) != want)
        return ds_err_set(err, DS_EDATA, "%s: checksum mismatch: the partial file was changed "
                          "or damaged", path);
    return DS_OK;
}

/* Splits a "label a<TAB>b" line into names. */
static char **get_names(const char *line, size_t label_len, size_t *n)
{
    *n = 0;
    const char *p = line + label_len;
    if (*p != ' ')
        return NULL;
    char **v = NULL;
    for (p++;;) {
        size_t len = strcspn(p, "\t\n");
        v = xrealloc(v, (*n + 1) * sizeof *v);
        v[(*n)++] = xstrndup(p, len);
        if (p[len] != '\t')
            return v;
        p += len + 1;
    }
}

static const char *next_line(const char *p)
{
    const char *nl = strchr(p, '\n');
    return nl ? nl + 1 : p + strlen(p);
}

static int parse_group(partial *p, const char *line, char *key, int64_t *pos, int64_t *neg)
{
    size_t klen = 0;
    const char *q = line;
    for (size_t k = 0; k < p->nby; k++) {
        size_t len = strcspn(q, "\t\n");
        if (q[len] != '\t' && (p->nsums || p->count || k + 1 < p->nby))
            return -1;
        if (k)
            key[klen++] = AGG_KEY_SEP;
        memcpy(key + klen, q, len);
        klen += len;
        q += len + 1;
    }
    char *end;
    for (size_t j = 0; j < p->nsums; j++) {
        errno = 0;
        pos[j] = strtoll(q, &end, 10);
        neg[j] = strtoll(end, &end, 10);
        if (errno || *end != '\t' || pos[j] < 0 || neg[j] > 0)
            return -1;
        q = end + 1;
    }
    uint64_t count = strtoull(q, &end, 10);
    if (*end != '\n')
        return -1;
    agg_group g = {key, klen, pos, neg, count};
    return agg_add_group(p->agg, &g, NULL);
}

static int parse_header(partial *p, const char **cursor)
{
    const char *l = next_line(*cursor);
    size_t qlen = strcspn(l, "\n");
    if (strncmp(l, "query ", 6) != 0)
        return -1;
    p->query = xstrndup(l + 6, qlen - 6);
    l = next_line(l);
    if (strncmp(l, "by", 2) != 0)
        return -1;
    p->by = get_names(l, 2, &p->nby);
    l = next_line(l);
    if (strncmp(l, "sum", 3) != 0)
        return -1;
    p->sums = get_names(l, 3, &p->nsums);
    l = next_line(l);
    size_t groups;
    if (sscanf(l, "count %d", &p->count) != 1)
        return -1;
    l = next_line(l);
    if (sscanf(l, "rows_read %" SCNu64, &p->rows_read) != 1)
        return -1;
    l = next_line(l);
    if (sscanf(l, "rows_skipped %" SCNu64, &p->rows_skipped) != 1)
        return -1;
    l = next_line(l);
    if (sscanf(l, "groups %zu", &groups) != 1)
        return -1;
    *cursor = next_line(l);
    return 0;
}

int partial_read(const char *path, partial *p, ds_err *err)
{
    memset(p, 0, sizeof *p);
    char *text = NULL;
    size_t len = 0, body = 0;
    int rc = slurp(path, &text, &len, err);
    if (rc)
        return rc;
    const char *name = read_display_name(path);
    rc = check_envelope(name, text, len, &body, err);
    const char *cur = text;
    if (!rc && parse_header(p, &cur) != 0)
        rc = ds_err_set(err, DS_EDATA, "%s: malformed partial file header", name);
    if (!rc) {
        text[body] = '\0'; /* the crc line is not a group */
        p->agg = agg_new(p->nby, p->nsums, (const char *const *)p->sums);
        char *key = xmalloc(len + 1);
        int64_t *pos = xcalloc(p->nsums + 1, sizeof *pos), *neg = xcalloc(p->nsums + 1, sizeof *neg);
        for (; *cur && !rc; cur = next_line(cur))
            if (parse_group(p, cur, key, pos, neg) != 0)
                rc = ds_err_set(err, DS_EDATA, "%s: malformed group line in partial file", name);
        free(key);
        free(pos);
        free(neg);
    }
    free(text);
    if (rc)
        partial_clear(p);
    return rc;
}

void partial_clear(partial *p)
{
    free(p->query);
    for (size_t i = 0; i < p->nby; i++)
        free(p->by[i]);
    for (size_t i = 0; i < p->nsums; i++)
        free(p->sums[i]);
    free(p->by);
    free(p->sums);
    agg_free(p->agg);
    memset(p, 0, sizeof *p);
}
