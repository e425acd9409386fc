/* plot_map: a choropleth of the departments or regions (plot_areas.c) from an outline
 * file: one filled polygon an area part, coloured in C — with the same stops gnuplot's
 * colour box interpolates, so map and legend agree exactly, or a colour a class
 * (plot_classes.c) with a legend a class a line. The legend, its title, the list of areas
 * without data and the credit line sit in a column right of the map, wrapped to it. */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "damirstat/geo.h"
#include "plot_impl.h"


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

const char *plot_palette_name(size_t i)
{
    return i < sizeof palettes / sizeof palettes[0] ? palettes[i].name : NULL;
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

/* The colour of class c: evenly spaced over a sequential palette; on a diverging one, the
 * colour of the class's midpoint, so the centre keeps the middle colour. */
static void class_colour(const scale *sc, const plot_classes *cl, size_t c, char out[8])
{
    double mid = (cl->brk[c] + cl->brk[c + 1]) / 2;
    palette_colour(sc->pal, sc->diverging ? scale_position(sc, mid)
                            : cl->k > 1   ? (double)c / (double)(cl->k - 1) : 0.5, out);
}

/* The colour of area i: its class's, or its value's on the continuous scale; grey when it
 * has no value. */
static void area_colour(const scale *sc, const plot_classes *cl, double v, char out[8])
{
    if (isnan(v)) {
        snprintf(out, 8, "%s", PLOT_GREY);
        return;
    }
    if (cl->k == 0) {
        palette_colour(sc->pal, scale_position(sc, v), out);
        return;
    }
    class_colour(sc, cl, plot_class_of(cl, v), out);
}

/* The legend column: x0 … x1 in pixels, y going down from top. */
typedef struct column {
    double x0, x1, y, bottom;
} column;

/* Wrapped text in the legend column, from its current top down. */
static void column_text(FILE *fp, column *c, const plot_options *o, const char *text,
                        double font_pt, const char *colour)
{
    size_t n;
    double line = plot_line_px(font_pt);
    char **lines = plot_wrap(text, c->x1 - c->x0, font_pt, &n);
    for (size_t i = 0; i < n; i++) {
        fprintf(fp, "set label ");
        plot_quote(fp, lines[i]);
        fprintf(fp, " at screen %.5f,%.5f left front font ',%g' textcolor rgb '%s'\n",
                c->x0 / o->width, (c->y - 0.5 * line) / o->height, font_pt, colour);
        c->y -= line;
    }
    plot_lines_free(lines, n);
}

/* A swatch at the column's left and its text beside it. */
static void column_swatch(FILE *fp, column *c, const plot_options *o, const char *colour,
                          const char *text, double font_pt)
{
    double line = plot_line_px(font_pt), side = 0.8 * line, W = o->width, H = o->height;
    fprintf(fp, "set object rect from screen %.5f,%.5f to screen %.5f,%.5f fc rgb '%s' "
                "fs solid 1 border lc rgb '#666666' lw 0.5 front\n",
            c->x0 / W, (c->y - 0.5 * line - side / 2) / H, (c->x0 + side) / W,
            (c->y - 0.5 * line + side / 2) / H, colour);
    column sub = {c->x0 + side + 0.4 * line, c->x1, c->y, c->bottom};
    column_text(fp, &sub, o, text, font_pt, "#222222");
    c->y = fmin(sub.y, c->y - line) - 0.15 * line;
}

/* A class legend: the highest class on top, "a – b (n)". */
static void class_legend(FILE *fp, column *c, const scale *sc, const plot_classes *cl,
                         const plot_options *o)
{
    int d = plot_classes_decimals(cl);
    for (size_t k = cl->k; k-- > 0;) {
        char lo[48], hi[48], text[160], colour[8];
        plot_fixed(lo, sizeof lo, cl->brk[k], d, o->french);
        plot_fixed(hi, sizeof hi, cl->brk[k + 1], d, o->french);
        if (cl->brk[k] == cl->brk[k + 1]) /* a class of one value (Jenks: the minimum) */
            snprintf(text, sizeof text, "%s (%zu)", lo, cl->count[k]);
        else
            snprintf(text, sizeof text, "%s – %s (%zu)", lo, hi, cl->count[k]);
        class_colour(sc, cl, k, colour);
        column_swatch(fp, c, o, colour, text, plot_font_size(o));
    }
}

/* The colour box, its ticks right of it, in the column's upper part. */
static void colour_box(FILE *fp, column *c, const scale *sc, const plot_options *o)
{
    double fs = plot_font_size(o), W = o->width, H = o->height;
    double height = fmin(0.45 * H, c->y - c->bottom - 4 * plot_line_px(fs));
    if (height < 2 * plot_line_px(fs))
        height = 2 * plot_line_px(fs);
    plot_ticks t;
    plot_axis_ticks(sc->lo, sc->hi, height, 0, o->french, fs, &t);
    double labels = plot_ticks_width_px(&t, o->french, fs) + 12 * plot_scale(o) +
                    0.7 * fs * PLOT_PX_PER_PT;
    double width = 0.03 * W, x0 = fmax(c->x0, fmin(c->x0 + 0.02 * W, c->x1 - labels - width));
    fprintf(fp, "set palette defined (");
    for (size_t i = 0; i < sc->pal->nstops; i++)
        fprintf(fp, "%s%.17g '%s'", i ? ", " : "",
                scale_value(sc, (double)i / (double)(sc->pal->nstops - 1)), sc->pal->stops[i]);
    fprintf(fp, ")\nset cbrange [%.17g:%.17g]\n", sc->lo, sc->hi);
    fprintf(fp, "set colorbox vertical user origin screen %.5f,%.5f size screen %.5f,%.5f "
                "border\nset cbtics out nomirror scale %.3g\n",
            x0 / W, (c->y - height) / H, width / W, height / H, plot_scale(o));
    plot_write_tics(fp, "cb", &t, o->french);
    c->y -= height + 0.6 * plot_line_px(fs);
}

#define MISSING_LISTED 30 /* beyond this, "+N more" */
#define MISSING_NAMED 3   /* up to this many departments are named, not coded */

/* "no data: Mayotte", "no data: 2A, 2B, 971, 972" (more than MISSING_NAMED departments by
 * code; regions by name), or NULL when every area has a value; caller frees. */
static char *missing_list(const plot_areas *a, int french)
{
    char *text = NULL;
    size_t len = 0, nmissing = 0, total = 0;
    for (size_t i = 0; i < a->n; i++)
        total += isnan(a->value[i]);
    FILE *fp = open_memstream(&text, &len);
    if (!fp)
        return NULL;
    fputs(french ? "pas de données :" : "no data:", fp);
    for (size_t i = 0; i < a->n; i++) {
        if (!isnan(a->value[i]))
            continue;
        int coded = a->level == GEO_LEVEL_DEPT && total > MISSING_NAMED;
        if (nmissing < MISSING_LISTED)
            fprintf(fp, "%s %s", nmissing ? "," : "", coded ? a->code[i] : plot_area_name(a, i));
        nmissing++;
    }
    if (nmissing > MISSING_LISTED)
        fprintf(fp, french ? " (+ %zu autres)" : " (+ %zu more)", nmissing - MISSING_LISTED);
    fclose(fp);
    if (nmissing == 0) {
        free(text);
        return NULL;
    }
    return text;
}

/* The legend column: title, colour box or classes, the areas without data, and the codes
 * of the table that no outline draws. */
static void write_legend(FILE *fp, column *c, const plot_areas *a, const scale *sc,
                         const plot_classes *cl, const plot_map_spec *s, const plot_options *o)
{
    double fs = plot_font_size(o);
    column_text(fp, c, o, s->legend_title ? s->legend_title : s->value, fs, "#000000");
    c->y -= 0.4 * plot_line_px(fs);
    if (cl->k)
        class_legend(fp, c, sc, cl, o);
    else
        colour_box(fp, c, sc, o);
    char *missing = missing_list(a, o->french);
    if (missing)
        column_swatch(fp, c, o, PLOT_GREY, missing, fs * 0.8);
    free(missing);
    if (a->off_map[0]) {
        char note[128];
        snprintf(note, sizeof note, o->french ? "hors carte : %s (inconnu)"
                                              : "not on the map: %s (unknown)", a->off_map);
        column_text(fp, c, o, note, fs * 0.8, "#555555");
    }
}

/* The caption under an inset: the overseas department or region it holds, or Paris. */
static const char *inset_name(const plot_areas *a, const char *code, int french)
{
    if (a->level == GEO_LEVEL_DEPT && strcmp(code, "75") == 0) /* the enlarged inner ring */
        return french ? "Paris et petite couronne" : "Paris and inner ring";
    const char *name = a->level == GEO_LEVEL_DEPT ? geo_dept_name(code)
                                                  : geo_region_name(atoi(code), GEO_REGION_2016);
    return name ? name : code;
}

static void write_insets(FILE *fp, const plot_outline *m, const plot_areas *a, double fs,
                         int french)
{
    for (size_t i = 0; i < m->nboxes; i++) {
        const plot_outline_box *b = &m->boxes[i];
        fprintf(fp, "set object rect from %g,%g to %g,%g fs empty border lc rgb '#999999' "
                    "lw 1 front\nset label ",
                b->x0, b->y0, b->x1, b->y1);
        plot_quote(fp, inset_name(a, b->code, french));
        fprintf(fp, " at %g,%g center front font ',%g' textcolor rgb '#333333'\n",
                (b->x0 + b->x1) / 2, b->y0 - 18, fs * 0.75);
    }
}

static void write_parts(FILE *fp, const plot_outline *m)
{
    fprintf(fp, "$map << EOD\n");
    for (size_t i = 0; i < m->nparts; i++) {
        const plot_outline_part *p = &m->parts[i];
        for (size_t v = 0; v < p->count; v++)
            fprintf(fp, "%g %g\n", m->x[p->start + v], m->y[p->start + v]);
        fprintf(fp, "\n\n"); /* two blank lines: the next `index` */
    }
    fprintf(fp, "EOD\n");
}

static void write_map_plot(FILE *fp, const plot_outline *m, const plot_areas *a,
                           const scale *sc, const plot_classes *cl)
{
    /* The colour box's point lies right of every outline, outside the x range: gnuplot
     * clips it and draws nothing. (A point of size 0 on the map instead comes out in SVG
     * as a marker scaled by 0, a matrix librsvg refuses: the whole file fails to render.) */
    double xmax = m->x[0];
    for (size_t v = 1; v < m->nvert; v++)
        xmax = fmax(xmax, m->x[v]);
    fprintf(fp, "$legend << EOD\n%.17g %.17g %.17g\nEOD\nplot ", xmax + 1e6, m->y[0], sc->lo);
    for (size_t i = 0; i < m->nparts; i++) {
        long d = plot_area_index(a, m->parts[i].code);
        char colour[8];
        area_colour(sc, cl, d >= 0 ? a->value[d] : NAN, colour);
        fprintf(fp, "$map index %zu using 1:2 with filledcurves closed fc rgb '%s' fs solid 1 "
                    "border lc rgb 'white' lw 0.6 notitle, \\\n  ",
                i, colour);
    }
    /* One point, clipped, on the palette: gnuplot draws the colour box only for a plot
     * that uses it. */
    if (cl->k)
        fprintf(fp, "$legend using 1:2 with points pt 7 lc rgb 'white' notitle\n");
    else
        fprintf(fp, "$legend using 1:2:3 with points pt 7 lc palette notitle\n");
}

/* The map's area: left of the legend column, under the title, above the credit line. */
static void map_frame(FILE *fp, const plot_outline *m, const plot_options *o, double top,
                      double bottom)
{
    double xmin = INFINITY, xmax = -INFINITY, ymin = INFINITY, ymax = -INFINITY;
    for (size_t v = 0; v < m->nvert; v++) {
        xmin = fmin(xmin, m->x[v]), xmax = fmax(xmax, m->x[v]);
        ymin = fmin(ymin, m->y[v]), ymax = fmax(ymax, m->y[v]);
    }
    ymin -= 40; /* the name under the lowest inset */
    fprintf(fp, "unset border\nunset tics\nset size ratio -1\n"
                "set lmargin at screen %.5f\nset rmargin at screen 0.76\n"
                "set bmargin at screen %.5f\nset tmargin at screen %.5f\n"
                "set xrange [%g:%g]\nset yrange [%g:%g]\nunset key\n",
            plot_pad_px(o) / o->width, bottom / o->height, top / o->height, xmin - 10,
            xmax + 10, ymin, ymax + 10);
}

/* What map_script draws, for plot_draw. */
typedef struct map_figure {
    const plot_outline *m;
    const plot_areas *a;
    const scale *sc;
    const plot_classes *cl;
    const plot_map_spec *s;
    const plot_options *o;
} map_figure;

/* The classes as comments, in full precision, for a reader of the saved script (and the
 * tests, which compare them with R's classInt). */
static void write_class_comment(FILE *fp, const plot_classes *cl)
{
    if (!cl->k)
        return;
    fprintf(fp, "# classes (%s closed):", cl->right_closed ? "right" : "left");
    for (size_t i = 0; i <= cl->k; i++)
        fprintf(fp, " %.17g", cl->brk[i]);
    fprintf(fp, "\n# counts:");
    for (size_t i = 0; i < cl->k; i++)
        fprintf(fp, " %zu", cl->count[i]);
    fprintf(fp, "\n");
}

static void map_script(FILE *fp, const void *ctx)
{
    const map_figure *fig = ctx;
    const plot_options *o = fig->o;
    write_class_comment(fp, fig->cl);
    write_parts(fp, fig->m);
    plot_write_preamble(fp, o);
    double top = o->height - plot_write_title(fp, o) - 0.3 * plot_pad_px(o);
    double bottom = plot_footer_px(o) + plot_pad_px(o);
    plot_write_footer(fp, o);
    map_frame(fp, fig->m, o, top, bottom);
    column c = {0.78 * o->width, o->width - plot_pad_px(o), top, bottom};
    if (fig->cl->k)
        fprintf(fp, "unset colorbox\n");
    write_legend(fp, &c, fig->a, fig->sc, fig->cl, fig->s, o);
    write_insets(fp, fig->m, fig->a, plot_font_size(o), o->french);
    write_map_plot(fp, fig->m, fig->a, fig->sc, fig->cl);
}

/* The outline file: --map, else the shipped one of the level. */
static char *find_outline(const plot_map_spec *s, const plot_areas *a, ds_err *err)
{
    if (s->map_path)
        return xstrdup(s->map_path);
    char *path = geo_data_path(plot_areas_outline(a), err);
    if (!path)
        plot_prefix_error(err);
    return path;
}

int plot_map(const table_t *t, const plot_map_spec *s, const plot_options *o, ds_err *err)
{
    plot_areas a;
    plot_outline m = {0};
    plot_classes cl;
    scale sc;
    char *path = NULL;
    memset(&cl, 0, sizeof cl);
    int rc = plot_areas_read(t, s, &a, err);
    if (rc == DS_OK)
        rc = plot_check_values(s->value, a.value, a.n, err);
    if (rc == DS_OK)
        rc = make_scale(s, a.value, a.n, &sc, err);
    if (rc == DS_OK && s->breaks)
        rc = plot_classes_make(s->breaks, s->breaks_name, a.value, a.n, &cl, err);
    if (rc == DS_OK && !(path = find_outline(s, &a, err)))
        rc = err->code;
    if (rc == DS_OK)
        rc = plot_outline_load(path, &m, err);
    if (rc == DS_OK) {
        map_figure fig = {&m, &a, &sc, &cl, s, o};
        rc = plot_draw(map_script, &fig, o, err);
    }
    plot_outline_free(&m);
    plot_areas_free(&a);
    free(path);
    return rc;
}
