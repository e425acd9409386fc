#include "damirstat/partial.h"

#include <errno.h>
#include <inttypes.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "damirstat/read.h"

#define MAGIC "damirstat-partial"

/* A text field with \\, tab, newline and carriage return escaped: it stays on its line. */
static void put_text(FILE *m, const char *s)
{
    for (; *s; s++) {
        const char *e = *s == '\\' ? "\\\\" : *s == '\t' ? "\\t" : *s == '\n' ? "\\n"
                      : *s == '\r' ? "\\r" : NULL;
        if (e)
            fputs(e, m);
        else
            fputc(*s, m);
    }
}

/* The text of an escaped field of len bytes (version 3), or the bytes as they are. */
static char *get_text(const char *p, size_t len, int escaped)
{
    char *t = xmalloc(len + 1), *o = t;
    for (size_t i = 0; i < len; i++) {
        if (!escaped || p[i] != '\\' || i + 1 == len) {
            *o++ = p[i];
            continue;
        }
        char c = p[++i];
        *o++ = c == 't' ? '\t' : c == 'n' ? '\n' : c == 'r' ? '\r' : c;
    }
    *o = '\0';
    return t;
}

static void put_names(FILE *m, const char *label, char **v, size_t n)
{
    fputs(label, m);
    for (size_t i = 0; i < n; i++) {
        fputs(i ? "\t" : " ", m);
        put_text(m, v[i]);
    }
    fputc('\n', m);
}

/* "inputs N", then "input SIZE CRC ROWS NAME" per input; "inputs ?" when some part of a
 * merge recorded none (an older file): the record is known to be incomplete. */
static void put_inputs(FILE *m, const partial *p)
{
    if (!p->inputs_known) {
        fputs("inputs ?\n", m);
        return;
    }
    fprintf(m, "inputs %zu\n", p->ninputs);
    for (size_t i = 0; i < p->ninputs; i++) {
        const partial_input *in = &p->inputs[i];
        fprintf(m, "input %" PRIu64 " %08" PRIx32 " %" PRIu64 " ", in->size, in->crc, in->rows);
        put_text(m, in->name);
        fputc('\n', m);
    }
}

static void put_group(FILE *m, const partial *p, const agg_group *g)
{
    size_t next = agg_next(p->agg);
    for (size_t i = 0; i < g->key_len; i++)
        fputc(g->key[i] == AGG_KEY_SEP ? '\t' : g->key[i], m);
    for (size_t j = 0; j < p->nsums; j++)
        fprintf(m, "%s%" PRId64 "\t%" PRId64, p->nby || j ? "\t" : "", g->pos[j], g->neg[j]);
    for (size_t i = 0; i < next; i++)
        fprintf(m, "%s%" PRId64, p->nby || p->nsums || i ? "\t" : "", g->ext[i]);
    fprintf(m, "%s%" PRIu64 "\n", p->nby || p->nsums || next ? "\t" : "", g->count);
}

static const char *const kind_word[] = {"sum", "mean", "min", "max", "count_if"};

/* Version 2 names the query's measures and its --where, so that a reader builds the same
 * query again (query_new_spec) and with it the accumulators of each group line. */
static void put_query_v2(FILE *m, const partial *p)
{
    const query_t *q = p->q;
    if (!q) { /* sums of columns only, from the names and the canonical query's tail */
        const char *w = strstr(p->query, ";where=");
        fputs(w && w[7] ? "where " : "where", m);
        put_text(m, w ? w + 7 : "");
        fputc('\n', m);
        for (size_t i = 0; i < p->nsums; i++) {
            fputs("measure sum\t", m);
            put_text(m, p->sums[i]);
            fputc('\n', m);
        }
        return;
    }
    const char *where = query_where(q);
    fputs(where ? "where " : "where", m);
    put_text(m, where ? where : "");
    fputc('\n', m);
    for (size_t i = 0; i < query_nmeasures(q); i++) {
        query_measure qm = query_measure_at(q, i);
        fprintf(m, "measure %s\t", kind_word[qm.kind]);
        put_text(m, qm.text);
        fputc('\n', m);
    }
}

int partial_write(FILE *fp, partial *p, ds_err *err)
{
    char *text = NULL;
    size_t len = 0;
    FILE *m = open_memstream(&text, &len);
    if (!m)
        return ds_err_set(err, DS_EIO, "out of memory");
    agg_sort(p->agg);
    fprintf(m, "%s %d\nquery ", MAGIC, PARTIAL_VERSION);
    put_text(m, p->query);
    fputc('\n', m);
    put_names(m, "by", p->by, p->nby);
    put_query_v2(m, p);
    fprintf(m, "count %d\nrows_read %" PRIu64 "\nrows_skipped %" PRIu64 "\n", p->count,
            p->rows_read, p->rows_skipped);
    put_inputs(m, p);
    fprintf(m, "groups %zu\n", agg_ngroups(p->agg));
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
                          int *version, ds_err *err)
{
    char magic[64];
    *version = 0;
    if (sscanf(text, "%63s %d", magic, version) != 2 || strcmp(magic, MAGIC) != 0)
        return ds_err_set(err, DS_EDATA, "%s: not a damirstat partial file (made by "
                          "`damirstat aggregate --partial`)", path);
    if (*version < 1 || *version > PARTIAL_VERSION)
        return ds_err_set(err, DS_EDATA, "%s: partial format version %d; this damirstat reads "
                          "versions 1 to %d", path, *version, PARTIAL_VERSION);
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
static char **get_names(const char *line, size_t label_len, size_t *n, int escaped)
{
    *n = 0;
    const char *p = line + label_len;
    if (*p != ' ')
        return NULL;
    char **v = NULL;
    for (p++;;) {
        size_t len = strcspn(p, "\t\n");
        v = xrealloc(v, (*n + 1) * sizeof *v);
        v[(*n)++] = get_text(p, len, escaped);
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

/* A group line: the codes, per sum its positive and negative totals, per extra accumulator
 * its value, then the count. vals has room for 2 * nsums + next numbers. */
static int parse_group(partial *p, const char *line, char *key, int64_t *vals)
{
    size_t klen = 0, nsums = p->nsums, next = agg_next(p->agg);
    const char *q = line;
    for (size_t k = 0; k < p->nby; k++) {
        size_t len = strcspn(q, "\t\n");
        if (q[len] != '\t')
            return -1; /* the count always follows */
        if (k)
            key[klen++] = AGG_KEY_SEP;
        memcpy(key + klen, q, len);
        klen += len;
        q += len + 1;
    }
    char *end;
    for (size_t j = 0; j < 2 * nsums + next; j++) {
        errno = 0;
        vals[j] = strtoll(q, &end, 10);
        if (errno || *end != '\t' || end == q || (j < 2 * nsums && (j % 2 ? vals[j] > 0 : vals[j] < 0)))
            return -1;
        q = end + 1;
    }
    for (size_t j = 0; j < nsums; j++) { /* pos, neg pairs -> pos[], then neg[] */
        int64_t pos = vals[2 * j], neg = vals[2 * j + 1];
        vals[2 * nsums + next + j] = pos, vals[3 * nsums + next + j] = neg;
    }
    uint64_t count = strtoull(q, &end, 10);
    if (*end != '\n' || end == q)
        return -1;
    agg_group g = {key, klen, vals + 2 * nsums + next, vals + 3 * nsums + next, count,
                   vals + 2 * nsums};
    return agg_add_group(p->agg, &g, NULL);
}

static char *join_names(char **v, size_t n)
{
    size_t cap = 1;
    for (size_t i = 0; i < n; i++)
        cap += strlen(v[i]) + 1;
    char *s = xcalloc(1, cap);
    for (size_t i = 0; i < n; i++) {
        if (i)
            strcat(s, ",");
        strcat(s, v[i]);
    }
    return s;
}

/* Version 1: the sums are columns, the --where is the canonical query's tail. */
static int query_v1(partial *p, ds_err *err)
{
    const char *w = strstr(p->query, ";where=");
    char *by = join_names(p->by, p->nby), *sums = join_names(p->sums, p->nsums);
    int rc = query_new(by, sums, p->count, w && w[7] ? w + 7 : NULL, &p->q, err);
    free(by);
    free(sums);
    return rc;
}

/* Versions 2 and 3: "where [TEXT]", then "measure KIND<TAB>TEXT" lines, up to the count
 * line (texts escaped in version 3). */
static int query_v2(partial *p, int escaped, const char **cursor, ds_err *err)
{
    const char *l = *cursor;
    if (strncmp(l, "where", 5) != 0 || (l[5] != ' ' && l[5] != '\n'))
        return -1;
    char *where = l[5] == ' ' ? get_text(l + 6, strcspn(l + 6, "\n"), escaped) : NULL;
    query_measure *m = NULL;
    size_t n = 0;
    for (l = next_line(l); strncmp(l, "measure ", 8) == 0; l = next_line(l)) {
        size_t kl = strcspn(l + 8, "\t\n"), k = 0;
        while (k < 5 && (strlen(kind_word[k]) != kl || strncmp(l + 8, kind_word[k], kl) != 0))
            k++;
        if (k == 5 || l[8 + kl] != '\t')
            break;
        m = xrealloc(m, (n + 1) * sizeof *m);
        m[n++] = (query_measure){(query_kind)k,
                                 get_text(l + 9 + kl, strcspn(l + 9 + kl, "\n"), escaped)};
    }
    int count = 0, rc = sscanf(l, "count %d", &count) == 1 ? DS_OK : -1;
    char *by = join_names(p->by, p->nby);
    query_spec spec = {by, where, count, m, n};
    if (rc == DS_OK)
        rc = query_new_spec(&spec, &p->q, err);
    for (size_t i = 0; i < n; i++)
        free((char *)(uintptr_t)m[i].text);
    free(m);
    free(by);
    free(where);
    *cursor = l;
    return rc;
}

/* Version 3: "inputs N" and N "input SIZE CRC ROWS NAME" lines. */
static int get_inputs(partial *p, const char **cursor)
{
    const char *l = *cursor;
    size_t n;
    if (strncmp(l, "inputs ?\n", 9) == 0) {
        *cursor = next_line(l);
        return 0;
    }
    if (sscanf(l, "inputs %zu", &n) != 1 || n > strlen(l) / 8)
        return -1;
    p->inputs = xcalloc(n + 1, sizeof *p->inputs);
    for (l = next_line(l); p->ninputs < n; l = next_line(l)) {
        partial_input *in = &p->inputs[p->ninputs];
        int at = 0;
        if (sscanf(l, "input %" SCNu64 " %" SCNx32 " %" SCNu64 " %n", &in->size, &in->crc,
                   &in->rows, &at) != 3 || at == 0)
            return -1;
        in->name = get_text(l + at, strcspn(l + at, "\n"), 1);
        p->ninputs++;
    }
    p->inputs_known = 1;
    *cursor = l;
    return 0;
}

static int parse_header(partial *p, int version, const char **cursor, ds_err *err)
{
    const char *l = next_line(*cursor);
    size_t qlen = strcspn(l, "\n");
    if (strncmp(l, "query ", 6) != 0)
        return -1;
    p->query = get_text(l + 6, qlen - 6, version >= 3);
    l = next_line(l);
    if (strncmp(l, "by", 2) != 0)
        return -1;
    p->by = get_names(l, 2, &p->nby, version >= 3);
    l = next_line(l);
    int rc;
    if (version == 1) {
        if (strncmp(l, "sum", 3) != 0)
            return -1;
        p->sums = get_names(l, 3, &p->nsums, 0);
        l = next_line(l);
        if (sscanf(l, "count %d", &p->count) != 1 || (rc = query_v1(p, err)) != DS_OK)
            return -1;
    } else if ((rc = query_v2(p, version >= 3, &l, err)) != DS_OK ||
               sscanf(l, "count %d", &p->count) != 1) {
        return -1;
    }
    size_t groups;
    l = next_line(l);
    if (sscanf(l, "rows_read %" SCNu64, &p->rows_read) != 1)
        return -1;
    l = next_line(l);
    if (sscanf(l, "rows_skipped %" SCNu64, &p->rows_skipped) != 1)
        return -1;
    l = next_line(l);
    if (version >= 3 && get_inputs(p, &l) != 0)
        return -1;
    if (sscanf(l, "groups %zu", &groups) != 1)
        return -1;
    *cursor = next_line(l);
    return 0;
}

/* The accumulators and names of p from its query, which must print the recorded text. */
static int take_query(partial *p, const char *name, ds_err *err)
{
    if (strcmp(query_canonical(p->q), p->query) != 0)
        return ds_err_set(err, DS_EDATA, "%s: malformed partial file header (its query line "
                          "does not match its measures)", name);
    for (size_t i = 0; i < p->nsums; i++)
        free(p->sums[i]);
    free(p->sums);
    p->nsums = query_nsums(p->q);
    p->sums = xcalloc(p->nsums + 1, sizeof *p->sums);
    for (size_t i = 0; i < p->nsums; i++)
        p->sums[i] = xstrdup(query_sums(p->q)[i]);
    p->agg = query_agg_new(p->q);
    return DS_OK;
}

int partial_read(const char *path, partial *p, ds_err *err)
{
    memset(p, 0, sizeof *p);
    char *text = NULL;
    size_t len = 0, body = 0;
    int version = 0;
    int rc = slurp(path, &text, &len, err);
    if (rc)
        return rc;
    const char *name = read_display_name(path);
    rc = check_envelope(name, text, len, &body, &version, err);
    const char *cur = text;
    ds_err qerr;
    ds_err_clear(&qerr);
    if (!rc && parse_header(p, version, &cur, &qerr) != 0)
        rc = ds_err_set(err, DS_EDATA, "%s: malformed partial file header%s%s", name,
                        qerr.code ? ": " : "", qerr.msg);
    if (!rc)
        rc = take_query(p, name, err);
    if (!rc && version < 4 && query_skips_empty(p->q))
        rc = ds_err_set(err, DS_EDATA, "%s: partial format version %d: its means, mins, maxes "
                        "or expressions counted an empty field as 0 (version 4 leaves it out, "
                        "as SQL's NULL, and keeps the rows where each value is known): run its "
                        "`aggregate --partial` again with this damirstat", name, version);
    if (!rc) {
        text[body] = '\0'; /* the crc line is not a group */
        char *key = xmalloc(len + 1);
        int64_t *vals = xcalloc(4 * p->nsums + agg_next(p->agg) + 1, sizeof *vals);
        for (; *cur && !rc; cur = next_line(cur))
            if (parse_group(p, cur, key, vals) != 0)
                rc = ds_err_set(err, DS_EDATA, "%s: malformed group line in partial file", name);
        free(key);
        free(vals);
    }
    free(text);
    if (rc)
        partial_clear(p);
    return rc;
}

void partial_add_inputs(partial *into, const partial *from)
{
    into->inputs = xrealloc(into->inputs, (into->ninputs + from->ninputs + 1) * sizeof *into->inputs);
    for (size_t i = 0; i < from->ninputs; i++) {
        partial_input in = from->inputs[i];
        in.name = xstrdup(in.name);
        into->inputs[into->ninputs++] = in;
    }
    into->inputs_known = into->inputs_known && from->inputs_known;
}

int partial_check_overlap(const partial *a, const char *name_a, const partial *b,
                          const char *name_b, ds_err *err)
{
    for (size_t i = 0; i < a->ninputs; i++) {
        const partial_input *x = &a->inputs[i];
        for (size_t j = 0; j < b->ninputs && x->rows > 0; j++) {
            const partial_input *y = &b->inputs[j];
            if (x->size != y->size || x->crc != y->crc || y->rows == 0)
                continue;
            char also[600] = "";
            if (strcmp(x->name, y->name) != 0)
                snprintf(also, sizeof also, ", named %s in %s", y->name, name_b);
            return ds_err_set(err, DS_EDATA, "merge: %s and %s both cover %s (%" PRIu64 " bytes, "
                              "CRC-32 %08" PRIx32 "%s): its rows would be counted twice", name_a,
                              name_b, x->name, x->size, x->crc, also);
        }
    }
    return DS_OK;
}

void partial_clear(partial *p)
{
    for (size_t i = 0; i < p->ninputs; i++)
        free(p->inputs[i].name);
    free(p->inputs);
    free(p->query);
    for (size_t i = 0; i < p->nby; i++)
        free(p->by[i]);
    for (size_t i = 0; i < p->nsums; i++)
        free(p->sums[i]);
    free(p->by);
    free(p->sums);
    agg_free(p->agg);
    query_free(p->q);
    memset(p, 0, sizeof *p);
}
