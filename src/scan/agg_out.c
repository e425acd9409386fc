/* agg_out: the printed table of an aggregate (CSV, TSV, the JSON object): its columns, each
 * cell as exact text, and the groups --having, --order and --top choose. */
#include "damirstat/agg.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "agg_impl.h"

__extension__ typedef __int128 wide_int; /* a sum (< 2^63) times 10^4 or a count (< 2^64) */

/* The columns after the keys: meta's, or else the sums then the count. */
typedef struct layout {
    agg_column *cols;
    size_t ncols;
    char **owned; /* names made here (sum_NAME) */
} layout;

static void layout_make(const agg_t *a, const agg_meta *m, layout *l)
{
    memset(l, 0, sizeof *l);
    if (m->cols) {
        l->cols = xmalloc((m->ncols + 1) * sizeof *l->cols);
        memcpy(l->cols, m->cols, m->ncols * sizeof *l->cols);
        l->ncols = m->ncols;
        return;
    }
    size_t ns = agg_nsums(a);
    l->cols = xcalloc(ns + 2, sizeof *l->cols);
    l->owned = xcalloc(ns + 1, sizeof *l->owned);
    for (size_t j = 0; j < ns; j++) {
        size_t len = strlen(m->sums[j]) + 5;
        l->owned[j] = xmalloc(len);
        snprintf(l->owned[j], len, "sum_%s", m->sums[j]);
        l->cols[l->ncols++] = (agg_column){l->owned[j], AGG_COL_SUM, j, SIZE_MAX};
    }
    if (m->count)
        l->cols[l->ncols++] = (agg_column){"count", AGG_COL_COUNT, 0, SIZE_MAX};
}

static void layout_free(const agg_t *a, layout *l)
{
    for (size_t j = 0; l->owned && j < agg_nsums(a); j++)
        free(l->owned[j]);
    free(l->owned);
    free(l->cols);
}

/* A cell's number, num / den in hundredths (counts are whole numbers: times 100); null for
 * a mean, min or max of no known value. */
typedef struct cell {
    int null, is_count, is_mean;
    wide_int num;
    uint64_t den;
} cell;

/* The rows of g where column c's value is known (a group handed over without extra
 * accumulators, as the total row of a query that matched nothing, has none). */
static uint64_t known_rows(const agg_group *g, const agg_column *c)
{
    if (c->known == SIZE_MAX)
        return g->count;
    return g->ext ? (uint64_t)g->ext[c->known] : 0;
}

static cell cell_of(const agg_t *a, const agg_group *g, const agg_column *c)
{
    cell v = {0, 0, 0, 0, 1};
    switch (c->kind) {
    case AGG_COL_SUM: v.num = agg_total(g, c->acc); break;
    case AGG_COL_MEAN: {
        uint64_t n = known_rows(g, c);
        v.is_mean = 1;
        v.null = n == 0;
        v.num = agg_total(g, c->acc);
        v.den = n ? n : 1;
        break;
    }
    case AGG_COL_EXT:
        v.num = g->ext[c->acc];
        v.is_count = agg_ext(a, c->acc) == AGG_EXT_COUNT;
        v.null = !v.is_count && (known_rows(g, c) == 0 ||
                                 (c->known == SIZE_MAX && (g->ext[c->acc] == INT64_MAX ||
                                                           g->ext[c->acc] == INT64_MIN)));
        break;
    default: v.num = g->count, v.is_count = 1; break;
    }
    return v;
}

/* The text of a number cell: a count as an integer, cents as "-0.57", a mean to 6 decimals
 * (rounded half away from zero, exactly). "" for null. */
static const char *cell_text(const cell *v, char *buf, size_t cap)
{
    if (v->null) {
        buf[0] = '\0';
    } else if (v->is_count) {
        snprintf(buf, cap, "%" PRIu64, (uint64_t)v->num);
    } else if (!v->is_mean) {
        agg_format_cents((int64_t)v->num, buf);
    } else {
        wide_int n = v->num < 0 ? -v->num : v->num; /* millionths of a unit: cents * 10^4 */
        wide_int q = (n * 10000 + v->den / 2) / v->den;
        snprintf(buf, cap, "%s%" PRIu64 ".%06" PRIu64, v->num < 0 && q ? "-" : "",
                 (uint64_t)(q / 1000000), (uint64_t)(q % 1000000));
    }
    return buf;
}

/* Key component k of a group. */
static scan_field key_part(const agg_group *g, size_t k)
{
    const char *p = g->key, *end = g->key + g->key_len;
    for (;; k--) {
        const char *e = memchr(p, AGG_KEY_SEP, (size_t)(end - p));
        if (!k)
            return (scan_field){p, e ? (size_t)(e - p) : (size_t)(end - p)};
        p = e + 1;
    }
}

/* --having: the printed columns as the filter's fields. */
typedef struct having_ctx {
    const agg_t *a;
    const agg_group *g;
    const layout *l;
    const agg_view *v;
    char text[64];
} having_ctx;

static scan_field having_text(void *ctx, size_t col)
{
    having_ctx *h = ctx;
    size_t c = h->v->having_col[col], nkeys = agg_nkeys(h->a);
    if (c < nkeys)
        return key_part(h->g, c);
    cell v = cell_of(h->a, h->g, &h->l->cols[c - nkeys]);
    cell_text(&v, h->text, sizeof h->text);
    return (scan_field){h->text, strlen(h->text)};
}

static int having_num(void *ctx, size_t col, int64_t *num, uint64_t *den)
{
    having_ctx *h = ctx;
    size_t c = h->v->having_col[col], nkeys = agg_nkeys(h->a);
    if (c < nkeys) {
        scan_field f = key_part(h->g, c);
        return f.len ? scan_cents(f.p, f.len, num) : FILTER_NUM_MISSING;
    }
    cell v = cell_of(h->a, h->g, &h->l->cols[c - nkeys]);
    wide_int n = v.is_count ? v.num * 100 : v.num;
    if (v.null)
        return FILTER_NUM_MISSING; /* SQL's NULL: unknown, so `or` may still keep the group */
    if (n > INT64_MAX)
        return SCAN_NUM_RANGE;
    *num = (int64_t)n;
    *den = v.den;
    return SCAN_NUM_OK;
}

/* 1 keep, 0 not, or DS_EDATA for a code compared with a number that is not one (2A), as
 * --where says rather than leave the group out unsaid. */
static int keep_group(const agg_t *a, const layout *l, const agg_view *v, size_t g, ds_err *err)
{
    if (!v || !v->having)
        return 1;
    agg_group grp = agg_get(a, g);
    having_ctx h = {a, &grp, l, v, {0}};
    size_t bad = 0;
    filter_set_num_fn(v->having, having_num);
    int keep = filter_eval(v->having, having_text, &h, &bad);
    if (keep >= 0)
        return keep == 1;
    scan_field f = having_text(&h, bad);
    return ds_err_set(err, DS_EDATA, "--having: %s: %s \"%.*s\" (to compare codes as "
                      "text, quote the value, e.g. = '75')", filter_col(v->having, bad),
                      scan_num_error(keep), (int)f.len, f.p);
}

/* --order: a printed column, descending unless asked; nulls last; ties in key order. */
typedef struct order_ctx {
    const agg_t *a;
    const layout *l;
    const agg_view *v;
} order_ctx;

static int cmp_cells(const cell *x, const cell *y)
{
    if (x->null || y->null)
        return x->null - y->null;
    wide_int l = x->num * (wide_int)y->den, r = y->num * (wide_int)x->den;
    return (l > r) - (l < r);
}

static int cmp_order(const void *px, const void *py, void *ctx)
{
    const order_ctx *o = ctx;
    size_t gx = *(const size_t *)px, gy = *(const size_t *)py, c = o->v->order_col;
    size_t nkeys = agg_nkeys(o->a);
    agg_group x = agg_get(o->a, gx), y = agg_get(o->a, gy);
    int r;
    if (c < nkeys) {
        scan_field kx = key_part(&x, c), ky = key_part(&y, c);
        if (!kx.len != !ky.len)
            return !kx.len - !ky.len; /* an empty code is an empty cell: last either way */
        r = agg_cmp_code(kx.p, kx.len, ky.p, ky.len);
    } else {
        cell a = cell_of(o->a, &x, &o->l->cols[c - nkeys]), b = cell_of(o->a, &y, &o->l->cols[c - nkeys]);
        r = cmp_cells(&a, &b);
        if (a.null != b.null)
            return r; /* nulls last in both directions */
    }
    r = o->v->descending ? -r : r;
    return r ? r : (gx > gy) - (gx < gy);
}

/* The groups to print, in order: *n of them; NULL on a --having error. */
static size_t *select_groups(const agg_t *a, const layout *l, const agg_view *v, size_t *n,
                             ds_err *err)
{
    size_t total = agg_ngroups(a);
    size_t *order = xmalloc((total + 1) * sizeof *order);
    *n = 0;
    for (size_t g = 0; g < total; g++) {
        int keep = keep_group(a, l, v, g, err);
        if (keep < 0) {
            free(order);
            return NULL;
        }
        if (keep)
            order[(*n)++] = g;
    }
    if (v && v->order_col != SIZE_MAX) {
        order_ctx o = {a, l, v};
        qsort_r(order, *n, sizeof *order, cmp_order, &o);
    }
    if (v && v->top && v->top < *n)
        *n = (size_t)v->top;
    return order;
}

static void put_csv_field(FILE *fp, const char *p, size_t n)
{
    if (!memchr(p, ',', n) && !memchr(p, '"', n)) {
        fwrite(p, 1, n, fp);
        return;
    }
    fputc('"', fp);
    for (size_t i = 0; i < n; i++) {
        if (p[i] == '"')
            fputc('"', fp);
        fputc(p[i], fp);
    }
    fputc('"', fp);
}

static void write_header(const agg_t *a, FILE *fp, agg_format fmt, const agg_meta *m,
                         const layout *l)
{
    const char *sep = fmt == AGG_TSV ? "\t" : ",";
    size_t nkeys = agg_nkeys(a);
    for (size_t c = 0; c < nkeys + l->ncols; c++) {
        const char *name = c < nkeys ? m->by[c] : l->cols[c - nkeys].name;
        fputs(c ? sep : "", fp);
        if (fmt == AGG_CSV)
            put_csv_field(fp, name, strlen(name));
        else
            fputs(name, fp);
    }
    fputs("\n", fp);
}

static void write_row(const agg_t *a, FILE *fp, agg_format fmt, const layout *l, size_t g)
{
    agg_group grp = agg_get(a, g);
    const char *sep = fmt == AGG_TSV ? "\t" : ",";
    size_t nkeys = agg_nkeys(a);
    char num[64];
    for (size_t c = 0; c < nkeys + l->ncols; c++) {
        fputs(c ? sep : "", fp);
        if (c < nkeys) {
            scan_field k = key_part(&grp, c);
            if (fmt == AGG_CSV)
                put_csv_field(fp, k.p, k.len);
            else
                fwrite(k.p, 1, k.len, fp);
        } else {
            cell v = cell_of(a, &grp, &l->cols[c - nkeys]);
            fputs(cell_text(&v, num, sizeof num), fp);
        }
    }
    fputs("\n", fp);
}

/* Sorted groups, with one total row of zeros when a query without --by matched nothing (as
 * SQL's SELECT sum(...), count(*) gives one row; its means, mins and maxes are null). */
static int prepare(agg_t *a, ds_err *err)
{
    if (agg_nkeys(a) == 0 && agg_ngroups(a) == 0) {
        int64_t *zeros = xcalloc(agg_nsums(a) + 1, sizeof *zeros);
        agg_group none = {"", 0, zeros, zeros, 0, NULL};
        int rc = agg_add_group(a, &none, err);
        free(zeros);
        if (rc)
            return rc;
    }
    agg_sort(a);
    return DS_OK;
}

/* One group as an array: the codes as strings, numbers as exact decimals, null for none. */
static void json_row(json_w *w, const agg_t *a, const layout *l, size_t g)
{
    agg_group grp = agg_get(a, g);
    json_array(w, JSON_INLINE);
    for (size_t k = 0; k < agg_nkeys(a); k++) {
        scan_field f = key_part(&grp, k);
        json_str_n(w, f.p, f.len);
    }
    char num[64];
    for (size_t c = 0; c < l->ncols; c++) {
        cell v = cell_of(a, &grp, &l->cols[c]);
        if (v.null)
            json_null(w);
        else
            json_raw(w, cell_text(&v, num, sizeof num));
    }
    json_end(w);
}

int agg_json(json_w *w, agg_t *a, const agg_meta *m, ds_err *err)
{
    int rc = prepare(a, err);
    if (rc)
        return rc;
    layout l;
    layout_make(a, m, &l);
    size_t n, *order = select_groups(a, &l, m->view, &n, err);
    if (!order) {
        layout_free(a, &l);
        return DS_EDATA;
    }
    json_object(w, JSON_LINES);
    json_member_str(w, "schema", AGG_SCHEMA);
    json_member_str(w, "query", m->query);
    json_member_uint(w, "rows_read", m->rows_read);
    json_member_uint(w, "rows_skipped", m->rows_skipped);
    json_key(w, "columns");
    json_array(w, JSON_INLINE);
    for (size_t k = 0; k < agg_nkeys(a); k++)
        json_str(w, m->by[k]);
    for (size_t c = 0; c < l.ncols; c++)
        json_str(w, l.cols[c].name);
    json_end(w);
    json_key(w, "rows");
    json_array(w, JSON_LINES);
    for (size_t i = 0; i < n; i++)
        json_row(w, a, &l, order[i]);
    json_end(w);
    json_end(w);
    free(order);
    layout_free(a, &l);
    return DS_OK;
}

int agg_write(agg_t *a, FILE *fp, agg_format fmt, const agg_meta *meta, ds_err *err)
{
    int rc;
    if (fmt == AGG_JSON) {
        json_w w;
        json_init(&w, fp);
        rc = agg_json(&w, a, meta, err);
        putc('\n', fp);
    } else if ((rc = prepare(a, err)) == DS_OK) {
        layout l;
        layout_make(a, meta, &l);
        size_t n, *order = select_groups(a, &l, meta->view, &n, err);
        if (!order) {
            rc = DS_EDATA;
        } else {
            write_header(a, fp, fmt, meta, &l);
            for (size_t i = 0; i < n; i++)
                write_row(a, fp, fmt, &l, order[i]);
        }
        free(order);
        layout_free(a, &l);
    }
    if (rc)
        return rc;
    if (ferror(fp))
        return ds_err_set(err, DS_EIO, "write error");
    return DS_OK;
}
