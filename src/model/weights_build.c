/* weights_build: W over the units of a table from a neighbours file or from centroids (k
 * nearest, distance band), with islands dropped or kept. Units are departments (keys
 * canonicalised by geo) or, when a key is not a department code and a neighbours file is
 * given, any text ids matched exactly (communes, lattice cells): the relation is kept
 * sparse throughout, so that tens of thousands of units cost a few sorts. */
#include "damirstat/weights.h"

#include <stdlib.h>
#include <string.h>

#include "damirstat/geo.h"
#include "damirstat/table.h"

/* The units: their ids (canonical department codes, or the keys as given) and a sorted
 * index for lookups. */
struct units {
    size_t n;
    char **ids;
    size_t *sorted; /* indices of ids in strcmp order */
    int departments;
};

static const char *const *cmp_ids; /* qsort has no context argument */

static int index_cmp(const void *a, const void *b)
{
    return strcmp(cmp_ids[*(const size_t *)a], cmp_ids[*(const size_t *)b]);
}

static long unit_find(const struct units *u, const char *id)
{
    size_t lo = 0, hi = u->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strcmp(u->ids[u->sorted[mid]], id);
        if (c == 0)
            return (long)u->sorted[mid];
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return -1;
}

static void units_free(struct units *u)
{
    for (size_t i = 0; u->ids && i < u->n; i++)
        free(u->ids[i]);
    free(u->ids);
    free(u->sorted);
}

/* Department codes (canonical; a key that is not one is an error), or the keys as text ids
 * matched exactly; none may repeat. */
static int units_init(struct units *u, const char *const *keys, size_t n, int departments,
                      ds_err *err)
{
    u->n = n;
    u->ids = xcalloc(n + 1, sizeof *u->ids);
    u->sorted = xmalloc((n + 1) * sizeof *u->sorted);
    u->departments = departments;
    for (size_t i = 0; i < n; i++) {
        char code[GEO_CODE_MAX];
        if (departments && geo_dept_canon(keys[i], strlen(keys[i]), code, err) != DS_OK)
            return DS_EDATA;
        u->ids[i] = xstrdup(departments ? code : keys[i]);
        u->sorted[i] = i;
    }
    cmp_ids = (const char *const *)u->ids;
    qsort(u->sorted, n, sizeof *u->sorted, index_cmp);
    for (size_t t = 1; t < n; t++)
        if (strcmp(u->ids[u->sorted[t]], u->ids[u->sorted[t - 1]]) == 0)
            return ds_err_set(err, DS_EDATA, "%s %s appears twice",
                              u->departments ? "department" : "unit", u->ids[u->sorted[t]]);
    return DS_OK;
}

/* Directed pairs of unit indices. */
struct relation {
    size_t m, cap;
    size_t *from, *to;
};

static void relation_add(struct relation *r, size_t i, size_t j)
{
    if (r->m == r->cap) {
        r->cap = r->cap ? 2 * r->cap : 256;
        r->from = xrealloc(r->from, r->cap * sizeof *r->from);
        r->to = xrealloc(r->to, r->cap * sizeof *r->to);
    }
    r->from[r->m] = i;
    r->to[r->m++] = j;
}

/* One row of a neighbours file: its two ids (canonical codes for departments). */
struct pair {
    char *a, *b;
    size_t line;
};

static int pair_cmp(const void *x, const void *y)
{
    const struct pair *p = x, *q = y;
    int c = strcmp(p->a, q->a);
    return c ? c : strcmp(p->b, q->b);
}

static void pairs_free(struct pair *p, size_t m)
{
    for (size_t r = 0; r < m; r++) {
        free(p[r].a);
        free(p[r].b);
    }
    free(p);
}

/* The two id columns: dep,voisin (departments), unit,neighbour or CODE,voisin (any ids, as
 * the region contiguity files): the header says which units the file pairs. */
static int pair_columns(const table_t *t, const char *path, size_t *ca, size_t *cb,
                        int *departments, ds_err *err)
{
    long a = table_col_index(t, "dep"), b = table_col_index(t, "voisin");
    *departments = a >= 0 && b >= 0;
    if (!*departments) {
        a = table_col_index(t, "unit");
        b = table_col_index(t, "neighbour");
    }
    /* reg,voisin and reg_open_damir,voisin (external-data's region contiguity): the codes
     * as text ids, which the caller writes as the file does */
    if ((a < 0 || b < 0) && table_ncols(t) == 2 && table_col_index(t, "voisin") == 1)
        a = 0, b = 1;
    if (a < 0 || b < 0)
        return ds_err_set(err, DS_EDATA, "%s: expected columns dep,voisin (departments), "
                          "unit,neighbour (any units) or CODE,voisin (regions)", path);
    *ca = (size_t)a;
    *cb = (size_t)b;
    return DS_OK;
}

/* The rows of a neighbours file t (columns ca, cb), sorted; DS_EDATA for a code that is
 * not a department (departments) or a unit paired with itself. */
static int read_pairs(const table_t *t, const char *path, size_t ca, size_t cb,
                      int departments, struct pair **out, size_t *npairs, ds_err *err)
{
    size_t m = 0;
    int rc = DS_OK;
    struct pair *p = xcalloc(table_nrows(t) + 1, sizeof *p);
    for (size_t r = 0; !rc && r < table_nrows(t); r++, m++) {
        const char *ta = table_text(t, r, ca), *tb = table_text(t, r, cb);
        char a[GEO_CODE_MAX], b[GEO_CODE_MAX];
        ds_err local;
        ds_err_clear(&local);
        p[r].line = table_row_line(t, r);
        if (departments && (geo_dept_canon(ta, strlen(ta), a, &local) ||
                            geo_dept_canon(tb, strlen(tb), b, &local))) {
            rc = ds_err_set(err, DS_EDATA, "%s:%zu: %s", path, p[r].line, local.msg);
            break;
        }
        p[r].a = xstrdup(departments ? a : ta);
        p[r].b = xstrdup(departments ? b : tb);
        if (strcmp(p[r].a, p[r].b) == 0)
            rc = ds_err_set(err, DS_EDATA, "%s:%zu: %s is listed as its own neighbour", path,
                            p[r].line, p[r].a);
    }
    if (rc) {
        pairs_free(p, m + 1);
        return rc;
    }
    qsort(p, m, sizeof *p, pair_cmp);
    *out = p;
    *npairs = m;
    return DS_OK;
}

/* The file's pairs among the units; the file must list each pair both ways. */
static int relation_from_file(const table_t *t, const char *path, size_t ca, size_t cb,
                              const struct units *u, struct relation *rel, ds_err *err)
{
    struct pair *p = NULL;
    size_t m = 0;
    int rc = read_pairs(t, path, ca, cb, u->departments, &p, &m, err);
    for (size_t r = 0; !rc && r < m; r++) {
        struct pair back = {p[r].b, p[r].a, 0};
        if (!bsearch(&back, p, m, sizeof *p, pair_cmp)) {
            rc = ds_err_set(err, DS_EDATA, "%s:%zu: %s lists %s as a neighbour but %s does "
                            "not list %s: a neighbours file lists each pair both ways "
                            "(add the line %s,%s)", path, p[r].line, p[r].a, p[r].b, p[r].b,
                            p[r].a, p[r].b, p[r].a);
            break;
        }
        long i = unit_find(u, p[r].a), j = unit_find(u, p[r].b);
        if (i >= 0 && j >= 0)
            relation_add(rel, (size_t)i, (size_t)j);
    }
    if (p)
        pairs_free(p, m);
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
        char want[GEO_CODE_MAX], got[GEO_CODE_MAX];
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
static int relation_from_centroids(const struct units *u, const weights_options *opt,
                                   struct relation *rel, ds_err *err)
{
    size_t n = u->n;
    if (opt->kind == WEIGHTS_KNN && !(opt->k < n))
        return ds_err_set(err, DS_EDATA, "knn:%u needs more than %u departments; there are "
                          "%zu", opt->k, opt->k, n);
    double *lon = xmalloc((n + 1) * sizeof *lon), *lat = xmalloc((n + 1) * sizeof *lat);
    struct by_distance *near = xmalloc((n + 1) * sizeof *near);
    int rc = weights_centroids(opt->centroids, (const char *const *)u->ids, n, lon, lat, err);
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
            relation_add(rel, i, near[e].j);
        }
    }
    free(lon);
    free(lat);
    free(near);
    return rc;
}

/* Marks in keep the units with a neighbour among the kept ones, dropping islands until none
 * is left (dropping 2B isolates 2A); returns how many are kept. */
static size_t drop_islands(const struct relation *rel, size_t n, unsigned char *keep)
{
    size_t *deg = xcalloc(n + 1, sizeof *deg), *rstart = xcalloc(n + 2, sizeof *rstart);
    size_t *rev = xmalloc((rel->m + 1) * sizeof *rev), *queue = xmalloc((n + 1) * sizeof *queue);
    size_t head = 0, tail = 0, kept = n;
    for (size_t e = 0; e < rel->m; e++) {
        deg[rel->from[e]]++;
        rstart[rel->to[e] + 2]++;
    }
    for (size_t j = 0; j < n; j++)
        rstart[j + 2] += rstart[j + 1];
    for (size_t e = 0; e < rel->m; e++) /* rev[rstart[j] …]: the units that list j */
        rev[rstart[rel->to[e] + 1]++] = rel->from[e];
    memset(keep, 1, n);
    for (size_t i = 0; i < n; i++)
        if (!deg[i])
            queue[tail++] = i, keep[i] = 0;
    while (head < tail) {
        size_t r = queue[head++];
        kept--;
        for (size_t t = rstart[r]; t < rstart[r + 1]; t++)
            if (keep[rev[t]] && --deg[rev[t]] == 0)
                queue[tail++] = rev[t], keep[rev[t]] = 0;
    }
    free(deg);
    free(rstart);
    free(rev);
    free(queue);
    return kept;
}

static int relation_cmp(const void *a, const void *b)
{
    const size_t *p = a, *q = b;
    return p[0] != q[0] ? (p[0] < q[0] ? -1 : 1) : (p[1] < q[1] ? -1 : p[1] > q[1]);
}

/* Sorted, without repeats (a file may list a pair twice). */
static void relation_unique(struct relation *rel)
{
    size_t *pairs = xmalloc((2 * rel->m + 1) * sizeof *pairs), m = 0;
    for (size_t e = 0; e < rel->m; e++) {
        pairs[2 * e] = rel->from[e];
        pairs[2 * e + 1] = rel->to[e];
    }
    qsort(pairs, rel->m, 2 * sizeof *pairs, relation_cmp);
    for (size_t e = 0; e < rel->m; e++)
        if (e == 0 || relation_cmp(pairs + 2 * e, pairs + 2 * e - 2) != 0) {
            rel->from[m] = pairs[2 * e];
            rel->to[m++] = pairs[2 * e + 1];
        }
    rel->m = m;
    free(pairs);
}

/* The sparse W over the kept units, in key order, with ids, sources and the dropped list. */
static weights_t *weights_assemble(const struct relation *rel, const unsigned char *keep,
                                   const struct units *u, weights_style style)
{
    size_t n = u->n, m = 0, npairs = 0;
    size_t *index = xmalloc((n + 1) * sizeof *index);
    for (size_t i = 0; i < n; i++)
        index[i] = keep[i] ? m++ : (size_t)-1;
    size_t *from = xmalloc((rel->m + 1) * sizeof *from), *to = xmalloc((rel->m + 1) * sizeof *to);
    for (size_t e = 0; e < rel->m; e++)
        if (keep[rel->from[e]] && keep[rel->to[e]]) {
            from[npairs] = index[rel->from[e]];
            to[npairs++] = index[rel->to[e]];
        }
    weights_t *w = weights_from_pairs(m, from, to, npairs, style);
    w->source = xmalloc((m + 1) * sizeof *w->source);
    w->dropped = xmalloc((n - m + 1) * sizeof *w->dropped);
    for (size_t i = 0; i < n; i++) {
        if (!keep[i]) {
            w->dropped[w->n_dropped++] = xstrdup(u->ids[i]);
            continue;
        }
        free(w->ids[index[i]]);
        w->ids[index[i]] = xstrdup(u->ids[i]);
        w->source[index[i]] = i;
    }
    free(index);
    free(from);
    free(to);
    return w;
}

/* The units and their relation: from the neighbours file (whose header says whether the
 * units are departments) or from the departments' centroids. */
static int build_relation(const char *const *keys, size_t n, const weights_options *opt,
                          struct units *u, struct relation *rel, ds_err *err)
{
    if (opt->kind == WEIGHTS_KNN || opt->kind == WEIGHTS_BAND) {
        int rc = units_init(u, keys, n, 1, err);
        return rc ? rc : relation_from_centroids(u, opt, rel, err);
    }
    const char *path = opt->kind == WEIGHTS_FILE ? opt->neighbours : NULL;
    char *shipped = NULL;
    table_t *t = NULL;
    size_t ca = 0, cb = 0;
    int departments = 1, rc = DS_OK;
    if (!path && !(path = shipped = geo_data_path(WEIGHTS_CONTIGUITY_FILE, err)))
        return DS_EIO;
    if (!(rc = table_load(path, &t, err)))
        rc = pair_columns(t, path, &ca, &cb, &departments, err);
    if (!rc)
        rc = units_init(u, keys, n, departments, err);
    if (!rc)
        rc = relation_from_file(t, path, ca, cb, u, rel, err);
    table_free(t);
    free(shipped);
    return rc;
}

int weights_build(const char *const *keys, size_t n, const weights_options *opt,
                  weights_t **out, ds_err *err)
{
    *out = NULL;
    struct units u = {0};
    struct relation rel = {0};
    unsigned char *keep = xcalloc(n + 1, 1);
    int rc = build_relation(keys, n, opt, &u, &rel, err);
    if (!rc) {
        relation_unique(&rel);
        if (drop_islands(&rel, n, keep) == 0)
            rc = n == 1 ? ds_err_set(err, DS_EDATA, "one %s alone has no neighbour: spatial "
                                     "weights need at least two neighbours",
                                     u.departments ? "department" : "unit")
                        : ds_err_set(err, DS_EDATA, "none of the %zu %s has a neighbour among "
                                     "the others: spatial weights need at least two "
                                     "neighbours", n, u.departments ? "departments" : "units");
        else if (opt->islands == WEIGHTS_ISLANDS_KEEP)
            memset(keep, 1, n);
    }
    if (!rc)
        *out = weights_assemble(&rel, keep, &u, opt->style);
    units_free(&u);
    free(rel.from);
    free(rel.to);
    free(keep);
    return rc;
}
