/* regtable_rows: the rows under the coefficients — n, R², the method and SE type, and, when
 * any model has them, the members later kinds of fit add (cluster, fixed effects, family,
 * dispersion, theta, spatial). One table of those rows: a new member is a line here. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "regtable_impl.h"

void rt_num(char *buf, size_t size, double x)
{
    double a = fabs(x);
    if (isnan(x))
        buf[0] = '\0';
    else if (a == 0 || (a >= 0.1 && a < 1e4))
        snprintf(buf, size, "%.3f", x);
    else
        snprintf(buf, size, "%#.3g", x); /* trailing zeros kept: 0.00750 */
}

rt_row *rt_new_row_cols(rt_rows *rows, const char *label, rt_kind kind, size_t ncols)
{
    if (rows->n == rows->cap) {
        rows->cap = rows->cap ? 2 * rows->cap : 32;
        rows->row = xrealloc(rows->row, rows->cap * sizeof *rows->row);
    }
    rt_row *r = &rows->row[rows->n++];
    r->label = xstrdup(label);
    r->kind = kind;
    r->cell = xcalloc(ncols ? ncols : 1, sizeof *r->cell);
    for (size_t i = 0; i < ncols; i++)
        r->cell[i] = xstrdup("");
    return r;
}

void rt_set_cell(rt_row *r, size_t i, const char *text)
{
    free(r->cell[i]);
    r->cell[i] = xstrdup(text);
}

void rt_rows_free(rt_rows *rows)
{
    for (size_t i = 0; i < rows->n; i++) {
        for (size_t c = 0; c < rows->ncols; c++)
            free(rows->row[i].cell[c]);
        free(rows->row[i].cell);
        free(rows->row[i].label);
    }
    free(rows->row);
    for (size_t c = 0; c < rows->ncols; c++)
        free(rows->header[c]);
    free(rows->header);
}

rt_row *rt_new_row(rt_rows *rows, const char *label, rt_kind kind)
{
    return rt_new_row_cols(rows, label, kind, rows->ncols);
}

typedef void rt_cell_fn(const json_t *fit, char *buf, size_t size);

static double num_of(const json_t *fit, const char *key)
{
    const json_t *v = json_object_get(fit, key);
    return json_is_number(v) ? json_number_value(v) : NAN;
}

static void cell_n(const json_t *fit, char *buf, size_t size)
{
    double n = num_of(fit, "n");
    if (isnan(n))
        buf[0] = '\0';
    else
        snprintf(buf, size, "%.0f", n);
}

static void cell_r2(const json_t *fit, char *buf, size_t size)
{
    rt_num(buf, size, num_of(fit, "r_squared"));
}

static void cell_adj_r2(const json_t *fit, char *buf, size_t size)
{
    rt_num(buf, size, num_of(fit, "adj_r_squared"));
}

/* A spatial model's log-likelihood when fitted by maximum likelihood (its member, which the
 * view keeps), else "": what modelsummary shows as Log.Lik. for errorsarlm and lagsarlm. */
static void cell_loglik(const json_t *fit, char *buf, size_t size)
{
    const json_t *sp = json_object_get(fit, "spatial");
    const char *method = json_string_value(json_object_get(sp, "method"));
    rt_num(buf, size, method && strcmp(method, "ml") == 0 ? num_of(sp, "log_lik") : NAN);
}

static void cell_dispersion(const json_t *fit, char *buf, size_t size)
{
    rt_num(buf, size, num_of(fit, "dispersion"));
}

static void cell_theta(const json_t *fit, char *buf, size_t size)
{
    rt_num(buf, size, num_of(fit, "theta"));
}

/* A member as text: a string as it is, an array of strings joined, else "". */
static void text_of(const json_t *v, char *buf, size_t size)
{
    buf[0] = '\0';
    if (json_is_string(v)) {
        snprintf(buf, size, "%s", json_string_value(v));
        return;
    }
    const json_t *e;
    size_t i, o = 0;
    json_array_foreach(v, i, e) if (json_is_string(e) && o + 2 < size)
        o += (size_t)snprintf(buf + o, size - o, "%s%s", o ? ", " : "", json_string_value(e));
}

/* The first of keys that obj has, as text. */
static void first_text(const json_t *obj, const char *const *keys, char *buf, size_t size)
{
    buf[0] = '\0';
    for (size_t i = 0; keys[i] && !buf[0]; i++)
        text_of(json_object_get(obj, keys[i]), buf, size);
}

static void cell_method(const json_t *fit, char *buf, size_t size)
{
    const json_t *sp = json_object_get(fit, "spatial");
    text_of(json_is_object(sp) && json_object_get(sp, "method") ? json_object_get(sp, "method")
                                                                : json_object_get(fit, "method"),
            buf, size); /* a spatial model's own method (ML) */
    if (strcmp(buf, "irls") == 0) {
        snprintf(buf, size, "GLM (IRLS)");
        return;
    }
    if (strcmp(buf, "ols") == 0 || strcmp(buf, "wls") == 0 || strcmp(buf, "glm") == 0 ||
        strcmp(buf, "ml") == 0)
        for (char *p = buf; *p; p++)
            *p = (char)(*p - 'a' + 'A');
}

/* classical, HC3, or "CR1 by reg" when the fit has a cluster member. */
static void cell_se(const json_t *fit, char *buf, size_t size)
{
    static const char *const type_keys[] = {"type", "se_type", "vcov", NULL};
    static const char *const by_keys[] = {"column", "columns", "by", "variables", "name", NULL};
    char type[64], by[128];
    text_of(json_object_get(fit, "se_type"), type, sizeof type);
    const json_t *cl = json_object_get(fit, "cluster");
    if (json_is_string(cl) || json_is_array(cl)) {
        text_of(cl, by, sizeof by);
    } else if (json_is_object(cl)) {
        char t2[64];
        first_text(cl, type_keys, t2, sizeof t2);
        if (t2[0])
            snprintf(type, sizeof type, "%s", t2);
        first_text(cl, by_keys, by, sizeof by);
    } else {
        by[0] = '\0';
    }
    double cutoff = num_of(json_object_get(fit, "conley"), "cutoff_km");
    if (!isnan(cutoff)) /* Conley's spatial HAC: its cutoff says all */
        snprintf(type, sizeof type, "Conley, %.0f km", cutoff);
    if (strncmp(type, "hc", 2) == 0 || strncmp(type, "cr", 2) == 0)
        for (char *p = type; *p && p < type + 3; p++)
            *p = (char)(*p >= 'a' && *p <= 'z' ? *p - 'a' + 'A' : *p);
    snprintf(buf, size, "%s%s%s", type, by[0] ? " by " : "", by);
}

static void cell_clusters(const json_t *fit, char *buf, size_t size)
{
    const json_t *cl = json_object_get(fit, "cluster");
    double g = NAN;
    static const char *const keys[] = {"groups", "n_clusters", "clusters", "G", NULL};
    for (size_t i = 0; json_is_object(cl) && keys[i] && isnan(g); i++)
        g = num_of(cl, keys[i]);
    if (isnan(g))
        buf[0] = '\0';
    else
        snprintf(buf, size, "%.0f", g);
}

/* The absorbed columns of a fixed_effects object: {"absorbed": [{"column": "reg"}, …]}. */
static void absorbed_columns(const json_t *fe, char *buf, size_t size)
{
    const json_t *e;
    size_t i, o = 0;
    buf[0] = '\0';
    json_array_foreach(json_object_get(fe, "absorbed"), i, e) {
        const char *c = json_string_value(json_object_get(e, "column"));
        if (c && o + 2 < size)
            o += (size_t)snprintf(buf + o, size - o, "%s%s", o ? ", " : "", c);
    }
}

/* The fixed effects: the fixed_effects member (its absorbed columns, or names), else the
 * formula's `| a + b`. */
static void cell_fe(const json_t *fit, char *buf, size_t size)
{
    static const char *const keys[] = {"fixed_effects", "fe", "absorbed", NULL};
    const json_t *fe = json_object_get(fit, "fixed_effects");
    if (json_is_object(fe))
        absorbed_columns(fe, buf, size);
    else
        first_text(fit, keys, buf, size);
    if (buf[0])
        return;
    const char *f = json_string_value(json_object_get(fit, "formula"));
    const char *bar = f ? strchr(f, '|') : NULL;
    if (!bar)
        return;
    bar += strspn(bar + 1, " ") + 1;
    snprintf(buf, size, "%s", bar);
    for (char *p = buf; *p; p++)
        if (*p == '+')
            *p = ',';
}

static void cell_offset(const json_t *fit, char *buf, size_t size)
{
    text_of(json_object_get(fit, "offset"), buf, size);
}

/* The wild cluster bootstrap's p of its term: "0.031 (densite_medecins)". */
static void cell_wild(const json_t *fit, char *buf, size_t size)
{
    const json_t *w = json_object_get(fit, "wild_bootstrap");
    double p = num_of(w, "p_value");
    const char *term = json_string_value(json_object_get(w, "term"));
    char num[48];
    rt_num(num, sizeof num, p);
    if (isnan(p))
        buf[0] = '\0';
    else
        snprintf(buf, size, "%s%s%s%s", num, term ? " (" : "", term ? term : "", term ? ")" : "");
}

static void cell_family(const json_t *fit, char *buf, size_t size)
{
    static const char *const keys[] = {"name", "family", NULL};
    char fam[64], link[64];
    const json_t *v = json_object_get(fit, "family");
    if (json_is_object(v))
        first_text(v, keys, fam, sizeof fam);
    else
        text_of(v, fam, sizeof fam);
    text_of(json_object_get(fit, "link"), link, sizeof link);
    if (!link[0] && json_is_object(v))
        text_of(json_object_get(v, "link"), link, sizeof link);
    snprintf(buf, size, "%s%s%s%s", fam, link[0] ? " (" : "", link, link[0] ? ")" : "");
}

/* The spatial model and its parameter: "error, λ = 0.412". */
static void cell_spatial(const json_t *fit, char *buf, size_t size)
{
    static const char *const keys[] = {"model", "type", "kind", NULL};
    const json_t *v = json_object_get(fit, "spatial");
    if (!json_is_object(v)) {
        text_of(v, buf, size);
        return;
    }
    char kind[64], num[48];
    first_text(v, keys, kind, sizeof kind);
    double rho = num_of(v, "rho"), lambda = num_of(v, "lambda");
    double se = !isnan(rho) ? num_of(v, "rho_se") : num_of(v, "lambda_se");
    const char *sym = !isnan(rho) ? "ρ" : !isnan(lambda) ? "λ" : NULL;
    char sep[48] = ""; /* its standard error, as the estimates' beneath them */
    rt_num(num, sizeof num, !isnan(rho) ? rho : lambda);
    if (sym && !isnan(se)) {
        rt_num(sep + 2, sizeof sep - 3, se);
        sep[0] = ' ', sep[1] = '(';
        strcat(sep, ")");
    }
    snprintf(buf, size, "%s%s%s%s%s%s", kind, sym && kind[0] ? ", " : "", sym ? sym : "",
             sym ? " = " : "", sym ? num : "", sep);
}

/* A row shows when any model has something to say in it. */
static const struct {
    const char *label;
    rt_kind kind;
    rt_cell_fn *cell;
} fit_rows[] = {
    {"n", RT_GOF, cell_n},
    {"R²", RT_GOF, cell_r2},
    {"Adjusted R²", RT_GOF, cell_adj_r2},
    {"Dispersion", RT_GOF, cell_dispersion},
    {"θ (negative binomial)", RT_GOF, cell_theta},
    {"Log-likelihood", RT_GOF, cell_loglik},
    {"Method", RT_INFO, cell_method},
    {"Family", RT_INFO, cell_family},
    {"Spatial model", RT_INFO, cell_spatial},
    {"Offset", RT_INFO, cell_offset},
    {"Fixed effects", RT_INFO, cell_fe},
    {"Standard errors", RT_INFO, cell_se},
    {"Clusters", RT_INFO, cell_clusters},
    {"Wild cluster bootstrap p", RT_INFO, cell_wild},
};

void rt_fit_rows(const json_t *const *fit, size_t n, rt_rows *rows)
{
    for (size_t r = 0; r < sizeof fit_rows / sizeof fit_rows[0]; r++) {
        char cells[REGTABLE_MAX_MODELS][160];
        size_t any = 0;
        for (size_t m = 0; m < n && m < REGTABLE_MAX_MODELS; m++) {
            fit_rows[r].cell(fit[m], cells[m], sizeof cells[m]);
            any += cells[m][0] != '\0';
        }
        if (!any)
            continue;
        rt_row *row = rt_new_row(rows, fit_rows[r].label, fit_rows[r].kind);
        for (size_t m = 0; m < n && m < REGTABLE_MAX_MODELS; m++)
            rt_set_cell(row, m, cells[m]);
    }
}
