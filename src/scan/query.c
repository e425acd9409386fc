/* query: the definition of a query (options, accumulators, printed columns, binding to a
 * header). The work on every row is in query_row.c. */
#include "damirstat/query.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "damirstat/scan.h"
#include "damirstat/suggest.h"
#include "query_impl.h"

static void free_names(char **v, size_t n)
{
    for (size_t i = 0; i < n; i++)
        free(v[i]);
    free(v);
}

static char *str_printf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static char *str_printf(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    char *s = xmalloc((size_t)n + 1);
    va_start(ap, fmt);
    vsnprintf(s, (size_t)n + 1, fmt, ap);
    va_end(ap);
    return s;
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

static int legacy_form(const query_t *q);

static const char *const kind_word[] = {"sum", "mean", "min", "max", "count_if"};
static const char *const kind_option[] = {"--sum", "--mean", "--min", "--max", "--count-if"};

/* The index of the value with e's canonical text, added (taking e) if new. */
static size_t value_of(query_t *q, aggexpr_t *e)
{
    for (size_t v = 0; v < q->nvalues; v++)
        if (strcmp(aggexpr_canonical(q->values[v]), aggexpr_canonical(e)) == 0) {
            aggexpr_free(e);
            return v;
        }
    q->values = xrealloc(q->values, (q->nvalues + 1) * sizeof *q->values);
    q->values[q->nvalues] = e;
    return q->nvalues++;
}

static size_t col_of(query_t *q, const char *name)
{
    for (size_t c = 0; c < q->ncols; c++)
        if (strcmp(q->cols[c], name) == 0)
            return c;
    q->cols = xrealloc(q->cols, (q->ncols + 1) * sizeof *q->cols);
    q->cols[q->ncols] = xstrdup(name);
    return q->ncols++;
}

/* Parses one measure into q->m[q->nm]. */
static int add_measure(query_t *q, const query_measure *in, size_t nth_count_if, ds_err *err)
{
    query_measure_def *m = &q->m[q->nm];
    memset(m, 0, sizeof *m);
    m->kind = in->kind;
    const char *word = kind_word[in->kind];
    if (in->kind == QUERY_COUNT_IF) {
        char *name, *cond = NULL;
        size_t len = aggexpr_split_name(in->text, &name);
        cond = xstrndup(in->text, len);
        int rc = filter_parse_as(cond, "--count-if", &m->cond, err);
        free(cond);
        if (rc) {
            free(name);
            return rc;
        }
        q->nm++;
        m->cond_text = xstrdup(filter_canonical(m->cond));
        m->name = name ? name : str_printf("count_if_%zu", nth_count_if);
        m->text = name ? str_printf("%s as %s", m->cond_text, name) : xstrdup(m->cond_text);
        return DS_OK;
    }
    aggexpr_t *e;
    int rc = aggexpr_parse(in->text, kind_option[in->kind], &e, err);
    if (rc)
        return rc;
    q->nm++;
    const char *name = aggexpr_name(e), *canon = aggexpr_canonical(e);
    m->name = name ? xstrdup(name) : str_printf("%s_%s", word, canon);
    m->text = name ? str_printf("%s as %s", canon, name) : xstrdup(canon);
    m->value = value_of(q, e);
    return DS_OK;
}

/* After the measures' extra accumulators, one count per value that a mean, a min or a max
 * reads: the rows where it is known (no empty field in it), the mean's divisor and what
 * tells a min or max of no value; such a value, and an expression, skips a row with an
 * empty column, as SQL's aggregates skip NULL. */
static void lay_out_counts(query_t *q)
{
    q->next_measures = q->next;
    q->value_count = xcalloc(q->nvalues + 1, sizeof *q->value_count);
    q->value_skips = xcalloc(q->nvalues + 1, sizeof *q->value_skips);
    q->value_is_column = xcalloc(q->nvalues + 1, sizeof *q->value_is_column);
    q->value_mask = xcalloc(q->nvalues + 1, sizeof *q->value_mask);
    q->wide = q->ncols > 64;
    for (size_t v = 0; v < q->nvalues; v++) {
        q->value_is_column[v] = (unsigned char)aggexpr_is_column(q->values[v]);
        for (size_t k = 0; k < aggexpr_ncols(q->values[v]) && !q->wide; k++)
            q->value_mask[v] |= (uint64_t)1 << q->value_cols[v][k];
        q->value_count[v] = SIZE_MAX;
        for (size_t i = 0; i < q->nm && q->value_count[v] == SIZE_MAX; i++) {
            query_kind k = q->m[i].kind;
            if (q->m[i].value == v && (k == QUERY_MEAN || k == QUERY_MIN || k == QUERY_MAX)) {
                q->ext_kind[q->next] = AGG_EXT_COUNT;
                q->ext_src[q->next] = v;
                q->value_count[v] = q->next++;
            }
        }
        q->value_skips[v] = q->value_count[v] != SIZE_MAX || !q->value_is_column[v];
        q->skips |= q->value_skips[v];
        q->skip_cols |= q->value_skips[v] ? q->value_mask[v] : 0;
    }
}

/* Accumulators: a sum per value summed or averaged, then per min, max and count-if one
 * extra, then the values' counts; and the columns the values read. */
static void lay_out(query_t *q)
{
    q->sum_value = xcalloc(q->nm + 1, sizeof *q->sum_value);
    q->sum_names = xcalloc(q->nm + 1, sizeof *q->sum_names);
    q->ext_kind = xcalloc(q->nm + q->nvalues + 1, sizeof *q->ext_kind);
    q->ext_src = xcalloc(q->nm + q->nvalues + 1, sizeof *q->ext_src);
    for (size_t i = 0; i < q->nm; i++) {
        query_measure_def *m = &q->m[i];
        if (m->kind == QUERY_SUM || m->kind == QUERY_MEAN) {
            size_t j = 0;
            while (j < q->nsums && q->sum_value[j] != m->value)
                j++;
            if (j == q->nsums) {
                q->sum_value[j] = m->value;
                q->sum_names[q->nsums++] = xstrdup(aggexpr_canonical(q->values[m->value]));
            }
            m->acc = j;
        } else {
            q->ext_kind[q->next] = m->kind == QUERY_MIN   ? AGG_EXT_MIN
                                   : m->kind == QUERY_MAX ? AGG_EXT_MAX
                                                          : AGG_EXT_COUNT;
            q->ext_src[q->next] = m->kind == QUERY_COUNT_IF ? i : m->value;
            m->acc = q->next++;
        }
    }
    q->value_cols = xcalloc(q->nvalues + 1, sizeof *q->value_cols);
    for (size_t v = 0; v < q->nvalues; v++) {
        size_t n = aggexpr_ncols(q->values[v]);
        q->value_cols[v] = xcalloc(n + 1, sizeof **q->value_cols);
        for (size_t c = 0; c < n; c++)
            q->value_cols[v][c] = col_of(q, aggexpr_col(q->values[v], c));
    }
    lay_out_counts(q);
    q->plain = q->next == 0 && q->nsums == q->nvalues && q->ncols == q->nvalues;
    for (size_t v = 0; v < q->nvalues && q->plain; v++)
        q->plain = aggexpr_is_column(q->values[v]) && q->value_cols[v][0] == v &&
                   q->sum_value[v] == v;
}

/* The printed columns after the keys; DS_EUSAGE if two have the same name. */
static int name_columns(query_t *q, ds_err *err)
{
    q->out = xcalloc(q->nm + 2, sizeof *q->out);
    for (size_t i = 0; i < q->nm; i++) {
        const query_measure_def *m = &q->m[i];
        agg_col_kind kind = m->kind == QUERY_SUM    ? AGG_COL_SUM
                            : m->kind == QUERY_MEAN ? AGG_COL_MEAN
                                                    : AGG_COL_EXT;
        size_t known = kind == AGG_COL_SUM || m->kind == QUERY_COUNT_IF ? SIZE_MAX
                                                                         : q->value_count[m->value];
        q->out[q->nout++] = (agg_column){m->name, kind, m->acc, known};
    }
    if (q->count || q->nm == 0)
        q->out[q->nout++] = (agg_column){"count", AGG_COL_COUNT, 0, SIZE_MAX};
    for (size_t i = 0; i < q->nout; i++) {
        for (size_t j = 0; j < i; j++) {
            if (strcmp(q->out[i].name, q->out[j].name) != 0)
                continue;
            const char *option = i < q->nm ? kind_option[q->m[i].kind] : "--count";
            if (i < q->nm && q->m[i].kind == q->m[j].kind && strcmp(q->m[i].text, q->m[j].text) == 0)
                return ds_err_set(err, DS_EUSAGE, "%s: %s%s named twice", option,
                                  q->m[i].cond || !aggexpr_is_column(q->values[q->m[i].value])
                                      ? "" : "column ", q->m[i].text);
            return ds_err_set(err, DS_EUSAGE, "%s: column %s printed twice; name one with 'as "
                              "NAME'", option, q->out[i].name);
        }
        for (size_t k = 0; k < q->nby; k++)
            if (strcmp(q->out[i].name, q->by[k]) == 0)
                return ds_err_set(err, DS_EUSAGE, "column %s is both a --by column and a "
                                  "measure; name the measure with 'as NAME'", q->by[k]);
    }
    return DS_OK;
}

int query_skips_empty(const query_t *q)
{
    return q->skips;
}

int query_sums_only(const query_t *q)
{
    return legacy_form(q);
}

static int legacy_form(const query_t *q)
{
    for (size_t i = 0; i < q->nm; i++)
        if (q->m[i].kind != QUERY_SUM || !aggexpr_is_column(q->values[q->m[i].value]) ||
            strcmp(q->m[i].text, aggexpr_canonical(q->values[q->m[i].value])) != 0)
            return 0;
    return 1;
}

static void make_canonical(query_t *q)
{
    size_t cap = 64 + (q->where ? strlen(filter_canonical(q->where)) : 0);
    for (size_t i = 0; i < q->nby; i++)
        cap += strlen(q->by[i]) + 1;
    for (size_t i = 0; i < q->nm; i++)
        cap += strlen(q->m[i].text) + 16;
    char *s = xcalloc(1, cap);
    size_t n = (size_t)snprintf(s, cap, "by=");
    for (size_t i = 0; i < q->nby; i++)
        n += (size_t)snprintf(s + n, cap - n, "%s%s", i ? "," : "", q->by[i]);
    int legacy = legacy_form(q);
    n += (size_t)snprintf(s + n, cap - n, legacy ? ";sum=" : ";measures=");
    for (size_t i = 0; i < q->nm; i++) {
        if (legacy)
            n += (size_t)snprintf(s + n, cap - n, "%s%s", i ? "," : "", q->m[i].text);
        else
            n += (size_t)snprintf(s + n, cap - n, "%s%s(%s)", i ? "|" : "",
                                  kind_word[q->m[i].kind], q->m[i].text);
    }
    snprintf(s + n, cap - n, ";count=%d;where=%s", q->count ? 1 : 0,
             q->where ? filter_canonical(q->where) : "");
    q->canonical = s;
}

int query_new_spec(const query_spec *spec, query_t **out, ds_err *err)
{
    *out = NULL;
    query_t *q = xcalloc(1, sizeof *q);
    q->count = spec->count || spec->nmeasures == 0;
    q->m = xcalloc(spec->nmeasures + 1, sizeof *q->m);
    int rc = split_names(spec->by, "--by", &q->by, &q->nby, err);
    if (!rc && spec->where) {
        q->where_text = xstrdup(spec->where);
        rc = filter_parse(spec->where, &q->where, err);
    }
    size_t count_ifs = 0;
    for (size_t i = 0; i < spec->nmeasures && !rc; i++) {
        count_ifs += spec->measures[i].kind == QUERY_COUNT_IF;
        rc = add_measure(q, &spec->measures[i], count_ifs, err);
    }
    if (!rc) {
        lay_out(q);
        rc = name_columns(q, err);
    }
    if (rc) {
        query_free(q);
        return rc;
    }
    make_canonical(q);
    *out = q;
    return DS_OK;
}

int query_new(const char *by, const char *sums, int count, const char *where, query_t **out,
              ds_err *err)
{
    char **cols;
    size_t n;
    int rc = split_names(sums, "--sum", &cols, &n, err);
    if (rc)
        return rc;
    query_measure *m = xcalloc(n + 1, sizeof *m);
    for (size_t i = 0; i < n; i++)
        m[i] = (query_measure){QUERY_SUM, cols[i]};
    query_spec spec = {by, where, count, m, n};
    rc = query_new_spec(&spec, out, err);
    free(m);
    free_names(cols, n);
    return rc;
}

void query_free(query_t *q)
{
    if (!q)
        return;
    free_names(q->by, q->nby);
    free(q->where_text);
    filter_free(q->where);
    for (size_t i = 0; i < q->nm; i++) {
        free(q->m[i].text);
        free(q->m[i].name);
        free(q->m[i].cond_text);
        filter_free(q->m[i].cond);
    }
    free(q->m);
    for (size_t v = 0; v < q->nvalues; v++) {
        aggexpr_free(q->values[v]);
        free(q->value_cols ? q->value_cols[v] : NULL);
    }
    free(q->values);
    free(q->value_cols);
    free_names(q->cols, q->ncols);
    free(q->sum_value);
    free_names(q->sum_names, q->nsums);
    free(q->ext_kind);
    free(q->ext_src);
    free(q->value_count);
    free(q->value_skips);
    free(q->value_is_column);
    free(q->value_mask);
    free(q->out);
    free(q->canonical);
    free(q);
}

size_t query_nby(const query_t *q) { return q->nby; }
const char *const *query_by(const query_t *q) { return (const char *const *)q->by; }
size_t query_nsums(const query_t *q) { return q->nsums; }
const char *const *query_sums(const query_t *q) { return (const char *const *)q->sum_names; }
int query_count(const query_t *q) { return q->count; }
const char *query_canonical(const query_t *q) { return q->canonical; }
size_t query_nmeasures(const query_t *q) { return q->nm; }
const char *query_where(const query_t *q) { return q->where ? filter_canonical(q->where) : NULL; }

query_measure query_measure_at(const query_t *q, size_t i)
{
    return (query_measure){q->m[i].kind, q->m[i].text};
}

agg_t *query_agg_new(const query_t *q)
{
    return agg_new_ext(q->nby, q->nsums, (const char *const *)q->sum_names, q->next,
                       q->ext_kind);
}

void query_meta(const query_t *q, uint64_t rows_read, uint64_t rows_skipped, agg_meta *m)
{
    *m = (agg_meta){query_by(q), query_sums(q), q->count, q->canonical, rows_read,
                    rows_skipped, q->out, q->nout, NULL};
}

/* The printed column called name (keys first), or SIZE_MAX. */
static size_t printed_column(const query_t *q, const char *name, size_t len)
{
    for (size_t k = 0; k < q->nby; k++)
        if (strlen(q->by[k]) == len && strncmp(q->by[k], name, len) == 0)
            return k;
    for (size_t c = 0; c < q->nout; c++)
        if (strlen(q->out[c].name) == len && strncmp(q->out[c].name, name, len) == 0)
            return q->nby + c;
    return SIZE_MAX;
}

static int unknown_column(const query_t *q, const char *option, const char *name, size_t len,
                          ds_err *err)
{
    const char **names = xmalloc((q->nby + q->nout + 1) * sizeof *names);
    for (size_t k = 0; k < q->nby; k++)
        names[k] = q->by[k];
    for (size_t c = 0; c < q->nout; c++)
        names[q->nby + c] = q->out[c].name;
    char *typed = xstrndup(name, len), hint[600];
    suggest_hint(hint, sizeof hint, typed, names, q->nby + q->nout, "printed columns", 0);
    ds_err_set(err, DS_EUSAGE, "%s: no printed column %s%s", option, typed, hint);
    free(typed);
    free(names);
    return DS_EUSAGE;
}

static int parse_order(const query_t *q, const char *order, agg_view *v, ds_err *err)
{
    size_t len = strcspn(order, " \t");
    const char *dir = order + len + strspn(order + len, " \t");
    if (*dir && strcasecmp(dir, "asc") != 0 && strcasecmp(dir, "desc") != 0)
        return ds_err_set(err, DS_EUSAGE, "--order: expected COL, 'COL desc' or 'COL asc', "
                          "got '%s'", order);
    v->order_col = printed_column(q, order, len);
    v->descending = strcasecmp(dir, "asc") != 0;
    return v->order_col == SIZE_MAX ? unknown_column(q, "--order", order, len, err) : DS_OK;
}

int query_view_new(const query_t *q, const char *having, const char *order, uint64_t top,
                   agg_view **out, ds_err *err)
{
    *out = NULL;
    agg_view *v = xcalloc(1, sizeof *v);
    v->order_col = SIZE_MAX;
    v->top = top;
    int rc = order && *order ? parse_order(q, order, v, err) : DS_OK;
    if (!rc && having && *having)
        rc = filter_parse_as(having, "--having", &v->having, err);
    size_t *cols = v->having ? xcalloc(filter_ncols(v->having) + 1, sizeof *cols) : NULL;
    for (size_t i = 0; !rc && v->having && i < filter_ncols(v->having); i++) {
        const char *name = filter_col(v->having, i);
        cols[i] = printed_column(q, name, strlen(name));
        if (cols[i] == SIZE_MAX)
            rc = unknown_column(q, "--having", name, strlen(name), err);
    }
    v->having_col = cols;
    if (rc) {
        query_view_free(v);
        return rc;
    }
    *out = v;
    return DS_OK;
}

void query_view_free(agg_view *v)
{
    if (!v)
        return;
    filter_free(v->having);
    free((void *)(uintptr_t)v->having_col);
    free(v);
}

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

/* The option that names query column c first, for messages. */
static const char *col_option(const query_t *q, size_t c)
{
    for (size_t i = 0; i < q->nm; i++)
        if (q->m[i].kind != QUERY_COUNT_IF)
            for (size_t k = 0; k < aggexpr_ncols(q->values[q->m[i].value]); k++)
                if (q->value_cols[q->m[i].value][k] == c)
                    return kind_option[q->m[i].kind];
    return "--sum";
}

static int bind_all(const query_t *q, query_binding *b, char **names, size_t n,
                    const char *file, ds_err *err)
{
    int rc = DS_OK;
    size_t nw = q->where ? filter_ncols(q->where) : 0;
    for (size_t i = 0; i < nw && !rc; i++)
        rc = slot_of(b, names, n, filter_col(q->where, i), "--where", file, &b->where_slot[i], err);
    b->nwhere = nw ? b->ncols : 0;
    for (size_t i = 0; i < q->nby && !rc; i++)
        rc = slot_of(b, names, n, q->by[i], "--by", file, &b->by_slot[i], err);
    for (size_t c = 0; c < q->ncols && !rc; c++)
        rc = slot_of(b, names, n, q->cols[c], col_option(q, c), file, &b->col_slot[c], err);
    for (size_t i = 0; i < q->nm && !rc; i++) {
        const filter_t *f = q->m[i].cond;
        for (size_t k = 0; f && k < filter_ncols(f) && !rc; k++)
            rc = slot_of(b, names, n, filter_col(f, k), "--count-if", file, &b->cond_slot[i][k], err);
    }
    return rc;
}

static query_binding *binding_new(const query_t *q)
{
    size_t most = q->nby + q->ncols + (q->where ? filter_ncols(q->where) : 0) + 1;
    query_binding *b = xcalloc(1, sizeof *b);
    b->nm = q->nm;
    b->cond_slot = xcalloc(q->nm + 1, sizeof *b->cond_slot);
    for (size_t i = 0; i < q->nm; i++)
        if (q->m[i].cond) {
            most += filter_ncols(q->m[i].cond);
            b->cond_slot[i] = xcalloc(filter_ncols(q->m[i].cond) + 1, sizeof **b->cond_slot);
        }
    b->cols = xcalloc(most, sizeof *b->cols);
    b->where_slot = xcalloc(most, sizeof *b->where_slot);
    b->by_slot = xcalloc(most, sizeof *b->by_slot);
    b->col_slot = xcalloc(most, sizeof *b->col_slot);
    return b;
}

int query_bind(const query_t *q, const char *header, size_t len, const char *file,
               query_binding **out, ds_err *err)
{
    *out = NULL;
    char **names;
    size_t n;
    if (len > 0 && header[len - 1] == '\r')
        len--;
    const char *nul = memchr(header, '\0', len);
    if (nul)
        return ds_err_set(err, DS_EDATA, "%s:1:%zu: NUL byte (damaged file?)", file,
                          (size_t)(nul - header) + 1);
    if (!memchr(header, ';', len) && header_not_split(header, len, file, err))
        return DS_EDATA;
    scan_split_header(header, len, &names, &n);
    query_binding *b = binding_new(q);
    b->nfields = (unsigned)n;
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
    free(b->where_slot);
    free(b->by_slot);
    free(b->col_slot);
    for (size_t i = 0; b->cond_slot && i < b->nm; i++)
        free(b->cond_slot[i]);
    free(b->cond_slot);
    free(b->header);
    free(b);
}
