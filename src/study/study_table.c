/* study_table: the [table] step — reference tables reshaped with the table module (recode a
 * code, sum rows by a key, fold suffixed columns into their base, shares of a total), so a
 * study needs no preprocessing outside damirstat — and the `exclude =` filter the [fit] and
 * [corr] steps share. */
#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>

#include "damirstat/join.h"
#include "damirstat/suggest.h"
#include "study_steps_impl.h"

/* Copy of t's rows where keep[i] is nonzero (all columns, text preserved). */
static table_t *table_filter(const table_t *t, const unsigned char *keep)
{
    size_t nc = table_ncols(t), nr = table_nrows(t);
    const char **names = xmalloc((nc + 1) * sizeof *names);
    const char **cells = xmalloc((nc + 1) * sizeof *cells);
    for (size_t j = 0; j < nc; j++)
        names[j] = table_col_name(t, j);
    table_t *o = table_new(nc, names);
    for (size_t i = 0; i < nr; i++) {
        if (keep && !keep[i])
            continue;
        for (size_t j = 0; j < nc; j++)
            cells[j] = table_is_missing(t, i, j) ? NULL : table_text(t, i, j);
        table_append_row(o, cells);
    }
    free(names);
    free(cells);
    return o;
}

/* A cell or a value as the join would compare it: canonical for a department or region
 * column ("1" is "01", "2a" is "2A"), else as written. */
static void exclude_key(const char *s, join_key_type type, geo_region_scheme scheme, char *buf,
                        size_t size)
{
    if (!join_canon_text(s, type, scheme, buf, size))
        snprintf(buf, size, "%s", s);
}

int study_table_exclude(const table_t *t, const char *spec, table_t **out, ds_err *err)
{
    size_t nw;
    char **w = study_words(spec, &nw);
    long col = nw ? table_col_index(t, w[0]) : -1;
    if (nw < 2 || col < 0) {
        int rc = ds_err_set(err, DS_EDATA, "exclude: expected 'COLUMN VALUE…' with a column "
                            "of %s, got '%s'", table_name(t), spec);
        study_words_free(w);
        return rc;
    }
    geo_region_scheme scheme = GEO_REGION_2016;
    join_key_type type = join_column_type(t, (size_t)col, &scheme);
    char (*want)[64] = xcalloc(nw, sizeof *want), cell[64];
    unsigned char *keep = xmalloc(table_nrows(t) + 1), *used = xcalloc(nw, 1);
    for (size_t k = 1; k < nw; k++)
        exclude_key(w[k], type, scheme, want[k], sizeof want[k]);
    for (size_t i = 0; i < table_nrows(t); i++) {
        keep[i] = 1;
        if (table_is_missing(t, i, (size_t)col))
            continue;
        exclude_key(table_text(t, i, (size_t)col), type, scheme, cell, sizeof cell);
        for (size_t k = 1; k < nw; k++)
            if (strcmp(cell, want[k]) == 0)
                keep[i] = 0, used[k] = 1;
    }
    int rc = DS_OK;
    for (size_t k = 1; k < nw && rc == DS_OK; k++)
        if (!used[k])
            rc = ds_err_set(err, DS_EDATA, "exclude: no row of %s has %s = %s (nothing would be "
                            "left out)", table_name(t), w[0], w[k]);
    *out = rc == DS_OK ? table_filter(t, keep) : NULL;
    free(keep);
    free(used);
    free(want);
    study_words_free(w);
    return rc;
}

void study_table_notes(const study_state *r, const table_t *t)
{
    for (size_t i = 0; !r->quiet && i < table_nnotes(t); i++)
        fprintf(stderr, "damirstat: run: warning: %s\n", table_note(t, i));
}

/* 1 if the cell (row, col) is one of the comma-separated values: numbers compare by value in
 * a number column (annee=2013 keeps 2013.0), text as written. */
static int cell_in(const table_t *t, size_t row, size_t col, const char *values)
{
    const char *cell = table_text(t, row, col);
    for (const char *p = values; *p;) {
        size_t len = strcspn(p, ",");
        double v;
        if (table_col_type(t, col) == TABLE_NUMBER && table_parse_number(p, len, &v)
                ? table_num(t, row, col) == v
                : strlen(cell) == len && strncmp(cell, p, len) == 0)
            return 1;
        p += len + (p[len] == ',');
    }
    return 0;
}

/* The next blank-separated word of *p into buf, double quotes keeping blanks inside a value
 * (sexe="Hommes et Femmes") and dropped; 0 at the end. */
static int next_word(const char **p, char *buf, size_t size)
{
    const char *q = *p + strspn(*p, " \t");
    size_t n = 0;
    int quoted = 0;
    for (; *q && (quoted || (*q != ' ' && *q != '\t')); q++) {
        if (*q == '"')
            quoted = !quoted;
        else if (n + 1 < size)
            buf[n++] = *q;
    }
    buf[n] = '\0';
    *p = q;
    return n > 0;
}

/* keep's COLUMN=VALUE syntax, or its column unknown (with the one meant). */
static int keep_syntax_error(const table_t *t, const char *spec, const char *col, ds_err *err)
{
    char hint[600] = "";
    size_t n = table_ncols(t);
    const char **names = xmalloc((n ? n : 1) * sizeof *names);
    for (size_t i = 0; i < n; i++)
        names[i] = table_col_name(t, i);
    if (col && *col)
        suggest_hint(hint, sizeof hint, col, names, n, "columns", 1);
    free(names);
    if (*hint)
        return ds_err_set(err, DS_EDATA, "keep: %s: no column '%s'%s", table_name(t), col, hint);
    return ds_err_set(err, DS_EDATA, "keep: expected COLUMN=VALUE[,VALUE…] with a column of %s, "
                      "got '%s'", table_name(t), spec);
}

/* No row holds any of the values: say which the column does hold (its first distinct ones). */
static int keep_none_error(const table_t *t, size_t col, const char *values, ds_err *err)
{
    char seen[400] = "";
    const char *first[8];
    size_t o = 0, shown = 0;
    for (size_t i = 0; i < table_nrows(t) && shown < 8; i++) {
        const char *v = table_text(t, i, col);
        int again = 0;
        for (size_t k = 0; k < shown && !again; k++)
            again = strcmp(first[k], v) == 0;
        if (!again && o + strlen(v) + 8 < sizeof seen) {
            o += (size_t)snprintf(seen + o, sizeof seen - o, "%s%s", shown ? ", " : "", v);
            first[shown++] = v;
        }
    }
    return ds_err_set(err, DS_EDATA, "keep: no row of %s has %s = %s (it holds %s%s)",
                      table_name(t), table_col_name(t, col), values, seen,
                      shown == 8 ? ", …" : "");
}

/* keep = COL=V[,V…] [COL2=V…]: the rows whose every named column holds one of its values
 * (a long table cut to one year and one indicator). */
static int table_keep(const table_t *t, const char *spec, table_t **out, ds_err *err)
{
    unsigned char *keep = xmalloc(table_nrows(t) + 1);
    memset(keep, 1, table_nrows(t) + 1);
    int rc = DS_OK;
    char word[256];
    for (const char *p = spec; rc == DS_OK && next_word(&p, word, sizeof word);) {
        char *eq = strchr(word, '=');
        long col = -1;
        if (eq) {
            *eq = '\0';
            col = table_col_index(t, word);
        }
        if (!eq || col < 0 || !eq[1]) {
            rc = keep_syntax_error(t, spec, eq && col < 0 ? word : NULL, err);
            break;
        }
        size_t kept = 0;
        for (size_t i = 0; i < table_nrows(t); i++)
            kept += keep[i] = keep[i] && cell_in(t, i, (size_t)col, eq + 1);
        if (kept == 0) /* else the fit or join that uses the table fails, far from the cause */
            rc = keep_none_error(t, (size_t)col, eq + 1, err);
    }
    if (rc == DS_OK)
        *out = table_filter(t, keep);
    free(keep);
    return rc;
}

/* "COL A=B C=D": the code of column COL as recoded. */
static const char *recoded(char **map, size_t nmap, const char *code)
{
    for (size_t k = 1; k < nmap; k++) {
        const char *eq = strchr(map[k], '=');
        if (eq && strlen(code) == (size_t)(eq - map[k]) &&
            strncmp(code, map[k], (size_t)(eq - map[k])) == 0)
            return eq + 1;
    }
    return code;
}

/* A column name fit for a formula: letters, digits and '_' only (accents and spaces of
 * "0 à 4 ans" become one '_'), e.g. share_0_4_ans. */
static char *formula_name(const char *prefix, const char *name)
{
    size_t n = strlen(prefix) + strlen(name) + 1;
    char *o = xmalloc(n), *q = o + strlen(prefix);
    memcpy(o, prefix, strlen(prefix));
    for (const unsigned char *p = (const unsigned char *)name; *p; p++) {
        if (isalnum(*p) && *p < 0x80)
            *q++ = (char)*p;
        else if (q > o && q[-1] != '_')
            *q++ = '_';
    }
    while (q > o && q[-1] == '_')
        q--;
    *q = '\0';
    return o;
}

#define GROUP_KEYS_MAX 4

typedef struct groups {
    char **keys;    /* the key columns' texts joined by GROUP_SEP */
    size_t n;
    size_t *of_row; /* group of each source row */
    size_t ncols, cols[GROUP_KEYS_MAX];
} groups;

#define GROUP_SEP '\x1f'

/* The key of row i: each key column's text (the recode applied to the column it names, or
 * to the first), joined by GROUP_SEP. */
static void group_key(const table_t *t, size_t i, const groups *g, char **map, size_t nmap,
                      char *buf, size_t size)
{
    size_t len = 0;
    buf[0] = '\0';
    for (size_t c = 0; c < g->ncols && len < size; c++) {
        const char *text = table_text(t, i, g->cols[c]);
        int named = nmap && table_col_index(t, map[0]) == (long)g->cols[c];
        int first = c == 0 && (!nmap || table_col_index(t, map[0]) < 0 ||
                               table_col_index(t, map[0]) == (long)g->cols[0]);
        if (named || first)
            text = recoded(map, nmap, text);
        len += (size_t)snprintf(buf + len, size - len, "%s%s", c ? (const char[]){GROUP_SEP, 0}
                                                                  : "", text);
    }
}

static void groups_build(const table_t *t, char **map, size_t nmap, groups *g)
{
    size_t nr = table_nrows(t);
    g->keys = xmalloc((nr + 1) * sizeof *g->keys);
    g->of_row = xmalloc((nr + 1) * sizeof *g->of_row);
    g->n = 0;
    char k[1024];
    /* Reference tables have hundreds or a few thousand rows: a linear search keeps
     * first-appearance order. */
    for (size_t i = 0; i < nr; i++) {
        group_key(t, i, g, map, nmap, k, sizeof k);
        size_t gi = 0;
        while (gi < g->n && strcmp(g->keys[gi], k) != 0)
            gi++;
        if (gi == g->n)
            g->keys[g->n++] = xstrdup(k);
        g->of_row[i] = gi;
    }
}

/* group_by = COL or COL1, COL2 (a column of that exact name first); a missing column is
 * named as table_column names it (did you mean, the columns there are). */
static int group_columns(const table_t *t, const char *by, groups *g, ds_err *err)
{
    g->ncols = 0;
    if (table_col_index(t, by) >= 0 || (!strchr(by, ',') && !strchr(by, ' ')))
        return table_column(t, by, NULL, &g->cols[g->ncols++], err);
    size_t nw;
    char **w = study_words(by, &nw);
    int rc = nw > GROUP_KEYS_MAX
                 ? ds_err_set(err, DS_EDATA, "group_by: at most %d columns, got '%s'",
                              GROUP_KEYS_MAX, by)
                 : DS_OK;
    for (size_t k = 0; k < nw && rc == DS_OK; k++)
        rc = table_column(t, w[k], NULL, &g->cols[g->ncols++], err);
    study_words_free(w);
    return rc;
}

/* The output's key columns: one row per group, each key part in its column. */
static table_t *group_table(const table_t *t, const groups *g)
{
    const char *names[GROUP_KEYS_MAX], *cells[GROUP_KEYS_MAX];
    for (size_t c = 0; c < g->ncols; c++)
        names[c] = table_col_name(t, g->cols[c]);
    table_t *o = table_new(g->ncols, names);
    for (size_t i = 0; i < g->n; i++) {
        char *copy = xstrdup(g->keys[i]), *p = copy;
        for (size_t c = 0; c < g->ncols; c++) {
            cells[c] = p;
            p += strcspn(p, (const char[]){GROUP_SEP, 0});
            if (*p)
                *p++ = '\0';
        }
        table_append_row(o, cells);
        free(copy);
    }
    return o;
}

static int is_group_col(const groups *g, size_t j)
{
    for (size_t c = 0; c < g->ncols; c++)
        if (g->cols[c] == j)
            return 1;
    return 0;
}

static void groups_free(groups *g)
{
    for (size_t i = 0; i < g->n; i++)
        free(g->keys[i]);
    free(g->keys);
    free(g->of_row);
}

/* Sums of source column j by group; a missing cell makes its group's sum missing (a total
 * that silently left a part out would be wrong). */
static double *group_sums(const table_t *t, size_t j, const groups *g)
{
    double *s = xcalloc(g->n + 1, sizeof *s);
    for (size_t i = 0; i < table_nrows(t); i++)
        s[g->of_row[i]] += table_num(t, i, j);
    return s;
}

/* Adds the shares of the summed columns: each over the row total of all of them; the
 * reference column (the omitted category of a model) is counted in the total only. */
static int add_shares(const study_section *sec, table_t *o, char **cols, double **sums,
                      size_t ncols, size_t ng, ds_err *err)
{
    const char *ref = study_get(sec, "shares_reference");
    const char *prefix = study_get(sec, "shares_prefix");
    int found = ref == NULL;
    double *total = xcalloc(ng + 1, sizeof *total), *share = xmalloc((ng + 1) * sizeof *share);
    for (size_t c = 0; c < ncols; c++)
        for (size_t i = 0; i < ng; i++)
            total[i] += sums[c][i];
    int rc = DS_OK;
    for (size_t c = 0; c < ncols && rc == DS_OK; c++) {
        if (ref && strcmp(ref, cols[c]) == 0) {
            found = 1;
            continue;
        }
        for (size_t i = 0; i < ng; i++)
            share[i] = total[i] > 0 ? sums[c][i] / total[i] : NAN;
        char *name = formula_name(prefix ? prefix : "share_", cols[c]);
        rc = table_add_number_column(o, name, share, ng, err);
        free(name);
    }
    if (rc == DS_OK && !found)
        rc = ds_err_set(err, DS_EDATA, "shares_reference: no summed column '%s'", ref);
    free(total);
    free(share);
    return rc;
}

/* 1 if column name is to be summed: every number column, or those listed in `sum`. */
static int wanted(const study_section *sec, const char *name)
{
    const char *list = study_get(sec, "sum");
    if (!list)
        return 1;
    size_t n;
    char **w = study_words(list, &n);
    int found = 0;
    for (size_t k = 0; k < n; k++)
        found |= strcmp(w[k], name) == 0;
    study_words_free(w);
    return found;
}

/* group_by: one row per (recoded) key, every number column summed, suffixed columns
 * folded into their base column (women's "0 à 4 ans.1" into "0 à 4 ans"). */
static int group_step(const study_section *sec, const table_t *t, char **map, size_t nmap,
                      table_t **out, ds_err *err)
{
    const char *by = study_get(sec, "group_by");
    const char *suffix = study_get(sec, "sum_suffix");
    groups g;
    memset(&g, 0, sizeof g);
    int rc = group_columns(t, by, &g, err);
    if (rc != DS_OK)
        return rc;
    groups_build(t, map, nmap, &g);
    table_t *o = group_table(t, &g);
    size_t nc = table_ncols(t), ns = 0;
    char **cols = xmalloc((nc + 1) * sizeof *cols);
    double **sums = xmalloc((nc + 1) * sizeof *sums);
    for (size_t j = 0; j < nc && rc == DS_OK; j++) {
        const char *name = table_col_name(t, j);
        size_t ln = strlen(name), lsuf = suffix ? strlen(suffix) : 0;
        if (is_group_col(&g, j) || table_col_type(t, j) != TABLE_NUMBER || !wanted(sec, name))
            continue;
        if (suffix && ln > lsuf && strcmp(name + ln - lsuf, suffix) == 0)
            continue;
        sums[ns] = group_sums(t, j, &g);
        if (suffix) {
            char *twin = xmalloc(ln + lsuf + 1);
            memcpy(twin, name, ln);
            memcpy(twin + ln, suffix, lsuf + 1);
            long tj = table_col_index(t, twin);
            free(twin);
            if (tj >= 0) {
                double *s2 = group_sums(t, (size_t)tj, &g);
                for (size_t i = 0; i < g.n; i++)
                    sums[ns][i] += s2[i];
                free(s2);
            }
        }
        cols[ns] = xstrdup(name);
        rc = table_add_number_column(o, name, sums[ns++], g.n, err);
    }
    if (rc == DS_OK && study_get(sec, "shares"))
        rc = add_shares(sec, o, cols, sums, ns, g.n, err);
    for (size_t c = 0; c < ns; c++) {
        free(cols[c]);
        free(sums[c]);
    }
    free(cols);
    free(sums);
    groups_free(&g);
    if (rc != DS_OK) {
        table_free(o);
        return rc;
    }
    *out = o;
    return DS_OK;
}

static int load_opts(const study_section *sec, table_load_opts *lo, ds_err *err)
{
    memset(lo, 0, sizeof *lo);
    const char *v;
    char *end;
    if ((v = study_get(sec, "skip"))) {
        lo->skip_lines = strtoul(v, &end, 10);
        if (*end || !isdigit((unsigned char)*v))
            return ds_err_set(err, DS_EDATA, "skip: expected a number of lines, got '%s'", v);
    }
    if ((v = study_get(sec, "skip_footer"))) {
        lo->skip_footer = strtoul(v, &end, 10);
        if (*end || !isdigit((unsigned char)*v))
            return ds_err_set(err, DS_EDATA, "skip_footer: expected a number, got '%s'", v);
    }
    if ((v = study_get(sec, "delim"))) {
        if (strcmp(v, "tab") == 0)
            lo->delim = '\t';
        else if (strlen(v) == 1 && strchr(",;", *v))
            lo->delim = *v;
        else
            return ds_err_set(err, DS_EDATA, "delim: expected ',' ';' or tab, got '%s'", v);
    }
    return DS_OK;
}

int study_table_step(const study_t *s, const study_section *sec, study_state *r, ds_err *err)
{
    table_load_opts lo;
    int rc = load_opts(sec, &lo, err);
    if (rc != DS_OK)
        return study_fail_at(s, sec, "skip", rc, err);
    char *path = study_path(s, study_get(sec, "from"));
    table_t *t = NULL;
    rc = table_load_with(path, &lo, &t, err);
    free(path);
    if (rc != DS_OK)
        return study_fail_at(s, sec, "from", rc, err);
    study_table_notes(r, t);
    if (study_get(sec, "keep")) {
        table_t *kept = NULL;
        rc = table_keep(t, study_get(sec, "keep"), &kept, err);
        table_free(t);
        if (rc != DS_OK)
            return study_fail_at(s, sec, "keep", rc, err);
        t = kept;
        table_set_name(t, study_get(sec, "from"));
    }
    size_t nmap = 0;
    char **map = study_words(study_get(sec, "recode") ? study_get(sec, "recode") : "", &nmap);
    if (study_get(sec, "group_by")) {
        table_t *g = NULL;
        rc = group_step(sec, t, map, nmap, &g, err);
        table_free(t);
        t = g;
        if (rc != DS_OK)
            rc = study_fail_at(s, sec, "group_by", rc, err);
    }
    study_words_free(map);
    if (rc != DS_OK) {
        table_free(t);
        return rc;
    }
    study_state_push_table(r, sec->name, t, sec->line);
    return DS_OK;
}

/* skip, skip_footer and delim; recode pairs; the reshaping keys only with group_by; the
 * file found. */
int study_table_check(const study_t *s, const study_section *sec, ds_err *err)
{
    table_load_opts lo;
    int rc = load_opts(sec, &lo, err);
    if (rc != DS_OK)
        return study_fail_at(s, sec, study_get(sec, "delim") ? "delim" : "skip", DS_EDATA, err);
    size_t nmap = 0;
    char **map = study_words(study_get(sec, "recode") ? study_get(sec, "recode") : "", &nmap);
    for (size_t k = 1; k < nmap && rc == DS_OK; k++) /* map[0] is the column */
        if (!strchr(map[k], '=') || map[k][0] == '=')
            rc = ds_err_set(err, DS_EDATA, "%s:%d: [table %s]: recode: expected COLUMN "
                            "FROM=TO…, got '%s'", s->path, study_line(sec, "recode"), sec->name,
                            map[k]);
    study_words_free(map);
    if (rc == DS_OK && !study_get(sec, "group_by") &&
        (study_get(sec, "recode") || study_get(sec, "shares") || study_get(sec, "sum_suffix") ||
         study_get(sec, "sum")))
        rc = ds_err_set(err, DS_EDATA, "%s:%d: recode, sum, shares and sum_suffix need group_by",
                        s->path, sec->line);
    char *path = rc == DS_OK ? study_find_input(s, sec, "from", study_get(sec, "from"), err) : NULL;
    free(path);
    return rc == DS_OK && !path ? DS_EIO : rc;
}
