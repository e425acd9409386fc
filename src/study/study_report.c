/* study_report: report.md — what a health economist reads first (the headline slope beside
 * the published one), then every model's coefficients and influential rows, the figures,
 * and everything needed to redo the run: the study file itself, input checksums, version. */
#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_cdf.h>

#include "damirstat/glm.h"
#include "damirstat/out.h"
#include "damirstat/report.h"
#include "damirstat/version.h"
#include "study_write_impl.h"

static void num(FILE *fp, double x)
{
    char b[48];
    study_format_num(b, sizeof b, x);
    fputs(b, fp);
}

/* The SE type as prose spells it: the model's name ("classical", "hc3") with the HC of
 * heteroskedasticity-consistent in capitals, as the literature and sandwich write HC3. */
static const char *se_text(model_se se, char *buf, size_t size)
{
    const char *name = se == MODEL_SE_CONLEY ? "Conley" : model_se_name(se);
    int upper = strncmp(name, "hc", 2) == 0 || strncmp(name, "cr", 2) == 0;
    size_t i = 0;
    for (; name[i] && i + 1 < size; i++)
        buf[i] = upper ? (char)toupper((unsigned char)name[i]) : name[i];
    buf[i] = '\0';
    return buf;
}

/* A count model's headline: the rate ratio per +scale, exp(b · scale) and its interval. */
static void rate_ratio_text(const study_fit *f, const model_term *t, const char *sc, char *buf,
                            size_t size)
{
    char est[48], lo[48], hi[48];
    study_format_num(est, sizeof est, exp(t->estimate * f->scale));
    study_format_num(lo, sizeof lo, exp((f->scale > 0 ? t->ci_low : t->ci_high) * f->scale));
    study_format_num(hi, sizeof hi, exp((f->scale > 0 ? t->ci_high : t->ci_low) * f->scale));
    snprintf(buf, size, "%s: %s%s %s is associated with a rate ratio of %s for %s (%g %% CI %s "
             "to %s; n = %zu, %s)", f->label, f->scale > 0 ? "+" : "-", sc, f->term_label, est,
             f->response_label, f->opt.level * 100, lo, hi, f->fit->n,
             model_family_name(f->fit->family));
}

const model_term *study_headline_term(const study_fit *f, model_term *spatial, size_t *n)
{
    *n = f->fit->n;
    if (study_spatial_slope(f, spatial, n))
        return spatial;
    return &f->fit->terms[study_fit_term(f)];
}

/* "n = 65, R² = 0.598", with what the model's own fit measure is: the within R² when fixed
 * effects are absorbed (the R² with their dummies, 0.998 in a department panel, says nothing
 * of the slope), none for a spatial model fitted by maximum likelihood. */
static void fit_measure_text(const study_fit *f, size_t n, int spatial, char *buf, size_t size)
{
    if (spatial)
        snprintf(buf, size, "n = %zu, maximum likelihood", n);
    else if (f->fit->nfe) {
        char factor[64];
        int with = report_within_factor(f->fit, factor, sizeof factor);
        snprintf(buf, size, "n = %zu, within R² = %.3f%s%s%s", n, f->fit->within_r_squared,
                 with ? " with the " : "", factor, with ? " dummies" : "");
    }
    else
        snprintf(buf, size, "n = %zu, R² = %.3f", n, f->fit->r_squared);
}

/* "; wild cluster bootstrap -67.196 to -21.536, p = 0.0095" when the fit has one: with few
 * clusters it is the interval to read, and the headline must not hide it behind CR1's. */
static void wild_text(const study_fit *f, char *buf, size_t size)
{
    const model_wild *w = f->fit->wild;
    char lo[48], hi[48];
    buf[0] = '\0';
    if (!w || !f->fit->ncluster || isnan(w->p_value) || !w->term || strcmp(w->term, f->term))
        return;
    study_format_num(lo, sizeof lo, (f->scale > 0 ? w->ci_low : w->ci_high) * f->scale);
    study_format_num(hi, sizeof hi, (f->scale > 0 ? w->ci_high : w->ci_low) * f->scale);
    snprintf(buf, size, ", %s by %s; wild cluster bootstrap %s to %s, p = %.2g",
             f->fit->se == MODEL_SE_CR2 ? "CR2" : "CR1", f->fit->cluster[0], lo, hi, w->p_value);
}

void study_headline_text(const study_fit *f, char *buf, size_t size)
{
    model_term sp;
    size_t n;
    const model_term *t = study_headline_term(f, &sp, &n);
    char est[48], lo[48], hi[48], sc[48], measure[160], wild[200];
    study_scale_text(sc, sizeof sc, fabs(f->scale));
    if (f->fit->glm) {
        rate_ratio_text(f, t, sc, buf, size);
        return;
    }
    study_format_num(est, sizeof est, t->estimate * f->scale);
    study_format_num(lo, sizeof lo, t->ci_low * f->scale);
    study_format_num(hi, sizeof hi, t->ci_high * f->scale);
    fit_measure_text(f, n, t == &sp, measure, sizeof measure);
    wild_text(f, wild, sizeof wild);
    /* "is associated with", not an arrow: a slope across departments is not an effect */
    int len = snprintf(buf, size, "%s: %s%s %s is associated with %s%s %s (%g %% CI %s to %s%s; "
                       "%s)", f->label, f->scale > 0 ? "+" : "-", sc, f->term_label,
                       t->estimate >= 0 ? "+" : "", est, f->response_label, f->opt.level * 100,
                       lo, hi, wild, measure);
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
    fprintf(fp, " | %s", isnan(ref) || isnan(t->ci_low) ? ""
                         : ref >= t->ci_low && ref <= t->ci_high ? "yes" : "**no**");
}

/* A count model's row: its rate ratio per +scale, exp(b · scale), and the ratio's
 * interval, marked RR (its log slope beside the linear slopes would read as visits). */
static void rate_ratio_cells(FILE *fp, const study_fit *f, const model_term *t)
{
    double a = t->ci_low * f->scale, b = t->ci_high * f->scale;
    fprintf(fp, "RR %.4g | %.4g to %.4g | – | %.2g | –", exp(t->estimate * f->scale),
            exp(a < b ? a : b), exp(a < b ? b : a), t->p_value);
}

static void slope_row(FILE *fp, const study_fit *f, double common, int planted)
{
    const model_term *t = &f->fit->terms[study_fit_term(f)];
    model_term spatial; /* a spatial model's slope replaces the OLS one */
    size_t n = f->fit->n;
    double r2 = f->fit->r_squared;
    char sc[48];
    if (study_spatial_slope(f, &spatial, &n))
        t = &spatial, r2 = NAN;
    fprintf(fp, "| %s | %zu | ", f->label, n);
    if (f->fit->glm) {
        rate_ratio_cells(fp, f, t);
    } else {
        num(fp, t->estimate * f->scale);
        if (common == 0) {
            study_scale_text(sc, sizeof sc, f->scale);
            fprintf(fp, " (per +%s)", sc);
        }
        fputs(" | ", fp);
        num(fp, t->ci_low * f->scale);
        fputs(" to ", fp);
        num(fp, t->ci_high * f->scale);
        fputs(" | ", fp);
        num(fp, t->std_error * f->scale);
        fprintf(fp, " | %.2g | ", t->p_value);
        if (isnan(r2))
            fputs("–", fp);
        else if (f->fit->nfe) { /* the R² with the absorbed dummies says nothing of the slope */
            char factor[256];
            int with = report_within_factor(f->fit, factor, sizeof factor);
            fprintf(fp, "%.3f (within%s%s)", f->fit->within_r_squared, with ? ", with " : "",
                    factor);
        }
        else
            fprintf(fp, "%.3f", r2);
    }
    beside(fp, f->published, f, t);
    if (planted)
        beside(fp, f->planted, f, t);
    fputs(" |\n", fp);
}

/* Under the slopes table when a fit with absorbed fixed effects also has factor() terms:
 * its within R² counts what their dummies explain (report_within_factor). */
static void within_note(FILE *fp, const study_state *r)
{
    char factor[256];
    for (size_t i = 0; i < r->nfits; i++)
        if (r->fits[i].term && !r->fits[i].fit->glm &&
            report_within_factor(r->fits[i].fit, factor, sizeof factor)) {
            fprintf(fp, "\nWithin R²: the R² net of the absorbed fixed effects, as fixest's. Where "
                    "a model writes an effect as %s beside them, its dummies are regressors and "
                    "count in it (\"with %s\"): that within R² is not the share the slope "
                    "explains.\n", factor, factor);
            break;
        }
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
        study_scale_text(sc, sizeof sc, common);
    fprintf(fp, "| model | n | slope per +%s | %g %% CI | SE | p | R² | published | "
            "published in CI |%s\n|---|---:|---:|---|---:|---:|---:|---:|---|%s\n", sc, level * 100,
            planted ? " planted | planted in CI |" : "", planted ? "---:|---|" : "");
    for (size_t i = 0; i < r->nfits; i++)
        if (r->fits[i].term)
            slope_row(fp, &r->fits[i], common, planted);
    within_note(fp, r);
    for (size_t i = 0; i < r->nfits; i++)
        if (r->fits[i].term && r->fits[i].fit->glm) {
            fprintf(fp, "\nRR: a count model's rate ratio per +%s and its interval (1.20 = 20 %% "
                    "more), not a difference in its response (the log slope and its SE are in the "
                    "model's section)%s.\n", sc, r->nrobusts ? ", and a [robustness] table "
                    "converts it to the response's unit at the mean rate" : "");
            break;
        }
}

static void coef_table(FILE *fp, const study_fit *f)
{
    const model_fit *m = f->fit;
    char se[16];
    int z = m->glm && (m->family != MODEL_QUASIPOISSON || m->se != MODEL_SE_CLASSICAL);
    fprintf(fp, "| term | estimate | SE (%s) | %s | p | %g %% CI |\n|---|---:|---:|---:|---:|---|\n",
            se_text(m->se, se, sizeof se), z ? "z" : "t", f->opt.level * 100);
    for (size_t k = 0; k < m->p; k++) {
        const model_term *t = &m->terms[k];
        char md[512];
        if (t->aliased) {
            fprintf(fp, "| %s | aliased (collinear) | | | | |\n",
                    study_md(t->name, md, sizeof md));
            continue;
        }
        fprintf(fp, "| %s | %.6g | %.4g | %.3f | %.3g | %.4g to %.4g |\n",
                study_md(t->name, md, sizeof md),
                t->estimate, t->std_error, t->t_value, t->p_value, t->ci_low, t->ci_high);
    }
}

/* The five largest Cook's distances, beside the 4/n rule of thumb and 1 (the classic
 * threshold of a row that moves the whole fit). */
static void cooks_list(FILE *fp, const study_fit *f)
{
    const model_fit *m = f->fit;
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
    for (size_t k = 0; k < ntop; k++) {
        char label[160];
        study_key_label(f->data, f->key_col, f->key_within, m->rows[top[k]], label,
                        sizeof label);
        fprintf(fp, "%s %s %.3g", k ? "," : "", label, m->cooks_distance[top[k]]);
    }
    fputs(".\n", fp);
}

/* Whether the published and planted values lie inside the headline's interval, in words. */
static void reading(FILE *fp, const study_fit *f)
{
    model_term sp;
    size_t n;
    const model_term *t = study_headline_term(f, &sp, &n);
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
    char se[16];
    int any = 0;
    for (size_t i = 0; i < r->nfits; i++) {
        const study_fit *f = &r->fits[i];
        if (f == h || !f->term || strcmp(f->fit->formula, h->fit->formula) != 0 ||
            f->fit->se == MODEL_SE_CLASSICAL || f->data != h->data)
            continue;
        const model_term *t = &f->fit->terms[study_fit_term(f)];
        if (t->ci_low <= 0 && t->ci_high >= 0 && !(ht->ci_low <= 0 && ht->ci_high >= 0))
            fprintf(fp, "%s with %s standard errors (`[fit %s]`) the interval is %.3g to %.3g and "
                    "includes 0", any++ ? ";" : " **Read with care:**",
                    se_text(f->fit->se, se, sizeof se),
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
    for (size_t k = 0; k < h->fit->n; k++)
        if (h->fit->cooks_distance[k] > 1) {
            char label[160];
            study_key_label(h->data, h->key_col, h->key_within, h->fit->rows[k], label,
                            sizeof label);
            fprintf(fp, "%s %s alone moves the fit (Cook's distance %.3g)",
                    any++ ? ";" : " **Read with care:**", label, h->fit->cooks_distance[k]);
        }
    if (any)
        fputc('.', fp);
}

/* Keys a join could not match, per join and side: departments left out of every fit. The
 * first MISS_SHOWN of each, then how many more (a panel's join can miss hundreds of
 * department-years, which would bury the section). */
enum { MISS_SHOWN = 10 };

static void missing_keys(FILE *fp, const study_state *r)
{
    size_t shown = 0, group = 0;
    for (size_t i = 0; i < r->nmisses; i++) {
        const study_miss *m = &r->misses[i];
        int first = i == 0 || strcmp(m->join, r->misses[i - 1].join) != 0 ||
                    m->side != r->misses[i - 1].side;
        if (first) {
            size_t n = 0;
            while (i + n < r->nmisses && strcmp(r->misses[i + n].join, m->join) == 0 &&
                   r->misses[i + n].side == m->side)
                n++;
            fprintf(fp, "%s`%s`: %zu %s key%s without a match: ", i ? ".  \n" : "\n", m->join,
                    n, m->side ? "right" : "left", n == 1 ? "" : "s");
            shown = 0, group = n;
        }
        char md[256];
        if (shown < MISS_SHOWN)
            fprintf(fp, "%s%s", first ? "" : ", ", study_md(m->key, md, sizeof md));
        else if (shown == MISS_SHOWN)
            fprintf(fp, " and %zu more", group - MISS_SHOWN);
        shown++;
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
    study_scale_text(rows, sizeof rows, (double)r->aggregate.rows_read);
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
        for (size_t k = 0; k < f->fit->n; k++) {
            if (!(f->fit->cooks_distance[k] > 1))
                continue;
            if (!any++)
                fputs("\n**Influential rows** (Cook's distance above 1: the row alone moves the "
                      "fit):\n", fp);
            char label[160];
            study_key_label(f->data, f->key_col, f->key_within, f->fit->rows[k], label,
                            sizeof label);
            fprintf(fp, "- %s: %s, D = %.3g\n", f->label, label, f->fit->cooks_distance[k]);
        }
    }
}

/* The fit's warnings, in the report where the reader looks at the model (the command line
 * gets them on stderr from the dispatcher, study.c). */
static void fit_warnings(FILE *fp, const study_fit *f)
{
    if (model_warnings(fp, f->fit, "**Warning:** ", ".  \n"))
        fputc('\n', fp);
}

/* What summary.glm adds for a count model, after its rows. */
static void count_summary(FILE *fp, const model_fit *m)
{
    const glm_fit *g = m->glm;
    fprintf(fp, "); %s, log link%s%s: deviance %.6g on %g df (null %.6g on %g df), dispersion "
                "%.6g", model_family_name(m->family), m->offset ? ", offset " : "",
            m->offset ? m->offset : "", g->deviance, g->df_residual, g->null_deviance,
            g->df_null, g->dispersion);
    if (m->family == MODEL_NEGBIN)
        fprintf(fp, ", theta %.4g (SE %.3g)", g->theta, g->theta_se);
    if (!isnan(g->aic))
        fprintf(fp, ", AIC %.6g", g->aic);
    fprintf(fp, ". Intervals: Wald, estimate ± %.4g SE (the normal quantile, as R's "
            "confint.default)%s.\n\n", gsl_cdf_ugaussian_Qinv((1 - m->level) / 2),
            m->family == MODEL_QUASIPOISSON && m->se == MODEL_SE_CLASSICAL
                ? "; p on t with the residual df, as summary.glm" : "");
}

static void fit_section(FILE *fp, const study_fit *f)
{
    const model_fit *m = f->fit;
    char se[16];
    fprintf(fp, "\n### %s (`[fit %s]`)\n\n`%s`  \n", f->label, f->name, m->formula);
    fprintf(fp, "%s, %s standard errors%s%s; n = %zu (%zu row%s dropped for a missing value",
            m->glm                     ? "IRLS (maximum likelihood)"
            : f->opt.method == MODEL_OLS ? (f->opt.weight ? "WLS" : "OLS")
                                         : "robust",
            se_text(m->se, se, sizeof se), f->opt.weight ? ", weights " : "",
            f->opt.weight ? f->opt.weight : "", m->n, m->n_dropped, m->n_dropped == 1 ? "" : "s");
    if (m->n_zero_weight)
        fprintf(fp, ", %zu with zero weight left out", m->n_zero_weight);
    if (study_get(f->section, "exclude"))
        fprintf(fp, "; excluded: %s", study_get(f->section, "exclude"));
    if (m->glm)
        count_summary(fp, m);
    else
        fprintf(fp, "); R² = %.4f, adjusted %.4f, residual SE %.4g on %g df.\n\n", m->r_squared,
                m->adj_r_squared, m->sigma, m->df_residual);
    if (study_get(f->section, "note"))
        fprintf(fp, "%s\n\n", study_get(f->section, "note"));
    fit_warnings(fp, f);
    report_fit_cluster_text(m, fp, 1);
    if (m->ncluster || m->nfe)
        fputc('\n', fp);
    coef_table(fp, f);
    if (m->test) {
        char df[64];
        snprintf(df, sizeof df, m->test_is_f ? "%g and %g" : "%g", m->test_df1, m->test_df2);
        fprintf(fp, "\nJoint Wald test of `%s` (%zu terms, %s covariance): %s = %.4g on %s df, "
                    "p = %.3g.\n", m->test, m->test_q, se_text(f->opt.se, se, sizeof se),
                m->test_is_f ? "F" : "χ²", m->test_statistic, df, m->test_p_value);
    }
    fputs("\n", fp);
    cooks_list(fp, f);
    study_spatial_md(fp, f);
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

/* Figures as Markdown images with their captions; paths relative to the report. */
static void figures_section(FILE *fp, const study_state *r)
{
    if (!r->nfigures)
        return;
    fputs("\n## Figures\n", fp);
    for (size_t i = 0; i < r->nfigures; i++) {
        const study_section *sec = r->figures[i].section;
        const char *slash = strrchr(r->figures[i].path, '/');
        const char *file = slash ? slash + 1 : r->figures[i].path;
        const char *caption = study_get(sec, "caption") ? study_get(sec, "caption")
                             : study_get(sec, "title") ? study_get(sec, "title") : sec->name;
        const char *title = study_get(sec, "title") ? study_get(sec, "title") : sec->name;
        fprintf(fp, "\n![%s](%s)\n\n*%s* (`%s`)\n", title, file, caption, file);
    }
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

static void corr_sections(FILE *fp, const study_state *r)
{
    for (size_t i = 0; i < r->ncorrs; i++) {
        const study_corr *c = &r->corrs[i];
        const study_section *sec = c->section;
        const char *label = study_get(sec, "label");
        char boot[96] = "; no bootstrap"; /* "0 pair resamples" read as a failed one */
        if (c->opt.bootstrap)
            snprintf(boot, sizeof boot, "; bootstrap: %lu pair resamples, seed %lu",
                     c->opt.bootstrap, c->opt.seed);
        fprintf(fp, "\n### %s (`[corr %s]`)\n\n`%s` and `%s`, n = %zu (%zu pairs with a missing "
                "value left out)%s%s%s.\n\n", label ? label : sec->name, sec->name,
                study_get(sec, "x"), study_get(sec, "y"), c->res.n, c->res.n_dropped,
                study_get(sec, "exclude") ? "; excluded: " : "",
                study_get(sec, "exclude") ? study_get(sec, "exclude") : "", boot);
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
            fprintf(fp, "| %s | %.3f | %.2g", name, e->estimate, e->p_value);
            if (c->res.adjust != ADJUST_NONE) /* adjust = METHOD: over the run's [corr] tests */
                fprintf(fp, " (%s-adjusted over %zu: %.2g)", adjust_name(c->res.adjust),
                        c->res.adjust_tests, e->p_adjusted);
            fprintf(fp, " | %s%s", how, e->ties && k > 0 ? " (ties)" : "");
            interval(fp, e->ci_low, e->ci_high);
            interval(fp, e->boot_pct_low, e->boot_pct_high);
            interval(fp, e->boot_bca_low, e->boot_bca_high);
            fputs(" |\n", fp);
        }
    }
}

static void moran_section(FILE *fp, const study_state *r)
{
    if (!r->nmorans)
        return;
    fputs("\n## Spatial autocorrelation of the residuals (Moran's I)\n\n"
          "Row-standardised contiguity weights (departments, or regions, sharing a border). A "
          "positive I with a small p means neighbours err in the same direction: the "
          "model's standard errors are then too small.\n\n"
          "As spdep's `lm.morantest`: areas without a neighbour among the fit's rows "
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
            fprintf(fp, "%s%s", k ? ", " : "", study_area_label(m->isolated[k], sm->level,
                                                                 sm->scheme));
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

/* Sections between the slopes and the models: figures, Moran's I, correlations. */
static void extras(FILE *fp, const study_state *r)
{
    figures_section(fp, r);
    study_report_standardize(fp, r);
    moran_section(fp, r);
    if (r->ncorrs || r->nscreens) {
        fputs("\n## Correlations\n", fp);
        corr_sections(fp, r);
        study_report_screens(fp, r);
    }
}

int study_report_md_write(const study_state *r, const char *path, const char *json_path,
                          ds_err *err)
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
        fprintf(fp, "**Headline%s.** %s.", study_state_generated(r) ? " (generated data)" : "",
                line);
        reading(fp, &r->fits[h]);
        caveats(fp, r, &r->fits[h]);
        study_how_to_read(fp, r, &r->fits[h]);
        fputs("\n\n", fp);
    }
    for (size_t i = 0; i < r->nrobusts; i++) {
        char range[512];
        study_robust_headline(r, i, range, sizeof range);
        fprintf(fp, "%s**Across specifications.** %s.\n", i ? "\n" : "", range);
    }
    study_report_robustness(fp, r);
    if (r->nrobusts)
        fputs("\n", fp);
    if (r->nfits) {
        fputs("## Slopes\n\n", fp);
        slopes_table(fp, r);
        influence_note(fp, r);
    }
    /* Figures and diagnostics before the coefficient tables: what a reader looks at first. */
    extras(fp, r);
    if (r->nfits)
        fputs("\n## Models\n", fp);
    for (size_t i = 0; i < r->nfits; i++)
        fit_section(fp, &r->fits[i]);
    if ((rc = study_models_section(fp, r, json_path, err)) != DS_OK) {
        out_abort(o);
        return rc;
    }
    study_describe_section(fp, r);
    data_section(fp, r);
    inputs_section(fp, r);
    study_text(fp, r->study);
    fprintf(fp, "\nWritten by damirstat %s (`damirstat run %s`).\n", DAMIRSTAT_VERSION,
            r->study->path);
    return out_commit(o, err);
}
