/* plot_map: a choropleth of the departments from the outline file that scripts/make-map.py
 * builds (external-data/departements-carte.txt): one filled polygon a department part,
 * coloured in C with the same stops gnuplot's colour box interpolates, so map and legend
 * agree exactly. */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "damirstat/geo.h"
#include "plot_impl.h"

#define MAP_FILE "departements-carte.txt"

typedef struct palette {
    const char *name;
    int diverging;
    size_t nstops;
    const char *stops[11]; /* low to high */
} palette;

/* viridis (matplotlib, van der Walt & Smith) at 9 even stops; ColorBrewer (Brewer, Penn
 * State) Blues 9, RdBu 11 and PuOr 11 (reversed so that low is blue / purple). All read
 * under the common colour-vision deficiencies. */
static const palette palettes[] = {
    {"viridis", 0, 9, {"#440154", "#472D7B", "#3B528B", "#2C728E", "#21918C", "#28AE80",
                       "#5EC962", "#ADDC30", "#FDE725"}},
    {"blues", 0, 9, {"#F7FBFF", "#DEEBF7", "#C6DBEF", "#9ECAE1", "#6BAED6", "#4292C6",
                     "#2171B5", "#08519C", "#08306B"}},
    {"rdbu", 1, 11, {"#053061", "#2166AC", "#4393C3", "#92C5DE", "#D1E5F0", "#F7F7F7",
                     "#FDDBC7", "#F4A582", "#D6604D", "#B2182B", "#67001F"}},
    {"puor", 1, 11, {"#2D004B", "#542788", "#8073AC", "#B2ABD2", "#D8DAEB", "#F7F7F7",
                     "#FEE0B6", "#FDB863", "#E08214", "#B35806", "#7F3B08"}},
};

typedef struct map_part {
    char code[GEO_CODE_MAX];
    size_t start, count; /* vertices in the map's x, y arrays */
} map_part;

typedef struct map_box {
    char code[GEO_CODE_MAX];
    double x0, y0, x1, y1;
} map_box;

typedef struct map {
    double *x, *y;
    size_t nvert, capvert;
    map_part *parts;
    size_t nparts, capparts;
    map_box boxes[8];
    size_t nboxes;
} map;

static void map_free(map *m)
{
    free(m->x);
    free(m->y);
    free(m->parts);
}

static int parse_map_line(map *m, const char *line, const char *path, size_t lineno,
                          ds_err *err)
{
    char code[GEO_CODE_MAX];
    map_box b;
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
        map_part *p = &m->parts[m->nparts++];
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

static int map_load(const char *path, map *m, ds_err *err)
{
    FILE *fp = fopen(path, "r");
    if (!fp)
        return ds_err_set(err, DS_EIO, "plot: %s: %s", path, strerror(errno));
    char line[256];
    size_t lineno = 0;
    int rc = DS_OK;
    while (rc == DS_OK && fgets(line, sizeof line, fp))
        rc = parse_map_line(m, line, path, ++lineno, err);
    fclose(fp);
    if (rc == DS_OK && m->nparts == 0)
        rc = ds_err_set(err, DS_EDATA, "plot: %s: no polygon", path);
    return rc;
}

/* The outline file: --map, else the shipped one (geo_data_path). Returns a malloc'd path. */
static char *find_map(const char *given, ds_err *err)
{
    if (given)
        return xstrdup(given);
    char *path = geo_data_path(MAP_FILE, err);
    if (!path && err)
        plot_prefix_error(err);
    return path;
}

static const palette *find_palette(const plot_map_spec *s, ds_err *err)
{
    const char *name = s->palette ? s->palette : s->diverging ? "rdbu" : "viridis";
    for (size_t i = 0; i < sizeof palettes / sizeof palettes[0]; i++)
        if (strcmp(palettes[i].name, name) == 0)
            return &palettes[i];
    ds_err_set(err, DS_EUSAGE, "plot: unknown palette '%s' (viridis, blues, rdbu, puor)", name);
    return NULL;
}

/* Colour of t in [0, 1]: linear in RGB between even stops, as gnuplot's `set palette
 * defined` interpolates. */
static void palette_colour(const palette *p, double t, char out[8])
{
    t = fmin(1, fmax(0, t));
    double pos = t * (double)(p->nstops - 1);
    size_t i = (size_t)pos;
    if (i >= p->nstops - 1)
        i = p->nstops - 2;
    double f = pos - (double)i;
    unsigned a[3], b[3];
    sscanf(p->stops[i], "#%2x%2x%2x", &a[0], &a[1], &a[2]);
    sscanf(p->stops[i + 1], "#%2x%2x%2x", &b[0], &b[1], &b[2]);
    int c[3];
    for (int k = 0; k < 3; k++)
        c[k] = (int)lround(a[k] + f * ((double)b[k] - a[k]));
    snprintf(out, 8, "#%02X%02X%02X", c[0], c[1], c[2]);
}

/* Index of a canonical code among geo's departments, or -1. */
static long dept_index(const char *code)
{
    for (size_t i = 0; i < geo_dept_count(); i++)
        if (strcmp(geo_dept_code_at(i), code) == 0)
            return (long)i;
    return -1;
}

static int set_value(double *values, const char *code, double v, const table_t *t, size_t row,
                     ds_err *err)
{
    long i = dept_index(code);
    if (i < 0) /* "20": Corsica before its split colours both halves */
        return strcmp(code, "20") == 0 && set_value(values, "2A", v, t, row, err) == DS_OK
                   ? set_value(values, "2B", v, t, row, err)
                   : ds_err_set(err, DS_EDATA, "%s:%zu: department %s is not on the map",
                                table_name(t), table_row_line(t, row), code);
    if (!isnan(values[i]))
        return ds_err_set(err, DS_EDATA, "%s:%zu: department %s given twice", table_name(t),
                          table_row_line(t, row), code);
    values[i] = v;
    return DS_OK;
}

/* values[i] for geo's i-th department; NAN where the table has no value. */
static int read_values(const table_t *t, const plot_map_spec *s, double *values, ds_err *err)
{
    long kc = -1, vc;
    /* Without --key: the usual names of a department column, in this order. */
    static const char *const keys[] = {"dept", "dep", "departement", "code", "codep"};
    for (size_t i = 0; !s->key && kc < 0 && i < sizeof keys / sizeof keys[0]; i++)
        kc = table_col_index(t, keys[i]);
    int rc = s->key ? plot_column(t, s->key, &kc, err)
             : kc < 0 ? ds_err_set(err, DS_EDATA,
                                   "plot: %s: no department column (dept, dep, code; "
                                   "name it with --key)", table_name(t))
                      : DS_OK;
    if (rc == DS_OK)
        rc = plot_column(t, s->value, &vc, err);
    size_t numeric_col;
    if (rc == DS_OK && (rc = table_number_column(t, s->value, &numeric_col, err)))
        plot_prefix_error(err);
    size_t nvalues = 0;
    for (size_t r = 0; rc == DS_OK && r < table_nrows(t); r++) {
        const char *key = table_text(t, r, (size_t)kc);
        char code[GEO_CODE_MAX];
        if (geo_dept_canon(key, strlen(key), code, NULL) != DS_OK &&
            geo_dept_by_name(key, code, NULL) != DS_OK) {
            rc = ds_err_set(err, DS_EDATA, "%s:%zu: '%s' is not a department", table_name(t),
                            table_row_line(t, r), key);
            break;
        }
        double v = table_num(t, r, (size_t)vc);
        if (isfinite(v)) {
            rc = set_value(values, code, v, t, r, err);
            nvalues++;
        }
    }
    if (rc == DS_OK && nvalues == 0)
        rc = ds_err_set(err, DS_EDATA, "plot: %s: no department has a value in '%s'",
                        table_name(t), s->value);
    return rc;
}

/* A colour scale. Diverging scales map [lo, center] to the lower half of the palette and
 * [center, hi] to the upper half, so the centre keeps the middle colour without stretching
 * the range to values the data never take. */
typedef struct scale {
    const palette *pal;
    int diverging;
    double lo, center, hi;
} scale;

static int make_scale(const plot_map_spec *s, const double *values, size_t n, scale *sc,
                      ds_err *err)
{
    sc->pal = find_palette(s, err);
    if (!sc->pal)
        return err->code;
    sc->lo = INFINITY, sc->hi = -INFINITY;
    for (size_t i = 0; i < n; i++)
        if (!isnan(values[i]))
            sc->lo = fmin(sc->lo, values[i]), sc->hi = fmax(sc->hi, values[i]);
    sc->diverging = s->diverging || sc->pal->diverging;
    sc->center = s->center;
    if (sc->diverging) { /* the centre is always on the scale, strictly inside it */
        double span = fmax(sc->hi - sc->lo, fmax(fabs(sc->center), 1)) * 1e-3;
        sc->lo = fmin(sc->lo, sc->center - span);
        sc->hi = fmax(sc->hi, sc->center + span);
    } else if (!(sc->hi > sc->lo)) {
        plot_pad_range(&sc->lo, &sc->hi, 0);
    }
    return DS_OK;
}

/* Position of v on the palette, 0 … 1. */
static double scale_position(const scale *sc, double v)
{
    if (!sc->diverging)
        return (v - sc->lo) / (sc->hi - sc->lo);
    if (v < sc->center)
        return 0.5 * (v - sc->lo) / (sc->center - sc->lo);
    return 0.5 + 0.5 * (v - sc->center) / (sc->hi - sc->center);
}

/* The value at palette position t (the inverse of scale_position). */
static double scale_value(const scale *sc, double t)
{
    if (!sc->diverging)
        return sc->lo + t * (sc->hi - sc->lo);
    if (t < 0.5)
        return sc->lo + 2 * t * (sc->center - sc->lo);
    return sc->center + (2 * t - 1) * (sc->hi - sc->center);
}

static void write_palette(FILE *fp, const scale *sc, const plot_map_spec *s,
                          const plot_options *o)
{
    /* Stops at data values: gnuplot maps them linearly onto cbrange, which then matches
     * scale_position exactly. */
    fprintf(fp, "set palette defined (");
    for (size_t i = 0; i < sc->pal->nstops; i++)
        fprintf(fp, "%s%.17g '%s'", i ? ", " : "",
                scale_value(sc, (double)i / (double)(sc->pal->nstops - 1)), sc->pal->stops[i]);
    fprintf(fp, ")\nset cbrange [%.17g:%.17g]\n", sc->lo, sc->hi);
    /* Whole numbers in full above 10^4 (populations, euros) rather than 2.5e+06. */
    double big = fmax(fabs(sc->lo), fabs(sc->hi));
    fprintf(fp, "set format cb '%s'\n", big >= 1e4 ? "%.0f" : "%g");
    fprintf(fp, "set colorbox vertical user origin screen 0.80,0.30 size screen 0.03,0.45 "
                "border\nset cbtics out nomirror\nset label ");
    /* The title sits above the box, horizontal; a long one ends at the figure's edge. */
    const char *title = s->legend_title ? s->legend_title : s->value;
    size_t chars = 0;
    for (const char *c = title; *c; c++)
        chars += ((unsigned char)*c & 0xC0) != 0x80;
    double width = 0.7 * plot_font_size(o) * (double)chars / o->width;
    plot_quote(fp, title);
    if (0.80 + width <= 0.98)
        fprintf(fp, " at screen 0.80,0.80 left front\n");
    else
        fprintf(fp, " at screen 0.98,0.80 right front\n");
}

/* Frames and names of the insets. */
static void write_insets(FILE *fp, const map *m, double fs, int french)
{
    for (size_t i = 0; i < m->nboxes; i++) {
        const map_box *b = &m->boxes[i];
        fprintf(fp, "set object %zu rect from %g,%g to %g,%g fs empty border lc rgb '#999999' "
                    "lw 1 front\n",
                i + 1, b->x0, b->y0, b->x1, b->y1);
        const char *name = geo_dept_name(b->code);
        if (strcmp(b->code, "75") == 0) /* the enlarged inner ring, see make-map.py */
            name = french ? "Paris et petite couronne" : "Paris and inner ring";
        fprintf(fp, "set label ");
        plot_quote(fp, name ? name : b->code);
        fprintf(fp, " at %g,%g center front font ',%g' textcolor rgb '#333333'\n",
                (b->x0 + b->x1) / 2, b->y0 - 18, fs * 0.75);
    }
}

#define MISSING_PER_LINE 5  /* codes a line, so the list fits under the colour box */
#define MISSING_LISTED 30   /* beyond this, "+N more" */

/* "no data: 2A, 2B" in lines of MISSING_PER_LINE codes (or NULL when every department has a
 * value); caller frees. */
static char *missing_list(const double *values, int french)
{
    char *text = NULL;
    size_t len = 0, nmissing = 0;
    FILE *fp = open_memstream(&text, &len);
    if (!fp)
        return NULL;
    fputs(french ? "pas de données :" : "no data:", fp);
    for (size_t i = 0; i < geo_dept_count(); i++) {
        if (!isnan(values[i]))
            continue;
        if (nmissing < MISSING_LISTED)
            fprintf(fp, "%s%s%s", nmissing ? "," : "", nmissing % MISSING_PER_LINE ? " " : "\n",
                    geo_dept_code_at(i));
        nmissing++;
    }
    if (nmissing > MISSING_LISTED)
        fprintf(fp, french ? "\n(+ %zu autres)" : "\n(+ %zu more)", nmissing - MISSING_LISTED);
    fclose(fp);
    if (nmissing == 0) {
        free(text);
        return NULL;
    }
    return text;
}

/* Writes s as a gnuplot double-quoted string, where \n is a line break. */
static void quote_lines(FILE *fp, const char *s)
{
    fputc('"', fp);
    for (; *s; s++) {
        if (*s == '\n')
            fputs("\\n", fp);
        else if (*s == '"' || *s == '\\')
            fprintf(fp, "\\%c", *s);
        else
            fputc(*s, fp);
    }
    fputc('"', fp);
}

static void write_parts(FILE *fp, const map *m)
{
    fprintf(fp, "$map << EOD\n");
    for (size_t i = 0; i < m->nparts; i++) {
        const map_part *p = &m->parts[i];
        for (size_t v = 0; v < p->count; v++)
            fprintf(fp, "%g %g\n", m->x[p->start + v], m->y[p->start + v]);
        fprintf(fp, "\n\n"); /* two blank lines: the next `index` */
    }
    fprintf(fp, "EOD\n");
}

/* The grey swatch and the list of departments without a value, under the colour box
 * (drawn as an object and a label: a multi-line key entry would grow upwards into it). */
static void write_missing(FILE *fp, const char *missing, double fs)
{
    if (!missing)
        return;
    fprintf(fp, "set object rect from screen 0.80,0.205 to screen 0.825,0.235 fc rgb '%s' "
                "fs solid 1 noborder front\nset label ",
            PLOT_GREY);
    quote_lines(fp, missing);
    fprintf(fp, " at screen 0.835,0.22 left front font ',%g'\n", fs * 0.8);
}

static void write_map_plot(FILE *fp, const map *m, const double *values, const scale *sc)
{
    fprintf(fp, "$legend << EOD\n%.17g %.17g %.17g\nEOD\nplot ", m->x[0], m->y[0], sc->lo);
    for (size_t i = 0; i < m->nparts; i++) {
        long d = dept_index(m->parts[i].code);
        char colour[8] = PLOT_GREY;
        if (d >= 0 && !isnan(values[d]))
            palette_colour(sc->pal, scale_position(sc, values[d]), colour);
        fprintf(fp, "$map index %zu using 1:2 with filledcurves closed fc rgb '%s' fs solid 1 "
                    "border lc rgb 'white' lw 0.6 notitle, \\\n  ",
                i, colour);
    }
    /* One invisible point on the palette: gnuplot draws the colour box only for a plot
     * that uses it. */
    fprintf(fp, "$legend using 1:2:3 with points pt 7 ps 0 lc palette notitle");
    fprintf(fp, "\n");
}

static void map_frame(FILE *fp, const map *m, const plot_options *o)
{
    double xmin = INFINITY, xmax = -INFINITY, ymin = INFINITY, ymax = -INFINITY;
    for (size_t v = 0; v < m->nvert; v++) {
        xmin = fmin(xmin, m->x[v]), xmax = fmax(xmax, m->x[v]);
        ymin = fmin(ymin, m->y[v]), ymax = fmax(ymax, m->y[v]);
    }
    ymin -= 40; /* the name under the lowest inset */
    fprintf(fp, "unset border\nunset tics\nset size ratio -1\n"
                "set lmargin at screen 0.02\nset rmargin at screen 0.78\n"
                "set bmargin at screen 0.03\nset tmargin at screen %.2f\n"
                "set xrange [%g:%g]\nset yrange [%g:%g]\n"
                "unset key\n",
            o->title ? 0.90 : 0.97, xmin - 10, xmax + 10, ymin, ymax + 10);
    if (o->title) {
        fprintf(fp, "set title ");
        plot_quote(fp, o->title);
        fprintf(fp, " font ',%g'\n", plot_font_size(o) * 1.15);
    }
}

/* What map_script draws, for plot_draw. */
typedef struct map_figure {
    const map *m;
    const double *values;
    const scale *sc;
    const plot_map_spec *s;
    const plot_options *o;
} map_figure;

static void map_script(FILE *fp, const void *ctx)
{
    const map_figure *fig = ctx;
    const map *m = fig->m;
    const double *values = fig->values;
    const scale *sc = fig->sc;
    const plot_map_spec *s = fig->s;
    const plot_options *o = fig->o;
    char *missing = missing_list(values, o->french);
    write_parts(fp, m);
    plot_write_preamble(fp, o);
    map_frame(fp, m, o);
    write_palette(fp, sc, s, o);
    write_insets(fp, m, plot_font_size(o), o->french);
    write_missing(fp, missing, plot_font_size(o));
    write_map_plot(fp, m, values, sc);
    free(missing);
}

int plot_map(const table_t *t, const plot_map_spec *s, const plot_options *o, ds_err *err)
{
    size_t ndept = geo_dept_count();
    double *values = xmalloc(ndept * sizeof *values);
    for (size_t i = 0; i < ndept; i++)
        values[i] = NAN;
    map m = {0};
    scale sc;
    char *path = NULL;
    int rc = read_values(t, s, values, err);
    if (rc == DS_OK)
        rc = make_scale(s, values, ndept, &sc, err);
    if (rc == DS_OK && !(path = find_map(s->map_path, err)))
        rc = err->code;
    if (rc == DS_OK)
        rc = map_load(path, &m, err);
    if (rc == DS_OK) {
        map_figure fig = {&m, values, &sc, s, o};
        rc = plot_draw(map_script, &fig, o, err);
    }
    map_free(&m);
    free(path);
    free(values);
    return rc;
}
