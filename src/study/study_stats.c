/* study_stats: the [corr] and [moran] steps — Pearson, Spearman and Kendall with bootstrap intervals
 * through the corr module — and its part of the report and of results.json. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "damirstat/corr.h"
#include "damirstat/json.h"
#include "damirstat/moran.h"
#include "study_report.h"

static int corr_options_of(const study_t *s, const study_section *sec, study_corr *c,
                           ds_err *err)
{
    corr_options *o = &c->opt;
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
    long j = table_col_index(t, name);
    if (j < 0 || table_col_type(t, (size_t)j) != TABLE_NUMBER)
        return ds_err_set(err, DS_EDATA, "%s:%d: [corr %s]: %s column '%s'", s->path,
                          study_line(sec, key), sec->name, j < 0 ? "no" : "not a number:",
                          name);
    size_t n = table_nrows(t);
    *out = xmalloc((n + 1) * sizeof **out);
    for (size_t i = 0; i < n; i++)
        (*out)[i] = table_num(t, i, (size_t)j);
    return DS_OK;
}

int study_corr_step(const study_t *s, const study_section *sec, study_state *r, ds_err *err)
{
    study_corr c;
    memset(&c, 0, sizeof c);
    c.section = sec;
    int rc = corr_options_of(s, sec, &c, err);
    const table_t *t = study_run_table(r, study_get(sec, "data"));
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
    r->corrs = xrealloc(r->corrs, (r->ncorrs + 1) * sizeof *r->corrs);
    r->corrs[r->ncorrs++] = c;
    return DS_OK;
}

static const corr_estimate *pick(const study_corr *c, int k, const char **name)
{
    static const char *const names[] = {"Pearson r", "Spearman rho", "Kendall tau-b"};
    *name = names[k];
    const corr_estimate *e = k == 0 ? &c->res.pearson : k == 1 ? &c->res.spearman
                                                               : &c->res.kendall;
    return e->method ? e : NULL;
}

static void interval(FILE *fp, double lo, double hi)
{
    if (isnan(lo))
        fputs(" | –", fp);
    else
        fprintf(fp, " | %.3f to %.3f", lo, hi);
}

void study_corr_report(FILE *fp, const study_state *r)
{
    for (size_t i = 0; i < r->ncorrs; i++) {
        const study_corr *c = &r->corrs[i];
        const study_section *sec = c->section;
        const char *label = study_get(sec, "label");
        fprintf(fp, "\n### %s (`[corr %s]`)\n\n`%s` and `%s`, n = %zu (%zu pairs with a missing "
                "value left out)%s%s; bootstrap: %lu pair resamples, seed %lu.\n\n",
                label ? label : sec->name, sec->name, study_get(sec, "x"), study_get(sec, "y"),
                c->res.n, c->res.n_dropped, study_get(sec, "exclude") ? "; excluded: " : "",
                study_get(sec, "exclude") ? study_get(sec, "exclude") : "", c->opt.bootstrap,
                c->opt.seed);
        fprintf(fp, "| method | estimate | p | p from | %g %% CI (Fisher z) | bootstrap percentile | "
                "bootstrap BCa |\n|---|---:|---:|---|---|---|---|\n", c->opt.level * 100);
        for (int k = 0; k < 3; k++) {
            const char *name;
            const corr_estimate *e = pick(c, k, &name);
            if (!e)
                continue;
            /* how p was found, as R's cor.test would (ties rule out the exact ones) */
            const char *how = strcmp(e->p_method, "t") == 0 ? (k == 0 ? "t test" : "t approximation")
                              : strcmp(e->p_method, "normal") == 0 ? "normal approximation"
                              : strcmp(e->p_method, "AS 89") == 0  ? "AS 89 (untied ranks)"
                                                                   : "exact";
            fprintf(fp, "| %s | %.3f | %.2g | %s%s", name, e->estimate, e->p_value, how,
                    e->ties && k > 0 ? " (ties)" : "");
            interval(fp, e->ci_low, e->ci_high);
            interval(fp, e->boot_pct_low, e->boot_pct_high);
            interval(fp, e->boot_bca_low, e->boot_bca_high);
            fputs(" |\n", fp);
        }
    }
}

static void jnum(FILE *fp, const char *key, double x)
{
    fprintf(fp, ", \"%s\": ", key);
    json_number(fp, x);
}

void study_corr_json(FILE *fp, const study_state *r)
{
    fputs(",\n  \"correlations\": [", fp);
    for (size_t i = 0; i < r->ncorrs; i++) {
        const study_corr *c = &r->corrs[i];
        fprintf(fp, "%s\n    {\"name\": \"%s\", \"n\": %zu, \"bootstrap\": %lu, \"seed\": %lu",
                i ? "," : "", c->section->name, c->res.n, c->opt.bootstrap, c->opt.seed);
        for (int k = 0; k < 3; k++) {
            const char *name;
            const corr_estimate *e = pick(c, k, &name);
            if (!e)
                continue;
            fprintf(fp, ", \"%s\": {\"statistic\": ", k == 0 ? "pearson"
                                                          : k == 1 ? "spearman" : "kendall");
            fprintf(fp, isfinite(e->statistic) ? "%.17g" : "null", e->statistic);
            fprintf(fp, ", \"statistic_name\": \"%s\"", e->statistic_name);
            jnum(fp, "estimate", e->estimate);
            jnum(fp, "p_value", e->p_value);
            fprintf(fp, ", \"p_method\": \"%s\"", e->p_method);
            jnum(fp, "ci_low", e->ci_low);
            jnum(fp, "ci_high", e->ci_high);
            jnum(fp, "boot_percentile_low", e->boot_pct_low);
            jnum(fp, "boot_percentile_high", e->boot_pct_high);
            jnum(fp, "boot_bca_low", e->boot_bca_low);
            jnum(fp, "boot_bca_high", e->boot_bca_high);
            fputs("}", fp);
        }
        fputs("}", fp);
    }
    fputs("]", fp);
}

/* [moran NAME]: Moran's I of a fit's residuals over department contiguity, as spdep's
 * lm.morantest (the fit refitted on the departments with a neighbour). Spatially
 * correlated residuals mean the OLS standard errors are too small: the report says so. */
int study_moran_step(const study_t *s, const study_section *sec, study_state *r, ds_err *err)
{
    const char *fname = study_get(sec, "fit");
    const study_fit *f = NULL;
    for (size_t i = 0; i < r->nfits; i++)
        if (strcmp(r->fits[i].name, fname) == 0)
            f = &r->fits[i];
    if (!f)
        return ds_err_set(err, DS_EDATA, "%s:%d: [moran %s]: no fit '%s' defined before",
                          s->path, study_line(sec, "fit"), sec->name, fname);
    const char *key = study_get(sec, "key") ? study_get(sec, "key") : f->key_col;
    if (table_col_index(f->data, key) < 0)
        return ds_err_set(err, DS_EDATA, "%s:%d: [moran %s]: no department column '%s'",
                          s->path, sec->line, sec->name, key);
    study_moran m;
    memset(&m, 0, sizeof m);
    m.section = sec;
    m.fit = fname;
    moran_options o = {NULL, 999, 2015};
    const char *v;
    if ((v = study_get(sec, "permutations")))
        o.permutations = strtoul(v, NULL, 10);
    if ((v = study_get(sec, "seed")))
        o.seed = strtoul(v, NULL, 10);
    o.neighbours = study_get(sec, "neighbours");
    int rc = moran_fit_residuals(f->data, f->fit, &f->opt, key, &o, &m.res, err);
    if (rc != DS_OK)
        return study_fail_at(s, sec, "fit", rc, err);
    m.weighted = f->fit->weights != NULL;
    r->morans = xrealloc(r->morans, (r->nmorans + 1) * sizeof *r->morans);
    r->morans[r->nmorans++] = m;
    return DS_OK;
}

void study_moran_report(FILE *fp, const study_state *r)
{
    if (!r->nmorans)
        return;
    fputs("\n## Spatial autocorrelation of the residuals (Moran's I)\n\n"
          "Row-standardised contiguity weights (departments sharing a border). A positive I "
          "with a small p means neighbouring departments err in the same direction: the "
          "model's standard errors are then too small.\n\n"
          "As spdep's `lm.morantest`: departments without a neighbour among the fit's rows "
          "are left out and the model is refitted on the others (n below; its slope is not "
          "the one reported above when some were left out); E[I] and Var[I] allow for the "
          "regression; z = (I − E[I]) / √Var[I], p one-sided (I > E[I]), as spdep's default. "
          "The permutation p permutes the residuals of that refit: it is conditional on the "
          "fit, a rough check beside z.\n\n"
          "| residuals of | test | n | I | E[I] | Var[I] | z | p | permutation p | "
          "without neighbours (left out) |\n|---|---|---:|---:|---:|---:|---:|---:|---:|---|\n",
          fp);
    for (size_t i = 0; i < r->nmorans; i++) {
        const study_moran *sm = &r->morans[i];
        const moran_result *m = &sm->res;
        double var, z, p;
        const char *how = moran_reported(m, &var, &z, &p);
        fprintf(fp, "| `%s` | %s%s | %zu | %.4f | %.4f | %.3g | %.3f | %.3g | ", sm->fit, how,
                !m->lm ? " (not least squares: residuals as a variable)"
                : sm->weighted ? " (weighted residuals √w·e)" : "",
                m->n, m->i, m->expected, var, z, p);
        if (isnan(m->p_permutation))
            fputs("–", fp);
        else
            fprintf(fp, "%.3g (%lu)", m->p_permutation, m->permutations);
        fputs(" | ", fp);
        for (size_t k = 0; k < m->n_isolated; k++)
            fprintf(fp, "%s%s", k ? ", " : "", m->isolated[k]);
        fputs(" |\n", fp);
    }
    for (size_t i = 0; i < r->nmorans; i++) {
        const moran_result *m = &r->morans[i].res;
        double var, z, p;
        moran_reported(m, &var, &z, &p);
        if (m->i > m->expected && p < 0.05)
            fprintf(fp, "\n**Caution.** The residuals of `%s` are spatially autocorrelated "
                    "(I = %.2f, z = %.2f, p = %.2g): its standard errors understate the "
                    "uncertainty, and its interval is too narrow.\n", r->morans[i].fit, m->i,
                    z, p);
    }
}

void study_moran_json(FILE *fp, const study_state *r)
{
    fputs(",\n  \"moran\": [", fp);
    for (size_t i = 0; i < r->nmorans; i++) {
        const moran_result *m = &r->morans[i].res;
        double var, z, p;
        const char *how = moran_reported(m, &var, &z, &p);
        fprintf(fp, "%s\n    {\"name\": \"%s\", \"fit\": \"%s\", \"method\": \"%s\", "
                "\"n\": %zu, \"refitted\": %s, \"isolated\": [", i ? "," : "",
                r->morans[i].section->name, r->morans[i].fit, how, m->n,
                m->lm && m->n_isolated ? "true" : "false");
        for (size_t k = 0; k < m->n_isolated; k++)
            fprintf(fp, "%s\"%s\"", k ? ", " : "", m->isolated[k]);
        fputs("]", fp);
        if (m->lm)
            fprintf(fp, ", \"rank\": %zu", m->rank);
        jnum(fp, "I", m->i);
        jnum(fp, "expected", m->expected);
        jnum(fp, "variance", var);
        jnum(fp, "z", z);
        jnum(fp, "p", p);
        fputs(", \"alternative\": \"greater\"", fp);
        fprintf(fp, ", \"permutations\": %lu", m->permutations);
        jnum(fp, "p_permutation", m->p_permutation);
        fputs("}", fp);
    }
    fputs("]", fp);
}
