/* cluster: the one- and two-way cluster sandwich (CR0, CR1) and the grouping of a fit's rows
 * by a column. CR2 is in cluster_cr2.c, the wild bootstrap in wildboot.c. Sums run in long
 * double: a score sum over a large cluster cancels, and R's reference values carry 15 digits. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_eigen.h>
#include <gsl/gsl_errno.h>

#include "damirstat/cluster.h"
#include "cluster_impl.h"
#include "levels_impl.h"

static const char *const type_names[] = {"CR0", "CR1", "CR2"};
static const char *const weight_names[] = {"auto", "rademacher", "webb"};

const char *cluster_type_name(cluster_type type) { return type_names[type]; }
const char *cluster_weights_name(cluster_boot_weights w) { return weight_names[w]; }

int cluster_ids_from_table(const table_t *t, const char *column, const size_t *rows, size_t n,
                           cluster_ids *out, ds_err *err)
{
    memset(out, 0, sizeof *out);
    levels lv;
    int rc = levels_build(t, column, rows, n, &lv, err);
    if (rc)
        return rc;
    for (size_t i = 0; i < n; i++)
        if (lv.code[i] == LEVELS_MISSING) {
            size_t r = rows ? rows[i] : i;
            rc = ds_err_set(err, DS_EDATA, "%s:%zu: cluster column '%s' is missing on a row "
                            "of the fit", table_name(t), table_row_line(t, r), column);
            goto done;
        }
    if (lv.nlevels < 2) {
        rc = ds_err_set(err, DS_EDATA, "cluster column '%s' has one group (\"%s\") on the %zu "
                        "rows of the fit: clustered standard errors need 2 groups or more "
                        "(30 or more to be trusted)", column, lv.nlevels ? lv.label[0] : "",
                        n);
        goto done;
    }
    out->name = xstrdup(column);
    out->group = lv.code;
    lv.code = NULL;
    out->n = n;
    out->ngroups = lv.nlevels;
done:
    levels_free(&lv);
    return rc;
}

void cluster_ids_free(cluster_ids *ids)
{
    free(ids->name);
    free(ids->group);
    memset(ids, 0, sizeof *ids);
}

void cluster_vcov_result_free(cluster_vcov_result *r)
{
    free(r->vcov);
    free(r->df);
    memset(r, 0, sizeof *r);
}

void cluster_sandwich(const double *bread, const long double *meat, size_t p, double *v)
{
    long double *tmp = xmalloc(p * p * sizeof *tmp);
    for (size_t i = 0; i < p; i++)
        for (size_t j = 0; j < p; j++) {
            long double s = 0;
            for (size_t k = 0; k < p; k++)
                s += (long double)bread[i * p + k] * meat[k * p + j];
            tmp[i * p + j] = s;
        }
    for (size_t i = 0; i < p; i++)
        for (size_t j = 0; j < p; j++) {
            long double s = 0;
            for (size_t k = 0; k < p; k++)
                s += tmp[i * p + k] * bread[k * p + j];
            v[i * p + j] = (double)s;
        }
    free(tmp);
}

/* meat += sign · Σ_g s_g s_g' over the groups of group[] (ngroups of them). */
static void add_meat(const double *scores, size_t n, size_t p, const size_t *group,
                     size_t ngroups, long double sign, long double *meat)
{
    long double *s = xcalloc(ngroups * p, sizeof *s);
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < p; j++)
            s[group[i] * p + j] += scores[i * p + j];
    for (size_t g = 0; g < ngroups; g++)
        for (size_t a = 0; a < p; a++)
            for (size_t b = 0; b < p; b++)
                meat[a * p + b] += sign * s[g * p + a] * s[g * p + b];
    free(s);
}

struct pair {
    size_t a, b, i;
};

static int cmp_pair(const void *x, const void *y)
{
    const struct pair *p = x, *q = y;
    if (p->a != q->a)
        return p->a < q->a ? -1 : 1;
    if (p->b != q->b)
        return p->b < q->b ? -1 : 1;
    return (p->i > q->i) - (p->i < q->i);
}

size_t cluster_intersect(const size_t *g1, const size_t *g2, size_t n, size_t *out)
{
    struct pair *pr = xmalloc((n ? n : 1) * sizeof *pr);
    for (size_t i = 0; i < n; i++)
        pr[i] = (struct pair){g1[i], g2[i], i};
    qsort(pr, n, sizeof *pr, cmp_pair);
    size_t groups = 0;
    for (size_t k = 0; k < n; k++) {
        if (k > 0 && (pr[k].a != pr[k - 1].a || pr[k].b != pr[k - 1].b))
            groups++;
        out[pr[k].i] = groups;
    }
    free(pr);
    return n ? groups + 1 : 0;
}

/* Cameron, Gelbach & Miller's fix of a two-way covariance with a negative variance: V's
 * eigenvalues below 0 set to 0 (as sandwich's vcovCL(fix = TRUE)). */
static int fix_psd(double *v, size_t p, ds_err *err)
{
    gsl_matrix_view m = gsl_matrix_view_array(v, p, p);
    gsl_matrix *vec = gsl_matrix_alloc(p, p);
    gsl_vector *val = gsl_vector_alloc(p);
    gsl_eigen_symmv_workspace *w = gsl_eigen_symmv_alloc(p);
    int status = vec && val && w ? gsl_eigen_symmv(&m.matrix, val, vec, w) : GSL_ENOMEM;
    if (!status)
        for (size_t i = 0; i < p; i++)
            for (size_t j = 0; j < p; j++) {
                long double s = 0;
                for (size_t k = 0; k < p; k++) {
                    double l = gsl_vector_get(val, k);
                    s += (long double)gsl_matrix_get(vec, i, k) * (l > 0 ? l : 0) *
                         gsl_matrix_get(vec, j, k);
                }
                v[i * p + j] = (double)s;
            }
    gsl_matrix_free(vec);
    gsl_vector_free(val);
    gsl_eigen_symmv_free(w);
    if (status)
        return ds_err_set(err, DS_EDATA, "two-way clustered covariance: GSL eigen failed: %s",
                          gsl_strerror(status));
    return DS_OK;
}

int cluster_check_ids(const cluster_ids *ids, size_t nway, size_t n, ds_err *err)
{
    for (size_t w = 0; w < nway; w++) {
        if (ids[w].n != n)
            return ds_err_set(err, DS_EDATA, "cluster '%s': %zu rows for a fit of %zu",
                              ids[w].name ? ids[w].name : "?", ids[w].n, n);
        if (ids[w].ngroups < 2)
            return ds_err_set(err, DS_EDATA, "cluster '%s' has %zu group%s: clustered "
                              "standard errors need 2 groups or more",
                              ids[w].name ? ids[w].name : "?", ids[w].ngroups,
                              ids[w].ngroups == 1 ? "" : "s");
    }
    return DS_OK;
}

int cluster_vcov(const double *bread, const double *scores, size_t n, size_t p,
                 const cluster_ids *ids, size_t nway, cluster_type type, size_t k,
                 cluster_vcov_result *out, ds_err *err)
{
    memset(out, 0, sizeof *out);
    if (nway < 1 || nway > 2 || type == CLUSTER_CR2)
        return ds_err_set(err, DS_EUSAGE, "cluster_vcov: one or two groupings, CR0 or CR1");
    int rc = cluster_check_ids(ids, nway, n, err);
    if (rc)
        return rc;
    if (type == CLUSTER_CR1 && n <= k)
        return ds_err_set(err, DS_EDATA, "clustered standard errors: %zu rows for %zu "
                          "parameters", n, k);
    for (size_t i = 0; i < n * p; i++)
        if (!isfinite(scores[i]))
            return ds_err_set(err, DS_EDATA, "clustered standard errors: a score is not finite");
    long double *meat = xcalloc(p * p, sizeof *meat);
    size_t gmin = ids[0].ngroups;
    for (size_t w = 0; w < nway; w++) {
        add_meat(scores, n, p, ids[w].group, ids[w].ngroups, 1, meat);
        gmin = ids[w].ngroups < gmin ? ids[w].ngroups : gmin;
        out->ngroups[w] = ids[w].ngroups;
    }
    if (nway == 2) {
        size_t *both = xmalloc(n * sizeof *both);
        size_t g12 = cluster_intersect(ids[0].group, ids[1].group, n, both);
        add_meat(scores, n, p, both, g12, -1, meat);
        free(both);
    }
    out->nway = nway;
    out->adjustment = type == CLUSTER_CR0 ? 1
                      : (double)gmin / (double)(gmin - 1) * (double)(n - 1) / (double)(n - k);
    for (size_t i = 0; i < p * p; i++)
        meat[i] *= out->adjustment;
    out->vcov = xmalloc(p * p * sizeof *out->vcov);
    cluster_sandwich(bread, meat, p, out->vcov);
    free(meat);
    int negative = 0;
    for (size_t j = 0; j < p; j++)
        negative |= out->vcov[j * p + j] < 0;
    if (negative && (rc = fix_psd(out->vcov, p, err))) {
        cluster_vcov_result_free(out);
        return rc;
    }
    out->psd_fixed = negative;
    out->df = xmalloc(p * sizeof *out->df);
    for (size_t j = 0; j < p; j++)
        out->df[j] = (double)(gmin - 1);
    return DS_OK;
}
