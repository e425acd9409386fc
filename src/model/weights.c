/* weights: the sparse W (construction from pairs, lattices, lags), option names, distances.
 * Building W over departments from files and centroids is in weights_build.c. */
#include "damirstat/weights.h"

#include <assert.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void weights_options_default(weights_options *opt)
{
    memset(opt, 0, sizeof *opt);
    opt->kind = WEIGHTS_CONTIGUITY;
    opt->style = WEIGHTS_W;
    opt->islands = WEIGHTS_ISLANDS_DROP;
}

/* A positive number after "knn:" or "band:"; integer when whole is set. */
static int spec_number(const char *spec, const char *text, int whole, double *out, ds_err *err)
{
    char *end;
    errno = 0;
    double v = strtod(text, &end);
    if (end == text || *end || errno || !(v > 0) || !isfinite(v) || (whole && v != floor(v)) ||
        (whole && v > 1e6))
        return ds_err_set(err, DS_EUSAGE, "neighbours '%s': expected %s after the colon",
                          spec, whole ? "a whole number of neighbours (knn:5)"
                                      : "a distance in km (band:150)");
    *out = v;
    return DS_OK;
}

int weights_spec_parse(const char *spec, weights_options *opt, ds_err *err)
{
    double v;
    if (strcmp(spec, "contiguity") == 0) {
        opt->kind = WEIGHTS_CONTIGUITY;
        return DS_OK;
    }
    if (strncmp(spec, "knn:", 4) == 0) {
        if (spec_number(spec, spec + 4, 1, &v, err))
            return DS_EUSAGE;
        opt->kind = WEIGHTS_KNN;
        opt->k = (unsigned)v;
        return DS_OK;
    }
    if (strncmp(spec, "band:", 5) == 0) {
        if (spec_number(spec, spec + 5, 0, &v, err))
            return DS_EUSAGE;
        opt->kind = WEIGHTS_BAND;
        opt->band_km = v;
        return DS_OK;
    }
    if (!*spec)
        return ds_err_set(err, DS_EUSAGE, "neighbours: expected contiguity, knn:K, band:KM "
                          "or a dep,voisin file");
    opt->kind = WEIGHTS_FILE;
    opt->neighbours = spec;
    return DS_OK;
}

int weights_style_parse(const char *s, weights_style *out)
{
    if (strcmp(s, "W") == 0 || strcmp(s, "w") == 0)
        *out = WEIGHTS_W;
    else if (strcmp(s, "B") == 0 || strcmp(s, "b") == 0)
        *out = WEIGHTS_B;
    else
        return -1;
    return 0;
}

int weights_islands_parse(const char *s, weights_islands *out)
{
    if (strcmp(s, "drop") == 0)
        *out = WEIGHTS_ISLANDS_DROP;
    else if (strcmp(s, "keep") == 0)
        *out = WEIGHTS_ISLANDS_KEEP;
    else
        return -1;
    return 0;
}

const char *weights_style_name(weights_style s) { return s == WEIGHTS_B ? "B" : "W"; }

const char *weights_islands_name(weights_islands i)
{
    return i == WEIGHTS_ISLANDS_KEEP ? "keep" : "drop";
}

void weights_describe(const weights_options *opt, char *buf, size_t size)
{
    const char *style = opt->style == WEIGHTS_B ? "binary (B)" : "row-standardised (W)";
    const char *file = opt->neighbours ? strrchr(opt->neighbours, '/') : NULL;
    switch (opt->kind) {
    case WEIGHTS_FILE:
        snprintf(buf, size, "neighbours from %s, %s", file ? file + 1 : opt->neighbours, style);
        break;
    case WEIGHTS_KNN:
        snprintf(buf, size, "%u nearest departments by centroid distance, %s", opt->k, style);
        break;
    case WEIGHTS_BAND:
        snprintf(buf, size, "departments within %g km (centroid distance), %s", opt->band_km,
                 style);
        break;
    default:
        snprintf(buf, size, "shared borders (%s), %s", WEIGHTS_CONTIGUITY_FILE, style);
    }
}

static int size_cmp(const void *a, const void *b)
{
    size_t p = *(const size_t *)a, q = *(const size_t *)b;
    return p < q ? -1 : p > q;
}

static int pair_cmp(const void *a, const void *b)
{
    const size_t *p = a, *q = b;
    if (p[0] != q[0])
        return p[0] < q[0] ? -1 : 1;
    return p[1] < q[1] ? -1 : p[1] > q[1];
}

/* Fills val for the style and the symmetric and n_islands fields from the CSR pattern. */
static void weights_finish(weights_t *w)
{
    w->n_islands = 0;
    w->symmetric = 1;
    for (size_t i = 0; i < w->n; i++) {
        size_t deg = w->row_ptr[i + 1] - w->row_ptr[i];
        w->n_islands += deg == 0;
        for (size_t e = w->row_ptr[i]; e < w->row_ptr[i + 1]; e++) {
            w->val[e] = w->style == WEIGHTS_B ? 1.0 : 1.0 / (double)deg;
            size_t j = w->col[e];
            if (!bsearch(&i, w->col + w->row_ptr[j], w->row_ptr[j + 1] - w->row_ptr[j],
                         sizeof *w->col, size_cmp))
                w->symmetric = 0;
        }
    }
}

weights_t *weights_from_pairs(size_t n, const size_t *from, const size_t *to, size_t npairs,
                              weights_style style)
{
    size_t *pairs = xmalloc((2 * npairs + 1) * sizeof *pairs);
    for (size_t e = 0; e < npairs; e++) {
        pairs[2 * e] = from[e];
        pairs[2 * e + 1] = to[e];
    }
    qsort(pairs, npairs, 2 * sizeof *pairs, pair_cmp);
    weights_t *w = xcalloc(1, sizeof *w);
    w->n = n;
    w->style = style;
    w->row_ptr = xcalloc(n + 1, sizeof *w->row_ptr);
    w->col = xmalloc((npairs + 1) * sizeof *w->col);
    w->val = xmalloc((npairs + 1) * sizeof *w->val);
    size_t nnz = 0;
    for (size_t e = 0; e < npairs; e++) {
        size_t a = pairs[2 * e], b = pairs[2 * e + 1];
        assert(a < n && b < n);
        if (a == b || (e > 0 && a == pairs[2 * e - 2] && b == pairs[2 * e - 1]))
            continue;
        w->col[nnz++] = b;
        w->row_ptr[a + 1]++;
    }
    for (size_t i = 0; i < n; i++)
        w->row_ptr[i + 1] += w->row_ptr[i];
    free(pairs);
    w->ids = xmalloc((n + 1) * sizeof *w->ids);
    for (size_t i = 0; i < n; i++) {
        char id[32];
        snprintf(id, sizeof id, "%zu", i + 1);
        w->ids[i] = xstrdup(id);
    }
    weights_finish(w);
    return w;
}

weights_t *weights_lattice(size_t rows, size_t cols, weights_style style)
{
    size_t n = rows * cols, cap = 4 * n + 1, m = 0;
    size_t *from = xmalloc(cap * sizeof *from), *to = xmalloc(cap * sizeof *to);
    for (size_t r = 0; r < rows; r++)
        for (size_t c = 0; c < cols; c++) {
            size_t i = r * cols + c;
            if (r > 0)
                from[m] = i, to[m++] = i - cols;
            if (c > 0)
                from[m] = i, to[m++] = i - 1;
            if (c + 1 < cols)
                from[m] = i, to[m++] = i + 1;
            if (r + 1 < rows)
                from[m] = i, to[m++] = i + cols;
        }
    weights_t *w = weights_from_pairs(n, from, to, m, style);
    for (size_t i = 0; i < n; i++) {
        char id[48];
        snprintf(id, sizeof id, "%zu,%zu", i / cols + 1, i % cols + 1);
        free(w->ids[i]);
        w->ids[i] = xstrdup(id);
    }
    free(from);
    free(to);
    return w;
}

void weights_lag(const weights_t *w, const double *x, double *out)
{
    for (size_t i = 0; i < w->n; i++) {
        double s = 0;
        for (size_t e = w->row_ptr[i]; e < w->row_ptr[i + 1]; e++)
            s += w->val[e] * x[w->col[e]];
        out[i] = s;
    }
}

void weights_lag_matrix(const weights_t *w, const double *x, size_t k, double *out)
{
    for (size_t i = 0; i < w->n; i++) {
        double *row = out + i * k;
        for (size_t j = 0; j < k; j++)
            row[j] = 0;
        for (size_t e = w->row_ptr[i]; e < w->row_ptr[i + 1]; e++)
            for (size_t j = 0; j < k; j++)
                row[j] += w->val[e] * x[w->col[e] * k + j];
    }
}

double weights_great_circle_km(double lon1, double lat1, double lon2, double lat2)
{
    const double rad = M_PI / 180, earth_km = 6371.0088;
    double dlat = (lat2 - lat1) * rad, dlon = (lon2 - lon1) * rad;
    double a = sin(dlat / 2) * sin(dlat / 2) +
               cos(lat1 * rad) * cos(lat2 * rad) * sin(dlon / 2) * sin(dlon / 2);
    return 2 * earth_km * asin(fmin(1.0, sqrt(a)));
}

void weights_free(weights_t *w)
{
    if (!w)
        return;
    for (size_t i = 0; w->ids && i < w->n; i++)
        free(w->ids[i]);
    for (size_t i = 0; i < w->n_dropped; i++)
        free(w->dropped[i]);
    free(w->ids);
    free(w->dropped);
    free(w->source);
    free(w->row_ptr);
    free(w->col);
    free(w->val);
    free(w);
}
