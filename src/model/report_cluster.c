/* report_cluster: what clustered standard errors, absorbed fixed effects and the wild
 * cluster bootstrap add to a fit's JSON object and text report (report.c, report_text.c
 * call these). */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "damirstat/report.h"

/* Below this many clusters CR1 over-rejects noticeably (Cameron & Miller 2015, section VI;
 * MacKinnon & Webb 2018): the text report says so and names the remedies. */
#define FEW_CLUSTERS 30

static void cluster_column(const model_fit *f, char *buf, size_t size)
{
    snprintf(buf, size, "%s%s%s", f->cluster[0], f->ncluster > 1 ? "," : "",
             f->ncluster > 1 ? f->cluster[1] : "");
}

static size_t fewest_groups(const model_fit *f)
{
    size_t g = f->cluster_groups[0];
    if (f->ncluster > 1 && f->cluster_groups[1] < g)
        g = f->cluster_groups[1];
    return g;
}

static void json_cluster(json_w *w, const model_fit *f)
{
    char col[512];
    cluster_column(f, col, sizeof col);
    json_key(w, "cluster");
    json_object(w, JSON_COMPACT);
    json_member_str(w, "column", col);
    json_member_uint(w, "groups", fewest_groups(f));
    json_member_str(w, "type", model_se_label(f->se));
    json_key(w, "columns");
    json_array(w, JSON_COMPACT);
    for (size_t k = 0; k < f->ncluster; k++)
        json_str(w, f->cluster[k]);
    json_end(w);
    json_key(w, "groups_by_column");
    json_array(w, JSON_COMPACT);
    for (size_t k = 0; k < f->ncluster; k++)
        json_uint(w, f->cluster_groups[k]);
    json_end(w);
    json_member_uint(w, "k", f->cluster_k);
    json_member_num(w, "small_sample_factor", f->cluster_adjustment);
    json_member_bool(w, "psd_fixed", f->cluster_psd_fixed);
    json_key(w, "terms_in_one_cluster");
    json_array(w, JSON_COMPACT);
    for (size_t j = 0; j < f->p; j++)
        if (f->one_cluster && f->one_cluster[j] && !f->terms[j].aliased)
            json_str(w, f->terms[j].name);
    json_end(w);
    json_end(w);
}

static void json_fixed_effects(json_w *w, const model_fit *f)
{
    json_key(w, "fixed_effects");
    json_object(w, JSON_COMPACT);
    json_key(w, "absorbed");
    json_array(w, JSON_COMPACT);
    for (size_t j = 0; j < f->nfe; j++) {
        json_object(w, JSON_COMPACT);
        json_member_str(w, "column", f->fe[j].name);
        json_member_uint(w, "groups", f->fe[j].groups);
        json_member_uint(w, "singletons", f->fe[j].singletons);
        json_member_bool(w, "nested_in_cluster", f->fe[j].nested);
        json_end(w);
    }
    json_end(w);
    json_member_uint(w, "parameters", f->fe_parameters);
    json_member_uint(w, "singletons", f->fe_singletons);
    json_member_num(w, "within_r_squared", f->within_r_squared);
    json_end(w);
}

static void json_wild(json_w *w, const model_fit *f)
{
    const model_wild *b = f->wild;
    json_key(w, "wild_bootstrap");
    json_object(w, JSON_COMPACT);
    json_member_str(w, "term", b->term);
    json_member_str(w, "type", "WCR");
    json_member_str(w, "weights", b->weights);
    json_member_uint(w, "reps", b->reps);
    json_member_bool(w, "enumerated", b->enumerated);
    json_member_uint(w, "seed", b->seed);
    json_member_num(w, "null", 0);
    json_member_num(w, "t", b->t);
    json_member_num(w, "p_value", b->p_value);
    json_member_num(w, "level", f->level);
    json_member_num(w, "ci_low", b->ci_low);
    json_member_num(w, "ci_high", b->ci_high);
    json_end(w);
}

void report_fit_json_cluster(json_w *w, const model_fit *f)
{
    if (f->ncluster)
        json_cluster(w, f);
    if (f->nfe)
        json_fixed_effects(w, f);
    if (f->wild)
        json_wild(w, f);
}

static void text_cluster(const model_fit *f, FILE *fp, const char *eol)
{
    size_t g = fewest_groups(f);
    if (f->ncluster == 2)
        fprintf(fp, "Clustered standard errors (%s), two-way by %s and %s (%zu and %zu groups; "
                "V_1 + V_2 - V_both)", model_se_label(f->se), f->cluster[0], f->cluster[1],
                f->cluster_groups[0], f->cluster_groups[1]);
    else
        fprintf(fp, "Clustered standard errors (%s) by %s (%zu groups)", model_se_label(f->se),
                f->cluster[0], g);
    if (f->se == MODEL_SE_CR1 && f->glm) /* a count model: z, as coeftest on a glm */
        fprintf(fp, ": G/(G-1) (n-1)/(n-k) with G = %zu, k = %zu, as sandwich::vcovCL(type = "
                "\"HC1\"); z tests, as lmtest::coeftest on a glm%s", g, f->cluster_k, eol);
    else if (f->se == MODEL_SE_CR1)
        fprintf(fp, ": G/(G-1) (n-1)/(n-k) with G = %zu, k = %zu, as fixest and Stata; t on "
                "%zu df%s", g, f->cluster_k, g - 1, eol);
    else {
        fputs(": Bell-McCaffrey, as clubSandwich; t on Satterthwaite df:", fp);
        size_t shown = 0;
        for (size_t j = 0; j < f->p && shown < 6; j++)
            if (!f->terms[j].aliased && (j > 0 || !f->has_intercept))
                fprintf(fp, "%s %s %.3g", shown++ ? "," : "", f->terms[j].name, f->terms[j].df);
        fprintf(fp, "%s%s", shown == 6 ? ", ... (each term's df in the JSON)" : "", eol);
    }
    if (f->cluster_psd_fixed)
        fprintf(fp, "  (the two-way covariance had a negative variance: its negative "
                "eigenvalues were set to 0, as Cameron, Gelbach & Miller 2011)%s", eol);
}

/* The terms non-zero in one cluster only (model_fit.one_cluster): named, and what to do. */
static void text_one_cluster(const model_fit *f, FILE *fp, int study, const char *eol)
{
    size_t count = 0;
    const char *first = NULL;
    for (size_t j = 0; j < f->p; j++)
        if (f->one_cluster && f->one_cluster[j] && !f->terms[j].aliased)
            first = count++ ? first : f->terms[j].name;
    if (!count)
        return;
    fprintf(fp, "Note: %s%s%s %s non-zero in one cluster only: %s clustered standard error%s "
            "rest%s on that one cluster and mean%s little (a dummy of a factor nested in the "
            "clusters). Absorbing such a factor (%s) leaves %s out, as fixest does.%s", first,
            count > 1 ? " and " : "", count > 1 ? "other terms" : "", count > 1 ? "are" : "is",
            count > 1 ? "their" : "its", count > 1 ? "s" : "", count > 1 ? "" : "s",
            count > 1 ? "" : "s", study ? "`model = y ~ x | COL`" : "y ~ x | COL",
            count > 1 ? "them" : "it", eol);
}

int report_within_factor(const model_fit *f, char *buf, size_t size)
{
    buf[0] = '\0';
    for (size_t j = 0; f->nfe && j < f->p; j++) {
        const char *name = f->terms[j].name, *close = strchr(name, ')');
        if (f->terms[j].aliased || strncmp(name, "factor(", 7) != 0 || !close)
            continue;
        snprintf(buf, size, "%.*s", (int)(close - name + 1), name);
        return 1;
    }
    return 0;
}

static void text_fixed_effects(const model_fit *f, FILE *fp, const char *eol)
{
    fputs("Fixed effects:", fp);
    for (size_t j = 0; j < f->nfe; j++)
        fprintf(fp, "%s %s (%zu levels)", j ? "," : "", f->fe[j].name, f->fe[j].groups);
    fprintf(fp, ", absorbed (%zu parameters, in the residual df)", f->fe_parameters);
    if (f->fe_singletons)
        fprintf(fp, "; %zu singleton row%s kept, as fixest up to 0.12 (fixest 0.13 and reghdfe "
                "drop them): %s no effect on the slopes%s", f->fe_singletons,
                f->fe_singletons == 1 ? "" : "s", f->fe_singletons == 1 ? "it has" : "they have",
                f->ncluster ? ", but with clusters they count in n, in G and in the t df while "
                              "adding nothing to the covariance (Correia 2015): drop them "
                              "(exclude) to compare" : "");
    char factor[256];
    fprintf(fp, "%sWithin R-squared: %.4g", eol, f->within_r_squared);
    if (report_within_factor(f, factor, sizeof factor)) {
        fputs(" (net of the absorbed", fp);
        for (size_t j = 0; j < f->nfe; j++)
            fprintf(fp, "%s %s", j ? "," : "", f->fe[j].name);
        fprintf(fp, " only: the %s dummies are regressors here and count in it, as in "
                "fixest's; it is not the share the slope explains)", factor);
    }
    fputs(eol, fp);
}

static void text_wild(const model_fit *f, FILE *fp, const char *eol)
{
    const model_wild *b = f->wild;
    fprintf(fp, "Wild cluster bootstrap of %s (restricted, %s weights, %zu draws%s, seed %llu): "
            "t = %.4g, p = %.4g", b->term, b->weights, b->reps,
            b->enumerated ? ": every sign vector once" : "", b->seed, b->t, b->p_value);
    if (b->p_value == 0) /* boottest prints 0 too: a bound, not a value */
        fprintf(fp, " (no draw as far out as t: p < 1/%zu)", b->reps);
    fputc(';', fp);
    if (isnan(b->ci_low) || isnan(b->ci_high))
        fprintf(fp, " %.4g %% interval unbounded on a side (the test never rejects there)%s",
                100 * f->level, eol);
    else
        fprintf(fp, " %.4g %% CI %.4g to %.4g (test inversion)%s", 100 * f->level, b->ci_low,
                b->ci_high, eol);
}

void report_fit_cluster_text(const model_fit *f, FILE *fp, int study)
{
    const char *eol = study ? "  \n" : "\n"; /* a line break in Markdown */
    if (f->ncluster) {
        text_cluster(f, fp, eol);
        text_one_cluster(f, fp, study, eol);
    }
    if (f->nfe)
        text_fixed_effects(f, fp, eol);
    if (f->wild)
        text_wild(f, fp, eol);
    size_t g = f->ncluster ? fewest_groups(f) : 0;
    if (f->ncluster && f->se == MODEL_SE_CR1 && f->glm && g < FEW_CLUSTERS)
        fprintf(fp, "Note: %zu clusters. With fewer than about %d, CR1 standard errors are too "
                "small and its tests reject too often (Cameron & Miller 2015); CR2 and the wild "
                "bootstrap are for least squares here: compare with the linear model of the "
                "rates, or read these intervals as too narrow.%s", g, FEW_CLUSTERS, eol);
    else if (f->ncluster == 2 && f->se == MODEL_SE_CR1 && g < FEW_CLUSTERS)
        fprintf(fp, "Note: %zu clusters in %s. With fewer than about %d, CR1 standard errors are "
                "too small and its tests reject too often (Cameron & Miller 2015); CR2 and the "
                "wild bootstrap take one clustering column: check with %s %s and %s or %s.%s", g,
                f->cluster_groups[0] <= f->cluster_groups[1] ? f->cluster[0] : f->cluster[1],
                FEW_CLUSTERS, study ? "`cluster =`" : "--cluster",
                f->cluster_groups[0] <= f->cluster_groups[1] ? f->cluster[0] : f->cluster[1],
                study ? "`se = cr2`" : "--se cr2",
                study ? "`wild_bootstrap = 9999`" : "--wild-bootstrap 9999", eol);
    else if (f->ncluster && f->se == MODEL_SE_CR1 && !f->wild && g < FEW_CLUSTERS)
        fprintf(fp, "Note: %zu clusters. With fewer than about %d, CR1 standard errors are too "
                "small and its tests reject too often (Cameron & Miller 2015): check with %s "
                "(Bell-McCaffrey, Satterthwaite df) or %s (restricted wild cluster "
                "bootstrap).%s", g, FEW_CLUSTERS, study ? "`se = cr2`" : "--se cr2",
                study ? "`wild_bootstrap = 9999`" : "--wild-bootstrap 9999", eol);
    if (!study && (f->ncluster || f->nfe))
        fputc('\n', fp);
}
