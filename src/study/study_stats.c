/* study_stats: the [corr] and [moran] steps — Pearson, Spearman and Kendall with bootstrap
 * intervals through the corr module, Moran's I of a fit's residuals through the moran
 * module — recorded in the run state for the writers. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "damirstat/corr.h"
#include "damirstat/moran.h"
#include "study_steps_impl.h"

int study_corr_options(const study_t *s, const study_section *sec, corr_options *o,
                       ds_err *err)
{
    memset(o, 0, sizeof *o);
    o->level = 0.95;
    o->seed = 2015;
    const char *v = study_get(sec, "methods");
    size_t nw;
    char **w = study_words(v ? v : "pearson spearman kendall", &nw);
    int rc = DS_OK;
    for (size_t k = 0; k < nw && rc == DS_OK; k++) {
        if (strcmp(w[k], "pearson") == 0)
            o->methods |= CORR_PEARSON;
        else if (strcmp(w[k], "spearman") == 0)
            o->methods |= CORR_SPEARMAN;
        else if (strcmp(w[k], "kendall") == 0)
            o->methods |= CORR_KENDALL;
        else
            rc = ds_err_set(err, DS_EDATA, "%s:%d: methods: expected pearson, spearman or "
                            "kendall, got '%s'", s->path, study_line(sec, "methods"), w[k]);
    }
    study_words_free(w);
    char *end;
    if (rc == DS_OK && (v = study_get(sec, "bootstrap"))) {
        o->bootstrap = strtoul(v, &end, 10);
        if (*end || *v == '-')
            rc = ds_err_set(err, DS_EDATA, "%s:%d: bootstrap: expected a number of replicates, "
                            "got '%s'", s->path, study_line(sec, "bootstrap"), v);
    }
    if (rc == DS_OK && (v = study_get(sec, "seed"))) {
        o->seed = strtoul(v, &end, 10);
        if (*end || *v == '-')
            rc = ds_err_set(err, DS_EDATA, "%s:%d: seed: expected a whole number, got '%s'",
                            s->path, study_line(sec, "seed"), v);
    }
    if (rc == DS_OK && (v = study_get(sec, "level"))) {
        o->level = strtod(v, &end);
        if (*end || !(o->level > 0 && o->level < 1))
            rc = ds_err_set(err, DS_EDATA, "%s:%d: level: expected a number between 0 and 1, "
                            "got '%s'", s->path, study_line(sec, "level"), v);
    }
    return rc;
}

static int column(const study_t *s, const study_section *sec, const table_t *t,
                  const char *key, double **out, ds_err *err)
{
    const char *name = study_get(sec, key);
    size_t j;
    if (table_column(t, name, NULL, &j, err))
        return study_fail_at(s, sec, key, DS_EDATA, err);
    if (table_col_type(t, j) != TABLE_NUMBER)
        return ds_err_set(err, DS_EDATA, "%s:%d: [corr %s]: not a number: column '%s'", s->path,
                          study_line(sec, key), sec->name, name);
    size_t n = table_nrows(t);
    *out = xmalloc((n + 1) * sizeof **out);
    for (size_t i = 0; i < n; i++)
        (*out)[i] = table_num(t, i, (size_t)j);
    return DS_OK;
}

int study_corr_adjust(const study_t *s, study_state *r, ds_err *err)
{
    corr_result **rs = xmalloc((r->ncorrs + 1) * sizeof *rs);
    size_t n = 0;
    adjust_method m = ADJUST_NONE;
    int rc = DS_OK;
    for (size_t i = 0; i < r->ncorrs && rc == DS_OK; i++) {
        const study_section *sec = r->corrs[i].section;
        const char *v = study_get(sec, "adjust");
        adjust_method mi;
        if (!v)
            continue;
        if (adjust_parse(v, &mi) != 0)
            rc = ds_err_set(err, DS_EDATA, "%s:%d: adjust: expected holm, bh, bonferroni, "
                            "hochberg, by or none, got '%s'", s->path, study_line(sec, "adjust"), v);
        else if (n > 0 && mi != m)
            rc = ds_err_set(err, DS_EDATA, "%s:%d: adjust: %s, but an earlier [corr] adjusts "
                            "with %s: the tests of a run are adjusted one way", s->path,
                            study_line(sec, "adjust"), v, adjust_name(m));
        m = mi;
        rs[n++] = &r->corrs[i].res;
    }
    if (rc == DS_OK && n > 0 && m != ADJUST_NONE)
        corr_adjust(rs, n, m);
    free(rs);
    return rc;
}

int study_corr_step(const study_t *s, const study_section *sec, study_state *r, ds_err *err)
{
    study_corr c;
    memset(&c, 0, sizeof c);
    c.section = sec;
    int rc = study_corr_options(s, sec, &c.opt, err);
    const table_t *t = study_state_table(r, study_get(sec, "data"));
    table_t *sub = NULL;
    if (rc == DS_OK && !t)
        rc = ds_err_set(err, DS_EDATA, "%s:%d: [corr %s]: no table defined before", s->path,
                        study_line(sec, "data"), sec->name);
    if (rc == DS_OK && study_get(sec, "exclude") &&
        (rc = study_table_exclude(t, study_get(sec, "exclude"), &sub, err)) != DS_OK)
        rc = study_fail_at(s, sec, "exclude", rc, err);
    double *x = NULL, *y = NULL;
    const table_t *d = sub ? sub : t;
    /* corr drops the pairs with a missing value itself and counts them. */
    if (rc == DS_OK && (rc = column(s, sec, d, "x", &x, err)) == DS_OK &&
        (rc = column(s, sec, d, "y", &y, err)) == DS_OK &&
        (rc = corr_compute(x, y, table_nrows(d), &c.opt, &c.res, err)) != DS_OK)
        rc = study_fail_at(s, sec, "x", rc, err);
    free(x);
    free(y);
    table_free(sub);
    if (rc != DS_OK)
        return rc;
    study_state_push_corr(r, &c);
    return DS_OK;
}

/* [moran NAME]: Moran's I of a fit's residuals over department contiguity, as spdep's
 * lm.morantest (the fit refitted on the departments with a neighbour). Spatially
 * correlated residuals mean the OLS standard errors are too small: the report says so. */
int study_moran_step(const study_t *s, const study_section *sec, study_state *r, ds_err *err)
{
    const char *fname = study_get(sec, "fit");
    const study_fit *f = study_state_fit(r, fname);
    if (!f)
        return ds_err_set(err, DS_EDATA, "%s:%d: [moran %s]: no fit '%s' defined before",
                          s->path, study_line(sec, "fit"), sec->name, fname);
    const char *key = study_get(sec, "key") ? study_get(sec, "key") : f->key_col;
    if (!key)
        return ds_err_set(err, DS_EDATA, "%s:%d: [moran %s]: which column holds the "
                          "department or region codes? give key = COL here or in [fit %s]",
                          s->path, sec->line, sec->name, fname);
    size_t kc;
    if (table_column(f->data, key, "key", &kc, err))
        return study_fail_at(s, sec, study_get(sec, "key") ? "key" : "fit", DS_EDATA, err);
    study_moran m;
    memset(&m, 0, sizeof m);
    m.section = sec;
    m.fit = fname;
    moran_options o;
    memset(&o, 0, sizeof o);
    o.permutations = 999;
    o.seed = 2015;
    const char *v;
    if ((v = study_get(sec, "permutations")))
        o.permutations = strtoul(v, NULL, 10);
    if ((v = study_get(sec, "seed")))
        o.seed = strtoul(v, NULL, 10);
    char *neighbours = study_get(sec, "neighbours") ? study_path(s, study_get(sec, "neighbours"))
                                                    : NULL;
    o.neighbours = neighbours;
    /* regions are tested over region contiguity, never as departments of the same numbers */
    const char **keys = xmalloc((f->fit->n + 1) * sizeof *keys);
    for (size_t i = 0; i < f->fit->n; i++)
        keys[i] = table_text(f->data, f->fit->rows[i], (size_t)kc);
    int rc = moran_key_level(keys, f->fit->n, key, study_get(sec, "level"), "level =", &o, err);
    free(keys);
    if (rc != DS_OK) {
        free(neighbours);
        return study_fail_at(s, sec, "level", DS_EDATA, err);
    }
    m.level = o.level;
    m.scheme = o.scheme;
    rc = moran_fit_residuals(f->data, f->fit, &f->opt, key, &o, &m.res, err);
    free(neighbours);
    if (rc != DS_OK)
        return study_fail_at(s, sec, "fit", rc, err);
    m.weighted = f->fit->weights != NULL;
    m.n_missing = f->fit->n_dropped;
    study_state_push_moran(r, &m);
    return DS_OK;
}

/* methods, bootstrap, seed, level and exclude's syntax. */
int study_corr_check(const study_t *s, const study_section *sec, ds_err *err)
{
    study_corr c;
    memset(&c, 0, sizeof c);
    int rc = study_corr_options(s, sec, &c.opt, err);
    size_t nw = 0;
    const char *v = study_get(sec, "exclude");
    study_words_free(v ? study_words(v, &nw) : NULL);
    if (rc == DS_OK && v && nw < 2)
        rc = ds_err_set(err, DS_EDATA, "%s:%d: [corr %s]: exclude: expected 'COLUMN VALUE…', "
                        "got '%s'", s->path, study_line(sec, "exclude"), sec->name, v);
    return rc;
}

/* permutations and seed are whole numbers; the neighbours file is found. */
int study_moran_check(const study_t *s, const study_section *sec, ds_err *err)
{
    static const char *const counts[] = {"permutations", "seed"};
    for (size_t k = 0; k < 2; k++) {
        const char *v = study_get(sec, counts[k]);
        char *end;
        if (v && (strtoul(v, &end, 10), *end || *v < '0' || *v > '9'))
            return ds_err_set(err, DS_EDATA, "%s:%d: [moran %s]: %s: expected a whole number, "
                              "got '%s'", s->path, study_line(sec, counts[k]), sec->name,
                              counts[k], v);
    }
    const char *v = study_get(sec, "neighbours");
    char *path = v ? study_find_input(s, sec, "neighbours", v, err) : NULL;
    free(path);
    return v && !path ? DS_EIO : DS_OK;
}
