/* study_report_spatial: the spatial paragraphs of a fit in report.md — which weights, which
 * departments were left out and why, then what the LM tests and the spatial model say, in
 * the words a reader needs to weigh them beside the OLS slope. */
#include <math.h>
#include <string.h>

#include <gsl/gsl_cdf.h>

#include "damirstat/pvalue.h"
#include "study_write_impl.h"

static void p_text(FILE *fp, double p)
{
    char buf[32];
    fputs(pvalue_text_r(p, 3, buf, sizeof buf), fp);
}

static void weights_md(FILE *fp, const spatial_result *r)
{
    char text[256];
    size_t kept_islands = r->w->n_islands; /* counted once, as W was built */
    weights_describe(&r->weights, text, sizeof text);
    fprintf(fp, "**Spatial weights:** %s; %zu departments, %zu links.", text, r->w->n,
            r->w->row_ptr[r->w->n]);
    for (size_t i = 0; i < r->w->n_dropped; i++)
        fprintf(fp, "%s%s", i ? ", " : " Left out for want of a neighbour: ", r->w->dropped[i]);
    if (r->w->n_dropped)
        fprintf(fp, " (the tests and the spatial model are fitted on the %zu others).",
                r->w->n);
    if (kept_islands)
        fprintf(fp, " %zu departments without a neighbour kept with a zero spatial lag.",
                kept_islands);
    fputs("\n\n", fp);
}

static void tests_md(FILE *fp, const spatial_lm_tests *t)
{
    const spatial_lm_test *v[] = {&t->lm_err, &t->lm_lag, &t->rlm_err, &t->rlm_lag, &t->sarma};
    const char *names[] = {"LMerr", "LMlag", "RLMerr", "RLMlag", "SARMA"};
    fputs("LM tests of the OLS residuals (as spdep's `lm.LMtests`; the robust forms RLMerr and "
          "RLMlag say which of an error or a lag process remains once the other is allowed "
          "for):\n\n| test | statistic | df | p |\n|---|---:|---:|---:|\n", fp);
    for (int i = 0; i < 5; i++) {
        fprintf(fp, "| %s | %.4g | %.0f | ", names[i], v[i]->statistic, v[i]->df);
        p_text(fp, v[i]->p);
        fputs(" |\n", fp);
    }
    fputc('\n', fp);
}

/* The headline term of the spatial model, per +scale, with its 95 % normal interval. */
static void headline_md(FILE *fp, const study_fit *f, const spatial_fit *s)
{
    for (size_t j = 0; f->term && j < s->p; j++)
        if (strcmp(s->terms[j].name, f->term) == 0) {
            double b = s->terms[j].estimate * f->scale, se = s->terms[j].std_error * f->scale;
            fprintf(fp, "`%s` per +%g: %.3f (95 %% CI %.3f to %.3f)%s. ", f->term, f->scale, b,
                    b - 1.959963984540054 * se, b + 1.959963984540054 * se,
                    s->model == SPATIAL_LAG || s->model == SPATIAL_DURBIN
                        ? ", the direct coefficient; its total impact is below" : "");
        }
}

static void impacts_md(FILE *fp, const spatial_fit *s)
{
    if (!s->impacts)
        return;
    fprintf(fp, "Impacts (a change of one unit in the regressor in every department: direct "
            "on the department itself, indirect through its neighbours)%s:\n\n"
            "| term | direct | indirect | total |\n|---|---:|---:|---:|\n",
            s->impacts_draws ? ", SE from draws of the estimates" : "");
    for (size_t j = 0; j < s->n_impacts; j++) {
        const spatial_impact *m = &s->impacts[j];
        char md[512];
        fprintf(fp, "| %s | %.4g", study_md(m->name, md, sizeof md), m->direct);
        if (!isnan(m->direct_se))
            fprintf(fp, " (SE %.2g)", m->direct_se);
        fprintf(fp, " | %.4g", m->indirect);
        if (!isnan(m->indirect_se))
            fprintf(fp, " (SE %.2g)", m->indirect_se);
        fprintf(fp, " | %.4g", m->total);
        if (!isnan(m->total_se))
            fprintf(fp, " (SE %.2g)", m->total_se);
        fputs(" |\n", fp);
    }
    fputc('\n', fp);
}

static const char *const titles[] = {"Spatial error model (ML, as spatialreg's errorsarlm)",
                                     "Spatial lag model (ML, as spatialreg's lagsarlm)",
                                     "Spatial Durbin model (ML, as lagsarlm with Durbin = TRUE)",
                                     "SLX model (least squares, as spatialreg's lmSLX)"};

static void model_md(FILE *fp, const study_fit *f, const spatial_fit *s)
{
    fprintf(fp, "**%s**, n = %zu. ", titles[s->model], s->n);
    headline_md(fp, f, s);
    if (s->model != SPATIAL_SLX) {
        fprintf(fp, "%s = %.3f (SE %.3f)%s; ", s->model == SPATIAL_ERROR ? "λ" : "ρ", s->coef,
                s->coef_se, s->at_bound ? " — **at the end of its interval: no maximum inside "
                "it, do not use these estimates**" : "");
    }
    fprintf(fp, "log-likelihood %.2f against %.2f for OLS on the same departments, LR test "
            "%.2f on %.0f df (p ", s->log_lik, s->ols_log_lik, s->lr, s->lr_df);
    p_text(fp, s->lr_p);
    fprintf(fp, "); AIC %.1f against %.1f. Moran's I of its residuals %.3f (%s, p = %.2g)%s\n\n",
            s->aic, s->ols_aic, s->moran.i, s->model == SPATIAL_SLX ? "lm.morantest"
                                                                     : "moran.test",
            s->moran.p, s->moran.p < 0.05 ? ": spatial correlation remains." : ".");
    fputs("| term | estimate | SE | z | p |\n|---|---:|---:|---:|---:|\n", fp);
    for (size_t j = 0; j < s->p; j++) {
        char md[512];
        fprintf(fp, "| %s | %.6g | %.4g | %.3f | ", study_md(s->terms[j].name, md, sizeof md),
                s->terms[j].estimate,
                s->terms[j].std_error, s->terms[j].z_value);
        p_text(fp, s->terms[j].p_value);
        fputs(" |\n", fp);
    }
    fputc('\n', fp);
    impacts_md(fp, s);
}

void study_spatial_md(FILE *fp, const study_fit *f)
{
    const model_fit *m = f->fit;
    if (m->se == MODEL_SE_CONLEY)
        fprintf(fp, "Standard errors above: Conley's spatial HAC, %s kernel up to %g km between "
                "department centroids (no small-sample factor).\n\n",
                m->conley_kernel ? "uniform" : "Bartlett", m->conley_cutoff_km);
    const spatial_result *r = m->spatial;
    if (!r || !r->w)
        return;
    fputs("\n", fp);
    weights_md(fp, r);
    if (r->have_lm_tests)
        tests_md(fp, &r->lm);
    if (r->fit)
        model_md(fp, f, r->fit);
}

int study_spatial_slope(const study_fit *f, model_term *out, size_t *n)
{
    const spatial_fit *s = f->fit->spatial ? f->fit->spatial->fit : NULL;
    if (!s || !f->term)
        return 0;
    memset(out, 0, sizeof *out);
    out->estimate = out->std_error = out->p_value = out->ci_low = out->ci_high = NAN;
    double q = f->opt.level, z = s->model == SPATIAL_SLX
                                     ? gsl_cdf_tdist_Pinv(1 - (1 - q) / 2, (double)(s->n - s->p))
                                     : gsl_cdf_ugaussian_Pinv(1 - (1 - q) / 2);
    int lag = s->model == SPATIAL_LAG || s->model == SPATIAL_DURBIN;
    for (size_t j = 0; lag && j < s->n_impacts; j++)
        if (strcmp(s->impacts[j].name, f->term) == 0) {
            out->estimate = s->impacts[j].total;
            out->std_error = s->impacts[j].total_se;
            out->p_value = s->impacts[j].total_p_draws;
            /* the draws' quantiles: the total's distribution is skewed near ρ = 1 */
            out->ci_low = s->impacts[j].total_q025;
            out->ci_high = s->impacts[j].total_q975;
        }
    for (size_t j = 0; !lag && j < s->p; j++)
        if (strcmp(s->terms[j].name, f->term) == 0) {
            out->estimate = s->terms[j].estimate;
            out->std_error = s->terms[j].std_error;
            out->p_value = s->terms[j].p_value;
        }
    if (!lag) {
        out->ci_low = out->estimate - z * out->std_error;
        out->ci_high = out->estimate + z * out->std_error;
    }
    *n = s->n;
    return 1;
}
