/* query_row: one thread's work on every row of a query (query.h): field count, filter,
 * numbers, values, conditions, group. The query's definition is in query.c. */
#include "damirstat/query.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "damirstat/filter.h"
#include "damirstat/scan.h"
#include "query_impl.h"
#include "scan_impl.h"

struct query_worker {
    const query_t *q;
    filter_t *where;   /* its own copies: evaluation caches parsed numbers */
    filter_t **conds;  /* per measure: a COUNT_IF's condition, NULL for others */
    agg_t *agg;
    int skip_bad;
    const query_binding *bound;
    scan_t *scan;
    scan_field *keys;
    int64_t *cols;     /* the row's numbers, per query column */
    int64_t *vals;     /* the row's values, per query value */
    _Bool *missing;    /* per query value: an empty field in it on this row (only for
                        * values that skip such rows, query_impl.h) */
    int64_t *acc;      /* what the row adds: per sum, then per extra accumulator (cols when
                        * the query is plain) */
    int64_t *scratch;  /* one value's column numbers, in its own order */
    uint64_t rows, skipped;
    query_issue issue;
    size_t file;
    uint64_t range_start, block_offset;
    scan_row_fn row_fn; /* on_row for this CPU */
    scan_num_table nums;
};

static scan_row_fn row_fn(void);

query_worker *query_worker_new(const query_t *q, int skip_bad)
{
    query_worker *w = xcalloc(1, sizeof *w);
    w->q = q;
    w->skip_bad = skip_bad;
    if (q->where_text && filter_parse(q->where_text, &w->where, NULL) != DS_OK)
        w->where = NULL; /* cannot happen: the same text parsed in query_new_spec */
    w->conds = xcalloc(q->nm + 1, sizeof *w->conds);
    for (size_t i = 0; i < q->nm; i++)
        if (q->m[i].cond && filter_parse(q->m[i].cond_text, &w->conds[i], NULL) != DS_OK)
            w->conds[i] = NULL; /* cannot happen: the canonical text parses */
    w->agg = query_agg_new(q);
    w->row_fn = row_fn();
    scan_num_table_fill(&w->nums);
    w->keys = xcalloc(q->nby + 1, sizeof *w->keys);
    w->cols = xcalloc(q->ncols + 1, sizeof *w->cols);
    w->vals = xcalloc(q->nvalues + 1, sizeof *w->vals);
    w->missing = xcalloc(q->nvalues + 1, sizeof *w->missing);
    w->acc = q->plain ? w->cols : xcalloc(q->nsums + q->next + 1, sizeof *w->acc);
    w->scratch = xcalloc(q->ncols + 1, sizeof *w->scratch);
    return w;
}

void query_worker_free(query_worker *w)
{
    if (!w)
        return;
    filter_free(w->where);
    for (size_t i = 0; i < w->q->nm; i++)
        filter_free(w->conds[i]);
    free(w->conds);
    agg_free(w->agg);
    scan_free(w->scan);
    free(w->keys);
    if (w->acc != w->cols)
        free(w->acc);
    free(w->cols);
    free(w->vals);
    free(w->missing);
    free(w->scratch);
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
static int bad_key(query_worker *w, const scan_row *row, size_t k)
{
    const scan_field *f = &w->keys[k];
    for (size_t i = 0; i < f->len; i++)
        if ((unsigned char)f->p[i] < 0x20) {
            char text[400];
            return bad_line(w, row, (size_t)(f->p - row->line) + i + 1,
                            "%s: control byte in a code: \"%s\"", w->q->by[k],
                            shown(f, text, sizeof text));
        }
    return DS_OK;
}

/* A code of at most 8 bytes as one word (byte i of the code in bits 8i..), read word at a
 * time where the block allows; 0 in *bad unless it holds a control byte. */
static inline uint64_t pack_code(scan_field f, const char *end, int *bad)
{
    if (f.len == 0)
        return 0;
    uint64_t keep = scan_low_bytes(f.len), v = 0;
    if ((size_t)(end - f.p) >= 8) {
        v = scan_load8(f.p) & keep;
    } else {
        for (size_t i = 0; i < f.len; i++)
            v |= (uint64_t)(unsigned char)f.p[i] << (8 * i);
    }
    /* The high bit of a byte is set when that byte is < 0x20 (no false hits without one). */
    *bad |= ((v - 0x20 * SCAN_ONES) & ~v & SCAN_HIGHS & keep) != 0;
    return v;
}

/* The row's group key, joined by AGG_KEY_SEP, packed into one word when it fits in 8 bytes
 * (regions, departments, department x PRS_NAT): returns its length, or SIZE_MAX when it is
 * longer (the caller uses agg_add). DS_EDATA/SKIP through *rc for a control byte. */
static inline size_t pack_key(query_worker *w, const scan_row *row, uint64_t *packed, int *rc)
{
    const query_binding *b = w->bound;
    size_t pos = 0;
    int bad = 0, fits = 1;
    uint64_t v = 0;
    for (size_t k = 0; k < w->q->nby; k++) {
        scan_field f = scan_get(row, b->by_slot[k]);
        w->keys[k] = f;
        size_t need = pos + (k > 0) + f.len;
        if (need > 8) {
            fits = 0;
            pos = need;
            continue;
        }
        if (k)
            v |= (uint64_t)AGG_KEY_SEP << (8 * pos++);
        if (f.len)
            v |= pack_code(f, row->end, &bad) << (8 * pos);
        pos += f.len;
    }
    *rc = DS_OK;
    for (size_t k = 0; k < w->q->nby && (bad || !fits); k++)
        if ((*rc = bad_key(w, row, k)) != DS_OK)
            return 0;
    *packed = v;
    return fits ? pos : SIZE_MAX;
}

/* The filters ask for their columns one by one: most rows fail the --where on the first. */
typedef struct cond_ctx {
    const scan_row *row;
    const size_t *slot; /* the filter's column i is the scanner's slot[i] */
} cond_ctx;

static scan_field cond_field(void *ctx, size_t col)
{
    cond_ctx *c = ctx;
    return scan_get(c->row, c->slot[col]);
}

/* 1 keep, 0 drop, SKIP or DS_EDATA for a column compared with a number that is not one. */
static int test_row(query_worker *w, filter_t *f, const size_t *slot, const scan_row *row)
{
    size_t bad = 0;
    cond_ctx c = {row, slot};
    int keep = filter_eval(f, cond_field, &c, &bad);
    if (keep < 0) {
        /* A code column compared with a number: codes such as 2A compare as text. */
        const char *option = f == w->where ? "--where" : "--count-if";
        char hint[128];
        snprintf(hint, sizeof hint, " (in %s: to compare codes as text, quote the value, e.g. "
                 "= '75')", option);
        return bad_number(w, row, slot[bad], filter_col(f, bad), keep, hint);
    }
    return keep;
}

/* Where a total left the range: a bad value, but not one --skip-bad may drop, since the
 * rows before it are already in the sum. */
static int overflowed(query_worker *w, const scan_row *row, ds_err *err)
{
    ds_err_clear(err);
    w->skip_bad = 0;
    const query_t *q = w->q;
    size_t j = agg_overflowed(w->agg), v = q->sum_value[j];
    const aggexpr_t *e = q->values[v];
    scan_field f = scan_get(row, w->bound->col_slot[q->value_cols[v][0]]);
    char text[400], num[32];
    /* Positive and negative amounts are added apart: the one that overflowed is named, since
     * the total itself may well be within the range. */
    const char *part = agg_overflowed_negative(w->agg) ? "negative amounts add up to less than "
                                                         "-92233720368547758.07"
                                                       : "positive amounts add up to more than "
                                                         "92233720368547758.07";
    if (!aggexpr_is_column(e))
        agg_format_cents(w->vals[v], num);
    bad_line(w, row, (size_t)(f.p - row->line) + 1, "%s: its %s (the 64-bit cents range) "
             "adding %s%s%s", q->sum_names[j], part, aggexpr_is_column(e) ? "\"" : "",
             aggexpr_is_column(e) ? shown(&f, text, sizeof text) : num,
             aggexpr_is_column(e) ? "\"" : "");
    return DS_EDATA;
}

/* The columns that values skipping rows read and that are empty on this row: bit c for
 * query column c (a query of at most 64 columns). */
static uint64_t empty_cols(const query_worker *w, const scan_row *row)
{
    const query_t *q = w->q;
    uint64_t empty = 0;
    for (size_t c = 0; c < q->ncols; c++)
        if (q->skip_cols >> c & 1)
            empty |= (uint64_t)(scan_get(row, w->bound->col_slot[c]).len == 0) << c;
    return empty;
}

/* Whether value v reads an empty field on this row (a query of more than 64 columns). */
static int value_missing(const query_worker *w, const scan_row *row, size_t v)
{
    const query_t *q = w->q;
    for (size_t k = 0; k < aggexpr_ncols(q->values[v]); k++)
        if (scan_get(row, w->bound->col_slot[q->value_cols[v][k]]).len == 0)
            return 1;
    return 0;
}

/* What the row adds to each accumulator, from its values: a value missing on the row adds
 * 0 to a sum, the identity to a min or a max, and 0 to its count of known rows. */
static int row_adds(query_worker *w, const scan_row *row)
{
    const query_t *q = w->q;
    for (size_t j = 0; j < q->nsums; j++)
        w->acc[j] = w->missing[q->sum_value[j]] ? 0 : w->vals[q->sum_value[j]];
    for (size_t i = 0; i < q->next; i++) {
        size_t src = q->ext_src[i];
        int64_t add;
        switch (q->ext_kind[i]) {
        case AGG_EXT_MIN: add = w->missing[src] ? INT64_MAX : w->vals[src]; break;
        case AGG_EXT_MAX: add = w->missing[src] ? INT64_MIN : w->vals[src]; break;
        default:
            if (i >= q->next_measures) {
                add = !w->missing[src];
                break;
            }
            add = test_row(w, w->conds[src], w->bound->cond_slot[src], row);
            if (add < 0 || add == SKIP)
                return (int)add;
            break;
        }
        w->acc[q->nsums + i] = add;
    }
    return DS_OK;
}

/* The values of the row from its columns' numbers, then what it adds to each accumulator:
 * DS_OK, or SKIP / DS_EDATA for a value out of range or a condition on a bad number. */
static int row_values(query_worker *w, const scan_row *row)
{
    const query_t *q = w->q;
    uint64_t empty = q->skips && !q->wide ? empty_cols(w, row) : 0;
    for (size_t v = 0; v < q->nvalues; v++) {
        const aggexpr_t *e = q->values[v];
        const size_t *c = q->value_cols[v];
        w->missing[v] = q->value_skips[v] &&
                        (q->wide ? value_missing(w, row, v) : (empty & q->value_mask[v]) != 0);
        if (q->value_is_column[v] || w->missing[v]) {
            w->vals[v] = w->cols[c[0]]; /* an empty field reads 0 */
            continue;
        }
        for (size_t k = 0; k < aggexpr_ncols(e); k++)
            w->scratch[k] = w->cols[c[k]];
        if (aggexpr_eval(e, w->scratch, &w->vals[v]) != 0) {
            scan_field f = scan_get(row, w->bound->col_slot[c[0]]);
            return bad_line(w, row, (size_t)(f.p - row->line) + 1, "%s: the value leaves the "
                            "64-bit cents range (+-92233720368547758.07)", aggexpr_canonical(e));
        }
    }
    return row_adds(w, row);
}

/* The header line met again inside the data: files concatenated into one stream (cat
 * A*.csv | damirstat aggregate -), whose headers would be counted as a group. */
static int header_again(query_worker *w, const scan_row *row)
{
    return bad_line(w, row, 1, "the header again (files concatenated?): give the files as "
                    "arguments, or strip the repeated headers") == SKIP ? DS_OK : DS_EDATA;
}

/* The work on one row, instantiated twice below: simd = numbers through SSSE3 tables. */
static inline __attribute__((always_inline)) int on_row_with(void *ctx, const scan_row *row,
                                                             ds_err *err, int simd)
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
        int keep = test_row(w, w->where, b->where_slot, row);
        if (keep != 1)
            return keep == 0 || keep == SKIP ? DS_OK : DS_EDATA;
        scan_cut_rest(row);
    }
    for (size_t c = 0; c < q->ncols; c++) {
        scan_field f = scan_get(row, b->col_slot[c]);
        int rc = simd ? scan_cents_simd(f, row->end, &w->nums, &w->cols[c])
                      : scan_cents_at(f, row->end, &w->cols[c]);
        if (rc != SCAN_NUM_OK)
            return bad_number(w, row, b->col_slot[c], q->cols[c], rc, "") == SKIP ? DS_OK : DS_EDATA;
    }
    int rc = q->plain ? DS_OK : row_values(w, row);
    if (rc)
        return rc == SKIP ? DS_OK : DS_EDATA;
    uint64_t packed = 0;
    size_t len = pack_key(w, row, &packed, &rc);
    if (rc)
        return rc == SKIP ? DS_OK : DS_EDATA;
    rc = len != SIZE_MAX ? agg_add_packed(w->agg, packed, len, w->acc, err)
                         : agg_add(w->agg, w->keys, w->acc, err);
    return rc == DS_OK ? DS_OK : overflowed(w, row, err);
}

static int on_row(void *ctx, const scan_row *row, ds_err *err)
{
    return on_row_with(ctx, row, err, 0);
}

#if defined(__x86_64__) && defined(__GNUC__)
__attribute__((target("avx2,ssse3,popcnt,bmi,bmi2"))) static int on_row_simd(void *ctx,
                                                                           const scan_row *row,
                                                                           ds_err *err)
{
    return on_row_with(ctx, row, err, 1);
}

static scan_row_fn row_fn(void)
{
    __builtin_cpu_init();
    return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("bmi2") ? on_row_simd
                                                                             : on_row;
}
#else
static scan_row_fn row_fn(void)
{
    return on_row;
}
#endif

int query_worker_scan(query_worker *w, const query_binding *b, const char *buf, size_t size,
                      uint64_t first_lineno, ds_err *err)
{
    if (w->bound != b || !w->scan) {
        scan_free(w->scan);
        w->scan = scan_new(b->cols, b->ncols);
        if (w->where)
            scan_set_eager(w->scan, b->nwhere);
        w->bound = b;
    }
    ds_err scan_err;
    ds_err_clear(&scan_err);
    int rc = scan_block(w->scan, buf, size, first_lineno, w->row_fn, w, &scan_err);
    if (rc == DS_OK)
        return DS_OK;
    uint64_t line, off;
    size_t col;
    if (scan_error_at(w->scan, &line, &off, &col)) {
        scan_row row = {buf + off, 0, line, off, 0, NULL, buf + size, NULL};
        w->skip_bad = 0; /* a quoted or damaged file is not a bad row: rows around it are lost */
        return bad_line(w, &row, col, "%s", scan_err.msg);
    }
    if (scan_err.code == DS_OK)
        return rc; /* a bad line, described by the issue */
    return ds_err_set(err, scan_err.code, "%s", scan_err.msg);
}
