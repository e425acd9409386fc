/* study_run: runs a parsed study's sections in file order — each step reads the named
 * tables of the steps before it — then hands the fits to study_report. */
#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "study_report.h"

const table_t *study_run_table(const study_state *r, const char *name)
{
    for (size_t i = r->ntabs; i-- > 0;)
        if (!name || strcmp(r->tabs[i].name, name) == 0)
            return r->tabs[i].t;
    return NULL;
}

void study_run_push(study_state *r, const char *name, table_t *t, int line)
{
    r->tabs = xrealloc(r->tabs, (r->ntabs + 1) * sizeof *r->tabs);
    r->tabs[r->ntabs].name = xstrdup(name);
    if (!*table_name(t)) {
        /* messages about a built table then say which step made it */
        char label[300];
        snprintf(label, sizeof label, "table '%s'", name);
        table_set_name(t, label);
    }
    r->tabs[r->ntabs].t = t;
    r->tabs[r->ntabs].line = line;
    r->ntabs++;
}

static int parse_number(const char *v, double *x)
{
    char *end;
    *x = strtod(v, &end);
    return end != v && *end == '\0' && isfinite(*x);
}

/* planted = FILE KEY.PATH: the generator's true slope (per unit), reported per +scale. */
static int planted(const study_t *s, const study_section *sec, study_fit *f, ds_err *err)
{
    const char *v = study_get(sec, "planted");
    f->planted = NAN;
    if (!v)
        return DS_OK;
    size_t nw;
    char **w = study_words(v, &nw);
    int rc = DS_OK;
    if (nw != 2) {
        rc = ds_err_set(err, DS_EDATA, "%s:%d: planted: expected 'FILE KEY.PATH', got '%s'",
                        s->path, study_line(sec, "planted"), v);
    } else {
        char *path = study_path(s, w[0]);
        rc = study_json_number(path, w[1], &f->planted, err);
        free(path);
        if (rc != DS_OK)
            rc = study_fail_at(s, sec, "planted", rc, err);
        f->planted *= f->scale;
    }
    study_words_free(w);
    return rc;
}

static int fit_options(const study_t *s, const study_section *sec, study_fit *f, ds_err *err)
{
    static const char *const se_names[] = {"classical", "hc0", "hc1", "hc2", "hc3"};
    static const char *const methods[] = {"ols", "huber", "bisquare"};
    model_options_default(&f->opt);
    const char *v;
    if ((v = study_get(sec, "se"))) {
        size_t k = 0;
        while (k < 5 && strcmp(v, se_names[k]) != 0)
            k++;
        if (k == 5)
            return ds_err_set(err, DS_EDATA, "%s:%d: se: expected classical, hc0, hc1, hc2 "
                              "or hc3, got '%s'", s->path, study_line(sec, "se"), v);
        f->opt.se = (model_se)k;
    }
    if ((v = study_get(sec, "method"))) {
        size_t k = 0;
        while (k < 3 && strcmp(v, methods[k]) != 0)
            k++;
        if (k == 3)
            return ds_err_set(err, DS_EDATA, "%s:%d: method: expected ols, huber or bisquare, "
                              "got '%s'", s->path, study_line(sec, "method"), v);
        f->opt.method = (model_method)k;
    }
    if ((v = study_get(sec, "level")) &&
        (!parse_number(v, &f->opt.level) || f->opt.level <= 0 || f->opt.level >= 1))
        return ds_err_set(err, DS_EDATA, "%s:%d: level: expected a number between 0 and 1, "
                          "got '%s'", s->path, study_line(sec, "level"), v);
    f->scale = 1;
    f->published = NAN;
    if ((v = study_get(sec, "scale")) && (!parse_number(v, &f->scale) || f->scale == 0))
        return ds_err_set(err, DS_EDATA, "%s:%d: scale: expected a nonzero number, got '%s'",
                          s->path, study_line(sec, "scale"), v);
    if ((v = study_get(sec, "published")) && !parse_number(v, &f->published))
        return ds_err_set(err, DS_EDATA, "%s:%d: published: expected a number, got '%s'",
                          s->path, study_line(sec, "published"), v);
    f->opt.weight = study_get(sec, "weight");
    return planted(s, sec, f, err);
}

static int fit_step(const study_t *s, const study_section *sec, study_state *r, ds_err *err)
{
    study_fit f;
    memset(&f, 0, sizeof f);
    int rc = fit_options(s, sec, &f, err);
    if (rc != DS_OK)
        return rc;
    const char *data = study_get(sec, "data");
    const table_t *t = study_run_table(r, data);
    if (!t)
        return ds_err_set(err, DS_EDATA, "%s:%d: [fit %s]: no table %s%s%s defined before",
                          s->path, study_line(sec, "data"), sec->name, data ? "'" : "",
                          data ? data : "at all", data ? "'" : "");
    table_t *sub = NULL;
    if (study_get(sec, "exclude") &&
        (rc = study_table_exclude(t, study_get(sec, "exclude"), &sub, err)) != DS_OK)
        return study_fail_at(s, sec, "exclude", rc, err);
    f.model_text = model_formula_expand(study_get(sec, "model"), t);
    rc = model_fit_formula(sub ? sub : t, f.model_text, &f.opt, &f.fit, err);
    if (rc != DS_OK) {
        free(f.model_text);
        table_free(sub);
        return study_fail_at(s, sec, "model", rc, err);
    }
    f.name = xstrdup(sec->name);
    f.line = sec->line;
    f.label = xstrdup(study_get(sec, "label") ? study_get(sec, "label") : sec->name);
    f.term = study_get(sec, "term") ? xstrdup(study_get(sec, "term")) : NULL;
    f.term_label = xstrdup(study_get(sec, "term_label") ? study_get(sec, "term_label")
                                                          : f.term ? f.term : "");
    f.response_label = xstrdup(study_get(sec, "response_label")
                                   ? study_get(sec, "response_label") : f.fit->response);
    f.key_col = xstrdup(study_get(sec, "key") ? study_get(sec, "key")
                                                : table_col_name(sub ? sub : t, 0));
    f.data = sub ? sub : t; /* the rows the fit's indices name */
    f.owned = sub;
    f.section = sec;
    if (f.term && study_fit_term(&f) < 0)
        rc = ds_err_set(err, DS_EDATA, "%s:%d: [fit %s]: term '%s' is not in the model",
                        s->path, study_line(sec, "term"), sec->name, f.term);
    r->fits = xrealloc(r->fits, (r->nfits + 1) * sizeof *r->fits);
    r->fits[r->nfits++] = f;
    return rc;
}

long study_fit_term(const study_fit *f)
{
    for (size_t i = 0; i < f->fit->p; i++)
        if (strcmp(f->fit->terms[i].name, f->term) == 0)
            return (long)i;
    return -1;
}

static int run_section(const study_t *s, const study_section *sec, study_state *r, ds_err *err)
{
    table_t *t = NULL;
    int rc = DS_OK;
    if (strcmp(sec->kind, "table") == 0) {
        if ((rc = study_table_step(s, sec, &t, err)) == DS_OK)
            study_run_push(r, sec->name, t, sec->line);
    } else if (strcmp(sec->kind, "join") == 0) {
        if ((rc = study_join_step(s, sec, r, &t, err)) == DS_OK)
            study_run_push(r, sec->name, t, sec->line);
    } else if (strcmp(sec->kind, "derive") == 0) {
        rc = study_derive_step(s, sec, r, err);
    } else if (strcmp(sec->kind, "fit") == 0) {
        rc = fit_step(s, sec, r, err);
    } else if (strcmp(sec->kind, "plot") == 0) {
        rc = study_plot_step(s, sec, r, err);
    } else if (strcmp(sec->kind, "moran") == 0) {
        rc = study_moran_step(s, sec, r, err);
    } else if (strcmp(sec->kind, "corr") == 0) {
        rc = study_corr_step(s, sec, r, err);
    } else if (strcmp(sec->kind, "aggregate") == 0) {
        rc = study_aggregate_step(s, sec, r, err);
    }
    return rc;
}

void study_run_free(study_state *r)
{
    for (size_t i = 0; i < r->ntabs; i++) {
        free(r->tabs[i].name);
        table_free(r->tabs[i].t);
    }
    free(r->tabs);
    for (size_t i = 0; i < r->nfits; i++) {
        study_fit *f = &r->fits[i];
        free(f->name);
        free(f->label);
        free(f->model_text);
        free(f->term);
        free(f->term_label);
        free(f->response_label);
        free(f->key_col);
        table_free(f->owned);
        model_fit_free(f->fit);
    }
    free(r->fits);
    free(r->corrs);
    for (size_t i = 0; i < r->nmorans; i++)
        moran_result_free(&r->morans[i].res);
    free(r->morans);
    for (size_t i = 0; i < r->nfigures; i++)
        free(r->figures[i].path);
    free(r->figures);
    for (size_t i = 0; i < r->nmisses; i++) {
        free(r->misses[i].join);
        free(r->misses[i].key);
    }
    free(r->misses);
    for (size_t i = 0; i < r->nnotes; i++)
        free(r->notes[i]);
    free(r->notes);
    for (size_t i = 0; i < r->ninputs; i++)
        free(r->inputs[i].path);
    free(r->inputs);
    free(r->query);
    free(r->out_dir);
}

static int out_dir_of(const study_t *s, const study_run_opts *opt, study_state *r, ds_err *err)
{
    const char *dir = opt && opt->out_dir ? opt->out_dir : NULL;
    for (size_t i = 0; !dir && i < s->nsec; i++)
        if (strcmp(s->sec[i].kind, "output") == 0)
            dir = study_get(&s->sec[i], "dir");
    if (!dir)
        return ds_err_set(err, DS_EUSAGE, "%s: no output folder: add [output] dir = … or "
                          "give --out DIR", s->path);
    r->out_dir = opt && opt->out_dir ? xstrdup(dir) : study_path(s, dir);
    return study_mkdirs(r->out_dir, err);
}

/* [report] headline must name a fit with a term: a typo would silently drop the headline. */
static int check_headline(const study_t *s, const study_state *r, ds_err *err)
{
    for (size_t i = 0; i < s->nsec; i++) {
        const char *h = strcmp(s->sec[i].kind, "report") == 0
                            ? study_get(&s->sec[i], "headline") : NULL;
        if (!h)
            continue;
        size_t k = 0;
        while (k < r->nfits && !(strcmp(r->fits[k].name, h) == 0 && r->fits[k].term))
            k++;
        if (k == r->nfits)
            return ds_err_set(err, DS_EDATA, "%s:%d: headline: no fit '%s' with a term", s->path,
                              study_line(&s->sec[i], "headline"), h);
    }
    return DS_OK;
}

int study_run(const study_t *s, const study_run_opts *opt, study_result **out, ds_err *err)
{
    study_state r;
    memset(&r, 0, sizeof r);
    r.study = s;
    r.no_cache = opt ? opt->no_cache : 0;
    r.quiet = opt ? opt->quiet : 0;
    int rc = out_dir_of(s, opt, &r, err);
    for (size_t i = 0; i < s->nsec && rc == DS_OK; i++)
        rc = run_section(s, &s->sec[i], &r, err);
    if (rc == DS_OK)
        rc = check_headline(s, &r, err);
    if (rc == DS_OK)
        rc = study_report_write(&r, out, err);
    study_run_free(&r);
    return rc;
}
