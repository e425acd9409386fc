/* levels: the distinct values of a grouping column, in R's order, with department and region
 * keys canonicalised through geo (so that `1` and `01` are one department only where the
 * column is a department key: elsewhere two texts are two levels, as in R). */
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "damirstat/geo.h"
#include "levels_impl.h"

static int name_has(const char *name, const char *const *hints)
{
    for (size_t i = 0; hints[i]; i++)
        if (strcasestr(name, hints[i]))
            return 1;
    return 0;
}

/* A region code of any of the three schemes (the code is the number either way). */
static int region_code(const char *s, int *out)
{
    static const geo_region_scheme schemes[] = {GEO_REGION_2016, GEO_REGION_PRE2016,
                                                GEO_REGION_OPENDAMIR};
    for (size_t k = 0; k < 3; k++)
        if (geo_region_canon(s, strlen(s), schemes[k], out, NULL) == DS_OK)
            return 1;
    return 0;
}

/* Canonical key of a cell of a column of the kind into buf (size 16); 0, or -1 if the cell
 * is not a key of that kind. */
static int canon(levels_kind kind, const char *s, char *buf)
{
    if (kind == LEVELS_DEPT) {
        char code[GEO_CODE_MAX];
        if (geo_dept_canon(s, strlen(s), code, NULL) != DS_OK)
            return -1;
        snprintf(buf, 16, "%s", code);
    } else {
        int region;
        if (!region_code(s, &region))
            return -1;
        snprintf(buf, 16, "%d", region);
    }
    return 0;
}

/* Department or region key when the name says so and every cell of the column agrees. */
static levels_kind column_kind(const table_t *t, size_t col)
{
    static const char *const dept_hints[] = {"dep", "dpt", NULL};
    static const char *const region_hints[] = {"reg", NULL};
    const char *name = table_col_name(t, col);
    levels_kind kind = name_has(name, region_hints) ? LEVELS_REGION
                       : name_has(name, dept_hints) ? LEVELS_DEPT
                                                    : LEVELS_TEXT;
    char buf[16];
    size_t present = 0;
    for (size_t r = 0; kind != LEVELS_TEXT && r < table_nrows(t); r++) {
        if (table_is_missing(t, r, col))
            continue;
        present++;
        if (canon(kind, table_text(t, r, col), buf) != 0)
            kind = LEVELS_TEXT;
    }
    return present ? kind : LEVELS_TEXT;
}

struct keyed {
    char *key;
    double num;
    size_t i;
};

static int numeric_order; /* qsort has no context argument in C17 */

static int cmp_keyed(const void *a, const void *b)
{
    const struct keyed *x = a, *y = b;
    if (numeric_order && x->num != y->num)
        return x->num < y->num ? -1 : 1;
    int c = strcmp(x->key, y->key);
    return c ? c : (x->i > y->i) - (x->i < y->i);
}

/* Fills keys[0 … m) with the present cells; returns m, and whether all are numbers. */
static size_t collect(const table_t *t, size_t col, levels_kind kind, const size_t *rows,
                      size_t n, struct keyed *keys, int *all_numbers)
{
    size_t m = 0;
    *all_numbers = 1;
    for (size_t i = 0; i < n; i++) {
        size_t r = rows ? rows[i] : i;
        if (table_is_missing(t, r, col))
            continue;
        const char *s = table_text(t, r, col);
        char buf[16];
        keys[m].key = kind != LEVELS_TEXT && canon(kind, s, buf) == 0 ? xstrdup(buf) : xstrdup(s);
        keys[m].i = i;
        *all_numbers &= table_parse_number(keys[m].key, strlen(keys[m].key), &keys[m].num);
        m++;
    }
    return m;
}

int levels_build(const table_t *t, const char *column, const size_t *rows, size_t n,
                 levels *out, ds_err *err)
{
    memset(out, 0, sizeof *out);
    long col = table_col_index(t, column);
    if (col < 0)
        return ds_err_set(err, DS_EDATA, "%s: no column '%s'", table_name(t), column);
    out->kind = column_kind(t, (size_t)col);
    out->n = n;
    out->code = xmalloc((n ? n : 1) * sizeof *out->code);
    for (size_t i = 0; i < n; i++)
        out->code[i] = LEVELS_MISSING;
    struct keyed *keys = xmalloc((n ? n : 1) * sizeof *keys);
    int all_numbers;
    size_t m = collect(t, (size_t)col, out->kind, rows, n, keys, &all_numbers);
    numeric_order = all_numbers;
    qsort(keys, m, sizeof *keys, cmp_keyed);
    out->label = xmalloc((m ? m : 1) * sizeof *out->label);
    out->count = xcalloc(m ? m : 1, sizeof *out->count);
    for (size_t j = 0; j < m; j++) {
        if (j == 0 || strcmp(keys[j].key, out->label[out->nlevels - 1]) != 0)
            out->label[out->nlevels++] = xstrdup(keys[j].key);
        out->code[keys[j].i] = out->nlevels - 1;
        out->count[out->nlevels - 1]++;
        free(keys[j].key);
    }
    free(keys);
    return DS_OK;
}

size_t levels_find(const levels *lv, const char *s)
{
    char buf[16];
    const char *key = lv->kind != LEVELS_TEXT && canon(lv->kind, s, buf) == 0 ? buf : s;
    for (size_t j = 0; j < lv->nlevels; j++)
        if (strcmp(lv->label[j], key) == 0)
            return j;
    return LEVELS_MISSING;
}

void levels_free(levels *lv)
{
    for (size_t j = 0; j < lv->nlevels; j++)
        free(lv->label[j]);
    free(lv->label);
    free(lv->code);
    free(lv->count);
    memset(lv, 0, sizeof *lv);
}
