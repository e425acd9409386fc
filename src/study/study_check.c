/* study_check: the whole study checked before any step runs — each section's values by the
 * step's own check (numbers, names of closed sets, formulas, expressions, files found), and
 * here the names of tables and fits each section uses, defined above it — so that a typo in
 * the last section fails at once, before the aggregation and the fits, and leaves no output
 * folder behind. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "damirstat/suggest.h"
#include "study_steps_impl.h"

/* The tables and fits defined so far, in file order. */
typedef struct defined {
    const char **tables, **fits;
    size_t ntables, nfits;
} defined;

static int is_in(const char *const *names, size_t n, const char *name)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(names[i], name) == 0)
            return 1;
    return 0;
}

/* key of sec names a table (what = "table") or a fit defined above; a missing key needs
 * one to exist at all when required. */
static int refers(const study_t *s, const study_section *sec, const char *key,
                  const defined *d, int fit, int required, ds_err *err)
{
    const char *name = study_get(sec, key);
    const char *const *names = fit ? d->fits : d->tables;
    size_t n = fit ? d->nfits : d->ntables;
    const char *what = fit ? "fit" : "table";
    if (name ? is_in(names, n, name) : !required || n > 0)
        return DS_OK;
    if (!name)
        return ds_err_set(err, DS_EDATA, "%s:%d: [%s%s%s]: no %s defined before it", s->path,
                          sec->line, sec->kind, *sec->name ? " " : "", sec->name, what);
    char hint[600];
    suggest_hint(hint, sizeof hint, name, names, n, fit ? "fits above" : "tables above", 1);
    return ds_err_set(err, DS_EDATA, "%s:%d: [%s%s%s]: %s: no %s '%s' defined before%s",
                      s->path, study_line(sec, key), sec->kind, *sec->name ? " " : "",
                      sec->name, key, what, name, n ? hint : " (none is)");
}

/* A join's right side, a [standardize] step's observed and population: a table above,
 * else a file. */
static int table_or_file(const study_t *s, const study_section *sec, const char *key,
                         const defined *d, ds_err *err)
{
    const char *r = study_get(sec, key);
    if (is_in(d->tables, d->ntables, r))
        return DS_OK;
    char *path = study_find_input(s, sec, key, r, err);
    free(path);
    return path ? DS_OK : DS_EIO;
}

/* [robustness] rows: fits above (NAME or NAME:wild); what each fit must have is checked
 * when it has run. */
static int robust_rows(const study_t *s, const study_section *sec, const defined *d,
                       ds_err *err)
{
    size_t nw;
    char **w = study_words(study_get(sec, "rows"), &nw);
    int rc = DS_OK;
    for (size_t k = 0; k < nw && rc == DS_OK; k++) {
        char *colon = strchr(w[k], ':');
        if (colon)
            *colon = '\0';
        if (!is_in(d->fits, d->nfits, w[k]))
            rc = ds_err_set(err, DS_EDATA, "%s:%d: [robustness %s]: rows: no fit '%s' defined "
                            "before", s->path, study_line(sec, "rows"), sec->name, w[k]);
    }
    study_words_free(w);
    return rc;
}

/* The references of one section, then its values (the step's check). */
static int check_section(const study_t *s, const study_section *sec, const defined *d,
                         ds_err *err)
{
    const char *k = sec->kind;
    int rc = DS_OK;
    if (strcmp(k, "aggregate") == 0)
        return study_aggregate_check(s, sec, err);
    if (strcmp(k, "table") == 0)
        return study_table_check(s, sec, err);
    if (strcmp(k, "join") == 0) {
        if ((rc = refers(s, sec, "left", d, 0, 1, err)) == DS_OK &&
            (rc = table_or_file(s, sec, "right", d, err)) == DS_OK)
            rc = study_join_check(s, sec, err);
    } else if (strcmp(k, "derive") == 0) {
        if ((rc = refers(s, sec, "table", d, 0, 1, err)) == DS_OK)
            rc = study_derive_check(s, sec, err);
    } else if (strcmp(k, "fit") == 0 || strcmp(k, "corr") == 0) {
        if ((rc = refers(s, sec, "data", d, 0, 1, err)) == DS_OK)
            rc = k[0] == 'f' ? study_fit_check(s, sec, err) : study_corr_check(s, sec, err);
    } else if (strcmp(k, "standardize") == 0) {
        if ((rc = table_or_file(s, sec, "observed", d, err)) == DS_OK)
            rc = table_or_file(s, sec, "population", d, err);
    } else if (strcmp(k, "screen") == 0) {
        rc = refers(s, sec, "data", d, 0, 1, err);
    } else if (strcmp(k, "robustness") == 0) {
        rc = robust_rows(s, sec, d, err);
    } else if (strcmp(k, "moran") == 0) {
        if ((rc = refers(s, sec, "fit", d, 1, 1, err)) == DS_OK)
            rc = study_moran_check(s, sec, err);
    } else if (strcmp(k, "plot") == 0) {
        int has_fit = study_get(sec, "fit") != NULL;
        if ((rc = refers(s, sec, "fit", d, 1, 0, err)) == DS_OK &&
            (rc = refers(s, sec, "data", d, 0, !has_fit, err)) == DS_OK)
            rc = study_plot_check(s, sec, err);
    }
    return rc;
}

/* Adds what sec defines: a table ([table], [join], [aggregate] as, [standardize]) or a
 * fit. */
static void define(defined *d, const study_section *sec)
{
    const char *k = sec->kind;
    if (strcmp(k, "table") == 0 || strcmp(k, "join") == 0 || strcmp(k, "aggregate") == 0 ||
        strcmp(k, "standardize") == 0) {
        const char *as = study_get(sec, "as");
        d->tables = xrealloc(d->tables, (d->ntables + 1) * sizeof *d->tables);
        d->tables[d->ntables++] = k[0] == 'a' ? (as ? as : "aggregate") : sec->name;
    } else if (strcmp(k, "fit") == 0) {
        d->fits = xrealloc(d->fits, (d->nfits + 1) * sizeof *d->fits);
        d->fits[d->nfits++] = sec->name;
    }
}

/* The fit section named name, or NULL. */
static const study_section *fit_named(const study_t *s, const char *name)
{
    for (size_t i = 0; i < s->nsec; i++)
        if (strcmp(s->sec[i].kind, "fit") == 0 && strcmp(s->sec[i].name, name) == 0)
            return &s->sec[i];
    return NULL;
}

/* [report] headline names a fit of the file that has a term; table_fits names fits. */
static int check_report(const study_t *s, const study_section *sec, ds_err *err)
{
    const char *h = study_get(sec, "headline");
    if (h && !(fit_named(s, h) && study_get(fit_named(s, h), "term")))
        return ds_err_set(err, DS_EDATA, "%s:%d: headline: no fit '%s' with a term", s->path,
                          study_line(sec, "headline"), h);
    size_t n = 0;
    char **words = study_get(sec, "table_fits") ? study_words(study_get(sec, "table_fits"), &n)
                                                : NULL;
    int rc = DS_OK;
    for (size_t i = 0; i < n && rc == DS_OK; i++)
        if (!fit_named(s, words[i]))
            rc = ds_err_set(err, DS_EDATA, "%s:%d: table_fits: no [fit %s] in the file", s->path,
                            study_line(sec, "table_fits"), words[i]);
    study_words_free(words);
    return rc;
}

int study_check(const study_t *s, ds_err *err)
{
    defined d = {NULL, NULL, 0, 0};
    int rc = DS_OK;
    for (size_t i = 0; i < s->nsec && rc == DS_OK; i++) {
        rc = strcmp(s->sec[i].kind, "report") == 0 ? check_report(s, &s->sec[i], err)
                                                   : check_section(s, &s->sec[i], &d, err);
        define(&d, &s->sec[i]);
    }
    free(d.tables);
    free(d.fits);
    return rc;
}
