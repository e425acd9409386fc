/* weights_build: W over department keys from a neighbours file or from centroids (k nearest,
 * distance band), with islands dropped or kept. Departments are few (at most 101 distinct
 * codes), so the relation is built as a dense n × n byte matrix before it becomes sparse. */
#include "damirstat/weights.h"

#include <stdlib.h>
#include <string.h>

#include "damirstat/geo.h"
#include "damirstat/table.h"

typedef char dept_code[GEO_CODE_MAX];

static long find_code(dept_code *codes, size_t n, const char *code)
{
    for (size_t i = 0; i < n; i++)
        if (strcmp(codes[i], code) == 0)
            return (long)i;
    return -1;
}

static int canon_keys(const char *const *keys, size_t n, dept_code *codes, ds_err *err)
{
    for (size_t i = 0; i < n; i++) {
        ds_err local;
        ds_err_clear(&local);
        if (geo_dept_canon(keys[i], strlen(keys[i]), codes[i], &local) != DS_OK)
            return ds_err_set(err, DS_EDATA, "%s", local.msg);
        if (find_code(codes, i, codes[i]) >= 0)
            return ds_err_set(err, DS_EDATA, "department %s appears twice", codes[i]);
    }
    return DS_OK;
}

/* One `dep,voisin` row, canonical, with its line for messages. */
struct pair {
    dept_code a, b;
    size_t line;
};

static int pair_cmp(const void *x, const void *y)
{
    const struct pair *p = x, *q = y;
    int c = strcmp(p->a, q->a);
    return c ? c : strcmp(p->b, q->b);
}

/* The pairs of a neighbours file, canonical and sorted; DS_EDATA for a code that is not a
 * department or a department paired with itself. */
static int read_pairs(const char *path, struct pair **out, size_t *npairs, ds_err *err)
{
    table_t *t = NULL;
    int rc = table_load(path, &t, err);
    if (rc)
        return rc;
    long ca = table_col_index(t, "dep"), cb = table_col_index(t, "voisin");
    size_t m = table_nrows(t);
    struct pair *p = xcalloc(m + 1, sizeof *p);
    if (ca < 0 || cb < 0)
        rc = ds_err_set(err, DS_EDATA, "%s: expected columns dep,voisin", path);
    for (size_t r = 0; !rc && r < m; r++) {
        const char *ta = table_text(t, r, (size_t)ca), *tb = table_text(t, r, (size_t)cb);
        ds_err local;
        ds_err_clear(&local);
        p[r].line = table_row_line(t, r);
        if (geo_dept_canon(ta, strlen(ta), p[r].a, &local) ||
            geo_dept_canon(tb, strlen(tb), p[r].b, &local))
            rc = ds_err_set(err, DS_EDATA, "%s:%zu: %s", path, p[r].line, local.msg);
        else if (strcmp(p[r].a, p[r].b) == 0)
            rc = ds_err_set(err, DS_EDATA, "%s:%zu: department %s is listed as its own "
                            "neighbour", path, p[r].line, p[r].a);
    }
    table_free(t);
    if (rc) {
        free(p);
        return rc;
    }
    qsort(p, m, sizeof *p, pair_cmp);
    *out = p;
    *npairs = m;
    return DS_OK;
}

/* adj[i·n + j] = 1 when codes[i] lists codes[j]; the file must list each pair both ways. */
static int adjacency_from_file(const char *path, dept_code *codes, size_t n,
                               unsigned char *adj, ds_err *err)
{
    struct pair *p = NULL;
    size_t m = 0;
    int rc = read_pairs(path, &p, &m, err);
    for (size_t r = 0; !rc && r < m; r++) {
        struct pair back = {{0}, {0}, 0};
        strcpy(back.a, p[r].b);
        strcpy(back.b, p[r].a);
        if (!bsearch(&back, p, m, sizeof *p, pair_cmp)) {
            rc = ds_err_set(err, DS_EDATA, "%s:%zu: %s lists %s as a neighbour but %s does "
                            "not list %s: a neighbours file lists each pair both ways "
                            "(add the line %s,%s)", path, p[r].line, p[r].a, p[r].b, p[r].b,
                            p[r].a, p[r].b, p[r].a);
            break;
        }
        long i = find_code(codes, n, p[r].a), j = find_code(codes, n, p[r].b);
        if (i >= 0 && j >= 0)
            adj[(size_t)i * n + (size_t)j] = 1;
    }
    free(p);
    return rc;
}

int weights_centroids(const char *path, const char *const *keys, size_t n, double *lon,
                      double *lat, ds_err *err)
{
    char *shipped = NULL;
    if (!path && !(path = shipped = geo_data_path(WEIGHTS_CENTROIDS_FILE, err)))
        return DS_EIO;
    table_t *t = NULL;
    int rc = table_load(path, &t, err);
    size_t clon = 0, clat = 0;
    long cdep = rc ? -1 : table_col_index(t, "dep");
    if (!rc && (cdep < 0 || table_number_column(t, "lon", &clon, err) ||
                table_number_column(t, "lat", &clat, err)))
        rc = ds_err_set(err, DS_EDATA, "%s: expected columns dep,lon,lat (degrees)", path);
    for (size_t i = 0; !rc && i < n; i++) {
        dept_code want, got;
        ds_err local;
        ds_err_clear(&local);
        if (geo_dept_canon(keys[i], strlen(keys[i]), want, &local)) {
            rc = ds_err_set(err, DS_EDATA, "%s", local.msg);
            break;
        }
        size_t r = 0, rows = table_nrows(t);
        for (; r < rows; r++) {
            const char *c = table_text(t, r, (size_t)cdep);
            if (!geo_dept_canon(c, strlen(c), got, &local) && strcmp(got, want) == 0)
                break;
        }
        if (r == rows)
            rc = ds_err_set(err, DS_EDATA, "%s: no centroid for department %s", path, want);
        else if (!((lat[i] = table_num(t, r, clat)) >= -90 && lat[i] <= 90) ||
                 !((lon[i] = table_num(t, r, clon)) >= -360 && lon[i] <= 360))
            rc = ds_err_set(err, DS_EDATA, "%s:%zu: department %s: longitude and latitude "
                            "in degrees expected", path, table_row_line(t, r), want);
    }
    table_free(t);
    free(shipped);
    return rc;
}

struct by_distance {
    double d;
    size_t j;
};

static int distance_cmp(const void *x, const void *y)
{
    const struct by_distance *p = x, *q = y;
    if (p->d != q->d)
        return p->d < q->d ? -1 : 1;
    return p->j < q->j ? -1 : p->j > q->j;
}

/* k nearest or within the band, by great-circle distance between centroids. */
static int adjacency_from_centroids(const char *const *keys, size_t n,
                                    const weights_options *opt, unsigned char *adj, ds_err *err)
{
    if (opt->kind == WEIGHTS_KNN && !(opt->k < n))
        return ds_err_set(err, DS_EDATA, "knn:%u needs more than %u departments; there are "
                          "%zu", opt->k, opt->k, n);
    double *lon = xmalloc((n + 1) * sizeof *lon), *lat = xmalloc((n + 1) * sizeof *lat);
    struct by_distance *near = xmalloc((n + 1) * sizeof *near);
    int rc = weights_centroids(opt->centroids, keys, n, lon, lat, err);
    for (size_t i = 0; !rc && i < n; i++) {
        size_t m = 0;
        for (size_t j = 0; j < n; j++)
            if (j != i)
                near[m++] = (struct by_distance){
                    weights_great_circle_km(lon[i], lat[i], lon[j], lat[j]), j};
        qsort(near, m, sizeof *near, distance_cmp);
        for (size_t e = 0; e < m; e++) {
            if (opt->kind == WEIGHTS_KNN ? e >= opt->k : near[e].d > opt->band_km)
                break;
            adj[i * n + near[e].j] = 1;
        }
    }
    free(lon);
    free(lat);
    free(near);
    return rc;
}

/* Marks in keep the units with a neighbour among the kept ones, dropping islands until
 * none is left (dropping 2B isolates 2A); returns how many are kept. */
static size_t drop_islands(const unsigned char *adj, size_t n, unsigned char *keep)
{
    size_t kept = n;
    memset(keep, 1, n);
    for (int changed = 1; changed;) {
        changed = 0;
        for (size_t i = 0; i < n; i++) {
            size_t deg = 0;
            for (size_t j = 0; keep[i] && j < n; j++)
                deg += keep[j] && adj[i * n + j];
            if (keep[i] && !deg) {
                keep[i] = 0;
                kept--;
                changed = 1;
            }
        }
    }
    return kept;
}

/* The sparse W over the kept units, in key order, with ids, sources and the dropped list. */
static weights_t *weights_assemble(const unsigned char *adj, const unsigned char *keep,
                                   dept_code *codes, size_t n, weights_style style)
{
    size_t *index = xmalloc((n + 1) * sizeof *index), m = 0, npairs = 0;
    for (size_t i = 0; i < n; i++)
        index[i] = keep[i] ? m++ : (size_t)-1;
    size_t *from = xmalloc((n * n + 1) * sizeof *from), *to = xmalloc((n * n + 1) * sizeof *to);
    for (size_t i = 0; i < n; i++)
        for (size_t j = 0; j < n; j++)
            if (keep[i] && keep[j] && adj[i * n + j]) {
                from[npairs] = index[i];
                to[npairs++] = index[j];
            }
    weights_t *w = weights_from_pairs(m, from, to, npairs, style);
    w->source = xmalloc((m + 1) * sizeof *w->source);
    w->dropped = xmalloc((n - m + 1) * sizeof *w->dropped);
    for (size_t i = 0; i < n; i++) {
        if (!keep[i]) {
            w->dropped[w->n_dropped++] = xstrdup(codes[i]);
            continue;
        }
        free(w->ids[index[i]]);
        w->ids[index[i]] = xstrdup(codes[i]);
        w->source[index[i]] = i;
    }
    free(index);
    free(from);
    free(to);
    return w;
}

static int build_adjacency(const char *const *keys, size_t n, const weights_options *opt,
                           dept_code *codes, unsigned char *adj, ds_err *err)
{
    if (opt->kind == WEIGHTS_KNN || opt->kind == WEIGHTS_BAND)
        return adjacency_from_centroids(keys, n, opt, adj, err);
    const char *path = opt->kind == WEIGHTS_FILE ? opt->neighbours : NULL;
    char *shipped = NULL;
    if (!path && !(path = shipped = geo_data_path(WEIGHTS_CONTIGUITY_FILE, err)))
        return DS_EIO;
    int rc = adjacency_from_file(path, codes, n, adj, err);
    free(shipped);
    return rc;
}

int weights_for_departments(const char *const *keys, size_t n, const weights_options *opt,
                            weights_t **out, ds_err *err)
{
    *out = NULL;
    dept_code *codes = xcalloc(n + 1, sizeof *codes);
    unsigned char *adj = xcalloc(n * n + 1, 1), *keep = xcalloc(n + 1, 1);
    int rc = canon_keys(keys, n, codes, err);
    if (!rc)
        rc = build_adjacency(keys, n, opt, codes, adj, err);
    if (!rc) {
        size_t kept = drop_islands(adj, n, keep);
        if (kept == 0)
            rc = ds_err_set(err, DS_EDATA, "none of the %zu departments has a neighbour among "
                            "the others: spatial weights need at least two neighbouring "
                            "departments", n);
        else if (opt->islands == WEIGHTS_ISLANDS_KEEP)
            memset(keep, 1, n);
    }
    if (!rc)
        *out = weights_assemble(adj, keep, codes, n, opt->style);
    free(codes);
    free(adj);
    free(keep);
    return rc;
}
