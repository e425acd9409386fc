/* study_join: the [join] step — an inner join of two tables on a code column, compared as
 * written ("01" is not "1"), so each department appears once and an unmatched code is
 * visible in the report as a smaller n rather than a silent mismatch. */
#include <stdlib.h>
#include <string.h>

#include "study_impl.h"

static const table_t *find_table(const study_table *tabs, size_t n, const char *name)
{
    for (size_t i = n; i-- > 0;)
        if (strcmp(tabs[i].name, name) == 0)
            return tabs[i].t;
    return NULL;
}

/* The right side: a table of an earlier step, or a file. *owned is set when loaded here. */
static int right_side(const study_t *s, const study_section *sec, const study_table *tabs,
                      size_t ntabs, const table_t **right, table_t **owned, ds_err *err)
{
    const char *r = study_get(sec, "right");
    *owned = NULL;
    if ((*right = find_table(tabs, ntabs, r)))
        return DS_OK;
    table_load_opts lo;
    memset(&lo, 0, sizeof lo);
    if (study_get(sec, "skip"))
        lo.skip_lines = strtoul(study_get(sec, "skip"), NULL, 10);
    char *path = study_path(s, r);
    int rc = table_load_with(path, &lo, owned, err);
    free(path);
    *right = *owned;
    return rc;
}

/* Row of right whose key is code, or -1; DS_EDATA through *dup when it appears twice. */
static long match(const table_t *t, size_t col, const char *code, int *dup)
{
    long found = -1;
    for (size_t i = 0; i < table_nrows(t); i++)
        if (strcmp(table_text(t, i, col), code) == 0) {
            if (found >= 0)
                *dup = 1;
            found = (long)i;
        }
    return found;
}

static table_t *joined(const table_t *l, size_t lk, const table_t *r, size_t rk,
                       const char *rname)
{
    size_t nl = table_ncols(l), nr = table_ncols(r), nc = nl + nr - 1;
    const char **names = xmalloc(nc * sizeof *names);
    char **owned = xcalloc(nc, sizeof *owned);
    const char **cells = xmalloc(nc * sizeof *cells);
    size_t c = 0;
    for (size_t j = 0; j < nl; j++)
        names[c++] = table_col_name(l, j);
    for (size_t j = 0; j < nr; j++) {
        if (j == rk)
            continue;
        const char *n = table_col_name(r, j);
        if (table_col_index(l, n) >= 0) {
            /* A clash keeps both, the right one suffixed with its table's name. */
            size_t len = strlen(n) + strlen(rname) + 2;
            owned[c] = xmalloc(len);
            snprintf(owned[c], len, "%s_%s", n, rname);
            n = owned[c];
        }
        names[c++] = n;
    }
    table_t *o = table_new(nc, names);
    for (size_t i = 0; i < table_nrows(l); i++) {
        int dup = 0;
        long m = match(r, rk, table_text(l, i, lk), &dup);
        if (m < 0)
            continue;
        c = 0;
        for (size_t j = 0; j < nl; j++)
            cells[c++] = table_is_missing(l, i, j) ? NULL : table_text(l, i, j);
        for (size_t j = 0; j < nr; j++)
            if (j != rk)
                cells[c++] = table_is_missing(r, (size_t)m, j) ? NULL
                                                                : table_text(r, (size_t)m, j);
        table_append_row(o, cells);
    }
    for (size_t j = 0; j < nc; j++)
        free(owned[j]);
    free(owned);
    free(names);
    free(cells);
    return o;
}

static int dup_key(const table_t *r, size_t rk, ds_err *err)
{
    for (size_t i = 0; i < table_nrows(r); i++) {
        int dup = 0;
        match(r, rk, table_text(r, i, rk), &dup);
        if (dup)
            return ds_err_set(err, DS_EDATA, "%s: code '%s' appears on more than one row",
                              table_name(r), table_text(r, i, rk));
    }
    return DS_OK;
}

int study_join_step(const study_t *s, const study_section *sec, const study_table *tabs,
                    size_t ntabs, table_t **out, ds_err *err)
{
    const table_t *l = find_table(tabs, ntabs, study_get(sec, "left"));
    if (!l)
        return ds_err_set(err, DS_EDATA, "%s:%d: [join %s]: no table '%s' defined before",
                          s->path, study_line(sec, "left"), sec->name, study_get(sec, "left"));
    const table_t *r;
    table_t *owned;
    int rc = right_side(s, sec, tabs, ntabs, &r, &owned, err);
    if (rc != DS_OK)
        return rc;
    const char *on = study_get(sec, "on");
    const char *ron = study_get(sec, "right_on") ? study_get(sec, "right_on") : on;
    long lk = table_col_index(l, on), rk = table_col_index(r, ron);
    if (lk < 0 || rk < 0)
        rc = ds_err_set(err, DS_EDATA, "%s:%d: [join %s]: no column '%s' in %s", s->path,
                        study_line(sec, lk < 0 ? "on" : "right_on"), sec->name,
                        lk < 0 ? on : ron, lk < 0 ? table_name(l) : table_name(r));
    if (rc == DS_OK && (rc = dup_key(r, (size_t)rk, err)) != DS_OK) {
        char msg[sizeof err->msg];
        snprintf(msg, sizeof msg, "%s", err->msg);
        ds_err_clear(err);
        rc = ds_err_set(err, DS_EDATA, "%s:%d: [join %s]: %s", s->path, sec->line, sec->name,
                        msg);
    }
    if (rc == DS_OK)
        *out = joined(l, (size_t)lk, r, (size_t)rk, sec->name);
    table_free(owned);
    return rc;
}
