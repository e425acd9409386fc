#include "damirstat/join.h"

#include <ctype.h>
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

/* Codes that aggregates use for "unknown" rather than a place (Open DAMIR: 99). */
static int unknown_code(const char *s)
{
    return strcmp(s, "99") == 0 || strcmp(s, "999") == 0;
}

/* A cell written like a code (digits, or Corsica's 2A / 2B) rather than a label such as
 * "France", "Total" or "Ensemble", which INSEE tables put beside the departments. */
static int looks_like_code(const char *s)
{
    size_t len = strlen(s);
    while (len && isspace((unsigned char)*s)) {
        s++;
        len--;
    }
    while (len && isspace((unsigned char)s[len - 1]))
        len--;
    size_t digits = strspn(s, "0123456789"), zeros = strspn(s, "0");
    if (digits >= len)
        return len > 0;
    return len == zeros + 2 && s[zeros] == '2' && strchr("AaBb", s[zeros + 1]);
}

/* Department keys when every cell that looks like a code is a department or an unknown-place
 * code (listed unmatched), and departments are most of the keys written (missing cells and
 * unknown-place codes do not count). Only code-like cells
 * decide: a total row ("France") must not turn the key into text, which would silently stop
 * 1 joining 01; but a text column with a stray number in it (mostly labels) stays text. */
static int dept_column(const table_t *t, size_t col, const join_options *opt)
{
    char buf[KEY_MAX];
    size_t good = 0, labels = 0, n = table_nrows(t);
    for (size_t i = 0; i < n; i++) {
        int rc = canon_key(t, i, col, opt, JOIN_KEY_DEPT, buf, NULL);
        const char *s = table_text(t, i, col);
        if (rc < 0 && looks_like_code(s) && !unknown_code(s))
            return 0;
        good += rc > 0;
        labels += rc < 0 && !unknown_code(s);
    }
    return good > 0 && good > labels;
}

/* A key column named like a region (BEN_RES_REG, reg_2016, region) holds regions even when
 * its codes are also department numbers (11 … 93 are both). */
static int named_like_region(const char *name)
{
    return strcasestr(name, "reg") != NULL;
}

/* The key type AUTO stands for, and the region scheme to read it in. */
static join_key_type resolve_auto(const table_t *left, size_t lkey, const table_t *right,
                                  size_t rkey, const join_options *opt, geo_region_scheme *scheme)
{
    const char *ln = table_col_name(left, lkey), *rn = table_col_name(right, rkey);
    if (named_like_region(ln) || named_like_region(rn)) {
        *scheme = strcasestr(ln, "BEN_RES_REG") || strcasestr(rn, "BEN_RES_REG")
                      ? GEO_REGION_OPENDAMIR : opt->scheme;
        return JOIN_KEY_REGION;
    }
    if (dept_column(left, lkey, opt) && dept_column(right, rkey, opt))
        return JOIN_KEY_DEPT;
    return JOIN_KEY_TEXT;
}

/* canon_key, except that with lenient a cell that is not a key of the type becomes an
 * unmatched key (returns 2, buf holding its text, *why saying what it is not) instead of an
 * error. */
static int key_of(const table_t *t, size_t row, size_t col, const join_options *opt,
                  join_key_type type, int lenient, char *buf, join_miss_why *why, ds_err *err)
{
    int rc = canon_key(t, row, col, opt, type, buf, lenient ? NULL : err);
    if (rc < 0 && lenient) {
        const char *s = table_text(t, row, col);
        snprintf(buf, KEY_MAX, "%s", s);
        if (type == JOIN_KEY_DEPT && unknown_code(s))
            *why = JOIN_MISS_UNMATCHED;
        else if (type == JOIN_KEY_DEPT && opt->by_name && !looks_like_code(s))
            *why = JOIN_MISS_NOT_NAME;
        else
            *why = JOIN_MISS_NOT_CODE;
        return 2;
    }
    return rc;
}

static int find_column(const table_t *t, const char *name, size_t *col, ds_err *err)
{
    return table_column(t, name, NULL, col, err);
}

static int cmp_keyed(const void *a, const void *b)
{
    const struct keyed_row *x = a, *y = b;
    int c = strcmp(x->key, y->key);
    return c ? c : (x->row > y->row) - (x->row < y->row);
}

static void free_keyed(struct keyed_row *k, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(k[i].key);
    free(k);
}

/* Sorted (key, row) pairs of the right table; a repeated key is an error naming both lines. */
static void add_miss(join_result *r, int side, const char *key, size_t line, join_miss_why why);

static int index_right(const table_t *right, size_t col, const join_options *opt,
                       join_key_type type, int lenient, join_result *res,
                       struct keyed_row **out, size_t *n, ds_err *err)
{
    struct keyed_row *idx = xcalloc(table_nrows(right), sizeof *idx);
    size_t k = 0;
    char buf[KEY_MAX];
    for (size_t i = 0; i < table_nrows(right); i++) {
        join_miss_why why = JOIN_MISS_UNMATCHED;
        int rc = key_of(right, i, col, opt, type, lenient, buf, &why, err);
        if (rc < 0)
            goto fail;
        if (rc == 2)
            add_miss(res, 1, buf, table_row_line(right, i), why);
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
    free_keyed(idx, k);
    return err && err->code ? err->code : DS_EDATA;
}

static void add_miss(join_result *r, int side, const char *key, size_t line, join_miss_why why)
{
    r->misses = xrealloc(r->misses, (r->nmisses + 1) * sizeof *r->misses);
    r->misses[r->nmisses].side = side;
    r->misses[r->nmisses].key = xstrdup(key);
    r->misses[r->nmisses].line = line;
    r->misses[r->nmisses].why = why;
    r->nmisses++;
}

static int cmp_repeat_line(const void *a, const void *b)
{
    const join_repeat *x = a, *y = b;
    return (x->line1 > y->line1) - (x->line1 < y->line1);
}

/* 1 when the rows of a run of one key spell it differently (1 and 01). */
static int spellings_differ(const table_t *left, size_t col, const struct keyed_row *run, size_t n)
{
    for (size_t k = 1; k < n; k++)
        if (strcmp(table_text(left, run[0].row, col), table_text(left, run[k].row, col)) != 0)
            return 1;
    return 0;
}

/* Repeated keys among the left table's (key, row) pairs, which it sorts. Every row still
 * joins, as in SQL. Two spellings of one department (1 and 01) mean two sources pasted
 * together: always reported. The same spelling twice is reported when most keys appear
 * once (a duplicated row), not in a long table (department × year) where repeats are the
 * design and a warning on every run would only teach users to ignore warnings. */
static void find_repeats(const table_t *left, size_t col, struct keyed_row *keys, size_t n,
                         join_result *r)
{
    qsort(keys, n, sizeof *keys, cmp_keyed);
    size_t distinct = 0, repeated = 0;
    for (size_t i = 0, j; i < n; i = j) {
        for (j = i + 1; j < n && strcmp(keys[i].key, keys[j].key) == 0; j++)
            ;
        distinct++;
        repeated += j - i > 1;
    }
    int long_table = repeated * 2 > distinct;
    for (size_t i = 0, j; i < n; i = j) {
        for (j = i + 1; j < n && strcmp(keys[i].key, keys[j].key) == 0; j++)
            ;
        if (j - i < 2 || (long_table && !spellings_differ(left, col, keys + i, j - i)))
            continue;
        r->repeats = xrealloc(r->repeats, (r->nrepeats + 1) * sizeof *r->repeats);
        join_repeat *p = &r->repeats[r->nrepeats++];
        p->key = xstrdup(keys[i].key);
        p->count = j - i;
        p->line1 = table_row_line(left, keys[i].row);
        p->line2 = table_row_line(left, keys[i + 1].row);
    }
    if (r->nrepeats > 1)
        qsort(r->repeats, r->nrepeats, sizeof *r->repeats, cmp_repeat_line);
}

/* 1 when name is a column of left or right, or one of the n names given so far. */
static int name_taken(const char *name, const table_t *left, const table_t *right,
                      char **given, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(given[i], name) == 0)
            return 1;
    return table_col_index(left, name) >= 0 || table_col_index(right, name) >= 0;
}

/* name + "_right", else "_right2", "_right3", …: the first no column has, so that a table
 * joined three times (nom, nom_right, then nom again) still has distinct names. */
static char *suffixed(const char *name, const table_t *left, const table_t *right,
                      char **given, size_t n)
{
    size_t size = strlen(name) + 32;
    char *out = xmalloc(size);
    snprintf(out, size, "%s_right", name);
    for (unsigned k = 2; name_taken(out, left, right, given, n); k++)
        snprintf(out, size, "%s_right%u", name, k);
    return out;
}

/* Output names: left columns, then right columns but the key; a right column whose name is
 * taken gets a suffix (suffixed). */
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
        names[n] = table_col_index(left, name) >= 0 ? suffixed(name, left, right, names, n)
                                                    : xstrdup(name);
        n++;
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
    const char *text = table_text(t, row, col);
    char *end;
    strtod(text, &end);
    /* Only French notation ("4,5", "1 234") is rewritten: a code such as 084 stays as is. */
    if (table_col_type(t, col) == TABLE_NUMBER && (end == text || *end)) {
        table_format_number(table_num(t, row, col), buf, size);
        return buf;
    }
    return text;
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

/* The first three distinct keys of column col as written, "1, 2, 3, …", into buf. */
static void first_keys(const table_t *t, size_t col, char *buf, size_t size)
{
    const char *seen[3];
    size_t n = 0, more = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < table_nrows(t); i++) {
        const char *k = table_text(t, i, col);
        int dup = !*k;
        for (size_t j = 0; j < n && !dup; j++)
            dup = strcmp(seen[j], k) == 0;
        if (dup)
            continue;
        if (n == 3) {
            more = 1;
            break;
        }
        seen[n] = k;
        snprintf(buf + strlen(buf), size - strlen(buf), "%s'%s'", n++ ? ", " : "", k);
    }
    if (more)
        snprintf(buf + strlen(buf), size - strlen(buf), ", …");
}

/* 1 when most keys of column col are words (names), not codes. */
static int names_not_codes(const table_t *t, size_t col)
{
    size_t words = 0, n = 0;
    for (size_t i = 0; i < table_nrows(t); i++) {
        const char *k = table_text(t, i, col);
        if (!*k)
            continue;
        n++;
        words += strlen(k) > 3 && isalpha((unsigned char)k[0]);
    }
    return n > 0 && 2 * words > n;
}

/* 1 when keys of the two columns differ only by leading zeros ("1" and "01"), the first
 * such pair in *a and *b. */
static int zeros_differ(const table_t *l, size_t lc, const table_t *r, size_t rc,
                        const char **pa, const char **pb)
{
    for (size_t i = 0; i < table_nrows(l) && i < 50; i++)
        for (size_t j = 0; j < table_nrows(r); j++) {
            const char *a = table_text(l, i, lc), *b = table_text(r, j, rc);
            *pa = a;
            *pb = b;
            if (strcmp(a, b) == 0)
                continue;
            while (*a == '0')
                a++;
            while (*b == '0')
                b++;
            if (*a && strcmp(a, b) == 0)
                return 1;
        }
    return 0;
}

/* A join that matched no row is a mistake (the wrong column, names against codes, codes
 * written differently): DS_EDATA with the first keys of both sides and the likely cause. */
static int no_match(const table_t *left, size_t lkey, const table_t *right, size_t rkey,
                    const join_options *opt, join_key_type type, ds_err *err)
{
    char l[200], r[200], hint[300];
    const char *a, *b;
    first_keys(left, lkey, l, sizeof l);
    first_keys(right, rkey, r, sizeof r);
    snprintf(hint, sizeof hint, "check that both columns hold the same kind of key (--on "
             "LEFT=RIGHT)");
    if (!opt->by_name && names_not_codes(left, lkey) != names_not_codes(right, rkey))
        snprintf(hint, sizeof hint, "one side has names, the other codes: --by-name joins "
                 "department names to codes");
    else if (type == JOIN_KEY_TEXT && zeros_differ(left, lkey, right, rkey, &a, &b))
        snprintf(hint, sizeof hint, "the keys differ by leading zeros ('%.20s' and '%.20s'), "
                 "which text keys keep: write them alike, or give --key-type dept or region "
                 "for department or region codes", a, b);
    return ds_err_set(err, DS_EDATA, "join: no key of %s matches one of %s: %s has %s; %s has "
                      "%s: %s", table_name(left), table_name(right), opt->left_key, l,
                      opt->right_key, r, hint);
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
    join_options resolved = *opt;
    if (type == JOIN_KEY_AUTO) {
        type = resolve_auto(left, lkey, right, rkey, opt, &resolved.scheme);
        opt = &resolved;
    }
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
    struct keyed_row *lkeys = xcalloc(table_nrows(left) ? table_nrows(left) : 1, sizeof *lkeys);
    size_t nlkeys = 0;
    char buf[KEY_MAX];
    for (size_t i = 0; i < table_nrows(left) && rc == DS_OK; i++) {
        join_miss_why why = JOIN_MISS_UNMATCHED;
        int got = key_of(left, i, lkey, opt, type, lenient, buf, &why, err);
        if (got < 0) {
            rc = got;
            break;
        }
        struct keyed_row *hit = NULL;
        if (got == 1) {
            lkeys[nlkeys].key = xstrdup(buf);
            lkeys[nlkeys++].row = i;
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
            add_miss(out, 0, got ? buf : "", table_row_line(left, i), why);
            if (opt->how == JOIN_LEFT)
                append_joined(out->table, left, i, lkey, got ? buf : NULL, right, NULL, rkey, cells, bufs);
        }
    }
    size_t matched = 0;
    for (size_t k = 0; k < nidx && rc == DS_OK; k++)
        if (!used[k])
            add_miss(out, 1, idx[k].key, table_row_line(right, idx[k].row), JOIN_MISS_UNMATCHED);
        else
            matched++;
    if (rc == DS_OK && !matched && nlkeys && nidx)
        rc = no_match(left, lkey, right, rkey, opt, type, err);
    if (rc == DS_OK)
        find_repeats(left, lkey, lkeys, nlkeys, out);
    free_keyed(lkeys, nlkeys);
    free_keyed(idx, nidx);
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
    for (size_t i = 0; i < r->nrepeats; i++)
        free(r->repeats[i].key);
    free(r->repeats);
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

const char *join_miss_reason(const join_miss *m, join_key_type type)
{
    switch (m->why) {
    case JOIN_MISS_NOT_CODE:
        return type == JOIN_KEY_REGION ? "not a region code" : "not a department code";
    case JOIN_MISS_NOT_NAME:
        return "not a department name";
    case JOIN_MISS_UNMATCHED:
        break;
    }
    return NULL;
}

void join_describe_miss(const join_miss *m, join_key_type type, char *buf, size_t size)
{
    const char *reason = join_miss_reason(m, type);
    if (reason)
        snprintf(buf, size, "%s (%s)", m->key, reason);
    else
        join_describe_key(m->key, type, buf, size);
}
