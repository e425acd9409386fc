/* study_report_robust: the finding's Table 2 — one row per specification ([robustness NAME]):
 * the slope per +scale, its interval, p and n, and how the interval was found, from the fits
 * as the study made them (a spatial fit's own slope or total impact, a count model's log
 * slope converted at the mean rate, a wild cluster bootstrap's p and interval); the range
 * across each table's rows for the headline; the same rows in results.json. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "study_write_impl.h"

typedef struct robust_row {
    const study_fit *f;
    double slope, lo, hi, p; /* per +scale */
    size_t n;
    char how[320];           /* how the interval was found */
} robust_row;

/* Mean of column col over the rows a fit used: the rate at which a count model's log slope
 * becomes a slope of the rate (d rate / dx = b · rate). */
static double rate_mean(const study_fit *f, const char *col)
{
    long j = table_col_index(f->data, col);
    double s = 0;
    for (size_t i = 0; j >= 0 && i < f->fit->n; i++)
        s += table_num(f->data, f->fit->rows[i], (size_t)j);
    return j >= 0 && f->fit->n ? s / (double)f->fit->n : NAN;
}

static void se_words(const model_fit *m, char *buf, size_t size)
{
    const char *label = model_se_label(m->se);
    if (m->ncluster && m->se == MODEL_SE_CR2)
        snprintf(buf, size, "CR2 by %s (%zu clusters), Satterthwaite df", m->cluster[0],
                 m->cluster_groups[0]);
    else if (m->ncluster)
        snprintf(buf, size, "CR1 by %s (%zu clusters), t on %zu df", m->cluster[0],
                 m->cluster_groups[0], m->cluster_groups[0] - 1);
    else if (m->se == MODEL_SE_CONLEY)
        snprintf(buf, size, "Conley, %g km", m->conley_cutoff_km);
    else
        snprintf(buf, size, "%s standard errors", label);
}

/* How a spatial row's interval was found: the asymptotic SE (error), or the draws of the
 * total impact (lag), saying how many were dropped for a ρ outside its interval. */
static void spatial_draws_text(const study_fit *f, char *buf, size_t size)
{
    const spatial_fit *s = f->fit->spatial->fit;
    size_t asked = f->spatial ? f->spatial->rq.opts.impacts_draws : s->impacts_draws;
    if (!(s->impacts != NULL && s->model != SPATIAL_SLX))
        snprintf(buf, size, "ML, asymptotic SE");
    else if (asked > s->impacts_draws)
        snprintf(buf, size, "ML; total impact, quantiles and sign share of %zu draws (of %zu: "
                 "%zu with ρ outside its interval dropped, as spatialreg)", s->impacts_draws,
                 asked, asked - s->impacts_draws);
    else
        snprintf(buf, size, "ML; total impact, quantiles and sign share of %zu draws",
                 s->impacts_draws);
}

/* Row k of table b. */
static void row_values(const study_state *r, const study_robust *b, size_t k, robust_row *o)
{
    const study_fit *f = &r->fits[b->fits[k]];
    const model_fit *m = f->fit;
    const model_term *t = &m->terms[study_fit_term(f)];
    model_term sp;
    size_t sn;
    double factor = f->scale;
    o->f = f;
    o->n = m->n;
    o->p = t->p_value;
    o->lo = t->ci_low;
    o->hi = t->ci_high;
    o->slope = t->estimate;
    if (b->wild[k]) {
        o->p = m->wild->p_value;
        o->lo = m->wild->ci_low;
        o->hi = m->wild->ci_high;
        if (m->wild->enumerated)
            snprintf(o->how, sizeof o->how, "wild cluster bootstrap by %s (%s weights, all %zu "
                     "sign vectors), interval by test inversion", m->cluster[0],
                     m->wild->weights, m->wild->reps);
        else
            snprintf(o->how, sizeof o->how, "wild cluster bootstrap by %s (%s weights, %zu "
                     "draws), interval by test inversion", m->cluster[0], m->wild->weights,
                     m->wild->reps);
    } else if (study_spatial_slope(f, &sp, &sn)) {
        o->slope = sp.estimate;
        o->lo = sp.ci_low;
        o->hi = sp.ci_high;
        o->p = sp.p_value;
        o->n = sn;
        spatial_draws_text(f, o->how, sizeof o->how);
    } else if (m->family != MODEL_GAUSSIAN) {
        const char *col = study_get(b->section, "count_rate");
        double mean = rate_mean(f, col);
        factor *= mean;
        /* summary.glm's p on t for quasipoisson, confint.default's normal quantile: both
         * as R gives them, so the row must say which is which */
        if (m->family == MODEL_QUASIPOISSON && m->se == MODEL_SE_CLASSICAL)
            snprintf(o->how, sizeof o->how, "%s, Wald interval on the normal quantile (as "
                     "confint.default), p on t with %.0f df (as summary.glm); log slope × mean "
                     "%s (%.4g)", model_family_name(m->family), m->df_residual, col, mean);
        else
            snprintf(o->how, sizeof o->how, "%s, Wald (z); log slope × mean %s (%.4g)",
                     model_family_name(m->family), col, mean);
    } else {
        se_words(m, o->how, sizeof o->how);
    }
    o->slope *= factor;
    o->lo *= factor;
    o->hi *= factor;
}

void study_report_robustness(FILE *fp, const study_state *r)
{
    for (size_t i = 0; i < r->nrobusts; i++) {
        const study_robust *b = &r->robusts[i];
        const char *title = study_get(b->section, "title");
        const study_fit *f0 = &r->fits[b->fits[0]];
        fprintf(fp, "\n## %s\n\n", title ? title : "Robustness of the slope");
        fprintf(fp, "Slope of `%s` per +%g, each row a specification (`[robustness %s]`).%s%s\n\n"
                "| specification | n | slope per +%g | %g %% CI | p | interval |\n"
                "|---|---:|---:|---|---:|---|\n", f0->term, f0->scale, b->section->name,
                study_get(b->section, "note") ? " " : "",
                study_get(b->section, "note") ? study_get(b->section, "note") : "", f0->scale,
                100 * f0->opt.level);
        for (size_t k = 0; k < b->nrows; k++) {
            robust_row w;
            row_values(r, b, k, &w);
            fprintf(fp, "| %s%s | %zu | %.3f | ", w.f->label, b->wild[k] ? " (wild bootstrap)"
                    : "", w.n, w.slope);
            if (isnan(w.lo))
                fputs("– | ", fp);
            else
                fprintf(fp, "%.3f to %.3f | ", w.lo, w.hi);
            fprintf(fp, "%.2g | %s |\n", w.p, w.how);
        }
    }
}

void study_robust_headline(const study_state *r, size_t i, char *buf, size_t size)
{
    buf[0] = '\0';
    if (i >= r->nrobusts)
        return;
    const study_robust *b = &r->robusts[i];
    robust_row lo, hi, w;
    row_values(r, b, 0, &lo);
    hi = lo;
    size_t excl = 0, with_ci = 0;
    for (size_t k = 0; k < b->nrows; k++) {
        row_values(r, b, k, &w);
        if (w.slope < lo.slope)
            lo = w;
        if (w.slope > hi.slope)
            hi = w;
        with_ci += !isnan(w.lo);
        excl += !isnan(w.lo) && (w.lo > 0 || w.hi < 0);
    }
    /* the title up to its first full stop: "Table 2" */
    const char *title = study_get(b->section, "title");
    int tlen = title ? (int)strcspn(title, ".") : 0;
    snprintf(buf, size, "Across the %zu specifications of %.*s: %+.3f (%s) to %+.3f (%s) per "
             "+%g; %zu of %zu intervals exclude 0", b->nrows, title ? tlen : (int)strlen(
             b->section->name), title ? title : b->section->name, lo.slope, lo.f->label,
             hi.slope, hi.f->label, lo.f->scale, excl, with_ci);
}

void study_json_robustness(json_w *w, const study_state *r)
{
    json_key(w, "robustness");
    json_array(w, JSON_LINES);
    for (size_t i = 0; i < r->nrobusts; i++) {
        const study_robust *b = &r->robusts[i];
        json_object(w, JSON_LINES);
        json_member_str(w, "name", b->section->name);
        json_member_str(w, "title", study_get(b->section, "title"));
        json_key(w, "rows");
        json_array(w, JSON_LINES);
        for (size_t k = 0; k < b->nrows; k++) {
            robust_row v;
            row_values(r, b, k, &v);
            json_object(w, JSON_COMPACT);
            json_member_str(w, "fit", v.f->name);
            json_member_str(w, "label", v.f->label);
            json_member_bool(w, "wild_bootstrap", b->wild[k]);
            json_member_num(w, "scale", v.f->scale);
            json_member_num(w, "slope", v.slope);
            json_member_num(w, "ci_low", v.lo);
            json_member_num(w, "ci_high", v.hi);
            json_member_num(w, "p", v.p);
            json_member_uint(w, "n", v.n);
            json_member_str(w, "interval", v.how);
            json_end(w);
        }
        json_end(w);
        json_end(w);
    }
    json_end(w);
}
