/* spatial_report: the spatial side of a fit as JSON members of the fit object ("spatial",
 * "lm_tests"; docs/json.md) and as text after the OLS summary, from one spatial_result. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "damirstat/pvalue.h"
#include "spatial_impl.h"

static const char *const kind_names[] = {"contiguity", "file", "knn", "band"};

static const char *coef_name(spatial_model m) { return m == SPATIAL_ERROR ? "lambda" : "rho"; }

static void json_strings(json_w *w, const char *key, char *const *s, size_t n)
{
    json_key(w, key);
    json_array(w, JSON_COMPACT);
    for (size_t i = 0; i < n; i++)
        json_str(w, s[i]);
    json_end(w);
}

/* "n", "islands_dropped", "islands_kept" and the "weights" object. */
static void json_units(json_w *w, const spatial_result *r)
{
    const weights_t *u = r->w;
    const weights_options *o = &r->weights;
    char text[256];
    json_member_uint(w, "n", u->n);
    json_strings(w, "islands_dropped", u->dropped, u->n_dropped);
    json_key(w, "islands_kept");
    json_array(w, JSON_COMPACT);
    for (size_t i = 0; i < u->n; i++)
        if (u->row_ptr[i + 1] == u->row_ptr[i])
            json_str(w, u->ids[i]);
    json_end(w);
    json_key(w, "weights");
    json_object(w, JSON_COMPACT);
    json_member_str(w, "neighbours", kind_names[o->kind]);
    json_member_str(w, "file", o->kind == WEIGHTS_FILE ? o->neighbours : NULL);
    json_key(w, "k");
    if (o->kind == WEIGHTS_KNN)
        json_uint(w, o->k);
    else
        json_null(w);
    json_member_num(w, "band_km", o->kind == WEIGHTS_BAND ? o->band_km : NAN);
    json_member_str(w, "style", weights_style_name(o->style));
    json_member_str(w, "islands", weights_islands_name(o->islands));
    json_member_uint(w, "links", u->row_ptr[u->n]);
    json_member_bool(w, "symmetric", u->symmetric);
    weights_describe(o, text, sizeof text);
    json_member_str(w, "description", text);
    json_end(w);
}

static void json_test(json_w *w, const char *key, const spatial_lm_test *t)
{
    json_key(w, key);
    json_object(w, JSON_COMPACT);
    json_member_num(w, "statistic", t->statistic);
    json_member_num(w, "df", t->df);
    json_member_num(w, "p", t->p);
    json_end(w);
}

static void json_terms(json_w *w, const spatial_fit *f)
{
    json_key(w, "coefficients");
    json_array(w, JSON_COMPACT);
    for (size_t j = 0; j < f->p; j++) {
        json_object(w, JSON_COMPACT);
        json_member_str(w, "term", f->terms[j].name);
        json_member_num(w, "estimate", f->terms[j].estimate);
        json_member_num(w, "std_error", f->terms[j].std_error);
        json_member_num(w, f->model == SPATIAL_SLX ? "t_value" : "z_value",
                        f->terms[j].z_value);
        json_member_num(w, "p_value", f->terms[j].p_value);
        json_end(w);
    }
    json_end(w);
}

static void json_impacts(json_w *w, const spatial_fit *f)
{
    json_key(w, "impacts");
    if (!f->impacts) {
        json_null(w);
        return;
    }
    json_array(w, JSON_COMPACT);
    for (size_t j = 0; j < f->n_impacts; j++) {
        const spatial_impact *m = &f->impacts[j];
        json_object(w, JSON_COMPACT);
        json_member_str(w, "term", m->name);
        json_member_num(w, "direct", m->direct);
        json_member_num(w, "indirect", m->indirect);
        json_member_num(w, "total", m->total);
        json_member_num(w, "direct_se", m->direct_se);
        json_member_num(w, "indirect_se", m->indirect_se);
        json_member_num(w, "total_se", m->total_se);
        json_member_num(w, "total_q025", m->total_q025);
        json_member_num(w, "total_q975", m->total_q975);
        json_member_num(w, "total_p_draws", m->total_p_draws);
        json_end(w);
    }
    json_end(w);
}

/* λ or ρ with its test and interval (not for slx). */
static void json_coef(json_w *w, const spatial_fit *f)
{
    const char *c = coef_name(f->model);
    char key[16];
    json_member_num(w, c, f->coef);
    snprintf(key, sizeof key, "%s_se", c);
    json_member_num(w, key, f->coef_se);
    snprintf(key, sizeof key, "%s_z", c);
    json_member_num(w, key, f->coef_z);
    snprintf(key, sizeof key, "%s_p", c);
    json_member_num(w, key, f->coef_p);
    json_key(w, "interval");
    json_array(w, JSON_COMPACT);
    json_num(w, f->lower);
    json_num(w, f->upper);
    json_end(w);
    json_member_bool(w, "at_bound", f->at_bound);
}

static void json_fit(json_w *w, const spatial_result *r)
{
    const spatial_fit *f = r->fit;
    json_key(w, "spatial");
    json_object(w, JSON_COMPACT);
    json_member_str(w, "model", spatial_model_name(f->model));
    json_member_str(w, "method", f->model == SPATIAL_SLX ? "ols" : "ml");
    json_member_str(w, "logdet", f->model == SPATIAL_SLX ? NULL : f->sparse ? "sparse" : "eigen");
    json_units(w, r);
    if (f->model != SPATIAL_SLX)
        json_coef(w, f);
    json_member_num(w, "sigma2", f->sigma2);
    json_member_num(w, "log_lik", f->log_lik);
    json_member_num(w, "aic", f->aic);
    json_member_num(w, "ols_log_lik", f->ols_log_lik);
    json_member_num(w, "ols_aic", f->ols_aic);
    json_test(w, "lr_test", &(spatial_lm_test){f->lr, f->lr_df, f->lr_p});
    json_terms(w, f);
    json_impacts(w, f);
    json_member_uint(w, "impacts_draws", f->impacts_draws);
    json_key(w, "moran");
    json_object(w, JSON_COMPACT);
    json_member_str(w, "method", f->model == SPATIAL_SLX ? "lm.morantest" : "moran.test");
    json_member_num(w, "moran_i", f->moran.i);
    json_member_num(w, "expected", f->moran.expected);
    json_member_num(w, "variance", f->moran.variance);
    json_member_num(w, "z", f->moran.z);
    json_member_num(w, "p", f->moran.p);
    json_end(w);
    json_end(w);
}

void spatial_json_members(json_w *w, const spatial_result *r)
{
    if (!r || !r->w)
        return;
    if (r->fit)
        json_fit(w, r);
    if (!r->have_lm_tests)
        return;
    json_key(w, "lm_tests");
    json_object(w, JSON_COMPACT);
    json_test(w, "LMerr", &r->lm.lm_err);
    json_test(w, "LMlag", &r->lm.lm_lag);
    json_test(w, "RLMerr", &r->lm.rlm_err);
    json_test(w, "RLMlag", &r->lm.rlm_lag);
    json_test(w, "SARMA", &r->lm.sarma);
    json_units(w, r);
    json_end(w);
}

static void text_p(FILE *fp, double p)
{
    char buf[32];
    fputs(pvalue_text_r(p, 3, buf, sizeof buf), fp);
}

static void text_units(FILE *fp, const spatial_result *r)
{
    char text[256];
    size_t kept_islands = r->w->n_islands; /* counted once, as W was built */
    weights_describe(&r->weights, text, sizeof text);
    fprintf(fp, "\nSpatial weights: %s; %zu units, %zu links%s.\n", text, r->w->n,
            r->w->row_ptr[r->w->n], r->w->symmetric ? "" : " (not symmetric)");
    for (size_t i = 0; i < r->w->n_dropped; i++)
        fprintf(fp, "%s%s", i ? ", " : "Left out for want of a neighbour: ", r->w->dropped[i]);
    if (r->w->n_dropped)
        fprintf(fp, " (the OLS fit above includes them; what follows is fitted on the %zu "
                "others).\n", r->w->n);
    if (kept_islands)
        fprintf(fp, "%zu units without a neighbour kept with a zero lag (--islands keep).\n",
                kept_islands);
}

static void text_tests(FILE *fp, const spatial_lm_tests *t)
{
    const spatial_lm_test *v[] = {&t->lm_err, &t->lm_lag, &t->rlm_err, &t->rlm_lag, &t->sarma};
    const char *names[] = {"LMerr", "LMlag", "RLMerr", "RLMlag", "SARMA"};
    fputs("LM tests for spatial dependence in the OLS residuals (as spdep's lm.LMtests):\n", fp);
    for (int i = 0; i < 5; i++) {
        fprintf(fp, "  %-7s %10.4f  df %.0f  p ", names[i], v[i]->statistic, v[i]->df);
        text_p(fp, v[i]->p);
        fputc('\n', fp);
    }
}

static void text_terms(FILE *fp, const spatial_fit *f)
{
    int slx = f->model == SPATIAL_SLX;
    fprintf(fp, "%-24s %12s %12s %8s %10s\n", "", "Estimate", "Std. Error",
            slx ? "t value" : "z value", slx ? "Pr(>|t|)" : "Pr(>|z|)");
    for (size_t j = 0; j < f->p; j++) {
        const spatial_term *t = &f->terms[j];
        fprintf(fp, "%-24s %12.7g %12.7g %8.3f ", t->name, t->estimate, t->std_error,
                t->z_value);
        text_p(fp, t->p_value);
        fputc('\n', fp);
    }
}

static void text_impacts(FILE *fp, const spatial_fit *f)
{
    if (!f->impacts)
        return;
    fprintf(fp, "Impacts of a change in a regressor everywhere (direct: on the unit itself; "
            "indirect: through its neighbours)%s:\n",
            f->impacts_draws ? "; SE from simulation" : "");
    for (size_t j = 0; j < f->n_impacts; j++) {
        const spatial_impact *m = &f->impacts[j];
        fprintf(fp, "  %-22s direct %.5g", m->name, m->direct);
        if (!isnan(m->direct_se))
            fprintf(fp, " (SE %.3g)", m->direct_se);
        fprintf(fp, ", indirect %.5g", m->indirect);
        if (!isnan(m->indirect_se))
            fprintf(fp, " (SE %.3g)", m->indirect_se);
        fprintf(fp, ", total %.5g", m->total);
        if (!isnan(m->total_se))
            fprintf(fp, " (SE %.3g)", m->total_se);
        fputc('\n', fp);
    }
    if (f->impacts_draws)
        fprintf(fp, "  (%zu draws of the estimates from their asymptotic normal distribution)\n",
                f->impacts_draws);
}

static const char *const model_titles[] = {
    "Spatial error model y = Xb + u, u = lambda Wu + e (ML, as spatialreg's errorsarlm)",
    "Spatial lag model y = rho Wy + Xb + e (ML, as spatialreg's lagsarlm)",
    "Spatial Durbin model y = rho Wy + Xb + WXg + e (ML, as lagsarlm with Durbin = TRUE)",
    "SLX model y = Xb + WXg + e (least squares, as spatialreg's lmSLX)"};

static void text_fit(FILE *fp, const spatial_fit *f)
{
    fprintf(fp, "\n%s", model_titles[f->model]);
    if (f->model != SPATIAL_SLX)
        fprintf(fp, "; log-determinant from %s", f->sparse ? "a sparse Cholesky factorisation"
                                                           : "the eigenvalues of W");
    fprintf(fp, ":\n");
    text_terms(fp, f);
    if (f->model != SPATIAL_SLX) {
        fprintf(fp, "%s = %.5g (SE %.4g, z = %.3f, p ", coef_name(f->model), f->coef,
                f->coef_se, f->coef_z);
        text_p(fp, f->coef_p);
        fprintf(fp, "); searched in (%.4g, %.4g)\n", f->lower, f->upper);
        if (f->at_bound)
            fprintf(fp, "Warning: %s is at the end of its interval: the likelihood has no "
                    "maximum inside it; the estimates should not be used.\n",
                    coef_name(f->model));
    }
    fprintf(fp, "Log-likelihood %.6g (OLS %.6g); AIC %.6g (OLS %.6g); LR test %.4g on %.0f df, "
            "p ", f->log_lik, f->ols_log_lik, f->aic, f->ols_aic, f->lr, f->lr_df);
    text_p(fp, f->lr_p);
    fputc('\n', fp);
    text_impacts(fp, f);
    fprintf(fp, "Moran's I of the model's residuals (%s): I = %.4f, E[I] = %.4f, z = %.3f, p ",
            f->model == SPATIAL_SLX ? "lm.morantest" : "moran.test", f->moran.i,
            f->moran.expected, f->moran.z);
    text_p(fp, f->moran.p);
    fputs(f->moran.p < 0.05 ? " (spatial correlation remains)\n" : "\n", fp);
}

int spatial_text(FILE *fp, const spatial_result *r, ds_err *err)
{
    if (!r || !r->w)
        return DS_OK;
    text_units(fp, r);
    if (r->have_lm_tests)
        text_tests(fp, &r->lm);
    if (r->fit)
        text_fit(fp, r->fit);
    if (ferror(fp))
        return ds_err_set(err, DS_EIO, "write error");
    return DS_OK;
}
