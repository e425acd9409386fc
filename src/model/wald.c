/* wald: joint Wald tests (wald.h). The quadratic form is taken through GSL's symmetric
 * eigendecomposition of V_SS on the correlation scale, which shows its rank: a clustered
 * covariance has rank at most G − 1, and testing more restrictions than that is a question
 * the data cannot answer. */
#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_eigen.h>
#include <gsl/gsl_errno.h>

#include "damirstat/pvalue.h"
#include "damirstat/wald.h"

/* An eigenvalue of the correlation matrix below RANK_TOL times the largest counts as 0.
 * Exactly singular matrices (q > G − 1 under clustering) give ratios near 1e-16; the
 * ill-conditioned but regular V of 18 age shares, about 1e-5. */
#define RANK_TOL 1e-10

/* W = u' C⁻¹ u for the correlation matrix c (q × q, destroyed); *rank its numerical rank. */
static int quadratic_form(double *c, const double *u, size_t q, double *w, size_t *rank,
                          ds_err *err)
{
    gsl_matrix_view cm = gsl_matrix_view_array(c, q, q);
    gsl_vector *eval = gsl_vector_alloc(q);
    gsl_matrix *evec = gsl_matrix_alloc(q, q);
    gsl_eigen_symmv_workspace *ws = gsl_eigen_symmv_alloc(q);
    if (!eval || !evec || !ws) {
        gsl_vector_free(eval), gsl_matrix_free(evec), gsl_eigen_symmv_free(ws);
        return ds_err_set(err, DS_EIO, "out of memory in the Wald test");
    }
    int status = gsl_eigen_symmv(&cm.matrix, eval, evec, ws);
    double top = 0;
    long double sum = 0;
    for (size_t k = 0; k < q; k++)
        top = fmax(top, gsl_vector_get(eval, k));
    *rank = 0;
    for (size_t k = 0; status == GSL_SUCCESS && k < q; k++) {
        double lambda = gsl_vector_get(eval, k);
        if (!(lambda > RANK_TOL * top))
            continue;
        (*rank)++;
        long double proj = 0;
        for (size_t i = 0; i < q; i++)
            proj += (long double)gsl_matrix_get(evec, i, k) * u[i];
        sum += proj * proj / lambda;
    }
    *w = (double)sum;
    gsl_vector_free(eval), gsl_matrix_free(evec), gsl_eigen_symmv_free(ws);
    if (status)
        return ds_err_set(err, DS_EDATA, "Wald test: GSL eigendecomposition failed: %s",
                          gsl_strerror(status));
    return DS_OK;
}

int wald_test(const double *b, const double *v, size_t p, const size_t *idx, size_t q,
              double df2, wald_result *out, ds_err *err)
{
    memset(out, 0, sizeof *out);
    if (q == 0)
        return ds_err_set(err, DS_EDATA, "Wald test: no coefficient to test");
    double *c = xmalloc(q * q * sizeof *c), *u = xmalloc(q * sizeof *u);
    double *sd = xmalloc(q * sizeof *sd);
    int rc = DS_OK;
    for (size_t a = 0; a < q && rc == DS_OK; a++) {
        double var = v[idx[a] * p + idx[a]];
        sd[a] = sqrt(var);
        if (!isfinite(b[idx[a]]) || !(var > 0) || !isfinite(var))
            rc = ds_err_set(err, DS_EDATA, "Wald test: coefficient %zu has no finite estimate "
                            "and positive variance (an aliased term cannot be tested)",
                            idx[a] + 1);
        else
            u[a] = b[idx[a]] / sd[a];
    }
    for (size_t a = 0; a < q && rc == DS_OK; a++)
        for (size_t k = 0; k < q; k++)
            c[a * q + k] = v[idx[a] * p + idx[k]] / (sd[a] * sd[k]);
    size_t rank = 0;
    if (rc == DS_OK)
        rc = quadratic_form(c, u, q, &out->chisq, &rank, err);
    if (rc == DS_OK && rank < q)
        rc = ds_err_set(err, DS_EDATA, "Wald test: the covariance of the %zu coefficients "
                        "tested has rank %zu: at most %zu restrictions can be tested with it "
                        "(a clustered covariance has rank at most G - 1)", q, rank, rank);
    free(c), free(u), free(sd);
    if (rc)
        return rc;
    out->q = q;
    out->df1 = (double)q;
    out->df2 = df2;
    out->is_f = isfinite(df2);
    out->statistic = out->is_f ? out->chisq / (double)q : out->chisq;
    out->p_value = out->is_f ? pvalue_f_upper(out->statistic, out->df1, df2)
                             : pvalue_chisq_upper(out->chisq, out->df1);
    return DS_OK;
}

/* Marks the terms one item of the list names; returns how many it matched. */
static size_t mark_item(const char *const *names, size_t p, const char *item, size_t len,
                        unsigned char *pick)
{
    int prefix = len > 0 && item[len - 1] == '*';
    size_t stem = prefix ? len - 1 : len, hits = 0;
    for (size_t j = 0; j < p; j++) {
        int match = prefix ? strncmp(names[j], item, stem) == 0
                           : strlen(names[j]) == len && strncmp(names[j], item, len) == 0;
        if (match) {
            pick[j] = 1;
            hits++;
        }
    }
    /* A factor named as R's waldtest(m, . ~ . - factor(reg)) names it: its dummies
     * (factor(reg)LEVEL, not its interactions). */
    for (size_t j = 0; !prefix && hits == 0 && len > 7 && strncmp(item, "factor(", 7) == 0 &&
                       item[len - 1] == ')' && j < p; j++)
        if (strncmp(names[j], item, len) == 0 && names[j][len] && !strchr(names[j] + len, ':'))
            pick[j] = 2;
    for (size_t j = 0; j < p; j++)
        if (pick[j] == 2)
            pick[j] = 1, hits++;
    return hits;
}

int wald_select(const char *const *names, size_t p, const char *spec, size_t **idx, size_t *q,
                ds_err *err)
{
    *idx = NULL;
    *q = 0;
    unsigned char *pick = xcalloc(p + 1, 1);
    int rc = DS_OK, items = 0;
    for (const char *s = spec; *s && rc == DS_OK;) {
        while (*s == ',' || isspace((unsigned char)*s))
            s++;
        const char *e = s;
        while (*e && *e != ',')
            e++;
        const char *end = e;
        while (end > s && isspace((unsigned char)end[-1]))
            end--;
        if (end > s && ++items && mark_item(names, p, s, (size_t)(end - s), pick) == 0)
            rc = ds_err_set(err, DS_EUSAGE, "--test: no term of the model is '%.*s'%s",
                            (int)(end - s), s, end[-1] == '*' ? "" : " (a prefix ends with '*')");
        s = e;
    }
    if (rc == DS_OK && items == 0)
        rc = ds_err_set(err, DS_EUSAGE, "--test: name the terms to test, e.g. 'share_*' or "
                        "'x1,x2'");
    *idx = xmalloc((p + 1) * sizeof **idx);
    for (size_t j = 0; rc == DS_OK && j < p; j++)
        if (pick[j])
            (*idx)[(*q)++] = j;
    free(pick);
    if (rc) {
        free(*idx);
        *idx = NULL;
        *q = 0;
    }
    return rc;
}
