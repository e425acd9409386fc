/* regtable: reading fit objects (jansson: a well-kept JSON parser, where damirstat's own
 * json module only writes) and turning them into the rows of a side-by-side table; the
 * formats are written by regtable_write.c. */
#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "damirstat/regtable.h"
#include "damirstat/suggest.h"
#include "regtable_impl.h"

struct regtable {
    json_t *root;
    size_t n, nread; /* models shown (regtable_select), models the file held */
    json_t **fit;    /* borrowed from root, or a spatial model's view (owned: views) */
    json_t **views;  /* the views, owned */
    size_t nviews;
    char **label;
    char **name;     /* a results.json fit's name, else NULL */
    int cut;         /* 1: cut to the first REGTABLE_DEFAULT_COLUMNS by default */
};

static int is_fit(const json_t *o)
{
    const char *schema = json_string_value(json_object_get(o, "schema"));
    return json_is_object(o) && schema && strncmp(schema, "damirstat.fit/", 14) == 0;
}

/* A fit with a spatial model (fit --spatial) carries the OLS fit in its own members and the
 * spatial model in `spatial` (docs/json.md): its column is the spatial model, as
 * modelsummary shows an errorsarlm or lagsarlm object. The view holds the spatial model's
 * coefficients and n; no R², and none of the OLS fit's SE members (cluster, conley, wild
 * bootstrap), which the spatial model's standard errors are not: ML ones are asymptotic,
 * slx's classical (lmSLX is lm). A spatial member without coefficients (hand-written)
 * leaves the fit as it is. */
static json_t *spatial_view(regtable *t, json_t *fit)
{
    json_t *sp = json_object_get(fit, "spatial");
    json_t *coefs = json_object_get(sp, "coefficients");
    if (!json_is_object(sp) || !json_is_array(coefs))
        return fit;
    /* json_copy, not json_object(): the json module's writer owns that name here */
    json_t *view = json_copy(fit);
    static const char *const ols_only[] = {"r_squared", "adj_r_squared", "cluster", "conley",
                                           "wild_bootstrap", "fixed_effects", NULL};
    for (size_t i = 0; ols_only[i]; i++)
        json_object_del(view, ols_only[i]);
    json_object_set(view, "coefficients", coefs);
    json_object_set(view, "n", json_object_get(sp, "n"));
    const char *method = json_string_value(json_object_get(sp, "method"));
    json_object_set_new(view, "method", json_string(method ? method : "ml"));
    json_object_set_new(view, "se_type", json_string(method && strcmp(method, "ols") == 0
                                                         ? "classical" : "asymptotic"));
    t->views = xrealloc(t->views, (t->nviews + 1) * sizeof *t->views);
    t->views[t->nviews++] = view;
    return view;
}

static void add_model(regtable *t, json_t *fit, const char *label, const char *name)
{
    fit = spatial_view(t, fit);
    t->fit = xrealloc(t->fit, (t->n + 1) * sizeof *t->fit);
    t->label = xrealloc(t->label, (t->n + 1) * sizeof *t->label);
    t->name = xrealloc(t->name, (t->n + 1) * sizeof *t->name);
    t->fit[t->n] = fit;
    t->label[t->n] = xstrdup(label);
    t->name[t->n] = name ? xstrdup(name) : NULL;
    t->nread = ++t->n;
}

static const char *response_of(const json_t *fit)
{
    const char *r = json_string_value(json_object_get(fit, "response"));
    return r ? r : "";
}

/* The fits of results.json (fits[].fit, labelled), of an array, or the one fit. */
static void collect(regtable *t, json_t *root)
{
    json_t *fits = json_object_get(root, "fits"), *v;
    size_t i;
    if (json_is_array(fits)) {
        json_array_foreach(fits, i, v) {
            json_t *fit = json_object_get(v, "fit");
            const char *label = json_string_value(json_object_get(v, "label"));
            const char *name = json_string_value(json_object_get(v, "name"));
            if (is_fit(fit))
                add_model(t, fit, label ? label : name ? name : "", name);
        }
        return;
    }
    /* bare fit objects: headed by their response, as stargazer heads its columns */
    if (json_is_array(root)) {
        json_array_foreach(root, i, v) if (is_fit(v))
            add_model(t, v, response_of(v), NULL);
        return;
    }
    if (is_fit(root))
        add_model(t, root, response_of(root), NULL);
}

static const char *json_kind(const json_t *v)
{
    return !v ? "nothing" : json_is_string(v) ? "a string" : json_is_number(v) ? "a number"
         : json_is_object(v) ? "an object" : json_is_array(v) ? "an array"
         : json_is_boolean(v) ? "a boolean" : "null";
}

/* 1 when the members the table prints have the types docs/json.md gives them, so that a
 * hand-edited file never shows a string as "aliased" or a table without its coefficients;
 * else 0 and what is wrong in what. */
static int fit_is_sound(const json_t *fit, char *what, size_t size)
{
    const json_t *coefs = json_object_get(fit, "coefficients"), *c;
    size_t i;
    if (!json_is_array(coefs)) {
        snprintf(what, size, "coefficients: expected an array, got %s", json_kind(coefs));
        return 0;
    }
    static const char *const nums[] = {"estimate", "std_error", "p_value", NULL};
    json_array_foreach(coefs, i, c) {
        if (!json_is_string(json_object_get(c, "term"))) {
            snprintf(what, size, "coefficients[%zu].term: expected a string, got %s", i,
                     json_kind(json_object_get(c, "term")));
            return 0;
        }
        for (size_t k = 0; nums[k]; k++) {
            const json_t *v = json_object_get(c, nums[k]);
            if (v && !json_is_number(v) && !json_is_null(v)) {
                snprintf(what, size, "coefficients[%zu].%s: expected a number or null, got %s",
                         i, nums[k], json_kind(v));
                return 0;
            }
        }
    }
    static const char *const members[] = {"n", "r_squared", "adj_r_squared", NULL};
    for (size_t k = 0; members[k]; k++) {
        const json_t *v = json_object_get(fit, members[k]);
        if (v && !json_is_number(v) && !json_is_null(v)) {
            snprintf(what, size, "%s: expected a number or null, got %s", members[k],
                     json_kind(v));
            return 0;
        }
    }
    return 1;
}

int regtable_read(const char *path, regtable **out, ds_err *err)
{
    json_error_t jerr;
    FILE *fp = fopen(path, "rb");
    if (!fp)
        return ds_err_set(err, DS_EIO, "models: %s: cannot read", path);
    json_t *root = json_loadf(fp, JSON_DECODE_ANY, &jerr);
    fclose(fp);
    if (!root)
        return ds_err_set(err, DS_EDATA, "models: %s:%d:%d: not JSON: %s", path, jerr.line,
                          jerr.column, jerr.text);
    regtable *t = xcalloc(1, sizeof *t);
    t->root = root;
    collect(t, root);
    if (t->n > REGTABLE_MAX_MODELS) {
        regtable_free(t);
        return ds_err_set(err, DS_EDATA, "models: %s: more than %d fits", path,
                          REGTABLE_MAX_MODELS);
    }
    if (t->n == 0) {
        regtable_free(t);
        return ds_err_set(err, DS_EDATA, "models: %s: no fit object (damirstat.fit/1; a "
                          "study's results.json, `fit --format json`, or an array of them)",
                          path);
    }
    for (size_t m = 0; m < t->n; m++) {
        char what[200];
        if (!fit_is_sound(t->fit[m], what, sizeof what)) {
            ds_err_set(err, DS_EDATA, "models: %s: fit %zu (%s): %s", path, m + 1,
                       t->label[m], what);
            regtable_free(t);
            return DS_EDATA;
        }
    }
    *out = t;
    return DS_OK;
}

size_t regtable_models(const regtable *t)
{
    return t->n;
}

/* Column k (0-based) of the models read for one word of a selection: a fit's name, or its
 * column number from 1. */
static int find_model(const regtable *t, const char *word, size_t *k, ds_err *err)
{
    char *end;
    unsigned long num = strtoul(word, &end, 10);
    if (*word && !*end) {
        if (num >= 1 && num <= t->nread)
            return *k = num - 1, DS_OK;
        return ds_err_set(err, DS_EUSAGE, "fit %s: there are %zu fits (columns 1 to %zu)", word,
                          t->nread, t->nread);
    }
    for (size_t i = 0; i < t->nread; i++)
        if (t->name[i] && strcmp(t->name[i], word) == 0)
            return *k = i, DS_OK;
    char hint[512];
    suggest_hint(hint, sizeof hint, word, (const char *const *)t->name, t->name[0] ? t->nread : 0,
                 "fits", 1);
    return ds_err_set(err, DS_EUSAGE, "no fit '%s'%s", word, hint);
}

/* The study's own choice, results.json's "table_fits" (names), or NULL. */
static char **recorded_choice(const regtable *t, size_t *n)
{
    const json_t *v = json_object_get(t->root, "table_fits"), *e;
    size_t i;
    *n = 0;
    if (!json_is_array(v) || json_array_size(v) == 0)
        return NULL;
    char **words = xcalloc(json_array_size(v) + 1, sizeof *words);
    json_array_foreach(v, i, e) if (json_is_string(e))
        words[(*n)++] = xstrdup(json_string_value(e));
    return words;
}

static int keep_models(regtable *t, const char *const *words, size_t nwords, ds_err *err)
{
    size_t *k = xcalloc(nwords ? nwords : 1, sizeof *k);
    int rc = DS_OK;
    for (size_t i = 0; i < nwords && rc == DS_OK; i++)
        rc = find_model(t, words[i], &k[i], err);
    if (rc == DS_OK) { /* the kept models first, in the order asked; the others after */
        json_t **fit = xcalloc(t->nread, sizeof *fit);
        char **label = xcalloc(t->nread, sizeof *label), **name = xcalloc(t->nread, sizeof *name);
        char *used = xcalloc(t->nread, 1);
        size_t o = 0;
        for (size_t i = 0; i < nwords; i++)
            if (!used[k[i]])
                used[k[i]] = 1, fit[o] = t->fit[k[i]], label[o] = t->label[k[i]],
                name[o++] = t->name[k[i]];
        t->n = o;
        for (size_t i = 0; i < t->nread; i++)
            if (!used[i])
                fit[o] = t->fit[i], label[o] = t->label[i], name[o++] = t->name[i];
        free(t->fit), free(t->label), free(t->name), free(used);
        t->fit = fit, t->label = label, t->name = name;
    }
    free(k);
    return rc;
}

int regtable_select(regtable *t, const char *const *fits, size_t nfits, ds_err *err)
{
    if (nfits == 1 && strcmp(fits[0], "all") == 0)
        return t->n = t->nread, t->cut = 0, DS_OK;
    if (nfits)
        return keep_models(t, fits, nfits, err);
    size_t n;
    char **recorded = recorded_choice(t, &n);
    int rc = DS_OK;
    if (recorded)
        rc = keep_models(t, (const char *const *)recorded, n, err);
    else if (t->nread > REGTABLE_DEFAULT_COLUMNS)
        t->n = REGTABLE_DEFAULT_COLUMNS, t->cut = 1;
    for (size_t i = 0; recorded && i < n; i++)
        free(recorded[i]);
    free(recorded);
    return rc;
}

void rt_shown_note(const regtable *t, char *buf, size_t size)
{
    buf[0] = '\0';
    if (t->n < t->nread)
        snprintf(buf, size, "%zu of the %zu fits%s; choose them with `damirstat models "
                 "--fits NAME,…` or a study's [report] table_fits (`--fits all`: every one)",
                 t->n, t->nread, t->cut ? ", the first ones" : "");
}

void regtable_free(regtable *t)
{
    if (!t)
        return;
    for (size_t i = 0; i < t->nread; i++) {
        free(t->label[i]);
        free(t->name[i]);
    }
    free(t->label);
    free(t->name);
    free(t->fit);
    for (size_t i = 0; i < t->nviews; i++)
        json_decref(t->views[i]);
    free(t->views);
    json_decref(t->root);
    free(t);
}

static double num_or_nan(const json_t *v)
{
    return json_is_number(v) ? json_number_value(v) : NAN;
}

/* "share_*" matches a prefix, any other pattern the whole name. */
static int matches(const char *pattern, const char *name)
{
    size_t n = strlen(pattern);
    if (n && pattern[n - 1] == '*')
        return strncmp(pattern, name, n - 1) == 0;
    return strcmp(pattern, name) == 0;
}

static int omitted(const regtable_options *opt, const char *term)
{
    for (size_t i = 0; opt->omit && opt->omit[i]; i++)
        if (matches(opt->omit[i], term))
            return 1;
    return 0;
}

static const char *stars_of(double p)
{
    return isnan(p) ? "" : p < 0.001 ? "***" : p < 0.01 ? "**" : p < 0.05 ? "*" : "";
}

/* An estimate row and its SE row for one term: coef[m] is its coefficient object in model m
 * (NULL where the model has no such term). */
static void term_rows(const regtable *t, const regtable_options *opt, const char *term,
                      json_t *const *coef, rt_rows *rows)
{
    rt_new_row_cols(rows, term, RT_ESTIMATE, t->n);
    rt_new_row_cols(rows, "", RT_SE, t->n); /* may move the rows: take both pointers after */
    rt_row *est = &rows->row[rows->n - 2], *se = &rows->row[rows->n - 1];
    for (size_t m = 0; m < t->n; m++) {
        json_t *c = coef[m];
        if (!c)
            continue;
        double b = num_or_nan(json_object_get(c, "estimate"));
        char text[64], num[48];
        if (isnan(b)) {
            rt_set_cell(est, m, "aliased");
            continue;
        }
        rt_num(num, sizeof num, b);
        snprintf(text, sizeof text, "%s%s", num,
                 opt->stars ? stars_of(num_or_nan(json_object_get(c, "p_value"))) : "");
        rt_set_cell(est, m, text);
        rt_num(num, sizeof num, num_or_nan(json_object_get(c, "std_error")));
        snprintf(text, sizeof text, "(%s)", num);
        rt_set_cell(se, m, text);
    }
}

/* One coefficient of one model; pos orders them as the models list them, model by model. */
struct term_at {
    const char *term;
    size_t model, pos;
    json_t *coef;
};

static int by_term_then_pos(const void *a, const void *b)
{
    const struct term_at *x = a, *y = b;
    int c = strcmp(x->term, y->term);
    return c ? c : (x->pos > y->pos) - (x->pos < y->pos);
}

static int by_first_pos(const void *a, const void *b)
{
    const struct term_at *x = *(const struct term_at *const *)a;
    const struct term_at *y = *(const struct term_at *const *)b;
    return (x->pos > y->pos) - (x->pos < y->pos);
}

/* Every term, in the order it first appears across the models; a model's first coefficient
 * of a name is the one shown. Sorting keeps a fit of many thousand terms (a factor of
 * communes, or a hand-made file) from taking quadratic time. */
static void coefficient_rows(const regtable *t, const regtable_options *opt, rt_rows *rows)
{
    size_t n = 0;
    for (size_t m = 0; m < t->n; m++)
        n += json_array_size(json_object_get(t->fit[m], "coefficients"));
    struct term_at *all = xmalloc((n ? n : 1) * sizeof *all);
    struct term_at **first = xmalloc((n ? n : 1) * sizeof *first);
    size_t k = 0, nfirst = 0;
    for (size_t m = 0; m < t->n; m++) {
        json_t *c;
        size_t i;
        json_array_foreach(json_object_get(t->fit[m], "coefficients"), i, c) {
            all[k] = (struct term_at){json_string_value(json_object_get(c, "term")), m, k, c};
            k++;
        }
    }
    qsort(all, n, sizeof *all, by_term_then_pos);
    for (size_t i = 0; i < n; i++)
        if (i == 0 || strcmp(all[i].term, all[i - 1].term) != 0)
            first[nfirst++] = &all[i];
    qsort(first, nfirst, sizeof *first, by_first_pos);
    json_t **coef = xmalloc((t->n ? t->n : 1) * sizeof *coef);
    for (size_t g = 0; g < nfirst; g++) {
        if (omitted(opt, first[g]->term))
            continue;
        memset(coef, 0, t->n * sizeof *coef);
        for (const struct term_at *a = first[g];
             a < all + n && strcmp(a->term, first[g]->term) == 0; a++)
            if (!coef[a->model])
                coef[a->model] = a->coef;
        term_rows(t, opt, first[g]->term, coef, rows);
    }
    free(coef);
    free(first);
    free(all);
}

/* A row per omit pattern: "yes" for the models that have such terms. */
static void omitted_rows(const regtable *t, const regtable_options *opt, rt_rows *rows)
{
    for (size_t i = 0; opt->omit && opt->omit[i]; i++) {
        rt_row *r = rt_new_row_cols(rows, opt->omit[i], RT_INFO, t->n);
        for (size_t m = 0; m < t->n; m++) {
            json_t *c;
            size_t k, count = 0;
            json_array_foreach(json_object_get(t->fit[m], "coefficients"), k, c) {
                const char *term = json_string_value(json_object_get(c, "term"));
                count += term && matches(opt->omit[i], term);
            }
            if (count) {
                char text[32];
                snprintf(text, sizeof text, "yes (%zu)", count);
                rt_set_cell(r, m, text);
            }
        }
    }
}

void rt_build(const regtable *t, const regtable_options *opt, rt_rows *rows)
{
    memset(rows, 0, sizeof *rows);
    rows->ncols = t->n;
    rows->header = xcalloc(t->n ? t->n : 1, sizeof *rows->header);
    for (size_t m = 0; m < t->n; m++)
        rows->header[m] = xstrdup(t->label[m]);
    coefficient_rows(t, opt, rows);
    omitted_rows(t, opt, rows);
    rt_fit_rows((const json_t *const *)t->fit, t->n, rows);
    rows->stars = opt->stars;
    rt_shown_note(t, rows->note, sizeof rows->note);
}

