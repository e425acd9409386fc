/* report: text, JSON, TSV and CSV views of a model_fit. Numbers for machines carry 17
 * significant digits (they read back to the same double); text rounds as R's summary does. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "damirstat/json.h"
#include "damirstat/conley.h"
#include "damirstat/report.h"
#include "report_impl.h"
#include "damirstat/spatial.h"

static int write_status(FILE *fp, ds_err *err)
{
    if (ferror(fp))
        return ds_err_set(err, DS_EIO, "write error");
    return DS_OK;
}

/* The coefficients as an array of {"term", "estimate", …}, null where a term is aliased. */
static void json_coefficients(json_w *w, const model_fit *f)
{
    json_key(w, "coefficients");
    json_array(w, JSON_COMPACT);
    for (size_t j = 0; j < f->p; j++) {
        const model_term *t = &f->terms[j];
        json_object(w, JSON_COMPACT);
        json_member_str(w, "term", t->name);
        json_member_num(w, "estimate", t->estimate);
        json_member_num(w, "std_error", t->std_error);
        json_member_num(w, "t_value", t->t_value);
        json_member_num(w, "p_value", t->p_value);
        json_member_num(w, "ci_low", t->ci_low);
        json_member_num(w, "ci_high", t->ci_high);
        if (f->ncluster) /* each term's own df: G − 1 (CR1), Satterthwaite's (CR2) */
            json_member_num(w, "df", t->df);
        if (f->exp) { /* rate ratios: exp(coef) and exp(confint.default) */
            json_member_num(w, "exp_estimate", exp(t->estimate));
            json_member_num(w, "exp_ci_low", exp(t->ci_low));
            json_member_num(w, "exp_ci_high", exp(t->ci_high));
        }
        json_end(w);
    }
    json_end(w);
}

/* Every member of the fit object is listed here (and, for clusters, fixed effects and the
 * wild bootstrap, in report_cluster.c) and nowhere else (docs/json.md, "fit"): a new kind of
 * fit adds its own ("spatial", "lm_tests", "dispersion", "theta") after "response", when
 * the fit has them. */
void report_fit_json_members(json_w *w, const model_fit *f)
{
    json_member_str(w, "schema", REPORT_FIT_SCHEMA);
    json_member_uint(w, "n", f->n);
    json_member_num(w, "df_residual", f->df_residual);
    json_member_num(w, "sigma", f->sigma);
    json_member_num(w, "r_squared", f->r_squared);
    json_member_num(w, "adj_r_squared", f->adj_r_squared);
    json_member_num(w, "f_statistic", f->f_statistic);
    json_member_num(w, "f_p_value", f->f_p_value);
    json_member_num(w, "log_likelihood", f->log_likelihood);
    json_member_num(w, "aic", f->aic);
    json_member_num(w, "bic", f->bic);
    json_coefficients(w, f);
    json_member_uint(w, "n_dropped", f->n_dropped);
    json_member_uint(w, "n_zero_weight", f->n_zero_weight);
    /* a count model is fitted by IRLS (maximum likelihood), whatever f->method says */
    json_member_str(w, "method", f->glm ? "irls" : model_method_name(f->method));
    json_member_str(w, "se_type", model_se_name(f->se));
    json_member_num(w, "level", f->level);
    json_member_num(w, "condition_number", f->condition_number);
    if (f->method != MODEL_OLS)
        json_member_num(w, "sigma_for_se", f->sigma_for_se);
    json_key(w, "aliased");
    json_array(w, JSON_COMPACT);
    for (size_t j = 0; j < f->p; j++)
        if (f->terms[j].aliased)
            json_str(w, f->terms[j].name);
    json_end(w);
    json_member_str(w, "formula", f->formula);
    json_member_str(w, "response", f->response);
    report_fit_json_cluster(w, f);
    report_glm_json_members(w, f);
    if (f->se == MODEL_SE_CONLEY) {
        json_key(w, "conley");
        json_object(w, JSON_COMPACT);
        json_member_num(w, "cutoff_km", f->conley_cutoff_km);
        json_member_str(w, "kernel", conley_kernel_name((conley_kernel)f->conley_kernel));
        json_end(w);
    }
    spatial_json_members(w, f->spatial);
}

void report_fit_json_object(json_w *w, const model_fit *f)
{
    json_object(w, JSON_COMPACT);
    report_fit_json_members(w, f);
    json_end(w);
}

int report_fit_json(const model_fit *f, FILE *fp, ds_err *err)
{
    json_w w;
    json_init(&w, fp);
    report_fit_json_object(&w, f);
    putc('\n', fp);
    return write_status(fp, err);
}

static void tsv_num(FILE *fp, double v, const char *sep)
{
    if (isnan(v))
        fprintf(fp, "NA%s", sep);
    else if (isinf(v))
        fprintf(fp, "%s%s", v > 0 ? "Inf" : "-Inf", sep);
    else
        fprintf(fp, "%.17g%s", v, sep);
}

int report_fit_tsv(const model_fit *f, FILE *fp, ds_err *err)
{
    fputs("term\testimate\tstd_error\tt_value\tp_value\tci_low\tci_high\n", fp);
    for (size_t j = 0; j < f->p; j++) {
        const model_term *t = &f->terms[j];
        fprintf(fp, "%s\t", t->name);
        tsv_num(fp, t->estimate, "\t");
        tsv_num(fp, t->std_error, "\t");
        tsv_num(fp, t->t_value, "\t");
        tsv_num(fp, t->p_value, "\t");
        tsv_num(fp, t->ci_low, "\t");
        tsv_num(fp, t->ci_high, "\n");
    }
    return write_status(fp, err);
}

/* Writes a CSV cell, quoted when it holds a comma, quote or line break (RFC 4180). */
static void csv_cell(FILE *fp, const char *s)
{
    if (!strpbrk(s, ",\"\r\n")) {
        fputs(s, fp);
        return;
    }
    fputc('"', fp);
    for (; *s; s++) {
        if (*s == '"')
            fputc('"', fp);
        fputc(*s, fp);
    }
    fputc('"', fp);
}

static void row_label(const model_fit *f, const report_labels *lab, size_t i, char *buf,
                      size_t size)
{
    if (lab && lab->labels)
        snprintf(buf, size, "%s", lab->labels[i]);
    else
        snprintf(buf, size, "%zu", f->rows[i] + 1);
}

int report_fit_residuals(const model_fit *f, const report_labels *lab, FILE *fp, ds_err *err)
{
    csv_cell(fp, lab && lab->key_name ? lab->key_name : "row");
    fputs(",fitted,residual,std_residual,leverage,cooks_distance\n", fp);
    char key[512];
    for (size_t i = 0; i < f->n; i++) {
        row_label(f, lab, i, key, sizeof key);
        csv_cell(fp, key);
        fputc(',', fp);
        tsv_num(fp, f->fitted[i], ",");
        tsv_num(fp, f->residuals[i], ",");
        tsv_num(fp, f->std_residuals[i], ",");
        tsv_num(fp, f->leverage[i], ",");
        tsv_num(fp, f->cooks_distance[i], "\n");
    }
    return write_status(fp, err);
}

size_t report_influential(const model_fit *f, size_t **idx)
{
    size_t count = 0;
    *idx = xmalloc((f->n ? f->n : 1) * sizeof **idx);
    double cut = 4.0 / (double)f->n;
    for (size_t i = 0; i < f->n; i++)
        if (f->cooks_distance[i] > cut)
            (*idx)[count++] = i;
    return count;
}
