/* report: text, JSON, TSV and CSV views of a model_fit. Numbers for machines carry 17
 * significant digits (they read back to the same double); text rounds as R's summary does. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "damirstat/json.h"
#include "damirstat/report.h"

static int write_status(FILE *fp, ds_err *err)
{
    if (ferror(fp))
        return ds_err_set(err, DS_EIO, "write error");
    return DS_OK;
}

int report_fit_json(const model_fit *f, FILE *fp, ds_err *err)
{
    fprintf(fp, "{\"n\":%zu,", f->n);
    json_member_number(fp, "df_residual", f->df_residual, 1);
    json_member_number(fp, "sigma", f->sigma, 1);
    json_member_number(fp, "r_squared", f->r_squared, 1);
    json_member_number(fp, "adj_r_squared", f->adj_r_squared, 1);
    json_member_number(fp, "f_statistic", f->f_statistic, 1);
    json_member_number(fp, "f_p_value", f->f_p_value, 1);
    json_member_number(fp, "log_likelihood", f->log_likelihood, 1);
    json_member_number(fp, "aic", f->aic, 1);
    json_member_number(fp, "bic", f->bic, 1);
    fputs("\"coefficients\":[", fp);
    for (size_t j = 0; j < f->p; j++) {
        const model_term *t = &f->terms[j];
        fputs(j ? ",{\"term\":" : "{\"term\":", fp);
        json_string(fp, t->name);
        fputc(',', fp);
        json_member_number(fp, "estimate", t->estimate, 1);
        json_member_number(fp, "std_error", t->std_error, 1);
        json_member_number(fp, "t_value", t->t_value, 1);
        json_member_number(fp, "p_value", t->p_value, 1);
        json_member_number(fp, "ci_low", t->ci_low, 1);
        fputs("\"ci_high\":", fp);
        json_number(fp, t->ci_high);
        fputc('}', fp);
    }
    fprintf(fp, "],\"n_dropped\":%zu,\"n_zero_weight\":%zu,\"method\":\"%s\",\"se_type\":\"%s\",",
            f->n_dropped, f->n_zero_weight, model_method_name(f->method), model_se_name(f->se));
    json_member_number(fp, "level", f->level, 1);
    json_member_number(fp, "condition_number", f->condition_number, 1);
    if (f->method != MODEL_OLS)
        json_member_number(fp, "sigma_for_se", f->sigma_for_se, 1);
    fputs("\"aliased\":[", fp);
    int first = 1;
    for (size_t j = 0; j < f->p; j++)
        if (f->terms[j].aliased) {
            if (!first)
                fputc(',', fp);
            json_string(fp, f->terms[j].name);
            first = 0;
        }
    fputs("],\"formula\":", fp);
    json_string(fp, f->formula);
    fputs(",\"response\":", fp);
    json_string(fp, f->response);
    fputs("}\n", fp);
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
