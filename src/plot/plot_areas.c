/* plot_areas: what a map colours — the departments or the regions of a table's key column,
 * at the level the caller, the column's name or its codes say (never a region drawn as the
 * department of the same number) — and the outline files scripts/make-map.py and
 * scripts/make-geo.py build (external-data/departements-carte.txt, regions-carte.txt,
 * regions-open-damir-carte.txt). */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "plot_impl.h"

void plot_outline_free(plot_outline *m)
{
    free(m->x);
    free(m->y);
    free(m->parts);
}

static int parse_outline_line(plot_outline *m, const char *line, const char *path,
                              size_t lineno, ds_err *err)
{
    char code[GEO_CODE_MAX];
    plot_outline_box b;
    double x, y;
    if (line[0] == '#' || line[0] == '\n' || line[0] == '\0')
        return DS_OK;
    if (sscanf(line, "box %3s %lf %lf %lf %lf", b.code, &b.x0, &b.y0, &b.x1, &b.y1) == 5) {
        if (m->nboxes < sizeof m->boxes / sizeof m->boxes[0])
            m->boxes[m->nboxes++] = b;
        return DS_OK;
    }
    if (sscanf(line, "poly %3s", code) == 1) {
        if (m->nparts == m->capparts)
            m->parts = xrealloc(m->parts, (m->capparts = 2 * m->capparts + 64) *
                                              sizeof *m->parts);
        plot_outline_part *p = &m->parts[m->nparts++];
        memcpy(p->code, code, sizeof p->code);
        p->start = m->nvert;
        p->count = 0;
        return DS_OK;
    }
    if (m->nparts > 0 && sscanf(line, "%lf %lf", &x, &y) == 2) {
        if (m->nvert == m->capvert) {
            m->capvert = 2 * m->capvert + 1024;
            m->x = xrealloc(m->x, m->capvert * sizeof *m->x);
            m->y = xrealloc(m->y, m->capvert * sizeof *m->y);
        }
        m->x[m->nvert] = x, m->y[m->nvert] = y;
        m->nvert++;
        m->parts[m->nparts - 1].count++;
        return DS_OK;
    }
    return ds_err_set(err, DS_EDATA, "%s:%zu: expected 'box', 'poly' or 'X Y'", path, lineno);
}

int plot_outline_load(const char *path, plot_outline *m, ds_err *err)
{
    FILE *fp = fopen(path, "r");
    if (!fp)
        return ds_err_set(err, DS_EIO, "plot: %s: %s", path, strerror(errno));
    char line[256];
    size_t lineno = 0;
    int rc = DS_OK;
    while (rc == DS_OK && fgets(line, sizeof line, fp))
        rc = parse_outline_line(m, line, path, ++lineno, err);
    fclose(fp);
    if (rc == DS_OK && m->nparts == 0)
        rc = ds_err_set(err, DS_EDATA, "plot: %s: no polygon", path);
    return rc;
}

/* The areas of a level: every department, or every region of the scheme but Open DAMIR's
 * 99 (unknown residence, which no outline draws). */
static void areas_init(plot_areas *a, geo_level level, geo_region_scheme scheme)
{
    a->level = level;
    a->scheme = scheme;
    size_t n = level == GEO_LEVEL_DEPT ? geo_dept_count() : geo_region_count(scheme);
    a->code = xcalloc(n, sizeof *a->code);
    a->value = xmalloc(n * sizeof *a->value);
    a->n = 0;
    for (size_t i = 0; i < n; i++) {
        if (level == GEO_LEVEL_DEPT) {
            snprintf(a->code[a->n], GEO_CODE_MAX, "%s", geo_dept_code_at(i));
        } else {
            int r = geo_region_code_at(scheme, i);
            if (r == 99)
                continue;
            snprintf(a->code[a->n], GEO_CODE_MAX, scheme == GEO_REGION_OPENDAMIR ? "%d" : "%02d",
                     r);
        }
        a->value[a->n++] = NAN;
    }
}

void plot_areas_free(plot_areas *a)
{
    free(a->code);
    free(a->value);
    memset(a, 0, sizeof *a);
}

long plot_area_index(const plot_areas *a, const char *code)
{
    for (size_t i = 0; i < a->n; i++)
        if (strcmp(a->code[i], code) == 0)
            return (long)i;
    return -1;
}

const char *plot_area_name(const plot_areas *a, size_t i)
{
    const char *name = a->level == GEO_LEVEL_DEPT
                           ? geo_dept_name(a->code[i])
                           : geo_region_name(atoi(a->code[i]), a->scheme);
    return name ? name : a->code[i];
}

const char *plot_areas_outline(const plot_areas *a)
{
    if (a->level == GEO_LEVEL_DEPT)
        return "departements-carte.txt";
    return a->scheme == GEO_REGION_OPENDAMIR ? "regions-open-damir-carte.txt"
                                             : "regions-carte.txt";
}

/* The key column: s->key, else the first usual name of a department or region column. */
static int key_column(const table_t *t, const plot_map_spec *s, long *kc, ds_err *err)
{
    static const char *const keys[] = {"dept", "dep", "departement", "codep", "BEN_RES_DPT",
                                       "BEN_RES_REG", "reg", "region", "code"};
    if (s->key)
        return plot_column(t, s->key, kc, err);
    *kc = -1;
    for (size_t i = 0; *kc < 0 && i < sizeof keys / sizeof keys[0]; i++)
        *kc = table_col_index(t, keys[i]);
    if (*kc < 0)
        return ds_err_set(err, DS_EDATA, "plot: %s: no department or region column (dep, "
                          "BEN_RES_REG, reg, code; name it with --key)", table_name(t));
    return DS_OK;
}

/* The first codes of the key column, for a message: "11, 24, 27, …". */
static void first_codes(const table_t *t, size_t kc, char *buf, size_t size)
{
    size_t o = 0;
    buf[0] = '\0';
    for (size_t r = 0; r < table_nrows(t) && r < 4 && o + 8 < size; r++)
        o += (size_t)snprintf(buf + o, size - o, "%s%s", r ? ", " : "", table_text(t, r, kc));
    if (table_nrows(t) > 4 && o + 6 < size)
        snprintf(buf + o, size - o, ", …");
}

/* The level (and region scheme) of the key column: s->level, else its name, else its
 * codes; both-kinds codes under an uninformative name are a usage error. */
static int key_level(const table_t *t, const plot_map_spec *s, size_t kc, geo_level *level,
                     geo_region_scheme *scheme, ds_err *err)
{
    size_t n = table_nrows(t);
    const char **codes = xmalloc((n ? n : 1) * sizeof *codes);
    for (size_t r = 0; r < n; r++)
        codes[r] = table_text(t, r, kc);
    geo_region_scheme by_codes, by_name;
    geo_level from_codes = geo_level_of_codes(codes, n, &by_codes);
    geo_level from_name = geo_level_of_name(table_col_name(t, kc), &by_name);
    free(codes);
    *level = s->level == PLOT_LEVEL_REGION ? GEO_LEVEL_REGION
           : s->level == PLOT_LEVEL_DEPT   ? GEO_LEVEL_DEPT
           : from_name != GEO_LEVEL_UNKNOWN ? from_name : from_codes;
    *scheme = by_name == GEO_REGION_OPENDAMIR || by_codes == GEO_REGION_OPENDAMIR
                  ? GEO_REGION_OPENDAMIR : GEO_REGION_2016;
    if (*level != GEO_LEVEL_UNKNOWN)
        return DS_OK;
    char some[96];
    first_codes(t, kc, some, sizeof some);
    return ds_err_set(err, DS_EUSAGE, "plot: %s: the codes of '%s' (%s) are both department "
                      "and region codes: say --level region or --level department",
                      table_name(t), table_col_name(t, kc), some);
}

/* The area code of a key cell at the level, or DS_EDATA naming the cell. */
static int area_code(const table_t *t, size_t r, size_t kc, const plot_areas *a,
                     char code[GEO_CODE_MAX], ds_err *err)
{
    const char *key = table_text(t, r, kc);
    if (a->level == GEO_LEVEL_DEPT) {
        if (geo_dept_canon(key, strlen(key), code, NULL) == DS_OK ||
            geo_dept_by_name(key, code, NULL) == DS_OK)
            return DS_OK;
        return ds_err_set(err, DS_EDATA, "%s:%zu: '%s' is not a department", table_name(t),
                          table_row_line(t, r), key);
    }
    int region;
    ds_err local;
    ds_err_clear(&local);
    if (geo_region_canon(key, strlen(key), a->scheme, &region, &local) != DS_OK)
        return ds_err_set(err, DS_EDATA, "%s:%zu: %s", table_name(t), table_row_line(t, r),
                          local.msg);
    snprintf(code, GEO_CODE_MAX, a->scheme == GEO_REGION_OPENDAMIR ? "%d" : "%02d", region);
    return DS_OK;
}

/* Stores v for the area code (Corsica's "20" colours 2A and 2B). */
static int set_value(plot_areas *a, const char *code, double v, const table_t *t, size_t row,
                     ds_err *err)
{
    long i = plot_area_index(a, code);
    if (i < 0 && a->level == GEO_LEVEL_DEPT && strcmp(code, "20") == 0)
        return set_value(a, "2A", v, t, row, err) == DS_OK ? set_value(a, "2B", v, t, row, err)
                                                            : err->code;
    if (i < 0) { /* 99, unknown residence: no outline; listed under the legend */
        size_t len = strlen(a->off_map);
        if (!strstr(a->off_map, code) && len + strlen(code) + 3 < sizeof a->off_map)
            snprintf(a->off_map + len, sizeof a->off_map - len, "%s%s", len ? ", " : "", code);
        return DS_OK;
    }
    if (!isnan(a->value[i]))
        return ds_err_set(err, DS_EDATA, "%s:%zu: %s %s given twice", table_name(t),
                          table_row_line(t, row),
                          a->level == GEO_LEVEL_DEPT ? "department" : "region", code);
    a->value[i] = v;
    return DS_OK;
}

int plot_areas_read(const table_t *t, const plot_map_spec *s, plot_areas *a, ds_err *err)
{
    long kc, vc;
    size_t numeric_col, nvalues = 0;
    geo_level level;
    geo_region_scheme scheme;
    memset(a, 0, sizeof *a);
    int rc = key_column(t, s, &kc, err);
    if (rc == DS_OK)
        rc = plot_column(t, s->value, &vc, err);
    if (rc == DS_OK && (rc = table_number_column(t, s->value, &numeric_col, err)))
        plot_prefix_error(err);
    if (rc == DS_OK)
        rc = key_level(t, s, (size_t)kc, &level, &scheme, err);
    if (rc != DS_OK)
        return rc;
    areas_init(a, level, scheme);
    for (size_t r = 0; rc == DS_OK && r < table_nrows(t); r++) {
        char code[GEO_CODE_MAX];
        double v = table_num(t, r, (size_t)vc);
        rc = area_code(t, r, (size_t)kc, a, code, err);
        if (rc == DS_OK && isfinite(v)) {
            rc = set_value(a, code, v, t, r, err);
            nvalues++;
        }
    }
    if (rc == DS_OK && nvalues == 0)
        rc = ds_err_set(err, DS_EDATA, "plot: %s: no %s has a value in '%s'", table_name(t),
                        level == GEO_LEVEL_DEPT ? "department" : "region", s->value);
    return rc;
}
