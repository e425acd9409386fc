/* study_fit: the [fit NAME] step — a model fitted with the model module on a table of an
 * earlier step (optionally without some rows), with what the report says beside it: the
 * headline term, its scale, the published slope and the planted one of generated data. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "study_steps_impl.h"

static int parse_number(const char *v, double *x)
{
    char *end;
    *x = strtod(v, &end);
    return end != v && *end == '\0' && isfinite(*x);
}

/* The number at a dotted key path of a JSON file ("model.gp_visits.b"): each key is looked
 * for after the previous one, which is enough for a manifest whose keys nest once each (the
 * truth file of damirstat gen). DS_EDATA naming the path when a key or the number is
 * missing. */
static int json_number_at(const char *path, const char *keys, double *value, ds_err *err)
{
    char *text = study_read_file(path, NULL, err);
    if (!text)
        return DS_EIO;
    const char *p = text;
    for (const char *k = keys; p && *k;) {
        const char *dot = strchr(k, '.');
        size_t klen = dot ? (size_t)(dot - k) : strlen(k);
        char quoted[256];
        snprintf(quoted, sizeof quoted, "\"%.*s\"", (int)klen, k);
        p = strstr(p, quoted);
        if (p)
            p += strlen(quoted);
        k += klen + (dot != NULL);
    }
    int rc = DS_OK;
    char *end = NULL;
    if (p) {
        while (*p == ' ' || *p == ':')
            p++;
        *value = strtod(p, &end);
    }
    if (!p || end == p)
        rc = ds_err_set(err, DS_EDATA, "%s: no number at '%s'", path, keys);
    free(text);
    return rc;
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
        rc = json_number_at(path, w[1], &f->planted, err);
        free(path);
        if (rc != DS_OK)
            rc = study_fail_at(s, sec, "planted", rc, err);
        f->planted *= f->scale;
    }
    study_words_free(w);
    return rc;
}

/* family, offset, exp and test: a count model and a joint Wald test (model.h). */
static int count_options(const study_t *s, const study_section *sec, study_fit *f, ds_err *err)
{
    const char *v;
    if ((v = study_get(sec, "family")) && model_family_parse(v, &f->opt.family) != 0)
        return ds_err_set(err, DS_EDATA, "%s:%d: family: expected gaussian, poisson, "
                          "quasipoisson or negbin, got '%s'", s->path, study_line(sec, "family"),
                          v);
    if ((v = study_get(sec, "exp")) && strcmp(v, "yes") != 0 && strcmp(v, "no") != 0)
        return ds_err_set(err, DS_EDATA, "%s:%d: exp: expected yes or no, got '%s'", s->path,
                          study_line(sec, "exp"), v);
    f->opt.exp = v && strcmp(v, "yes") == 0;
    f->opt.offset = study_get(sec, "offset");
    f->opt.test = study_get(sec, "test");
    return planted(s, sec, f, err);
}

/* A whole number (draws, seed): 0 or more, no sign or suffix. */
static int parse_count(const char *v, unsigned long long *n)
{
    char *end;
    if (!*v || *v == '-' || *v == '+')
        return 0;
    *n = strtoull(v, &end, 10);
    return *end == '\0';
}

/* cluster = COL or COL1,COL2; wild_bootstrap = B (of the fit's term); seed = N. */
static int cluster_options(const study_t *s, const study_section *sec, study_fit *f,
                           ds_err *err)
{
    const char *v;
    unsigned long long n = 1;
    f->opt.seed = 1;
    if ((v = study_get(sec, "cluster"))) {
        f->cluster_list = xstrdup(v);
        char *comma = strchr(f->cluster_list, ',');
        if (comma)
            *comma = '\0';
        f->opt.cluster[0] = f->cluster_list;
        f->opt.cluster[1] = comma ? comma + 1 : NULL;
        f->opt.ncluster = comma ? 2 : 1;
        if (!*f->cluster_list || (comma && (!comma[1] || strchr(comma + 1, ','))))
            return ds_err_set(err, DS_EDATA, "%s:%d: cluster: expected COL or COL1,COL2, got "
                              "'%s'", s->path, study_line(sec, "cluster"), v);
    }
    if ((v = study_get(sec, "wild_bootstrap")) && (!parse_count(v, &n) || n == 0))
        return ds_err_set(err, DS_EDATA, "%s:%d: wild_bootstrap: expected a number of draws, "
                          "got '%s'", s->path, study_line(sec, "wild_bootstrap"), v);
    f->opt.wild_bootstrap = v ? (size_t)n : 0;
    f->opt.wild_term = study_get(sec, "term");
    if ((v = study_get(sec, "seed")) && !parse_count(v, &f->opt.seed))
        return ds_err_set(err, DS_EDATA, "%s:%d: seed: expected a whole number, got '%s'",
                          s->path, study_line(sec, "seed"), v);
    return DS_OK;
}

/* method and se through the model's name table; level, scale, published, weight. */
static int fit_options(const study_t *s, const study_section *sec, study_fit *f, ds_err *err)
{
    model_options_default(&f->opt);
    const char *v;
    char names[128];
    model_name_list(MODEL_NAMES_SE, names, sizeof names);
    if ((v = study_get(sec, "se")) && strncmp(v, "conley", 6) != 0 &&
        model_se_parse(v, &f->opt.se) != 0)
        return ds_err_set(err, DS_EDATA, "%s:%d: se: expected %s:KM, got '%s'", s->path,
                          study_line(sec, "se"), names, v);
    int rc = cluster_options(s, sec, f, err);
    if (rc)
        return rc;
    if ((v = study_get(sec, "method")) && model_method_parse(v, &f->opt.method) != 0)
        return ds_err_set(err, DS_EDATA, "%s:%d: method: expected ols, huber or bisquare, "
                          "got '%s'", s->path, study_line(sec, "method"), v);
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
    return count_options(s, sec, f, err);
}

/* The words of the report: label, headline term and its words, the key column. */
static void fit_labels(const study_section *sec, const table_t *data, study_fit *f)
{
    const char *v;
    f->name = xstrdup(sec->name);
    f->line = sec->line;
    f->label = xstrdup((v = study_get(sec, "label")) ? v : sec->name);
    f->term = (v = study_get(sec, "term")) ? xstrdup(v) : NULL;
    f->term_label = xstrdup((v = study_get(sec, "term_label")) ? v : f->term ? f->term : "");
    f->response_label = xstrdup((v = study_get(sec, "response_label")) ? v
                                                                        : f->fit->response);
    long label = table_label_column(data); /* as fit --key's default */
    size_t nkey = 0;
    char **key = (v = study_get(sec, "key")) ? study_words(v, &nkey) : NULL;
    f->key_col = nkey ? xstrdup(key[0])
                 : label >= 0 ? xstrdup(table_col_name(data, (size_t)label)) : NULL;
    f->key_within = nkey > 1 ? xstrdup(key[1]) : NULL;
    study_words_free(key);
    f->section = sec;
}

/* key = COL [WITHIN]: columns of the fit's data (a typo would name rows "row 12"), at most
 * two (the area, then what tells its rows apart in a panel: the year). */
static int check_key(const study_t *s, const study_section *sec, const study_fit *f,
                     ds_err *err)
{
    const char *v = study_get(sec, "key");
    size_t n = 0, c;
    study_words_free(v ? study_words(v, &n) : NULL);
    if (n > 2)
        return ds_err_set(err, DS_EDATA, "%s:%d: [fit %s]: key: expected 'COLUMN' or 'COLUMN "
                          "WITHIN' (a panel: key = dep annee), got '%s'", s->path,
                          study_line(sec, "key"), sec->name, v);
    if (v && table_column(f->data, f->key_col, "key", &c, err))
        return study_fail_at(s, sec, "key", DS_EDATA, err);
    if (f->key_within && table_column(f->data, f->key_within, "key", &c, err))
        return study_fail_at(s, sec, "key", DS_EDATA, err);
    return DS_OK;
}

int study_fit_step(const study_t *s, const study_section *sec, study_state *r, ds_err *err)
{
    study_fit f;
    memset(&f, 0, sizeof f);
    table_t *sub = NULL;
    int rc = fit_options(s, sec, &f, err);
    if (rc != DS_OK)
        goto fail;
    const char *data = study_get(sec, "data");
    const table_t *t = study_state_table(r, data);
    if (!t) {
        rc = ds_err_set(err, DS_EDATA, "%s:%d: [fit %s]: no table %s%s%s defined before",
                        s->path, study_line(sec, "data"), sec->name, data ? "'" : "",
                        data ? data : "at all", data ? "'" : "");
        goto fail;
    }
    if (study_get(sec, "exclude") &&
        (rc = study_table_exclude(t, study_get(sec, "exclude"), &sub, err)) != DS_OK) {
        rc = study_fail_at(s, sec, "exclude", rc, err);
        goto fail;
    }
    f.model_text = model_formula_expand(study_get(sec, "model"), t);
    rc = model_fit_formula(sub ? sub : t, f.model_text, &f.opt, &f.fit, err);
    if (rc != DS_OK) {
        free(f.model_text);
        rc = study_fail_at(s, sec, "model", rc, err);
        goto fail;
    }
    f.data = sub ? sub : t; /* the rows the fit's indices name */
    f.owned = sub;
    fit_labels(sec, f.data, &f);
    rc = check_key(s, sec, &f, err);
    if (!rc)
        rc = study_spatial_options(s, sec, &f, err);
    if (!rc && f.spatial)
        rc = study_spatial_run(s, sec, &f, err);
    if (!rc && f.term && study_fit_term(&f) < 0)
        rc = ds_err_set(err, DS_EDATA, "%s:%d: [fit %s]: term '%s' is not in the model",
                        s->path, study_line(sec, "term"), sec->name, f.term);
    study_state_push_fit(r, &f);
    return rc;
fail:
    free(f.cluster_list);
    table_free(sub);
    return rc;
}

/* method, se, level, scale, published, planted (the manifest read), the formula's syntax
 * (a prefix wildcard stands for one column until the data are known) and exclude's. */
int study_fit_check(const study_t *s, const study_section *sec, ds_err *err)
{
    study_fit f;
    memset(&f, 0, sizeof f);
    int rc = fit_options(s, sec, &f, err);
    free(f.cluster_list); /* the one member fit_options allocates */
    if (rc != DS_OK)
        return rc;
    table_t *none = table_new(0, NULL);
    char *formula = model_formula_expand(study_get(sec, "model"), none);
    table_free(none);
    rc = model_formula_check(formula, err);
    free(formula);
    if (rc != DS_OK)
        return study_fail_at(s, sec, "model", DS_EDATA, err);
    size_t nw = 0;
    const char *v = study_get(sec, "exclude");
    study_words_free(v ? study_words(v, &nw) : NULL);
    if (v && nw < 2)
        return ds_err_set(err, DS_EDATA, "%s:%d: [fit %s]: exclude: expected 'COLUMN VALUE…', "
                          "got '%s'", s->path, study_line(sec, "exclude"), sec->name, v);
    return DS_OK;
}
