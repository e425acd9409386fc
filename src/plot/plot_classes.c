/* plot_classes: the classes of a classed map — quantile, Jenks natural breaks or fixed
 * breaks — with the same definitions as R's classInt::classIntervals, so that a map drawn
 * here and one drawn in R put every area in the same class:
 *   quantile:K  breaks at quantile(x, seq(0, 1, 1/K), type = 7), R's default; classes
 *               [b0, b1), [b1, b2), … [bK-1, bK] (classInt's left closure); repeated breaks
 *               (ties) are merged, leaving fewer classes;
 *   jenks:K     the K classes that minimise the sum of squared deviations from the class
 *               means (Jenks 1977, by Fisher's 1958 dynamic programme over the sorted
 *               values, O(n² K)); breaks are data values: the minimum, then each class's
 *               maximum; classes [b0, b1], (b1, b2], … (classInt's "jenks" closes them on
 *               the right, and picks among equal sums as its loop does);
 *   fixed:A,B,… breaks as given, widened by the data's minimum or maximum when the data
 *               reach beyond them; closed on the left as quantile. */
#include <float.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "plot_impl.h"

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

double plot_quantile7(const double *sorted, size_t n, double p)
{
    double h = (double)(n - 1) * p, lo = floor(h);
    size_t i = (size_t)lo;
    if (i + 1 >= n)
        return sorted[n - 1];
    return sorted[i] + (h - lo) * (sorted[i + 1] - sorted[i]);
}

/* Jenks breaks of the n sorted values d into k classes (k + 1 values into brk). */
static void jenks(const double *d, size_t n, size_t k, double *brk)
{
    /* mat1[l][j]: first index (1-based) of the last class of the best split of d[1..l]
     * into j classes; mat2[l][j]: its sum of squared deviations. */
    size_t *mat1 = xmalloc((n + 1) * (k + 1) * sizeof *mat1);
    double *mat2 = xmalloc((n + 1) * (k + 1) * sizeof *mat2);
#define M1(l, j) mat1[(l) * (k + 1) + (j)]
#define M2(l, j) mat2[(l) * (k + 1) + (j)]
    for (size_t l = 1; l <= n; l++)
        for (size_t j = 1; j <= k; j++)
            M1(l, j) = 1, M2(l, j) = l == 1 ? 0 : DBL_MAX;
    for (size_t l = 2; l <= n; l++) {
        double s1 = 0, s2 = 0, w = 0, v = 0;
        for (size_t m = 1; m <= l; m++) {
            size_t i3 = l - m + 1, i4 = i3 - 1;
            double val = d[i3 - 1];
            s2 += val * val, s1 += val, w += 1;
            v = s2 - s1 * s1 / w;
            for (size_t j = 2; i4 != 0 && j <= k; j++)
                if (M2(l, j) >= v + M2(i4, j - 1))
                    M1(l, j) = i3, M2(l, j) = v + M2(i4, j - 1);
        }
        M1(l, 1) = 1, M2(l, 1) = v;
    }
    size_t last = n;
    brk[k] = d[n - 1];
    for (size_t j = k; j >= 2; j--) {
        size_t id = M1(last, j) > 1 ? M1(last, j) - 1 : 1; /* the end of class j - 1 */
        brk[j - 1] = d[id - 1];
        last = id;
    }
    brk[0] = d[0];
#undef M1
#undef M2
    free(mat1);
    free(mat2);
}

/* "quantile:5" → kind and k; "fixed:1,2.5,4" → the breaks. Errors start with name. */
static int parse_spec(const char *spec, const char *name, plot_classes *c, ds_err *err)
{
    const char *colon = strchr(spec, ':');
    size_t klen = colon ? (size_t)(colon - spec) : strlen(spec);
    char *end;
    if (colon && klen == 5 && strncmp(spec, "fixed", 5) == 0) {
        c->kind = PLOT_BREAKS_FIXED;
        c->k = 0;
        for (const char *p = colon + 1; *p; p = *end ? end + 1 : end) {
            double v = strtod(p, &end);
            if (end == p || (*end && *end != ',') || !isfinite(v) || c->k > PLOT_MAX_CLASSES)
                return ds_err_set(err, DS_EUSAGE, "%s fixed: expected up to %d numbers A,B,… "
                                  "in increasing order, got '%s'", name, PLOT_MAX_CLASSES + 1,
                                  colon + 1);
            if (c->k > 0 && !(v > c->brk[c->k - 1]))
                return ds_err_set(err, DS_EUSAGE, "%s fixed: %g after %g: breaks must "
                                  "increase", name, v, c->brk[c->k - 1]);
            c->brk[c->k++] = v;
        }
        return c->k >= 1 ? DS_OK : ds_err_set(err, DS_EUSAGE, "%s fixed: no break", name);
    }
    long k = colon ? strtol(colon + 1, &end, 10) : 0;
    c->kind = klen == 8 && strncmp(spec, "quantile", 8) == 0 ? PLOT_BREAKS_QUANTILE
            : klen == 5 && strncmp(spec, "jenks", 5) == 0    ? PLOT_BREAKS_JENKS
                                                               : PLOT_BREAKS_NONE;
    if (c->kind == PLOT_BREAKS_NONE || !colon || *end || end == colon + 1 || k < 2 ||
        k > PLOT_MAX_CLASSES)
        return ds_err_set(err, DS_EUSAGE, "%s: expected quantile:K, jenks:K (K from 2 to %d) "
                          "or fixed:A,B,…, got '%s'", name, PLOT_MAX_CLASSES, spec);
    c->k = (size_t)k;
    return DS_OK;
}

/* Drops repeated breaks (ties in a quantile); c->k is the number of classes after. */
static void merge_ties(plot_classes *c, size_t nbreaks)
{
    size_t m = 1;
    for (size_t i = 1; i < nbreaks; i++)
        if (c->brk[i] > c->brk[m - 1])
            c->brk[m++] = c->brk[i];
    c->k = m > 1 ? m - 1 : 1;
    if (m == 1)
        c->brk[1] = c->brk[0];
}

/* The fixed breaks widened to the data's range. */
static void widen_fixed(plot_classes *c, double lo, double hi)
{
    size_t n = c->k;
    if (lo < c->brk[0]) {
        memmove(c->brk + 1, c->brk, n * sizeof *c->brk);
        c->brk[0] = lo, n++;
    }
    if (hi > c->brk[n - 1])
        c->brk[n++] = hi;
    merge_ties(c, n);
}

int plot_breaks_check(const char *spec, const char *name, ds_err *err)
{
    plot_classes c;
    memset(&c, 0, sizeof c);
    return parse_spec(spec, name ? name : "plot: --breaks", &c, err);
}

int plot_classes_make(const char *spec, const char *name, const double *values, size_t n,
                      plot_classes *c, ds_err *err)
{
    memset(c, 0, sizeof *c);
    if (!name)
        name = "plot: --breaks";
    int rc = parse_spec(spec, name, c, err);
    if (rc != DS_OK)
        return rc;
    double *d = xmalloc((n ? n : 1) * sizeof *d);
    size_t m = 0;
    for (size_t i = 0; i < n; i++)
        if (isfinite(values[i]))
            d[m++] = values[i];
    qsort(d, m, sizeof *d, cmp_double);
    if (m == 0)
        rc = ds_err_set(err, DS_EDATA, "%s: no value to class", name);
    else if (c->kind == PLOT_BREAKS_FIXED)
        widen_fixed(c, d[0], d[m - 1]);
    else if (c->kind == PLOT_BREAKS_JENKS && m < c->k)
        rc = ds_err_set(err, DS_EDATA, "%s jenks:%zu: only %zu values", name, c->k, m);
    else if (c->kind == PLOT_BREAKS_JENKS) {
        jenks(d, m, c->k, c->brk); /* b0 = b1 is a class: the minimum alone */
        c->right_closed = 1;
    } else {
        for (size_t i = 0; i <= c->k; i++)
            c->brk[i] = plot_quantile7(d, m, (double)i / (double)c->k);
        merge_ties(c, c->k + 1);
    }
    for (size_t i = 0; rc == DS_OK && i < n; i++)
        if (isfinite(values[i]))
            c->count[plot_class_of(c, values[i])]++;
    free(d);
    return rc;
}

size_t plot_class_of(const plot_classes *c, double v)
{
    size_t i = 0;
    if (c->right_closed) /* (b[i], b[i+1]]; the first class holds its lower end */
        while (i + 1 < c->k && v > c->brk[i + 1])
            i++;
    else /* [b[i], b[i+1]); the last class holds its upper end */
        while (i + 1 < c->k && v >= c->brk[i + 1])
            i++;
    return i;
}

int plot_classes_decimals(const plot_classes *c)
{
    char a[64], b[64];
    double big = fmax(fabs(c->brk[0]), fabs(c->brk[c->k]));
    int least = big > 0 ? 2 - (int)floor(log10(big)) : 0; /* three significant digits */
    for (int d = least > 0 ? least : 0; d < 8; d++) {
        int distinct = 1;
        for (size_t i = 0; i < c->k && distinct; i++) {
            plot_fixed(a, sizeof a, c->brk[i], d, 0);
            plot_fixed(b, sizeof b, c->brk[i + 1], d, 0);
            distinct = c->brk[i] == c->brk[i + 1] || strcmp(a, b) != 0;
        }
        if (distinct)
            return d;
    }
    return 8;
}
