#include "damirstat/join.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define KEY_MAX 256

struct keyed_row {
    char *key;
    size_t row;
};

/* Canonical key of a cell: 1 with buf filled, 0 when the cell is missing, or a DS_E* code. */
static int canon_key(const table_t *t, size_t row, size_t col, const join_options *opt,
                     join_key_type type, char *buf, ds_err *err)
{
    if (table_is_missing(t, row, col))
        return 0;
    const char *s = table_text(t, row, col);
    ds_err local;
    ds_err_clear(&local);
    int rc = DS_OK;
    if (type == JOIN_KEY_DEPT) {
        char code[GEO_CODE_MAX];
        rc = geo_dept_canon(s, strlen(s), code, &local);
        if (rc != DS_OK && opt->by_name) {
            ds_err_clear(&local);
            rc = geo_dept_by_name(s, code, &local);
        }
        if (rc == DS_OK)
            snprintf(buf, KEY_MAX, "%s", code);
    } else if (type == JOIN_KEY_REGION) {
        int region;
        rc = geo_region_canon(s, strlen(s), opt->scheme, &region, &local);
        if (rc == DS_OK)
            snprintf(buf, KEY_MAX, "%d", region);
    } else {
        snprintf(buf, KEY_MAX, "%s", s);
    }
    if (rc != DS_OK)
        return ds_err_set(err, rc, "%s:%zu: %s: %s", table_name(t), table_row_line(t, row),
                          table_col_name(t, col), local.msg);
    return 1;
}

/* Department keys when at least 90 % of the cells are departments: aggregates carry a few
 * codes such as 99 (unknown residence) that must be listed as unmatched, not force text
 * keys on every row (which would no longer join 1 to 01). */
static int mostly_departments(const table_t *t, size_t col, const join_options *opt)
{
    char buf[KEY_MAX];
    size_t good = 0, bad = 0;
    for (size_t i = 0; i < table_nrows(t); i++) {
        int rc = canon_key(t, i, col, opt, JOIN_KEY_DEPT, buf, NULL);
        good += rc > 0;
        bad += rc < 0;
    }
    return good > 0 && bad * 10 <= good + bad;
}

/* canon_key, except that with lenient a cell that is not a key of the type becomes an
 * unmatched key (returns 2, buf holding its text) instead of an error. */
static int key_of(const table_t *t, size_t row, size_t col, const join_options *opt,
                  join_key_type type, int lenient, char *buf, ds_err *err)
{
    int rc = canon_key(t, row, col, opt, type, buf, lenient ? NULL : err);
    if (rc < 0 && lenient) {
        snprintf(buf, KEY_MAX, "%s", table_text(t, row, col));
        return 2;
    }
    return rc;
}

static int find_column(const table_t *t, const char *name, size_t *col, ds_err *err)
{
    long c = table_col_index(t, name);
    if (c < 0)
        return ds_err_set(err, DS_EDATA, "%s: no column '%s'", table_name(t), name);
    *col = (size_t)c;
    return DS_OK;
}

static int cmp_keyed(const void *a, const void *b)
{
    const struct keyed_row *x = a, *y = b;
    int c = strcmp(x->key, y->key);
    return c ? c : (x->row > y->row) - (x->row < y->row);
}

/* Sorted (key, row) pairs of the right table; a repeated key is an error naming both lines. */
static void add_miss(join_result *r, int side, const char *key, size_t line);

static int index_right(const table_t *right, size_t col, const join_options *opt,
                       join_key_type type, int lenient, join_result *res,
                       struct keyed_row **out, size_t *n, ds_err *err)
{
    struct keyed_row *idx = xcalloc(table_nrows(right), sizeof *idx);
    size_t k = 0;
    char buf[KEY_MAX];
    for (size_t i = 0; i < table_nrows(right); i++) {
        int rc = key_of(right, i, col, opt, type, lenient, buf, err);
        if (rc < 0)
            goto fail;
        if (rc == 2)
            add_miss(res, 1, buf, table_row_line(right, i));
        if (rc != 1)
            continue;
        idx[k].key = xstrdup(buf);
        idx[k++].row = i;
    }
    qsort(idx, k, sizeof *idx, cmp_keyed);
    for (size_t i = 1; i < k; i++)
        if (strcmp(idx[i - 1].key, idx[i].key) == 0) {
            ds_err_set(err, DS_EDATA, "%s:%zu and %s:%zu: duplicate key %s", table_name(right),
                       table_row_line(right, idx[i - 1].row), table_name(right),
                       table_row_line(right, idx[i].row), idx[i].key);
            goto fail;
        }
    *out = idx;
    *n = k;
    return DS_OK;
fail:
    for (size_t i = 0; i < k; i++)
        free(idx[i].key);
    free(idx);
    return err && err->code ? err->code : DS_EDATA;
}

static void add_miss(join_result *r, int side, const char *key, size_t line)
{
    r->misses = xrealloc(r->misses, (r->nmisses + 1) * sizeof *r->misses);
    r->misses[r->nmisses].side = side;
    r->misses[r->nmisses].key = xstrdup(key);
    r->misses[r->nmisses].line = line;
    r->nmisses++;
}

/* Output names: left columns, then right columns but the key; clashes get "_right". */
static table_t *new_output(const table_t *left, const table_t *right, size_t rkey)
{
    size_t nl = table_ncols(left), nr = table_ncols(right), n = 0;
    char **names = xcalloc(nl + nr, sizeof *names);
    for (size_t c = 0; c < nl; c++)
        names[n++] = xstrdup(table_col_name(left, c));
    for (size_t c = 0; c < nr; c++) {
        if (c == rkey)
            continue;
        const char *name = table_col_name(right, c);
        if (table_col_index(left, name) >= 0) {
            size_t len = strlen(name);
            names[n] = xmalloc(len + sizeof "_right");
            memcpy(names[n], name, len);
            memcpy(names[n] + len, "_right", sizeof "_right");
            n++;
        } else {
            names[n++] = xstrdup(name);
        }
    }
    table_t *out = table_new(n, (const char *const *)names);
    for (size_t i = 0; i < n; i++)
        free(names[i]);
    free(names);
    return out;
}

/* A number cell is written in one notation ("4.5", not the source's "4,5"), so that the
 * joined table reads the same in any tool. */
static const char *cell_text(const table_t *t, size_t row, size_t col, char *buf, size_t size)
{
    if (table_is_missing(t, row, col))
        return NULL;
    if (table_col_type(t, col) == TABLE_NUMBER) {
        table_format_number(table_num(t, row, col), buf, size);
        return buf;
    }
    return table_text(t, row, col);
}

#define CELL_MAX 32

static void append_joined(table_t *out, const table_t *left, size_t lrow, size_t lkey,
                          const char *key, const table_t *right, const size_t *rrow,
                          size_t rkey, const char **cells, char (*bufs)[CELL_MAX])
{
    size_t n = 0;
    for (size_t c = 0; c < table_ncols(left); c++, n++)
        cells[n] = c == lkey ? key : cell_text(left, lrow, c, bufs[n], CELL_MAX);
    for (size_t c = 0; c < table_ncols(right); c++) {
        if (c == rkey)
            continue;
        cells[n] = rrow ? cell_text(right, *rrow, c, bufs[n], CELL_MAX) : NULL;
        n++;
    }
    table_append_row(out, cells);
}

int join_tables(const table_t *left, const table_t *right, const join_options *opt,
                join_result *out, ds_err *err)
{
    memset(out, 0, sizeof *out);
    size_t lkey = 0, rkey = 0;
    if (find_column(left, opt->left_key, &lkey, err) || find_column(right, opt->right_key, &rkey, err))
        return DS_EDATA;
    join_key_type type = opt->key_type;
    int lenient = type == JOIN_KEY_AUTO;
    if (type == JOIN_KEY_AUTO)
        type = mostly_departments(left, lkey, opt) && mostly_departments(right, rkey, opt)
                   ? JOIN_KEY_DEPT : JOIN_KEY_TEXT;
    struct keyed_row *idx;
    size_t nidx;
    int rc = index_right(right, rkey, opt, type, lenient, out, &idx, &nidx, err);
    if (rc) {
        join_result_free(out);
        return rc;
    }
    unsigned char *used = xcalloc(nidx ? nidx : 1, 1);
    out->key_type = type;
    out->table = new_output(left, right, rkey);
    size_t width = table_ncols(left) + table_ncols(right);
    const char **cells = xcalloc(width, sizeof *cells);
    char (*bufs)[CELL_MAX] = xcalloc(width, sizeof *bufs);
    char buf[KEY_MAX];
    for (size_t i = 0; i < table_nrows(left) && rc == DS_OK; i++) {
        int got = key_of(left, i, lkey, opt, type, lenient, buf, err);
        if (got < 0) {
            rc = got;
            break;
        }
        struct keyed_row *hit = NULL;
        if (got == 1) {
            size_t lo = 0, hi = nidx;
            while (!hit && lo < hi) {
                size_t mid = lo + (hi - lo) / 2;
                int c = strcmp(idx[mid].key, buf);
                if (c == 0)
                    hit = &idx[mid];
                else if (c < 0)
                    lo = mid + 1;
                else
                    hi = mid;
            }
        }
        if (hit) {
            used[hit - idx] = 1;
            append_joined(out->table, left, i, lkey, buf, right, &hit->row, rkey, cells, bufs);
        } else {
            add_miss(out, 0, got ? buf : "", table_row_line(left, i));
            if (opt->how == JOIN_LEFT)
                append_joined(out->table, left, i, lkey, got ? buf : NULL, right, NULL, rkey, cells, bufs);
        }
    }
    for (size_t k = 0; k < nidx && rc == DS_OK; k++)
        if (!used[k])
            add_miss(out, 1, idx[k].key, table_row_line(right, idx[k].row));
    for (size_t k = 0; k < nidx; k++)
        free(idx[k].key);
    free(idx);
    free(used);
    free(cells);
    free(bufs);
    if (rc != DS_OK)
        join_result_free(out);
    return rc;
}

void join_result_free(join_result *r)
{
    if (!r)
        return;
    table_free(r->table);
    for (size_t i = 0; i < r->nmisses; i++)
        free(r->misses[i].key);
    free(r->misses);
    memset(r, 0, sizeof *r);
}

void join_describe_key(const char *key, join_key_type type, char *buf, size_t size)
{
    const char *name = type == JOIN_KEY_DEPT ? geo_dept_name(key) : NULL;
    if (!key[0])
        snprintf(buf, size, "(missing key)");
    else if (name)
        snprintf(buf, size, "%s (%s)", key, name);
    else
        snprintf(buf, size, "%s", key);
}
