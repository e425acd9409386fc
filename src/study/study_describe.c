/* study_describe: the parts of report.md that describe rather than estimate — a row's key
 * as a reader knows it ("Mayotte (976)"), the study's own "How to read it", the descriptive
 * statistics of the headline model's data and the side-by-side table of the fits (read back
 * from results.json by the regtable module, so that `damirstat models` prints the same). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "damirstat/geo.h"
#include "damirstat/regtable.h"
#include "study_write_impl.h"

/* A number for text: three decimals in the usual range (what a reader compares with a
 * published "+0.5"), in full and grouped from 10,000, significant digits below 0.01. */
void study_format_num(char *buf, size_t size, double x)
{
    double a = fabs(x);
    if (isnan(x))
        snprintf(buf, size, "–");
    else if (a == 0 || (a >= 0.01 && a < 1e4))
        snprintf(buf, size, "%.3f", x);
    else if (a >= 1e4 && a < 1e15) /* in full, grouped: 5,229,553, never 5.23e+06 */
        study_group_num(buf, size, x, 0);
    else
        snprintf(buf, size, "%.3g", x);
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

void study_group_num(char *buf, size_t size, double x, int decimals)
{
    char raw[64];
    if (!isfinite(x)) {
        snprintf(buf, size, "–");
        return;
    }
    int n = snprintf(raw, sizeof raw, "%.*f", decimals, x);
    const char *digits = raw + (raw[0] == '-');
    size_t whole = strcspn(digits, "."), o = 0;
    if (raw[0] == '-' && o + 1 < size)
        buf[o++] = '-';
    for (size_t i = 0; digits[i] && o + 2 < size && (int)i < n; i++) {
        if (i > 0 && i < whole && (whole - i) % 3 == 0)
            buf[o++] = ',';
        buf[o++] = digits[i];
    }
    buf[o] = '\0';
}

/* A scale as a reader writes it: 100, 1,000,000; other values with %g. */
void study_scale_text(char *buf, size_t size, double scale)
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

static void study_key_text(const table_t *t, const char *key_col, size_t row, char *buf,
                           size_t size);

const char *study_md(const char *s, char *buf, size_t size)
{
    size_t o = 0;
    for (; *s && o + 2 < size; s++) {
        if (strchr("\\`*_[]<>|&#!", *s))
            buf[o++] = '\\';
        buf[o++] = *s;
    }
    buf[o] = '\0';
    return buf;
}

void study_key_label(const table_t *t, const char *key_col, const char *within, size_t row,
                     char *buf, size_t size)
{
    char raw[200];
    study_key_text(t, key_col, row, raw, sizeof raw);
    long wc = within ? table_col_index(t, within) : -1;
    size_t len = strlen(raw);
    if (wc >= 0 && len + 3 < sizeof raw) { /* a panel's row: "Gers (32, 2014)" */
        const char *w = table_text(t, row, (size_t)wc);
        if (len && raw[len - 1] == ')')
            snprintf(raw + len - 1, sizeof raw - len + 1, ", %s)", w);
        else
            snprintf(raw + len, sizeof raw - len, " (%s)", w);
    }
    study_md(raw, buf, size);
}

static void study_key_text(const table_t *t, const char *key_col, size_t row, char *buf,
                           size_t size)
{
    long col = table_col_index(t, key_col);
    if (col < 0) {
        snprintf(buf, size, "row %zu", row + 1);
        return;
    }
    const char *key = table_text(t, row, (size_t)col);
    geo_region_scheme scheme;
    geo_level level = geo_level_of_name(key_col, &scheme);
    const char *name = NULL;
    char code[GEO_CODE_MAX];
    int region;
    if (level == GEO_LEVEL_REGION &&
        geo_region_canon(key, strlen(key), scheme, &region, NULL) == DS_OK)
        name = geo_region_name(region, scheme);
    else if (level != GEO_LEVEL_REGION && geo_dept_canon(key, strlen(key), code, NULL) == DS_OK)
        name = geo_dept_name(code);
    if (name)
        snprintf(buf, size, "%s (%s)", name, key);
    else
        snprintf(buf, size, "%s", key);
}

const char *study_area_label(const char *code, geo_level level, geo_region_scheme scheme)
{
    static char buf[160];
    const char *name = level == GEO_LEVEL_REGION ? geo_region_name(atoi(code), scheme)
                                                 : geo_dept_name(code);
    if (name)
        snprintf(buf, sizeof buf, "%s (%s)", name, code);
    else
        snprintf(buf, sizeof buf, "%s", code);
    return buf;
}

const char *study_unit_noun(const study_fit *f)
{
    geo_region_scheme scheme;
    geo_level level = geo_level_of_name(f->key_col, &scheme);
    return level == GEO_LEVEL_REGION ? "regions" : level == GEO_LEVEL_DEPT ? "departments"
                                                                           : "rows";
}

/* [report] how_to_read, or the default said of any cross-section. */
static const char *how_to_read_text(const study_state *r)
{
    for (size_t i = 0; i < r->study->nsec; i++)
        if (strcmp(r->study->sec[i].kind, "report") == 0 &&
            study_get(&r->study->sec[i], "how_to_read"))
            return study_get(&r->study->sec[i], "how_to_read");
    return NULL;
}

static int any_published(const study_state *r)
{
    for (size_t i = 0; i < r->nfits; i++)
        if (!isnan(r->fits[i].published))
            return 1;
    return 0;
}

static int cmp_text(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* Distinct values of the key column over the fit's rows (0 without a key column). */
static size_t distinct_keys(const study_fit *f)
{
    long col = f->key_col ? table_col_index(f->data, f->key_col) : -1;
    if (col < 0 || f->fit->n == 0)
        return 0;
    const char **v = xmalloc(f->fit->n * sizeof *v);
    for (size_t k = 0; k < f->fit->n; k++)
        v[k] = table_text(f->data, f->fit->rows[k], (size_t)col);
    qsort(v, f->fit->n, sizeof *v, cmp_text);
    size_t d = 1;
    for (size_t k = 1; k < f->fit->n; k++)
        d += strcmp(v[k], v[k - 1]) != 0;
    free(v);
    return d;
}

void study_units_text(const study_fit *f, char *buf, size_t size)
{
    const char *noun = study_unit_noun(f);
    size_t d = distinct_keys(f);
    if (d && d < f->fit->n && strcmp(noun, "rows") != 0) /* a panel: 202 rows, 101 areas */
        snprintf(buf, size, "%zu rows of %zu %s", f->fit->n, d, noun);
    else
        snprintf(buf, size, "%zu %s", f->fit->n, noun);
}

/* An SD as a reader reads it: three significant digits, grouped when large (2,780,000). */
static void sd_text(char *buf, size_t size, double sd)
{
    if (sd >= 1e4) {
        double mag = pow(10, floor(log10(sd)) - 2);
        study_scale_text(buf, size, round(sd / mag) * mag);
    } else {
        snprintf(buf, size, "%.3g", sd);
    }
}

void study_how_to_read(FILE *fp, const study_state *r, const study_fit *f)
{
    long col = table_col_index(f->data, f->term);
    const char *text = how_to_read_text(r), *noun = study_unit_noun(f);
    fputs("\n\n*How to read it.* ", fp);
    if (text)
        fputs(text, fp);
    else
        fprintf(fp, "The slope compares %s at one time: it is an association between them, "
                    "not the effect of changing `%s` (the %s differ in ways the model does "
                    "not hold fixed).", noun, f->term, noun);
    double mean = 0, ss = 0, n = (double)f->fit->n;
    for (size_t k = 0; col >= 0 && k < f->fit->n; k++)
        mean += table_num(f->data, f->fit->rows[k], (size_t)col) / n;
    for (size_t k = 0; col >= 0 && k < f->fit->n; k++) {
        double d = table_num(f->data, f->fit->rows[k], (size_t)col) - mean;
        ss += d * d;
    }
    double sd = f->fit->n >= 3 ? sqrt(ss / (n - 1)) : NAN;
    char sc[48], units[96], sdt[48];
    study_scale_text(sc, sizeof sc, fabs(f->scale));
    study_units_text(f, units, sizeof units);
    sd_text(sdt, sizeof sdt, sd);
    if (col >= 0 && isfinite(sd) && sd > 0)
        fprintf(fp, " A step of %s in `%s` is %.1f standard deviations of it across the %s "
                    "(SD %s): the slope per +%s extrapolates a linear trend over a %s "
                    "contrast.", sc, f->term, fabs(f->scale) / sd, units, sdt, sc,
                fabs(f->scale) / sd > 1.5 ? "large" : "moderate");
    if (any_published(r))
        fputs(" \"Published in CI\" says whether the published value lies inside our "
              "interval: a check that the finding was reproduced, not that it holds.", fp);
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* R's quantile(x, p, type = 7) of n sorted values. */
static double quantile7(const double *s, size_t n, double p)
{
    double h = (double)(n - 1) * p, lo = floor(h);
    size_t i = (size_t)lo;
    return i + 1 >= n ? s[n - 1] : s[i] + (h - lo) * (s[i + 1] - s[i]);
}

/* One row of the descriptive table: the column over the fit's rows, named in words when
 * the study gives them (term_label, response_label), the column beside. */
static void describe_column(FILE *fp, const study_fit *f, const char *name, const char *words)
{
    long col = table_col_index(f->data, name);
    if (col < 0 || table_col_type(f->data, (size_t)col) != TABLE_NUMBER)
        return;
    size_t n = 0;
    double *v = xmalloc((f->fit->n + 1) * sizeof *v), mean = 0, ss = 0;
    for (size_t k = 0; k < f->fit->n; k++) {
        double x = table_num(f->data, f->fit->rows[k], (size_t)col);
        if (isfinite(x))
            v[n++] = x;
    }
    for (size_t k = 0; k < n; k++)
        mean += v[k] / (double)n;
    for (size_t k = 0; k < n; k++)
        ss += (v[k] - mean) * (v[k] - mean);
    qsort(v, n, sizeof *v, cmp_double);
    const double stats[] = {mean, n > 1 ? sqrt(ss / (double)(n - 1)) : NAN, n ? v[0] : NAN,
                            n ? quantile7(v, n, 0.25) : NAN, n ? quantile7(v, n, 0.5) : NAN,
                            n ? quantile7(v, n, 0.75) : NAN, n ? v[n - 1] : NAN};
    if (words && *words && strcmp(words, name) != 0)
        fprintf(fp, "| %s (`%s`) | %zu", words, name, n);
    else
        fprintf(fp, "| `%s` | %zu", name, n);
    for (size_t i = 0; i < sizeof stats / sizeof stats[0]; i++) {
        char b[48];
        study_format_num(b, sizeof b, stats[i]);
        fprintf(fp, " | %s", b);
    }
    fputs(" |\n", fp);
    free(v);
}

void study_describe_section(FILE *fp, const study_state *r)
{
    int h = study_headline_fit(r);
    const study_fit *f = h >= 0 ? &r->fits[h] : r->nfits ? &r->fits[0] : NULL;
    if (!f)
        return;
    char units[96];
    study_units_text(f, units, sizeof units);
    fprintf(fp, "\n## Descriptive statistics\n\nThe variables of `[fit %s]` over the %s it "
                "used (quartiles as R's `quantile(type = 7)`, SD with n − 1):\n\n"
                "| variable | n | mean | SD | min | 25 %% | median | 75 %% | max |\n"
                "|---|---:|---:|---:|---:|---:|---:|---:|---:|\n",
            f->name, units);
    describe_column(fp, f, f->fit->response, f->response_label);
    for (size_t k = 0; k < f->fit->p; k++)
        if (strcmp(f->fit->terms[k].name, "(Intercept)") != 0)
            describe_column(fp, f, f->fit->terms[k].name,
                            f->term && strcmp(f->term, f->fit->terms[k].name) == 0
                                ? f->term_label : NULL);
}

/* [report] table_omit = share_* …: terms the models table leaves out (a row says which
 * models have them). */
static char **table_omit(const study_state *r, size_t *n)
{
    for (size_t i = 0; i < r->study->nsec; i++)
        if (strcmp(r->study->sec[i].kind, "report") == 0 &&
            study_get(&r->study->sec[i], "table_omit"))
            return study_words(study_get(&r->study->sec[i], "table_omit"), n);
    *n = 0;
    return NULL;
}

int study_models_section(FILE *fp, const study_state *r, const char *json_path, ds_err *err)
{
    if (!r->nfits)
        return DS_OK;
    regtable *t = NULL;
    int rc = regtable_read(json_path, &t, err);
    size_t nomit;
    char **omit = table_omit(r, &nomit);
    regtable_options opt = {0, (const char *const *)omit};
    if (rc == DS_OK) /* [report] table_fits, recorded in results.json, else the first six */
        rc = regtable_select(t, NULL, 0, err);
    if (rc == DS_OK) {
        fputs("\n## The models side by side\n\nEstimates per unit of each term (the slopes "
              "above are per +scale); the same table in HTML or LaTeX: `damirstat models "
              "results.json --format html|tex`.\n\n", fp);
        rc = regtable_write(t, &opt, REGTABLE_MD, fp, err);
    }
    study_words_free(omit);
    regtable_free(t);
    return rc;
}
