/* report_text: a fit as text laid out like R's summary.lm (columns rounded the way R's
 * printCoefmat rounds them: enough decimals for the smallest entry to show 4 significant
 * digits, 3 for p-values), with confidence intervals and the diagnostics R prints elsewhere. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "damirstat/pvalue.h"
#include "damirstat/report.h"
#include "report_impl.h"

#define CELL 40

/* Decimals needed for the smallest non-zero |v| to show sig significant digits. */
static int column_decimals(const double *v, size_t n, int sig)
{
    double smallest = INFINITY;
    for (size_t i = 0; i < n; i++)
        if (isfinite(v[i]) && v[i] != 0 && fabs(v[i]) < smallest)
            smallest = fabs(v[i]);
    if (!isfinite(smallest))
        return 0;
    int d = sig - 1 - (int)floor(log10(smallest));
    return d < 0 ? 0 : d;
}

/* Formats a column: fixed with d decimals, or %.*g (sig digits) when d is more than 6 or
 * the values are huge; NA for NAN. */
static void format_fixed(const double *v, size_t n, int sig, int d, char (*out)[CELL])
{
    int sci = d > 6;
    for (size_t i = 0; i < n; i++)
        if (isfinite(v[i]) && fabs(v[i]) >= 1e15)
            sci = 1;
    for (size_t i = 0; i < n; i++) {
        if (isnan(v[i]))
            snprintf(out[i], CELL, "NA");
        else if (isinf(v[i]))
            snprintf(out[i], CELL, "%s", v[i] > 0 ? "Inf" : "-Inf");
        else if (sci)
            snprintf(out[i], CELL, "%.*g", sig, v[i]);
        else
            snprintf(out[i], CELL, "%.*f", d, v[i]);
    }
}

static void format_column(const double *v, size_t n, int sig, char (*out)[CELL])
{
    format_fixed(v, n, sig, column_decimals(v, n, sig), out);
}

/* A p-value as R's format.pval: below 2e-16 shows as "<2e-16". */
static void format_pvalues(const double *p, size_t n, char (*out)[CELL])
{
    format_column(p, n, 3, out);
    for (size_t i = 0; i < n; i++)
        if (isfinite(p[i]) && p[i] < 2e-16)
            snprintf(out[i], CELL, "<2e-16");
}

static const char *stars(double p)
{
    if (!(p >= 0))
        return "";
    return p < 0.001 ? "***" : p < 0.01 ? "**" : p < 0.05 ? "*" : p < 0.1 ? "." : " ";
}

/* Quantile of sorted x as R's quantile(type = 7). */
static double quantile7(const double *x, size_t n, double q)
{
    double h = (double)(n - 1) * q;
    size_t lo = (size_t)floor(h);
    if (lo + 1 >= n)
        return x[n - 1];
    return x[lo] + (h - (double)lo) * (x[lo + 1] - x[lo]);
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* R's print.summary.lm rounds the quantiles with zapsmall(q, 5), i.e. to
 * floor(5 - log10(max|q|) + 0.5) decimals, before printing 4 significant digits; doing the
 * same keeps the double rounding (-0.181348 -> -0.18135 -> "-0.1814") that R users see. */
static void zapsmall5(double *q)
{
    double mx = 0;
    for (int k = 0; k < 5; k++)
        mx = fabs(q[k]) > mx ? fabs(q[k]) : mx;
    if (!(mx > 0) || !isfinite(mx))
        return;
    double digits = floor(5 - log10(mx) + 0.5);
    if (digits < 0)
        digits = 0;
    if (digits > 300)
        return;
    double scale = pow(10, digits);
    for (int k = 0; k < 5; k++)
        q[k] = round(q[k] * scale) / scale;
}

/* Five-number summary of the residuals (weighted ones √w e for WLS, as summary.lm; a count
 * model's deviance residuals, as summary.glm in R 4.2). */
static void print_residuals(const model_fit *f, FILE *fp)
{
    double *r = xmalloc(f->n * sizeof *r), q[5];
    for (size_t i = 0; i < f->n; i++)
        r[i] = f->residuals[i] * (f->weights && !f->glm ? sqrt(f->weights[i]) : 1);
    qsort(r, f->n, sizeof *r, cmp_double);
    for (int k = 0; k < 5; k++)
        q[k] = quantile7(r, f->n, k / 4.0);
    free(r);
    zapsmall5(q);
    char cells[5][CELL];
    format_fixed(q, 5, 4, report_print_decimals(q, 5, 4), cells);
    const char *heads[5] = {"Min", "1Q", "Median", "3Q", "Max"};
    size_t w = 0;
    for (int k = 0; k < 5; k++)
        w = strlen(cells[k]) > w ? strlen(cells[k]) : w;
    fprintf(fp, "%s:\n", f->glm       ? "Deviance Residuals"
                      : f->weights ? "Weighted Residuals"
                                   : "Residuals");
    for (int k = 0; k < 5; k++)
        fprintf(fp, "%s%*s", k ? " " : "", (int)w, heads[k]);
    fputc('\n', fp);
    for (int k = 0; k < 5; k++)
        fprintf(fp, "%s%*s", k ? " " : "", (int)w, cells[k]);
    fputs("\n\n", fp);
}

enum { C_EST, C_SE, C_T, C_P, C_LO, C_HI, NCOL };

/* t values as printCoefmat: rounded to 3 decimals, then format(digits = 4) on the column,
 * which turns to scientific notation when the fixed form would be wider (a perfect fit's
 * t of 1.1547e11 prints 1.155e+11, not fifteen digits). */
static void format_t(const double *v, size_t n, char (*cells)[CELL])
{
    size_t fixed_w = 0, sci_w = 0;
    int mant = 0; /* mantissa decimals the column needs for 4 significant digits */
    for (size_t j = 0; j < n; j++) {
        if (!isfinite(v[j]))
            continue;
        char buf[CELL];
        snprintf(buf, sizeof buf, "%.3f", v[j]);
        fixed_w = strlen(buf) > fixed_w ? strlen(buf) : fixed_w;
        snprintf(buf, sizeof buf, "%.3e", v[j]);
        int d = 3;
        while (d > 0 && buf[(v[j] < 0) + 1 + d] == '0')
            d--;
        mant = d > mant ? d : mant;
    }
    for (size_t j = 0; j < n; j++)
        if (isfinite(v[j])) {
            char buf[CELL];
            snprintf(buf, sizeof buf, "%.*e", mant, v[j]);
            sci_w = strlen(buf) > sci_w ? strlen(buf) : sci_w;
        }
    for (size_t j = 0; j < n; j++) {
        if (!isfinite(v[j]))
            snprintf(cells[j], CELL, "%s", isnan(v[j]) ? "NA" : "Inf");
        else if (fixed_w > sci_w)
            snprintf(cells[j], CELL, "%.*e", mant, v[j]);
        else
            snprintf(cells[j], CELL, "%.3f", v[j]);
    }
}

static void print_coefficients(const model_fit *f, FILE *fp)
{
    size_t p = f->p, naliased = 0, namew = 0;
    double *v = xmalloc(2 * p * sizeof *v);
    char (*cells)[CELL] = xmalloc(NCOL * p * sizeof *cells);
    /* As printCoefmat: estimates and standard errors share their decimals (and so do the
     * interval bounds here). */
    for (size_t j = 0; j < p; j++) {
        v[j] = f->terms[j].estimate;
        v[p + j] = f->terms[j].std_error;
    }
    int shared = column_decimals(v, 2 * p, 4);
    for (int c = 0; c < NCOL; c++) {
        for (size_t j = 0; j < p; j++) {
            const model_term *t = &f->terms[j];
            double col[NCOL] = {t->estimate, t->std_error, t->t_value, t->p_value, t->ci_low,
                                t->ci_high};
            v[j] = col[c];
        }
        if (c == C_P)
            format_pvalues(v, p, cells + c * p);
        else if (c == C_T)
            format_t(v, p, cells + c * p);
        else
            format_fixed(v, p, 4, shared, cells + c * p);
    }
    char lo[32], hi[32];
    snprintf(lo, sizeof lo, "%.4g %%", 50 * (1 - f->level));
    snprintf(hi, sizeof hi, "%.4g %%", 100 - 50 * (1 - f->level));
    /* summary.glm tests with z where the dispersion is known, and coeftest with a sandwich */
    int z = f->glm && (f->family != MODEL_QUASIPOISSON || f->se != MODEL_SE_CLASSICAL);
    const char *heads[NCOL] = {"Estimate", "Std. Error", z ? "z value" : "t value",
                               z ? "Pr(>|z|)" : "Pr(>|t|)", lo, hi};
    size_t w[NCOL];
    for (int c = 0; c < NCOL; c++) {
        w[c] = strlen(heads[c]);
        for (size_t j = 0; j < p; j++)
            w[c] = strlen(cells[c * p + j]) > w[c] ? strlen(cells[c * p + j]) : w[c];
    }
    for (size_t j = 0; j < p; j++) {
        namew = strlen(f->terms[j].name) > namew ? strlen(f->terms[j].name) : namew;
        naliased += (size_t)f->terms[j].aliased;
    }
    fputs("Coefficients:", fp);
    if (naliased)
        fprintf(fp, " (%zu not defined because of singularities)", naliased);
    fprintf(fp, "\n%*s", (int)namew, "");
    for (int c = 0; c < NCOL; c++)
        fprintf(fp, " %*s", (int)w[c], heads[c]);
    fputc('\n', fp);
    for (size_t j = 0; j < p; j++) {
        fprintf(fp, "%-*s", (int)namew, f->terms[j].name);
        for (int c = 0; c < NCOL; c++)
            fprintf(fp, " %*s", (int)w[c], cells[c * p + j]);
        fprintf(fp, " %s\n", stars(f->terms[j].p_value));
    }
    fputs("---\nSignif. codes:  0 '***' 0.001 '**' 0.01 '*' 0.05 '.' 0.1 ' ' 1\n\n", fp);
    free(v);
    free(cells);
}

static void print_summary(const model_fit *f, FILE *fp)
{
    char pbuf[32];
    if (f->method == MODEL_OLS)
        fprintf(fp, "Residual standard error: %.4g on %.0f degrees of freedom\n", f->sigma,
                f->df_residual);
    else
        fprintf(fp, "Robust residual scale: %.4g on %.0f degrees of freedom (standard errors "
                    "use GSL's sigma %.4g)\n",
                f->sigma, f->df_residual, f->sigma_for_se);
    if (f->n_dropped)
        fprintf(fp, "  (%zu observation%s deleted due to missingness%s)\n", f->n_dropped,
                f->n_dropped == 1 ? "" : "s",
                f->n_domain ? ", some out of a function's domain" : "");
    if (f->n_zero_weight)
        fprintf(fp, "  (%zu observation%s with zero weight not used)\n", f->n_zero_weight,
                f->n_zero_weight == 1 ? "" : "s");
    /* R prints these with formatC(x, digits = 4), which pads to 5 characters ("  0.5"). */
    char factor[256];
    if (f->nfe) /* fixest prints "R2" and "Within R2": say which this is */
        fprintf(fp, "Multiple R-squared:  %5.4g (with the fixed effects; within: %.4g%s%s),\t"
                "Adjusted R-squared:  %5.4g \n", f->r_squared, f->within_r_squared,
                report_within_factor(f, factor, sizeof factor) ? ", with " : "", factor,
                f->adj_r_squared);
    else
        fprintf(fp, "Multiple R-squared:  %5.4g,\tAdjusted R-squared:  %5.4g \n", f->r_squared,
                f->adj_r_squared);
    if (!isnan(f->f_statistic)) {
        pvalue_text_r(f->f_p_value, 4, pbuf, sizeof pbuf);
        fprintf(fp, "F-statistic: %5.4g on %.0f and %.0f DF,  p-value: %s\n", f->f_statistic,
                f->f_df1, f->f_df2, pbuf);
        if (!f->f_robust && f->se != MODEL_SE_CLASSICAL)
            fprintf(fp, "  (F from the classical covariance, as summary.lm%s%s; the term tests "
                    "above use the robust one)\n", f->f_robust_note ? ": " : "",
                    f->f_robust_note ? f->f_robust_note : "");
        if (f->f_robust) {
            pvalue_text_r(f->f_classical_p_value, 4, pbuf, sizeof pbuf);
            if (f->ncluster) /* denominator df G − 1, as the terms' t */
                fprintf(fp, "  (Wald F with the %s covariance on G - 1 = %.0f df, as Stata's "
                            "test after vce(cluster); lmtest::waldtest(m, vcov = vcovCL(...)) "
                            "takes n - k; summary.lm's classical F: %.4g, p-value: %s)\n",
                        model_se_label(f->se), f->f_df2, f->f_classical, pbuf);
            else
                fprintf(fp, "  (Wald F with the %s covariance, as lmtest::waldtest(m, vcov = "
                            "vcovHC(m, \"%s\")); summary.lm's classical F: %.4g, p-value: "
                            "%s)\n", model_se_label(f->se), model_se_label(f->se),
                        f->f_classical, pbuf);
        }
    }
    if (!isnan(f->log_likelihood))
        fprintf(fp, "Log-likelihood: %.7g (df = %zu),  AIC: %.7g,  BIC: %.7g\n",
                f->log_likelihood, f->rank + f->fe_parameters + 1, f->aic, f->bic);
    fprintf(fp, "Condition number (unit-norm columns): %.3g\n", f->condition_number);
}

int report_fit_text(const model_fit *f, const report_labels *lab, FILE *fp, ds_err *err)
{
    if (f->glm)
        report_glm_header(f, fp);
    else if (f->method == MODEL_OLS && f->se == MODEL_SE_CONLEY)
        fprintf(fp, "Linear model (OLS%s), standard errors: Conley (%s kernel, %g km between "
                "centroids)\n", f->nfe ? ", absorbed fixed effects" : "",
                f->conley_kernel ? "uniform" : "Bartlett", f->conley_cutoff_km);
    else if (f->method == MODEL_OLS)
        fprintf(fp, "Linear model (%s%s), standard errors: %s%s%s\n", f->weights ? "WLS" : "OLS",
                f->nfe ? ", absorbed fixed effects" : "", model_se_label(f->se),
                f->ncluster ? " clustered by " : "", f->ncluster ? f->cluster[0] : "");
    else
        fprintf(fp, "Robust linear model (%s M-estimator, GSL), standard errors: GSL robust\n",
                model_method_name(f->method));
    if (!f->glm)
        fprintf(fp, "Formula: %s\n\n", f->formula);
    print_residuals(f, fp);
    print_coefficients(f, fp);
    report_fit_cluster_text(f, fp, 0);
    if (f->glm)
        report_glm_summary(f, fp);
    else
        print_summary(f, fp);
    if (f->test)
        report_test_line(f, fp);
    size_t *idx, k = report_influential(f, &idx);
    if (k) {
        fprintf(fp, "Influential rows (Cook's distance > 4/n = %.3g):", 4.0 / (double)f->n);
        for (size_t i = 0; i < k; i++) {
            if (lab && lab->labels)
                fprintf(fp, "%s %s", i ? "," : "", lab->labels[idx[i]]);
            else
                fprintf(fp, "%s row %zu", i ? "," : "", f->rows[idx[i]] + 1);
        }
        fputc('\n', fp);
    }
    free(idx);
    if (ferror(fp))
        return ds_err_set(err, DS_EIO, "write error");
    return DS_OK;
}
