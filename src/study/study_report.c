/* study_report: report.md — what a health economist reads first (the headline slope beside
 * the published one), then every model's coefficients and influential rows, the figures,
 * and everything needed to redo the run: the study file itself, input checksums, version. */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <zlib.h>

#include "damirstat/out.h"
#include "damirstat/version.h"
#include "study_report.h"

/* A number for text: three decimals in the usual range (what a reader compares with a
 * published "+0.5"), significant digits outside it. */
void study_num(char *buf, size_t size, double x)
{
    double a = fabs(x);
    if (isnan(x))
        snprintf(buf, size, "–");
    else if (a == 0 || (a >= 0.01 && a < 1e4))
        snprintf(buf, size, "%.3f", x);
    else
        snprintf(buf, size, "%.3g", x);
}

static void num(FILE *fp, double x)
{
    char b[48];
    study_num(b, sizeof b, x);
    fputs(b, fp);
}

const char *study_se_name(model_se se)
{
    static const char *const n[] = {"classical", "HC0", "HC1", "HC2", "HC3"};
    return n[se];
}

int study_headline_fit(const study_state *r)
{
    const char *want = NULL;
    for (size_t i = 0; i < r->study->nsec; i++)
        if (strcmp(r->study->sec[i].kind, "report") == 0)
            want = study_get(&r->study->sec[i], "headline");
    for (size_t i = 0; i < r->nfits; i++)
        if (r->fits[i].term && (!want || strcmp(r->fits[i].name, want) == 0))
            return (int)i;
    return -1;
}

/* A scale as a reader writes it: 100, 1,000,000; other values with %g. */
static void scale_text(char *buf, size_t size, double scale)
{
    double a = fabs(scale);
    if (a != floor(a) || a >= 1e15) {
        snprintf(buf, size, "%g", scale);
        return;
    }
    char digits[32];
    int n = snprintf(digits, sizeof digits, "%.0f", a);
    size_t o = 0;
    if (scale < 0 && o + 1 < size)
        buf[o++] = '-';
    for (int i = 0; i < n && o + 2 < size; i++) {
        if (i > 0 && (n - i) % 3 == 0)
            buf[o++] = ',';
        buf[o++] = digits[i];
    }
    buf[o] = '\0';
}

void study_headline_text(const study_fit *f, char *buf, size_t size)
{
    const model_term *t = &f->fit->terms[study_fit_term(f)];
    char est[48], lo[48], hi[48], sc[48];
    scale_text(sc, sizeof sc, fabs(f->scale));
    study_num(est, sizeof est, t->estimate * f->scale);
    study_num(lo, sizeof lo, t->ci_low * f->scale);
    study_num(hi, sizeof hi, t->ci_high * f->scale);
    /* "is associated with", not an arrow: a slope across departments is not an effect */
    int len = snprintf(buf, size, "%s: %s%s %s is associated with %s%s %s (%g %% CI %s to %s; "
                       "n = %zu, R² = %.3f)", f->label, f->scale > 0 ? "+" : "-", sc,
                       f->term_label, t->estimate >= 0 ? "+" : "", est, f->response_label,
                       f->opt.level * 100, lo, hi, f->fit->n, f->fit->r_squared);
    if (!isnan(f->published) && len > 0 && (size_t)len < size)
        len += snprintf(buf + len, size - (size_t)len, "; published %+g", f->published);
    if (!isnan(f->planted) && len > 0 && (size_t)len < size)
        snprintf(buf + len, size - (size_t)len, "; planted %+g", f->planted);
}

static int any_planted(const study_state *r)
{
    for (size_t i = 0; i < r->nfits; i++)
        if (!isnan(r->fits[i].planted))
            return 1;
    return 0;
}

/* " | 0.500 | yes" for a reference value: the value and whether the CI holds it. */
static void beside(FILE *fp, double ref_scaled, const study_fit *f, const model_term *t)
{
    double ref = ref_scaled / f->scale;
    fputs(" | ", fp);
    num(fp, ref_scaled);
    fprintf(fp, " | %s", isnan(ref) ? "" : ref >= t->ci_low && ref <= t->ci_high ? "yes"
                                                                                 : "**no**");
}

/* One row per fit with a term: its slope per +scale beside the published value, and
 * whether the published value lies inside the interval. */
static void slopes_table(FILE *fp, const study_state *r)
{
    int planted = any_planted(r);
    double common = NAN, level = 0.95;
    for (size_t i = 0; i < r->nfits; i++)
        if (r->fits[i].term) {
            level = r->fits[i].opt.level;
            common = isnan(common) || common == r->fits[i].scale ? r->fits[i].scale : 0;
        }
    char sc[48] = "unit";
    if (common != 0 && !isnan(common))
        scale_text(sc, sizeof sc, common);
    fprintf(fp, "| model | n | slope per +%s | %g %% CI | SE | p | R² | published | "
            "published in CI |%s\n|---|---:|---:|---|---:|---:|---:|---:|---|%s\n", sc, level * 100,
            planted ? " planted | planted in CI |" : "", planted ? "---:|---|" : "");
    for (size_t i = 0; i < r->nfits; i++) {
        const study_fit *f = &r->fits[i];
        if (!f->term)
            continue;
        const model_term *t = &f->fit->terms[study_fit_term(f)];
        fprintf(fp, "| %s | %zu | ", f->label, f->fit->n);
        num(fp, t->estimate * f->scale);
        if (common == 0) {
            scale_text(sc, sizeof sc, f->scale);
            fprintf(fp, " (per +%s)", sc);
        }
        fputs(" | ", fp);
        num(fp, t->ci_low * f->scale);
        fputs(" to ", fp);
        num(fp, t->ci_high * f->scale);
        fputs(" | ", fp);
        num(fp, t->std_error * f->scale);
        fprintf(fp, " | %.2g | %.3f", t->p_value, f->fit->r_squared);
        beside(fp, f->published, f, t);
        if (planted)
            beside(fp, f->planted, f, t);
        fputs(" |\n", fp);
    }
}

static void coef_table(FILE *fp, const study_fit *f)
{
    const model_fit *m = f->fit;
    fprintf(fp, "| term | estimate | SE (%s) | t | p | %g %% CI |\n|---|---:|---:|---:|---:|---|\n",
            study_se_name(f->opt.se), f->opt.level * 100);
    for (size_t k = 0; k < m->p; k++) {
        const model_term *t = &m->terms[k];
        if (t->aliased) {
            fprintf(fp, "| %s | aliased (collinear) | | | | |\n", t->name);
            continue;
        }
        fprintf(fp, "| %s | %.6g | %.4g | %.3f | %.3g | %.4g to %.4g |\n", t->name,
                t->estimate, t->std_error, t->t_value, t->p_value, t->ci_low, t->ci_high);
    }
}

/* The five largest Cook's distances, beside the 4/n rule of thumb and 1 (the classic
 * threshold of a row that moves the whole fit). */
static void cooks_list(FILE *fp, const study_fit *f)
{
    const model_fit *m = f->fit;
    long key = table_col_index(f->data, f->key_col);
    size_t top[5], ntop = 0;
    for (size_t k = 0; k < m->n; k++) {
        if (isnan(m->cooks_distance[k]))
            continue;
        size_t pos = ntop < 5 ? ntop++ : 5;
        while (pos > 0 && m->cooks_distance[top[pos - 1]] < m->cooks_distance[k]) {
            if (pos < 5)
                top[pos] = top[pos - 1];
            pos--;
        }
        if (pos < 5)
            top[pos] = k;
    }
    fprintf(fp, "Most influential rows (Cook's distance; 4/n = %.3g):", 4.0 / (double)m->n);
    for (size_t k = 0; k < ntop; k++)
        fprintf(fp, "%s %s %.3g", k ? "," : "",
                key >= 0 ? table_text(f->data, m->rows[top[k]], (size_t)key) : "?",
                m->cooks_distance[top[k]]);
    fputs(".\n", fp);
}

/* Whether the published and planted values lie inside the headline's interval, in words. */
static void reading(FILE *fp, const study_fit *f)
{
    const model_term *t = &f->fit->terms[study_fit_term(f)];
    const double refs[2] = {f->published, f->planted};
    const char *names[2] = {"published", "planted"};
    int inside[2];
    for (int k = 0; k < 2; k++) {
        double v = refs[k] / f->scale;
        inside[k] = v >= t->ci_low && v <= t->ci_high;
    }
    if (!isnan(refs[0]) && !isnan(refs[1]) && inside[0] == inside[1]) {
        fprintf(fp, " Both the published %+g and the planted %+g lie %s the %g %% CI.",
                refs[0], refs[1], inside[0] ? "inside" : "**outside**", f->opt.level * 100);
        return;
    }
    for (int k = 0; k < 2; k++)
        if (!isnan(refs[k]))
            fprintf(fp, " The %s %+g lies %s the %g %% CI.", names[k], refs[k],
                    inside[k] ? "inside" : "**outside**", f->opt.level * 100);
}

/* What should temper the headline, said beside it rather than sections later: robust
 * intervals of the same model that include 0, residuals that are spatially correlated, and
 * a single row that moves the fit. */
static void caveats(FILE *fp, const study_state *r, const study_fit *h)
{
    const model_term *ht = &h->fit->terms[study_fit_term(h)];
    int any = 0;
    for (size_t i = 0; i < r->nfits; i++) {
        const study_fit *f = &r->fits[i];
        if (f == h || strcmp(f->fit->formula, h->fit->formula) != 0 || f->opt.se == MODEL_SE_CLASSICAL
            || f->data != h->data)
            continue;
        const model_term *t = &f->fit->terms[study_fit_term(f)];
        if (t->ci_low <= 0 && t->ci_high >= 0 && !(ht->ci_low <= 0 && ht->ci_high >= 0))
            fprintf(fp, "%s with %s standard errors (`[fit %s]`) the interval is %.3g to %.3g and "
                    "includes 0", any++ ? ";" : " **Read with care:**", study_se_name(f->opt.se),
                    f->name, t->ci_low * f->scale, t->ci_high * f->scale);
    }
    for (size_t i = 0; i < r->nmorans; i++) {
        const moran_result *m = &r->morans[i].res;
        double var, z, p;
        const char *how = moran_reported(m, &var, &z, &p);
        if (strcmp(r->morans[i].fit, h->name) == 0 && m->i > m->expected && p < 0.05)
            fprintf(fp, "%s its residuals are spatially autocorrelated (Moran's I = %.2f, "
                    "z = %.2f, p = %.2g, as spdep's %s), so the interval is too narrow",
                    any++ ? ";" : " **Read with care:**", m->i, z, p, how);
    }
    long key = table_col_index(h->data, h->key_col);
    for (size_t k = 0; k < h->fit->n; k++)
        if (h->fit->cooks_distance[k] > 1)
            fprintf(fp, "%s %s alone moves the fit (Cook's distance %.3g)",
                    any++ ? ";" : " **Read with care:**",
                    key >= 0 ? table_text(h->data, h->fit->rows[k], (size_t)key) : "one row",
                    h->fit->cooks_distance[k]);
    if (any)
        fputc('.', fp);
}

/* Keys a join could not match, per join and side: departments left out of every fit. */
static void missing_keys(FILE *fp, const study_state *r)
{
    for (size_t i = 0; i < r->nmisses; i++) {
        const study_miss *m = &r->misses[i];
        int first = i == 0 || strcmp(m->join, r->misses[i - 1].join) != 0 ||
                    m->side != r->misses[i - 1].side;
        if (first)
            fprintf(fp, "%s`%s`: %s keys without a match: ", i ? ".  \n" : "\n", m->join,
                    m->side ? "right" : "left");
        fprintf(fp, "%s%s", first ? "" : ", ", m->key);
    }
    if (r->nmisses)
        fputs(".\n", fp);
}

/* Rows of every table the steps made: where departments were lost (an unknown residence,
 * a code missing from a reference table) shows as a drop between two lines. */
static void data_section(FILE *fp, const study_state *r)
{
    fputs("\n## Data\n\n", fp);
    char rows[48];
    scale_text(rows, sizeof rows, (double)r->rows_read);
    if (r->query && !r->cache_hit)
        fprintf(fp, "Aggregation: %zu file%s, %s rows read in %.1f s.  \n", r->ninputs_agg,
                r->ninputs_agg == 1 ? "" : "s", rows, r->agg_seconds);
    for (size_t i = 0; i < r->ntabs; i++)
        fprintf(fp, "%s`%s`: %zu rows", i ? ", " : "Tables: ", r->tabs[i].name,
                table_nrows(r->tabs[i].t));
    if (r->ntabs)
        fputs(".\n", fp);
    for (size_t i = 0; i < r->nnotes; i++)
        fprintf(fp, "%s**Warning:** %s.  \n", i ? "" : "\n", r->notes[i]);
    missing_keys(fp, r);
}

/* Rows with Cook's distance above 1 — one row that alone moves the whole fit — are what a
 * reader must know before trusting a slope, so they are listed right under the slopes. */
static void influence_note(FILE *fp, const study_state *r)
{
    int any = 0;
    for (size_t i = 0; i < r->nfits; i++) {
        const study_fit *f = &r->fits[i];
        long key = table_col_index(f->data, f->key_col);
        for (size_t k = 0; k < f->fit->n; k++) {
            if (!(f->fit->cooks_distance[k] > 1))
                continue;
            if (!any++)
                fputs("\n**Influential rows** (Cook's distance above 1: the row alone moves the "
                      "fit):\n", fp);
            fprintf(fp, "- %s: %s, D = %.3g\n", f->label,
                    key >= 0 ? table_text(f->data, f->fit->rows[k], (size_t)key) : "?",
                    f->fit->cooks_distance[k]);
        }
    }
}

/* What the numbers cannot say, under the headline: a slope across departments is an
 * association (GPs may settle where demand is high, and departments differ in ways the
 * model does not hold fixed), and "+100" may be a larger step than the data span. */
static void how_to_read(FILE *fp, const study_fit *f)
{
    long col = table_col_index(f->data, f->term);
    double mean = 0, ss = 0, n = (double)f->fit->n;
    if (col < 0 || f->fit->n < 3)
        return;
    for (size_t k = 0; k < f->fit->n; k++)
        mean += table_num(f->data, f->fit->rows[k], (size_t)col) / n;
    for (size_t k = 0; k < f->fit->n; k++) {
        double d = table_num(f->data, f->fit->rows[k], (size_t)col) - mean;
        ss += d * d;
    }
    double sd = sqrt(ss / (n - 1));
    char sc[48];
    scale_text(sc, sizeof sc, fabs(f->scale));
    fprintf(fp, "\n\n*How to read it.* The slope compares departments at one time: it is an "
                "association, not the effect of adding doctors (doctors may settle where demand "
                "is high, and departments differ in ways the model does not hold fixed).");
    if (isfinite(sd) && sd > 0)
        fprintf(fp, " A step of %s in `%s` is %.1f standard deviations of it across the %zu "
                    "departments (SD %.3g): the slope per +%s extrapolates a linear trend over a "
                    "%s contrast.", sc, f->term, fabs(f->scale) / sd, f->fit->n, sd, sc,
                fabs(f->scale) / sd > 1.5 ? "large" : "moderate");
    fputs(" \"Published in CI\" says whether the published value lies inside our interval: a "
          "check that the finding was reproduced, not that it holds.", fp);
}

/* The fit's warnings, in the report where the reader looks at the model (the command line
 * gets them on stderr from study_report_write). */
static void fit_warnings(FILE *fp, const study_fit *f)
{
    if (model_warnings(fp, f->fit, "**Warning:** ", ".  \n"))
        fputc('\n', fp);
}

static void fit_section(FILE *fp, const study_fit *f)
{
    const model_fit *m = f->fit;
    fprintf(fp, "\n### %s (`[fit %s]`)\n\n`%s`  \n", f->label, f->name, m->formula);
    fprintf(fp, "%s, %s standard errors%s%s; n = %zu (%zu row%s dropped for a missing value",
            f->opt.method == MODEL_OLS ? (f->opt.weight ? "WLS" : "OLS") : "robust",
            study_se_name(f->opt.se), f->opt.weight ? ", weights " : "",
            f->opt.weight ? f->opt.weight : "", m->n, m->n_dropped, m->n_dropped == 1 ? "" : "s");
    if (m->n_zero_weight)
        fprintf(fp, ", %zu with zero weight left out", m->n_zero_weight);
    if (study_get(f->section, "exclude"))
        fprintf(fp, "; excluded: %s", study_get(f->section, "exclude"));
    fprintf(fp, "); R² = %.4f, adjusted %.4f, residual SE %.4g on %g df.\n\n", m->r_squared,
            m->adj_r_squared, m->sigma, m->df_residual);
    if (study_get(f->section, "note"))
        fprintf(fp, "%s\n\n", study_get(f->section, "note"));
    fit_warnings(fp, f);
    coef_table(fp, f);
    fputs("\n", fp);
    cooks_list(fp, f);
}

static void inputs_section(FILE *fp, const study_state *r)
{
    fputs("\n## Inputs\n\n| file | bytes | CRC-32 |\n|---|---:|---|\n", fp);
    for (size_t i = 0; i < r->ninputs; i++)
        fprintf(fp, "| %s | %llu | %08x |\n", r->inputs[i].path,
                (unsigned long long)r->inputs[i].size, (unsigned)r->inputs[i].crc);
    if (r->query)
        fprintf(fp, "\nAggregation query: `%s`%s.\n", r->query,
                r->cache_hit ? " (read from the cache: inputs unchanged)" : "");
}

static void study_text(FILE *fp, const study_t *s)
{
    fputs("\n## The study file (every parameter)\n\n```ini\n", fp);
    for (size_t i = 0; i < s->nsec; i++) {
        const study_section *sec = &s->sec[i];
        fprintf(fp, "%s[%s%s%s]\n", i ? "\n" : "", sec->kind, *sec->name ? " " : "", sec->name);
        for (size_t k = 0; k < sec->nkv; k++)
            fprintf(fp, "%s = %s\n", sec->kv[k].key, sec->kv[k].value);
    }
    fputs("```\n", fp);
}

static const char *study_title(const study_t *s, const char **desc)
{
    *desc = NULL;
    for (size_t i = 0; i < s->nsec; i++)
        if (strcmp(s->sec[i].kind, "study") == 0) {
            *desc = study_get(&s->sec[i], "description");
            if (study_get(&s->sec[i], "title"))
                return study_get(&s->sec[i], "title");
        }
    return s->path;
}

static int write_md(const study_state *r, const char *path, ds_err *err)
{
    out_t *o;
    int rc = out_open(path, &o, err);
    if (rc != DS_OK)
        return rc;
    FILE *fp = out_stream(o);
    const char *desc;
    fprintf(fp, "# %s\n\n", study_title(r->study, &desc));
    if (desc)
        fprintf(fp, "%s\n\n", desc);
    int h = study_headline_fit(r);
    if (h >= 0) {
        char line[512];
        study_headline_text(&r->fits[h], line, sizeof line);
        fprintf(fp, "**Headline.** %s.", line);
        reading(fp, &r->fits[h]);
        caveats(fp, r, &r->fits[h]);
        how_to_read(fp, &r->fits[h]);
        fputs("\n\n", fp);
    }
    if (r->nfits) {
        fputs("## Slopes\n\n", fp);
        slopes_table(fp, r);
        influence_note(fp, r);
    }
    /* Figures and diagnostics before the coefficient tables: what a reader looks at first. */
    study_report_extras(fp, r);
    if (r->nfits)
        fputs("\n## Models\n", fp);
    for (size_t i = 0; i < r->nfits; i++)
        fit_section(fp, &r->fits[i]);
    data_section(fp, r);
    inputs_section(fp, r);
    study_text(fp, r->study);
    fprintf(fp, "\nWritten by damirstat %s (`damirstat run %s`).\n", DAMIRSTAT_VERSION,
            r->study->path);
    return out_commit(o, err);
}

static char *join_path(const char *dir, const char *name)
{
    size_t n = strlen(dir) + strlen(name) + 2;
    char *p = xmalloc(n);
    snprintf(p, n, "%s/%s", dir, name);
    return p;
}

int study_report_write(study_state *r, study_result **out, ds_err *err)
{
    study_result *res = xcalloc(1, sizeof *res);
    res->report_path = join_path(r->out_dir, "report.md");
    res->json_path = join_path(r->out_dir, "results.json");
    res->cache_hit = r->cache_hit;
    res->aggregated = r->query != NULL;
    int rc = study_note_tables(r, err);
    for (size_t i = 0; i < r->nfits && !r->quiet; i++) {
        char prefix[300];
        snprintf(prefix, sizeof prefix, "damirstat: run: [fit %s]: warning: ", r->fits[i].name);
        model_warnings(stderr, r->fits[i].fit, prefix, "\n");
    }
    if (rc == DS_OK)
        rc = write_md(r, res->report_path, err);
    if (rc == DS_OK)
        rc = study_json_write(r, res->json_path, err);
    int h = study_headline_fit(r);
    char line[512] = "";
    if (h >= 0)
        study_headline_text(&r->fits[h], line, sizeof line);
    res->headline = xstrdup(line);
    res->figures = xcalloc(r->nfigures + 1, sizeof *res->figures);
    for (size_t i = 0; i < r->nfigures; i++)
        res->figures[res->nfigures++] = xstrdup(r->figures[i].path);
    if (rc != DS_OK) {
        study_result_free(res);
        return rc;
    }
    *out = res;
    return DS_OK;
}

void study_result_free(study_result *r)
{
    if (!r)
        return;
    free(r->headline);
    free(r->report_path);
    free(r->json_path);
    for (size_t i = 0; i < r->nfigures; i++)
        free(r->figures[i]);
    free(r->figures);
    free(r);
}
