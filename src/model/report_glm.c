/* report_glm: what a count model and a joint Wald test add to a fit's report — the text
 * laid out as R's print.summary.glm and MASS's print.summary.negbin (dispersion, deviances,
 * AIC, Fisher scoring iterations, theta), rate ratios for --exp, the --test line, and their
 * members of the JSON fit object (docs/json.md). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_cdf.h>

#include "damirstat/glm.h"
#include "damirstat/pvalue.h"
#include "report_impl.h"

void report_glm_header(const model_fit *f, FILE *fp)
{
    static const char *const what[] = {"", "Poisson", "quasi-Poisson (dispersion estimated)",
                                       "negative binomial (theta estimated, MASS::glm.nb)"};
    fprintf(fp, "Count model: %s, log link, IRLS as R's glm; standard errors: %s%s%s\n",
            what[f->family], model_se_label(f->se), f->ncluster ? " clustered by " : "",
            f->ncluster ? f->cluster[0] : "");
    fprintf(fp, "Formula: %s\n", f->formula);
    if (f->offset)
        fprintf(fp, "Offset: %s\n", f->offset);
    fputc('\n', fp);
}

/* R's format(x, digits = d) for one number: the fewest significant digits up to d that show
 * it, fixed notation unless scientific is narrower. */
static void r_format(double x, int digits, char *buf, size_t size)
{
    if (!isfinite(x)) {
        snprintf(buf, size, "%s", isnan(x) ? "NA" : x > 0 ? "Inf" : "-Inf");
        return;
    }
    int dec = report_print_decimals(&x, 1, digits);
    char fixed[64], sci[64];
    snprintf(fixed, sizeof fixed, "%.*f", dec, x);
    int e = x == 0 ? 0 : (int)floor(log10(fabs(x)));
    int mant = dec + e > 0 ? dec + e : 0;
    snprintf(sci, sizeof sci, "%.*e", mant > digits - 1 ? digits - 1 : mant, x);
    snprintf(buf, size, "%s", strlen(fixed) <= strlen(sci) ? fixed : sci);
}

/* exp of each estimate and of its Wald interval: rate ratios, as exp(coef(m)) and
 * exp(confint.default(m)). */
static void print_rate_ratios(const model_fit *f, FILE *fp)
{
    size_t namew = 0;
    for (size_t j = 0; j < f->p; j++)
        namew = strlen(f->terms[j].name) > namew ? strlen(f->terms[j].name) : namew;
    char lo[32], hi[32];
    snprintf(lo, sizeof lo, "%.4g %%", 50 * (1 - f->level));
    snprintf(hi, sizeof hi, "%.4g %%", 100 - 50 * (1 - f->level));
    fprintf(fp, "Rate ratios (exp of the estimates and of their Wald intervals):\n%*s %12s %12s "
                "%12s\n", (int)namew, "", "exp(Estimate)", lo, hi);
    for (size_t j = 0; j < f->p; j++) {
        const model_term *t = &f->terms[j];
        fprintf(fp, "%-*s", (int)namew, t->name);
        double v[3] = {exp(t->estimate), exp(t->ci_low), exp(t->ci_high)};
        for (int k = 0; k < 3; k++) {
            char cell[64];
            r_format(v[k], 4, cell, sizeof cell);
            fprintf(fp, " %12s", cell);
        }
        fputc('\n', fp);
    }
    fputc('\n', fp);
}

/* "    Null deviance: 7359820  on 100  degrees of freedom", as print.summary.glm formats the
 * pair: 5 significant digits, the degrees of freedom right-aligned. */
static void print_deviances(const model_fit *f, const glm_fit *g, FILE *fp)
{
    char dev[2][64], df[2][32];
    double v[2] = {g->null_deviance, g->deviance};
    int dec = report_print_decimals(v, 2, 5);
    for (int k = 0; k < 2; k++) {
        snprintf(dev[k], sizeof dev[k], "%.*f", dec, v[k]);
        snprintf(df[k], sizeof df[k], "%.0f", k ? g->df_residual : g->df_null);
    }
    int dw = (int)(strlen(dev[0]) > strlen(dev[1]) ? strlen(dev[0]) : strlen(dev[1]));
    int fw = (int)(strlen(df[0]) > strlen(df[1]) ? strlen(df[0]) : strlen(df[1]));
    fprintf(fp, "    Null deviance: %*s  on %*s  degrees of freedom\n", dw, dev[0], fw, df[0]);
    fprintf(fp, "Residual deviance: %*s  on %*s  degrees of freedom\n", dw, dev[1], fw, df[1]);
    if (f->n_dropped)
        fprintf(fp, "  (%zu observation%s deleted due to missingness)\n", f->n_dropped,
                f->n_dropped == 1 ? "" : "s");
    if (g->n_separated)
        fprintf(fp, "  (%zu observation%s left out: only zero counts where a separated term is "
                    "non-zero)\n", g->n_separated, g->n_separated == 1 ? "" : "s");
}

/* MASS's print.summary.negbin: theta and its SE to max(2 − floor(log10 SE), 0) decimals. */
static void print_theta(const glm_fit *g, FILE *fp)
{
    int dp = (int)fmax(2 - floor(log10(g->theta_se)), 0);
    char twoll[64];
    double v = round(2 * g->log_likelihood * 1000) / 1000;
    int dec = report_print_decimals(&v, 1, 7);
    snprintf(twoll, sizeof twoll, "%.*f", dec > dp ? dec : dp, v);
    fprintf(fp, "\n              Theta:  %.*f \n          Std. Err.:  %.*f \n", dp, g->theta, dp,
            g->theta_se);
    if (g->theta_warning)
        fputs("Warning while fitting theta: iteration limit reached \n", fp);
    fprintf(fp, "\n 2 x log-likelihood:  %s \n", twoll);
}

void report_glm_summary(const model_fit *f, FILE *fp)
{
    const glm_fit *g = f->glm;
    char label[64], num[64];
    if (f->exp)
        print_rate_ratios(f, fp);
    glm_family_label(f->family, g->theta_irls, label, sizeof label);
    snprintf(num, sizeof num, "%.7g", g->dispersion);
    fprintf(fp, "(Dispersion parameter for %s family taken to be %s)\n\n", label, num);
    print_deviances(f, g, fp);
    r_format(g->aic, 5, num, sizeof num);
    fprintf(fp, "AIC: %s\n\nNumber of Fisher Scoring iterations: %zu\n", num, g->iterations);
    if (f->family == MODEL_NEGBIN)
        print_theta(g, fp);
    fputc('\n', fp);
    double q = gsl_cdf_ugaussian_Qinv((1 - f->level) / 2);
    fprintf(fp, "Intervals: Wald, estimate +/- %.4g SE (R's confint.default); R's confint() on "
                "a glm profiles the likelihood instead\n", q);
    if (!isnan(f->log_likelihood))
        fprintf(fp, "Log-likelihood: %.7g (df = %zu),  AIC: %.7g,  BIC: %.7g\n",
                f->log_likelihood, f->rank + (f->family == MODEL_NEGBIN), f->aic, f->bic);
}

void report_test_line(const model_fit *f, FILE *fp)
{
    char p[32];
    pvalue_format(f->test_p_value, 4, p, sizeof p);
    fprintf(fp, "Wald test of %s (%zu term%s, %s covariance): ", f->test, f->test_q,
            f->test_q == 1 ? "" : "s", model_se_label(f->se));
    if (f->test_is_f)
        fprintf(fp, "F = %.4g on %.0f and %.0f DF, p-value: %s\n", f->test_statistic,
                f->test_df1, f->test_df2, p);
    else
        fprintf(fp, "Chi-squared = %.4g on %.0f DF, p-value: %s\n", f->test_statistic,
                f->test_df1, p);
}

/* The members a count model, a robust F and a joint test add after "response". */
void report_glm_json_members(json_w *w, const model_fit *f)
{
    if (f->f_robust)
        json_member_str(w, "f_se_type", model_se_name(f->se));
    if (f->test) {
        json_key(w, "test");
        json_object(w, JSON_COMPACT);
        json_member_str(w, "terms", f->test);
        json_member_uint(w, "q", f->test_q);
        json_member_str(w, "distribution", f->test_is_f ? "F" : "chisq");
        json_member_num(w, "statistic", f->test_statistic);
        json_member_num(w, "df1", f->test_df1);
        json_member_num(w, "df2", f->test_df2);
        json_member_num(w, "p_value", f->test_p_value);
        json_member_str(w, "se_type", model_se_name(f->se));
        json_end(w);
    }
    const glm_fit *g = f->glm;
    if (!g)
        return;
    json_member_str(w, "family", model_family_name(f->family));
    json_member_str(w, "offset", f->offset);
    json_member_num(w, "deviance", g->deviance);
    json_member_num(w, "null_deviance", g->null_deviance);
    json_member_num(w, "df_null", g->df_null);
    json_member_num(w, "dispersion", g->dispersion);
    json_member_uint(w, "iterations", g->iterations);
    json_member_bool(w, "converged", g->converged);
    json_member_uint(w, "n_separated", g->n_separated);
    json_key(w, "separated");
    json_array(w, JSON_COMPACT);
    for (size_t j = 0; j < f->p; j++)
        if (g->separated[j])
            json_str(w, f->terms[j].name);
    json_end(w);
    if (f->family == MODEL_NEGBIN) {
        json_member_num(w, "theta", g->theta);
        json_member_num(w, "theta_se", g->theta_se);
        json_member_bool(w, "theta_at_iteration_limit", g->theta_warning);
    }
}
