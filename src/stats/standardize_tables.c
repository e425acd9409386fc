/* standardize_tables: the two long tables (observed and population by unit × strata,
 * optionally by a within column such as the year) read into one dense unit × stratum
 * matrix pair per group, which standardize_compute turns into ratios. Keys are the cells'
 * text, numbers written one way (5 and 05, 2019 and 2019.0 are one key), and sort in
 * numeric order when both are numbers (age bands 0, 20, …, 80). */
#include "damirstat/standardize.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define KEY_MAX 200

/* One row of either table: its group, unit and stratum keys and its value. */
struct rec {
    char *g, *u, *s;
    double v;
    size_t line;
};

struct cols {
    long within, unit, strata[STANDARDIZE_STRATA_MAX];
    size_t value;
};

/* Compares two keys: numbers by value, before text; text byte by byte. */
static int key_cmp(const char *a, const char *b)
{
    char *ea, *eb;
    double x = strtod(a, &ea), y = strtod(b, &eb);
    int na = *a && !*ea, nb = *b && !*eb;
    if (na && nb && x != y)
        return x < y ? -1 : 1;
    if (na != nb)
        return na ? -1 : 1;
    return strcmp(a, b);
}

static int rec_cmp(const void *pa, const void *pb)
{
    const struct rec *a = pa, *b = pb;
    int c = key_cmp(a->g, b->g);
    if (!c)
        c = key_cmp(a->u, b->u);
    if (!c)
        c = key_cmp(a->s, b->s);
    return c;
}

/* The key text of a cell: a number column's value written one way, else the text. */
static void cell_key(const table_t *t, size_t row, long col, char *buf, size_t size)
{
    if (col < 0)
        snprintf(buf, size, "%s", "");
    else if (table_col_type(t, (size_t)col) == TABLE_NUMBER && !table_is_missing(t, row, (size_t)col))
        table_format_number(table_num(t, row, (size_t)col), buf, size);
    else
        snprintf(buf, size, "%s", table_text(t, row, (size_t)col));
}

static int find_col(const table_t *t, const char *name, long *col, ds_err *err)
{
    *col = name ? table_col_index(t, name) : -1;
    if (name && *col < 0)
        return ds_err_set(err, DS_EDATA, "%s: no column '%s'", table_name(t), name);
    return DS_OK;
}

static int find_cols(const table_t *t, const standardize_spec *spec, const char *value,
                     struct cols *c, ds_err *err)
{
    int rc = find_col(t, spec->within, &c->within, err);
    if (!rc)
        rc = find_col(t, spec->unit, &c->unit, err);
    for (size_t i = 0; i < spec->nstrata && !rc; i++)
        rc = find_col(t, spec->strata[i], &c->strata[i], err);
    if (!rc)
        rc = table_number_column(t, value, &c->value, err);
    return rc;
}

/* A value that can be standardised: present, not negative, whole for a count. */
static int check_value(const table_t *t, size_t row, size_t col, int whole, ds_err *err)
{
    double v = table_num(t, row, col);
    const char *why = isnan(v) ? "missing" : v < 0 ? "negative" : NULL;
    if (!why && whole && v != floor(v))
        why = "not a whole number (a count; for amounts such as euros, say so: kind amount)";
    if (why)
        return ds_err_set(err, DS_EDATA, "%s:%zu: %s: %s is %s", table_name(t),
                          table_row_line(t, row), table_col_name(t, col),
                          isnan(v) ? "the value" : table_text(t, row, col), why);
    return DS_OK;
}

/* Every row of t as a rec (caller frees with recs_free). */
static int read_recs(const table_t *t, const standardize_spec *spec, const char *value,
                     int whole, struct rec **out, ds_err *err)
{
    struct cols c;
    int rc = find_cols(t, spec, value, &c, err);
    size_t n = table_nrows(t);
    struct rec *r = xcalloc(n + 1, sizeof *r);
    for (size_t i = 0; i < n && rc == DS_OK; i++) {
        if ((rc = check_value(t, i, c.value, whole, err)) != DS_OK)
            break;
        char g[KEY_MAX], u[KEY_MAX], s[KEY_MAX * 2] = "", one[KEY_MAX];
        cell_key(t, i, c.within, g, sizeof g);
        cell_key(t, i, c.unit, u, sizeof u);
        for (size_t k = 0; k < spec->nstrata; k++) {
            cell_key(t, i, c.strata[k], one, sizeof one);
            size_t len = strlen(s);
            snprintf(s + len, sizeof s - len, "%s%s", k ? ", " : "", one);
        }
        r[i] = (struct rec){xstrdup(g), xstrdup(u), xstrdup(s), table_num(t, i, c.value),
                            table_row_line(t, i)};
    }
    *out = r;
    return rc;
}

static void recs_free(struct rec *r, size_t n)
{
    for (size_t i = 0; r && i < n; i++) {
        free(r[i].g);
        free(r[i].u);
        free(r[i].s);
    }
    free(r);
}

static int pkey_cmp(const void *a, const void *b)
{
    return key_cmp(*(const char *const *)a, *(const char *const *)b);
}

/* The distinct units (which 1) or strata (which 2) of r[0..n), sorted by key_cmp. The
 * strings stay r's; caller frees the array. */
static const char **distinct(const struct rec *r, size_t n, int which, size_t *count)
{
    const char **v = xcalloc(n + 1, sizeof *v);
    for (size_t i = 0; i < n; i++)
        v[i] = which == 1 ? r[i].u : r[i].s;
    qsort(v, n, sizeof *v, pkey_cmp);
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        if (!k || key_cmp(v[k - 1], v[i]) != 0)
            v[k++] = v[i];
    *count = k;
    return v;
}

static long find_key(const char **v, size_t n, const char *key)
{
    const char **hit = bsearch(&key, v, n, sizeof *v, pkey_cmp);
    return hit ? hit - v : -1;
}

static void add_skip(standardize_result *res, const char *g, const char *u, const char *why)
{
    res->skips = xrealloc(res->skips, (res->nskips + 1) * sizeof *res->skips);
    res->skips[res->nskips++] = (standardize_skip){xstrdup(g), xstrdup(u), why};
}

/* The units of both slices (sorted), the others listed as skipped. */
static const char **common_units(const struct rec *ob, size_t nob, const struct rec *po,
                                 size_t npo, const char *g, standardize_result *res, size_t *n)
{
    size_t na, nb, k = 0;
    const char **a = distinct(ob, nob, 1, &na), **b = distinct(po, npo, 1, &nb);
    const char **both = xcalloc(na + 1, sizeof *both);
    for (size_t i = 0, j = 0; i < na || j < nb;) {
        int c = i == na ? 1 : j == nb ? -1 : key_cmp(a[i], b[j]);
        if (c == 0) {
            both[k++] = a[i++];
            j++;
        } else if (c < 0) {
            add_skip(res, g, a[i++], "only in the observed table");
        } else {
            add_skip(res, g, b[j++], "only in the population table");
        }
    }
    free(a);
    free(b);
    *n = k;
    return both;
}

/* The matrices of one group: what both tables say of its units and strata. */
struct grid {
    const char **units, **strata;
    size_t nu, ns;
    double *o, *p, *dropped;
    unsigned char *has; /* a population row exists for (unit, stratum) */
};

static void grid_free(struct grid *m)
{
    free(m->units);
    free(m->strata);
    free(m->o);
    free(m->p);
    free(m->dropped);
    free(m->has);
}

/* Sums the observed rows into the grid: a stratum without population anywhere in the group
 * (an unknown age band) is dropped and counted; one the unit lacks is an error. */
static int fill_observed(struct grid *m, const struct rec *ob, size_t nob, const table_t *obs,
                         standardize_result *res, ds_err *err)
{
    for (size_t i = 0; i < nob; i++) {
        long u = find_key(m->units, m->nu, ob[i].u), s;
        if (u < 0)
            continue;
        if ((s = find_key(m->strata, m->ns, ob[i].s)) < 0) {
            m->dropped[u] += ob[i].v;
            res->dropped += ob[i].v;
            res->dropped_rows++;
            continue;
        }
        size_t at = (size_t)u * m->ns + (size_t)s;
        if (!m->has[at] && ob[i].v != 0)
            return ds_err_set(err, DS_EDATA, "%s:%zu: unit %s, stratum %s: an observed value "
                              "but no population row for them", table_name(obs), ob[i].line,
                              ob[i].u, ob[i].s);
        m->o[at] += ob[i].v;
    }
    /* said here, where the stratum has a name (standardize_compute knows its index only) */
    for (size_t k = 0; k < m->ns; k++) {
        double so = 0, sp = 0;
        for (size_t u = 0; u < m->nu; u++) {
            so += m->o[u * m->ns + k];
            sp += m->p[u * m->ns + k];
        }
        if (sp <= 0 && so != 0)
            return ds_err_set(err, DS_EDATA, "standardize: stratum '%s' has observed values "
                              "(%.17g) but no population", m->strata[k], so);
    }
    return DS_OK;
}

static void grid_build(struct grid *m, const struct rec *po, size_t npo)
{
    m->strata = distinct(po, npo, 2, &m->ns);
    m->o = xcalloc(m->nu * m->ns + 1, sizeof *m->o);
    m->p = xcalloc(m->nu * m->ns + 1, sizeof *m->p);
    m->has = xcalloc(m->nu * m->ns + 1, 1);
    m->dropped = xcalloc(m->nu + 1, sizeof *m->dropped);
    for (size_t i = 0; i < npo; i++) {
        long u = find_key(m->units, m->nu, po[i].u);
        if (u < 0)
            continue;
        size_t at = (size_t)u * m->ns + (size_t)find_key(m->strata, m->ns, po[i].s);
        m->p[at] += po[i].v;
        m->has[at] = 1;
    }
}

/* Standardises one group and appends its units to res. */
static int one_group(const char *g, const struct rec *ob, size_t nob, const struct rec *po,
                     size_t npo, const standardize_spec *spec, const table_t *obs,
                     standardize_result *res, ds_err *err)
{
    struct grid m;
    memset(&m, 0, sizeof m);
    m.units = common_units(ob, nob, po, npo, g, res, &m.nu);
    if (!m.nu) {
        grid_free(&m);
        add_skip(res, g, "", "no unit in both tables");
        return DS_OK;
    }
    grid_build(&m, po, npo);
    int rc = fill_observed(&m, ob, nob, obs, res, err);
    double *rates = xcalloc(m.ns + 1, sizeof *rates);
    res->rows = xrealloc(res->rows, (res->nrows + m.nu) * sizeof *res->rows);
    standardize_row *rows = res->rows + res->nrows;
    memset(rows, 0, m.nu * sizeof *rows);
    if (rc == DS_OK)
        rc = standardize_compute(m.o, m.p, m.nu, m.ns, spec->kind, spec->level, rates, rows,
                                 err);
    standardize_group grp = {xstrdup(g), m.nu, m.ns, 0, 0, 0, NAN};
    for (size_t u = 0; u < m.nu && rc == DS_OK; u++) {
        rows[u].within = xstrdup(g);
        rows[u].unit = xstrdup(m.units[u]);
        rows[u].dropped = m.dropped[u];
        grp.observed += rows[u].observed;
        grp.population += rows[u].population;
        grp.dropped += m.dropped[u];
    }
    if (rc == DS_OK) {
        res->nrows += m.nu;
        grp.crude_rate = grp.population > 0 ? grp.observed / grp.population : NAN;
        res->groups = xrealloc(res->groups, (res->ngroups + 1) * sizeof *res->groups);
        res->groups[res->ngroups++] = grp;
    } else {
        free(grp.within);
    }
    free(rates);
    grid_free(&m);
    return rc;
}

/* Walks the groups of both sorted tables in order. */
static int all_groups(const struct rec *ob, size_t nob, const struct rec *po, size_t npo,
                      const standardize_spec *spec, const table_t *obs, standardize_result *res,
                      ds_err *err)
{
    int rc = DS_OK;
    size_t i = 0, j = 0;
    while (rc == DS_OK && (i < nob || j < npo)) {
        const char *g = i == nob ? po[j].g : j == npo ? ob[i].g
                        : key_cmp(ob[i].g, po[j].g) <= 0 ? ob[i].g : po[j].g;
        size_t i2 = i, j2 = j;
        while (i2 < nob && key_cmp(ob[i2].g, g) == 0)
            i2++;
        while (j2 < npo && key_cmp(po[j2].g, g) == 0)
            j2++;
        if (j2 == j)
            add_skip(res, g, "", "no population rows");
        else if (i2 == i)
            add_skip(res, g, "", "no observed rows");
        else
            rc = one_group(g, ob + i, i2 - i, po + j, j2 - j, spec, obs, res, err);
        i = i2;
        j = j2;
    }
    return rc;
}

int standardize_tables(const table_t *obs, const table_t *pop, const standardize_spec *spec,
                       standardize_result *out, ds_err *err)
{
    memset(out, 0, sizeof *out);
    if (spec->nstrata < 1 || spec->nstrata > STANDARDIZE_STRATA_MAX)
        return ds_err_set(err, DS_EUSAGE, "standardize: expected 1 to %d stratum columns, "
                          "got %zu", STANDARDIZE_STRATA_MAX, spec->nstrata);
    if (!(spec->level > 0 && spec->level < 1))
        return ds_err_set(err, DS_EUSAGE, "standardize: level %g is not between 0 and 1",
                          spec->level);
    struct rec *ob = NULL, *po = NULL;
    size_t nob = table_nrows(obs), npo = table_nrows(pop);
    int rc = read_recs(obs, spec, spec->value, spec->kind == STANDARDIZE_COUNT, &ob, err);
    if (rc == DS_OK)
        rc = read_recs(pop, spec, spec->population, 0, &po, err);
    if (rc == DS_OK) {
        qsort(ob, nob, sizeof *ob, rec_cmp);
        qsort(po, npo, sizeof *po, rec_cmp);
        rc = all_groups(ob, nob, po, npo, spec, obs, out, err);
    }
    if (rc == DS_OK && out->nrows == 0)
        rc = ds_err_set(err, DS_EDATA, "standardize: no unit of %s has population rows in %s",
                        table_name(obs), table_name(pop));
    recs_free(ob, nob);
    recs_free(po, po ? npo : 0);
    if (rc != DS_OK)
        standardize_result_free(out);
    return rc;
}
