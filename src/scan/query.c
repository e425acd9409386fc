#include "damirstat/query.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "damirstat/filter.h"
#include "damirstat/scan.h"
#include "damirstat/suggest.h"

struct query {
    char **by, **sums;
    size_t nby, nsums;
    int count;
    char *where_text; /* NULL without --where */
    filter_t *where;  /* parsed once here for its columns and canonical text */
    char *canonical;
};

struct query_binding {
    unsigned nfields;         /* fields a line must have, as in the header */
    unsigned *cols;           /* distinct field indices the scanner hands out */
    size_t ncols;
    size_t *by_slot, *sum_slot, *where_slot; /* index into cols, per role */
    char *header;             /* the header line, to know it when it comes again */
    size_t header_len;
};

struct query_worker {
    const query_t *q;
    filter_t *where; /* its own copy: evaluation caches parsed numbers */
    agg_t *agg;
    int skip_bad;
    const query_binding *bound;
    scan_t *scan;
    scan_field *keys;
    int64_t *cents;
    uint64_t rows, skipped;
    query_issue issue;
    size_t file;
    uint64_t range_start, block_offset;
};

static void free_names(char **v, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(v[i]);
    free(v);
}

/* Splits "A, B,C" into names; DS_EUSAGE for an empty or repeated name. */
static int split_names(const char *list, const char *option, char ***out, size_t *n,
                       ds_err *err)
{
    *out = NULL;
    *n = 0;
    if (!list || !*list)
        return DS_OK;
    const char *p = list;
    for (;;) {
        const char *e = strchr(p, ',');
        size_t len = e ? (size_t)(e - p) : strlen(p);
        while (len && (*p == ' ')) p++, len--;
        while (len && p[len - 1] == ' ') len--;
        if (!len || memchr(p, ';', len))
            return ds_err_set(err, DS_EUSAGE, "%s: expected COL[,COL…], got '%s'", option, list);
        for (size_t i = 0; i < *n; i++)
            if (strlen((*out)[i]) == len && memcmp((*out)[i], p, len) == 0)
                return ds_err_set(err, DS_EUSAGE, "%s: column %.*s named twice", option, (int)len, p);
        *out = xrealloc(*out, (*n + 1) * sizeof **out);
        (*out)[(*n)++] = xstrndup(p, len);
        if (!e)
            return DS_OK;
        p = e + 1;
    }
}

static void join(char *buf, size_t cap, char **v, size_t n)
{
    size_t len = strlen(buf);
    for (size_t i = 0; i < n; i++)
        len += (size_t)snprintf(buf + len, len < cap ? cap - len : 0, "%s%s", i ? "," : "", v[i]);
}

int query_new(const char *by, const char *sums, int count, const char *where, query_t **out,
              ds_err *err)
{
    *out = NULL;
    query_t *q = xcalloc(1, sizeof *q);
    q->count = count;
    int rc = split_names(by, "--by", &q->by, &q->nby, err);
    if (!rc)
        rc = split_names(sums, "--sum", &q->sums, &q->nsums, err);
    if (!rc && where) {
        q->where_text = xstrdup(where);
        rc = filter_parse(where, &q->where, err);
    }
    if (rc) {
        query_free(q);
        return rc;
    }
    const char *w = q->where ? filter_canonical(q->where) : "";
    size_t cap = strlen(w) + 64;
    for (size_t i = 0; i < q->nby; i++)
        cap += strlen(q->by[i]) + 1;
    for (size_t i = 0; i < q->nsums; i++)
        cap += strlen(q->sums[i]) + 1;
    q->canonical = xcalloc(1, cap);
    strcpy(q->canonical, "by=");
    join(q->canonical, cap, q->by, q->nby);
    strcat(q->canonical, ";sum=");
    join(q->canonical, cap, q->sums, q->nsums);
    snprintf(q->canonical + strlen(q->canonical), cap - strlen(q->canonical),
             ";count=%d;where=%s", count ? 1 : 0, w);
    *out = q;
    return DS_OK;
}

void query_free(query_t *q)
{
    if (!q)
        return;
    free_names(q->by, q->nby);
    free_names(q->sums, q->nsums);
    free(q->where_text);
    filter_free(q->where);
    free(q->canonical);
    free(q);
}

size_t query_nby(const query_t *q) { return q->nby; }
const char *const *query_by(const query_t *q) { return (const char *const *)q->by; }
size_t query_nsums(const query_t *q) { return q->nsums; }
const char *const *query_sums(const query_t *q) { return (const char *const *)q->sums; }
int query_count(const query_t *q) { return q->count; }
const char *query_canonical(const query_t *q) { return q->canonical; }

/* A column the header lacks, with the one meant and the closest columns; a department
 * asked of an Open DAMIR file, which has only the region, is answered with where
 * department data are (README, "A typical session"). */
static int no_column(char **names, size_t n, const char *name, const char *option,
                     const char *file, ds_err *err)
{
    if (strcmp(name, "BEN_RES_DPT") == 0)
        for (size_t i = 0; i < n; i++)
            if (strcmp(names[i], "BEN_RES_REG") == 0)
                return ds_err_set(err, DS_EDATA, "%s: no column BEN_RES_DPT (named in %s) in the "
                                  "header: Open DAMIR files give the region of residence only "
                                  "(BEN_RES_REG); department data are in external-data/ (see "
                                  "external-data/README.md)", file, option);
    const char **named = xmalloc((n + 1) * sizeof *named);
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        if (*names[i]) /* not the empty name after a trailing ';' */
            named[k++] = names[i];
    char hint[600];
    suggest_hint(hint, sizeof hint, name, named, k, "columns", 0);
    free(named);
    return ds_err_set(err, DS_EDATA, "%s: no column %s (named in %s) in the header%s", file,
                      name, option, hint);
}

/* A header that did not split on ';' but holds another delimiter: a reference table, or a
 * file converted by a spreadsheet, given to aggregate. */
static int header_not_split(const char *header, size_t len, const char *file, ds_err *err)
{
    size_t comma = 0, tab = 0;
    for (size_t i = 0; i < len; i++) {
        comma += header[i] == ',';
        tab += header[i] == '\t';
    }
    if (comma == 0 && tab == 0)
        return DS_OK;
    return ds_err_set(err, DS_EDATA, "%s:1: the header has no ';': Open DAMIR files are "
                      "';'-separated, and this one looks %s-separated (a reference table? "
                      "damirstat table reads those)", file, comma >= tab ? "comma" : "tab");
}

/* The scanner slot of column name, added if new; DS_EDATA if the header lacks it. */
static int slot_of(query_binding *b, char **names, size_t n, const char *name,
                   const char *option, const char *file, size_t *slot, ds_err *err)
{
    size_t found = n;
    for (size_t i = 0; i < n; i++) {
        if (strcmp(names[i], name) != 0)
            continue;
        if (found != n)
            return ds_err_set(err, DS_EDATA, "%s: column %s appears twice in the header (fields %zu and %zu)",
                              file, name, found + 1, i + 1);
        found = i;
    }
    if (found == n)
        return no_column(names, n, name, option, file, err);
    for (size_t s = 0; s < b->ncols; s++)
        if (b->cols[s] == found) {
            *slot = s;
            return DS_OK;
        }
    b->cols[b->ncols] = (unsigned)found;
    *slot = b->ncols++;
    return DS_OK;
}

static int bind_all(const query_t *q, query_binding *b, char **names, size_t n,
                    const char *file, ds_err *err)
{
    int rc = DS_OK;
    for (size_t i = 0; i < q->nby && !rc; i++)
        rc = slot_of(b, names, n, q->by[i], "--by", file, &b->by_slot[i], err);
    for (size_t i = 0; i < q->nsums && !rc; i++)
        rc = slot_of(b, names, n, q->sums[i], "--sum", file, &b->sum_slot[i], err);
    size_t nw = q->where ? filter_ncols(q->where) : 0;
    for (size_t i = 0; i < nw && !rc; i++)
        rc = slot_of(b, names, n, filter_col(q->where, i), "--where", file, &b->where_slot[i], err);
    return rc;
}

int query_bind(const query_t *q, const char *header, size_t len, const char *file,
               query_binding **out, ds_err *err)
{
    *out = NULL;
    char **names;
    size_t n;
    if (len > 0 && header[len - 1] == '\r')
        len--;
    if (!memchr(header, ';', len) && header_not_split(header, len, file, err))
        return DS_EDATA;
    scan_split_header(header, len, &names, &n);
    size_t nw = q->where ? filter_ncols(q->where) : 0;
    size_t most = q->nby + q->nsums + nw + 1;
    query_binding *b = xcalloc(1, sizeof *b);
    b->nfields = (unsigned)n;
    b->cols = xcalloc(most, sizeof *b->cols);
    b->by_slot = xcalloc(most, sizeof *b->by_slot);
    b->sum_slot = xcalloc(most, sizeof *b->sum_slot);
    b->where_slot = xcalloc(most, sizeof *b->where_slot);
    b->header = xstrndup(header, len);
    b->header_len = len;
    int rc = bind_all(q, b, names, n, file, err);
    free_names(names, n);
    if (rc) {
        query_binding_free(b);
        return rc;
    }
    *out = b;
    return DS_OK;
}

void query_binding_free(query_binding *b)
{
    if (!b)
        return;
    free(b->cols);
    free(b->by_slot);
    free(b->sum_slot);
    free(b->where_slot);
    free(b->header);
    free(b);
}

query_worker *query_worker_new(const query_t *q, int skip_bad)
{
    query_worker *w = xcalloc(1, sizeof *w);
    w->q = q;
    w->skip_bad = skip_bad;
    if (q->where_text && filter_parse(q->where_text, &w->where, NULL) != DS_OK)
        w->where = NULL; /* cannot happen: the same text parsed in query_new */
    w->agg = agg_new(q->nby, q->nsums, (const char *const *)q->sums);
    w->keys = xcalloc(q->nby + 1, sizeof *w->keys);
    w->cents = xcalloc(q->nsums + 1, sizeof *w->cents);
    return w;
}

void query_worker_free(query_worker *w)
{
    if (!w)
        return;
    filter_free(w->where);
    agg_free(w->agg);
    scan_free(w->scan);
    free(w->keys);
    free(w->cents);
    free(w);
}

void query_worker_at(query_worker *w, size_t file, uint64_t range_start, uint64_t block_offset)
{
    w->file = file;
    w->range_start = range_start;
    w->block_offset = block_offset;
}

uint64_t query_worker_lines(const query_worker *w) { return w->scan ? scan_lines(w->scan) : 0; }
const query_issue *query_worker_issue(const query_worker *w) { return &w->issue; }
uint64_t query_worker_rows(const query_worker *w) { return w->rows; }
uint64_t query_worker_skipped(const query_worker *w) { return w->skipped; }
agg_t *query_worker_agg(query_worker *w) { return w->agg; }

/* Records a bad line: with skip_bad it is counted (the first one kept for the summary) and
 * SKIP returned, otherwise DS_EDATA stops the scan. */
enum { SKIP = 2 };

static int bad_line(query_worker *w, const scan_row *row, size_t col, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static int bad_line(query_worker *w, const scan_row *row, size_t col, const char *fmt, ...)
{
    if (w->skip_bad) {
        w->skipped++;
        if (w->issue.set)
            return SKIP;
    }
    query_issue *is = &w->issue;
    is->set = 1;
    is->file = w->file;
    is->range_start = w->range_start;
    is->lineno = row->lineno;
    is->offset = w->block_offset + row->offset;
    is->col = col;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(is->msg, sizeof is->msg, fmt, ap);
    va_end(ap);
    return w->skip_bad ? SKIP : DS_EDATA;
}

/* A field's text for a message: at most 40 bytes, control and non-ASCII bytes as \xHH. */
static const char *shown(const scan_field *f, char *buf, size_t cap)
{
    size_t n = 0;
    for (size_t i = 0; i < f->len && i < 40 && n + 8 < cap; i++) {
        unsigned char c = (unsigned char)f->p[i];
        n += (size_t)snprintf(buf + n, cap - n, c >= 0x20 && c < 0x7f ? "%c" : "\\x%02x", c);
    }
    if (f->len > 40)
        snprintf(buf + n, cap - n, "...");
    return buf;
}

static int bad_number(query_worker *w, const scan_row *row, size_t slot, const char *name,
                      int why, const char *hint)
{
    scan_field field = scan_get(row, slot);
    const scan_field *f = &field;
    char text[400];
    return bad_line(w, row, (size_t)(f->p - row->line) + 1, "%s: %s \"%s\"%s", name,
                    scan_num_error(why), shown(f, text, sizeof text), hint);
}

static int bad_field_count(query_worker *w, const scan_row *row)
{
    unsigned want = w->bound->nfields;
    size_t col = row->len + 1, seps = 0;
    for (size_t i = 0; i < row->len && row->nfields > want; i++)
        if (row->line[i] == ';' && ++seps == want) {
            col = i + 2; /* where the first extra field starts */
            break;
        }
    return bad_line(w, row, col, "expected %u fields like the header (%u ';'), got %u", want,
                    want - 1, row->nfields);
}

/* Codes become group keys joined by a control byte, so they may not hold control bytes. */
static int check_key(query_worker *w, const scan_row *row, size_t k)
{
    const scan_field *f = &w->keys[k];
    if (f->len <= 8) {
        /* Word at a time: the high bit of a byte of bad is set when that byte is < 0x20. */
        uint64_t v = 0, ones = 0;
        for (size_t i = 0; i < f->len; i++) {
            v |= (uint64_t)(unsigned char)f->p[i] << (8 * i);
            ones |= (uint64_t)1 << (8 * i);
        }
        uint64_t bad = (v - ones * 0x20) & ~v & ones * 0x80;
        if (!bad)
            return DS_OK;
    }
    for (size_t i = 0; i < f->len; i++)
        if ((unsigned char)f->p[i] < 0x20) {
            char text[400];
            return bad_line(w, row, (size_t)(f->p - row->line) + i + 1,
                            "%s: control byte in a code: \"%s\"", w->q->by[k],
                            shown(f, text, sizeof text));
        }
    return DS_OK;
}

/* The filter asks for its columns one by one: most rows fail on the first. */
typedef struct where_ctx {
    const scan_row *row;
    const query_binding *b;
} where_ctx;

static scan_field where_field(void *ctx, size_t col)
{
    where_ctx *c = ctx;
    return scan_get(c->row, c->b->where_slot[col]);
}

static int filter_row(query_worker *w, const scan_row *row)
{
    const query_binding *b = w->bound;
    size_t bad = 0;
    where_ctx c = {row, b};
    int keep = filter_eval(w->where, where_field, &c, &bad);
    if (keep < 0) {
        /* A code column compared with a number: codes such as 2A compare as text. */
        return bad_number(w, row, b->where_slot[bad], filter_col(w->where, bad), keep,
                          " (in --where: to compare codes as text, quote the value, e.g. = '75')");
    }
    return keep;
}

/* The header line met again inside the data: files concatenated into one stream (cat
 * A*.csv | damirstat aggregate -), whose headers would be counted as a group. */
static int header_again(query_worker *w, const scan_row *row)
{
    return bad_line(w, row, 1, "the header again (files concatenated?): give the files as "
                    "arguments, or strip the repeated headers") == SKIP ? DS_OK : DS_EDATA;
}

static int on_row(void *ctx, const scan_row *row, ds_err *err)
{
    query_worker *w = ctx;
    const query_binding *b = w->bound;
    const query_t *q = w->q;
    w->rows++;
    if (row->len == b->header_len && memcmp(row->line, b->header, row->len) == 0)
        return header_again(w, row);
    if (row->nfields != b->nfields)
        return bad_field_count(w, row) == SKIP ? DS_OK : DS_EDATA;
    if (w->where) {
        int keep = filter_row(w, row);
        if (keep != 1)
            return keep == 0 || keep == SKIP ? DS_OK : DS_EDATA;
    }
    for (size_t j = 0; j < q->nsums; j++) {
        scan_field f = scan_get(row, b->sum_slot[j]);
        int rc = scan_cents(f.p, f.len, &w->cents[j]);
        if (rc != SCAN_NUM_OK)
            return bad_number(w, row, b->sum_slot[j], q->sums[j], rc, "") == SKIP ? DS_OK : DS_EDATA;
    }
    for (size_t k = 0; k < q->nby; k++) {
        w->keys[k] = scan_get(row, b->by_slot[k]);
        int rc = check_key(w, row, k);
        if (rc)
            return rc == SKIP ? DS_OK : DS_EDATA;
    }
    if (agg_add(w->agg, w->keys, w->cents, err) == DS_OK)
        return DS_OK;
    /* Where the total left the range: a bad value, but not one --skip-bad may drop, since
     * the rows before it are already in the sum. */
    ds_err_clear(err);
    w->skip_bad = 0;
    size_t j = agg_overflowed(w->agg);
    scan_field f = scan_get(row, b->sum_slot[j]);
    char text[400];
    bad_line(w, row, (size_t)(f.p - row->line) + 1,
             "%s: the sum leaves the 64-bit cents range (+-92233720368547758.07) adding \"%s\"",
             q->sums[j], shown(&f, text, sizeof text));
    return DS_EDATA;
}

int query_worker_scan(query_worker *w, const query_binding *b, const char *buf, size_t size,
                      uint64_t first_lineno, ds_err *err)
{
    if (w->bound != b || !w->scan) {
        scan_free(w->scan);
        w->scan = scan_new(b->cols, b->ncols);
        w->bound = b;
    }
    ds_err scan_err;
    ds_err_clear(&scan_err);
    int rc = scan_block(w->scan, buf, size, first_lineno, on_row, w, &scan_err);
    if (rc == DS_OK)
        return DS_OK;
    if (scan_err.code == DS_EDATA && strncmp(scan_err.msg, "quoted", 6) == 0) {
        uint64_t line, off;
        size_t col;
        scan_error_at(w->scan, &line, &off, &col);
        scan_row row = {buf + off, 0, line, off, 0, NULL};
        w->skip_bad = 0; /* a quoted file is not a bad row but the wrong kind of file */
        return bad_line(w, &row, col, "%s", scan_err.msg);
    }
    if (scan_err.code == DS_OK)
        return rc; /* a bad line, described by the issue */
    return ds_err_set(err, scan_err.code, "%s", scan_err.msg);
}
