#include "damirstat/join.h"

#include <ctype.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define KEY_MAX 256
#define KEYS_MAX 4
/* Separates the parts of a composite key (dep, annee): a byte no cell holds. */
#define KEY_SEP '\x1f'

/* The key columns of one side: one, or several for a panel (dep, annee). The first is the
 * typed one (department, region or text); the others compare as text, numbers written
 * the one way table_format_number writes them (2013 and 2013.0 are one year). */
struct key_cols {
    size_t n;
    size_t col[KEYS_MAX];
};

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

/* Open DAMIR's region codes (5 = all overseas, 93 with Corsica): BEN_RES_REG, or a column
 * named for them as external-data's reg_open_damir. */
static int opendamir_named(const char *name)
{
    return strcasestr(name, "BEN_RES_REG") || strcasestr(name, "open_damir") ||
           strcasestr(name, "opendamir");
}

/* The region scheme a key column shows: Open DAMIR's when it is named so or holds its code
 * 5 (all overseas); INSEE's when it holds a region that Open DAMIR merges away (01 … 06
 * overseas, 94 Corse); -1 when nothing tells. *row: the cell that told (SIZE_MAX: the
 * name). */
static int shown_scheme(const table_t *t, size_t col, size_t *row)
{
    *row = SIZE_MAX;
    if (opendamir_named(table_col_name(t, col)))
        return GEO_REGION_OPENDAMIR;
    for (size_t i = 0; i < table_nrows(t); i++) {
        const char *s = table_text(t, i, col);
        int v;
        int od = geo_region_canon(s, strlen(s), GEO_REGION_OPENDAMIR, &v, NULL) == DS_OK;
        int insee = geo_region_canon(s, strlen(s), GEO_REGION_2016, &v, NULL) == DS_OK;
        *row = i;
        if (od && !insee && v == 5)
            return GEO_REGION_OPENDAMIR;
        if (insee && !od)
            return GEO_REGION_2016;
    }
    return -1;
}

/* "FILE: COLUMN" or "FILE: COLUMN (line 19 has 94)": what showed a column's scheme. */
static void scheme_evidence(const table_t *t, size_t col, size_t row, char *buf, size_t size)
{
    if (row == SIZE_MAX)
        snprintf(buf, size, "%s: %s", table_name(t), table_col_name(t, col));
    else
        snprintf(buf, size, "%s: %s (line %zu has %s)", table_name(t), table_col_name(t, col),
                 table_row_line(t, row), table_text(t, row, col));
}

/* Open DAMIR's region 93 holds Corsica and its 5 every overseas department, INSEE's do not:
 * codes that look alike name different areas, and a join of the two schemes would pair
 * Open DAMIR's 93 with INSEE's smaller 93 without a word (a rate per inhabitant 7 % off). */
static int check_schemes(const table_t *left, size_t lcol, const table_t *right, size_t rcol,
                         ds_err *err)
{
    size_t lrow, rrow;
    int l = shown_scheme(left, lcol, &lrow), r = shown_scheme(right, rcol, &rrow);
    if (l < 0 || r < 0 || l == r)
        return DS_OK;
    int left_od = l == GEO_REGION_OPENDAMIR;
    char od[300], insee[300];
    scheme_evidence(left_od ? left : right, left_od ? lcol : rcol, left_od ? lrow : rrow, od,
                    sizeof od);
    scheme_evidence(left_od ? right : left, left_od ? rcol : lcol, left_od ? rrow : lrow,
                    insee, sizeof insee);
    return ds_err_set(err, DS_EDATA,
                      "join: %s holds Open DAMIR regions (93 = Provence-Alpes-Côte d'Azur "
                      "with Corsica, 5 = all overseas) but %s holds INSEE regions (94 = "
                      "Corse, 01 … 06 overseas): 93 is not the same area in both. Join a "
                      "table by Open DAMIR region (external-data/*-open-damir.csv, or "
                      "departments summed by reg_open_damir)", od, insee);
}

/* The key type AUTO stands for, and the region scheme to read it in. */
static join_key_type resolve_auto(const table_t *left, size_t lkey, const table_t *right,
                                  size_t rkey, const join_options *opt, geo_region_scheme *scheme)
{
    const char *ln = table_col_name(left, lkey), *rn = table_col_name(right, rkey);
    if (named_like_region(ln) || named_like_region(rn)) {
        *scheme = opendamir_named(ln) || opendamir_named(rn) ? GEO_REGION_OPENDAMIR
                                                             : opt->scheme;
        return JOIN_KEY_REGION;
    }
    if (dept_column(left, lkey, opt) && dept_column(right, rkey, opt))
        return JOIN_KEY_DEPT;
    return JOIN_KEY_TEXT;
}

static int key_rest(const table_t *t, size_t row, const struct key_cols *k, char *buf);

/* The canonical key of a row over the key columns k (canon_key on the first, key_rest on the
 * others), except that with lenient a first cell that is not a key of the type becomes an
 * unmatched key (returns 2, buf holding its text, *why saying what it is not) instead of an
 * error. */
static int key_of(const table_t *t, size_t row, const struct key_cols *k,
                  const join_options *opt, join_key_type type, int lenient, char *buf,
                  join_miss_why *why, ds_err *err)
{
    int rc = canon_key(t, row, k->col[0], opt, type, buf, lenient ? NULL : err);
    if (rc < 0 && lenient) {
        const char *s = table_text(t, row, k->col[0]);
        snprintf(buf, KEY_MAX, "%s", s);
        if (type == JOIN_KEY_DEPT && unknown_code(s))
            *why = JOIN_MISS_UNMATCHED;
        else if (type == JOIN_KEY_DEPT && opt->by_name && !looks_like_code(s))
            *why = JOIN_MISS_NOT_NAME;
        else
            *why = JOIN_MISS_NOT_CODE;
        return 2;
    }
    if (rc == 1 && !key_rest(t, row, k, buf))
        return 0;
    return rc;
}

static int find_column(const table_t *t, const char *name, size_t *col, ds_err *err)
{
    return table_column(t, name, NULL, col, err);
}

/* The key columns spec names in t: a column of that exact name, else a comma-separated list
 * of up to KEYS_MAX columns ("dep, annee"), blanks around each name dropped. */
static int find_keys(const table_t *t, const char *spec, struct key_cols *k, ds_err *err)
{
    k->n = 0;
    if (table_col_index(t, spec) >= 0 || !strchr(spec, ','))
        return find_column(t, spec, &k->col[k->n++], err);
    for (const char *p = spec; *p;) {
        const char *end = strchr(p, ',');
        size_t len = end ? (size_t)(end - p) : strlen(p);
        while (len && isspace((unsigned char)*p)) {
            p++;
            len--;
        }
        while (len && isspace((unsigned char)p[len - 1]))
            len--;
        if (!len || k->n == KEYS_MAX)
            return ds_err_set(err, DS_EDATA, "%s: key '%s': expected 1 to %d column names "
                              "separated by commas", table_name(t), spec, KEYS_MAX);
        char name[KEY_MAX];
        snprintf(name, sizeof name, "%.*s", (int)len, p);
        int rc = find_column(t, name, &k->col[k->n++], err);
        if (rc)
            return rc;
        p = end ? end + 1 : p + len;
    }
    return DS_OK;
}

/* Appends the secondary parts of a composite key to buf (which holds the first): 0 when
 * one is missing (the row has no key), else 1. */
static int key_rest(const table_t *t, size_t row, const struct key_cols *k, char *buf)
{
    for (size_t j = 1; j < k->n; j++) {
        size_t col = k->col[j], len = strlen(buf);
        if (table_is_missing(t, row, col))
            return 0;
        char num[40];
        const char *s = table_text(t, row, col);
        if (table_col_type(t, col) == TABLE_NUMBER) {
            table_format_number(table_num(t, row, col), num, sizeof num);
            s = num;
        }
        snprintf(buf + len, KEY_MAX - len, "%c%s", KEY_SEP, s);
    }
    return 1;
}

/* A composite key as a reader writes it: "01, 2013". */
static void key_plain(const char *key, char *out, size_t size)
{
    snprintf(out, size, "%s", key);
    for (char *p = out; (p = strchr(p, KEY_SEP));)
        *p = ',';
    if (!strchr(out, ','))
        return;
    char tmp[KEY_MAX * 2];
    size_t o = 0;
    for (const char *p = out; *p && o + 2 < sizeof tmp; p++) {
        tmp[o++] = *p;
        if (*p == ',')
            tmp[o++] = ' ';
    }
    tmp[o] = '\0';
    snprintf(out, size, "%s", tmp);
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

static int index_right(const table_t *right, const struct key_cols *col, const join_options *opt,
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
            char key[KEY_MAX];
            key_plain(idx[i].key, key, sizeof key);
            ds_err_set(err, DS_EDATA, "%s:%zu and %s:%zu: duplicate key %s", table_name(right),
                       table_row_line(right, idx[i - 1].row), table_name(right),
                       table_row_line(right, idx[i].row), key);
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

static int is_key(const struct key_cols *k, size_t col)
{
    for (size_t j = 0; j < k->n; j++)
        if (k->col[j] == col)
            return 1;
    return 0;
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

/* Output names: left columns, then right columns but the keys; a right column whose name is
 * taken gets a suffix (suffixed). */
static table_t *new_output(const table_t *left, const table_t *right, const struct key_cols *rkey)
{
    size_t nl = table_ncols(left), nr = table_ncols(right), n = 0;
    char **names = xcalloc(nl + nr, sizeof *names);
    for (size_t c = 0; c < nl; c++)
        names[n++] = xstrdup(table_col_name(left, c));
    for (size_t c = 0; c < nr; c++) {
        if (is_key(rkey, c))
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

/* One output row: the left row (its first key column written as key, the canonical code;
 * the other key columns as they are), then the right row but its keys (missing cells
 * when rrow is NULL). */
static void append_joined(table_t *out, const table_t *left, size_t lrow,
                          const struct key_cols *lkey, const char *key, const table_t *right,
                          const size_t *rrow, const struct key_cols *rkey, const char **cells,
                          char (*bufs)[CELL_MAX])
{
    size_t n = 0;
    for (size_t c = 0; c < table_ncols(left); c++, n++)
        cells[n] = c == lkey->col[0] ? key : cell_text(left, lrow, c, bufs[n], CELL_MAX);
    for (size_t c = 0; c < table_ncols(right); c++) {
        if (is_key(rkey, c))
            continue;
        cells[n] = rrow ? cell_text(right, *rrow, c, bufs[n], CELL_MAX) : NULL;
        n++;
    }
    table_append_row(out, cells);
}

/* The right row whose key is key, by binary search of the sorted index, or NULL. */
static struct keyed_row *find_right(struct keyed_row *idx, size_t nidx, const char *key)
{
    size_t lo = 0, hi = nidx;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strcmp(idx[mid].key, key);
        if (c == 0)
            return &idx[mid];
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return NULL;
}

/* What one join needs while it walks the left table. */
struct join_walk {
    const table_t *left, *right;
    struct key_cols lkey, rkey;
    const join_options *opt;
    join_key_type type;
    int lenient;
    struct keyed_row *idx, *lkeys;
    size_t nidx, nlkeys;
    unsigned char *used;
    const char **cells;
    char (*bufs)[CELL_MAX];
};

/* Joins left row i: appends the joined row (or, for a left join, the row alone), records its
 * key for find_repeats and a miss when it has no partner. */
static int join_row(struct join_walk *j, size_t i, join_result *out, ds_err *err)
{
    char buf[KEY_MAX], first[KEY_MAX];
    join_miss_why why = JOIN_MISS_UNMATCHED;
    int got = key_of(j->left, i, &j->lkey, j->opt, j->type, j->lenient, buf, &why, err);
    if (got < 0)
        return got;
    struct keyed_row *hit = NULL;
    if (got == 1) {
        j->lkeys[j->nlkeys].key = xstrdup(buf);
        j->lkeys[j->nlkeys++].row = i;
        hit = find_right(j->idx, j->nidx, buf);
    }
    snprintf(first, sizeof first, "%s", buf);
    first[strcspn(first, (const char[]){KEY_SEP, 0})] = '\0';
    if (hit) {
        j->used[hit - j->idx] = 1;
        append_joined(out->table, j->left, i, &j->lkey, first, j->right, &hit->row, &j->rkey,
                      j->cells, j->bufs);
        return DS_OK;
    }
    add_miss(out, 0, got ? buf : "", table_row_line(j->left, i), why);
    if (j->opt->how == JOIN_LEFT)
        append_joined(out->table, j->left, i, &j->lkey, got ? first : NULL, j->right,
                      NULL, &j->rkey, j->cells, j->bufs);
    return DS_OK;
}

/* The key columns of both sides, the same number on each; the key type AUTO resolved on
 * the first pair. */
static int join_setup(const table_t *left, const table_t *right, const join_options *opt,
                      struct join_walk *j, join_options *resolved, ds_err *err)
{
    int rc = find_keys(left, opt->left_key, &j->lkey, err);
    if (rc || (rc = find_keys(right, opt->right_key, &j->rkey, err)))
        return rc;
    if (j->lkey.n != j->rkey.n)
        return ds_err_set(err, DS_EDATA, "join: %zu key column%s in %s (%s) but %zu in %s "
                          "(%s): name as many on each side", j->lkey.n,
                          j->lkey.n > 1 ? "s" : "", table_name(left), opt->left_key,
                          j->rkey.n, table_name(right), opt->right_key);
    *resolved = *opt;
    j->type = opt->key_type;
    j->lenient = j->type == JOIN_KEY_AUTO;
    if (j->type == JOIN_KEY_AUTO)
        j->type = resolve_auto(left, j->lkey.col[0], right, j->rkey.col[0], opt,
                               &resolved->scheme);
    j->left = left;
    j->right = right;
    j->opt = resolved;
    if (j->type == JOIN_KEY_REGION)
        return check_schemes(left, j->lkey.col[0], right, j->rkey.col[0], err);
    return DS_OK;
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
    struct join_walk j;
    memset(&j, 0, sizeof j);
    join_options resolved;
    int rc = join_setup(left, right, opt, &j, &resolved, err);
    if (rc || (rc = index_right(right, &j.rkey, j.opt, j.type, j.lenient, out, &j.idx,
                                &j.nidx, err))) {
        join_result_free(out);
        return rc;
    }
    j.used = xcalloc(j.nidx ? j.nidx : 1, 1);
    out->key_type = j.type;
    out->table = new_output(left, right, &j.rkey);
    size_t width = table_ncols(left) + table_ncols(right);
    j.cells = xcalloc(width, sizeof *j.cells);
    j.bufs = xcalloc(width, sizeof *j.bufs);
    j.lkeys = xcalloc(table_nrows(left) ? table_nrows(left) : 1, sizeof *j.lkeys);
    for (size_t i = 0; i < table_nrows(left) && rc == DS_OK; i++)
        rc = join_row(&j, i, out, err);
    size_t matched = 0;
    for (size_t k = 0; k < j.nidx && rc == DS_OK; k++)
        if (!j.used[k])
            add_miss(out, 1, j.idx[k].key, table_row_line(right, j.idx[k].row),
                     JOIN_MISS_UNMATCHED);
        else
            matched++;
    if (rc == DS_OK && !matched && j.nlkeys && j.nidx)
        rc = no_match(left, j.lkey.col[0], right, j.rkey.col[0], opt, j.type, err);
    if (rc == DS_OK)
        find_repeats(left, j.lkey.col[0], j.lkeys, j.nlkeys, out);
    free_keyed(j.lkeys, j.nlkeys);
    free_keyed(j.idx, j.nidx);
    free(j.used);
    free(j.cells);
    free(j.bufs);
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

/* A composite key is written in parentheses, so that a list of them reads: "(01 Ain, 2013),
 * (02 Aisne, 2013)". */
void join_describe_key(const char *key, join_key_type type, char *buf, size_t size)
{
    char first[KEY_MAX];
    snprintf(first, sizeof first, "%s", key);
    size_t cut = strcspn(first, (const char[]){KEY_SEP, 0});
    first[cut] = '\0';
    const char *name = type == JOIN_KEY_DEPT ? geo_dept_name(first) : NULL;
    char rest[KEY_MAX * 2] = "";
    if (key[cut])
        key_plain(key + cut, rest, sizeof rest); /* ", 2013" */
    if (!key[0])
        snprintf(buf, size, "(missing key)");
    else if (key[cut])
        snprintf(buf, size, "(%s%s%s%s)", first, name ? " " : "", name ? name : "", rest);
    else if (name)
        snprintf(buf, size, "%s (%s)", first, name);
    else
        snprintf(buf, size, "%s", first);
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
