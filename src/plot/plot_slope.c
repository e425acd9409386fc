/* plot_slope: a slope chart — one line a row from its value in one column (left, "2010") to
 * its value in another (right, "2013"), the rows of largest fall and largest rise drawn in
 * colour and named at their right end, the others grey. It shows what a scatter of 2013
 * against 2010 hides: each department's own change, and which moved most. Labels are set
 * in a column right of the lines, spread apart vertically with a leader to their line's end
 * when moved, so that none overlaps another or leaves the image. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "plot_impl.h"

#define SLOPE_GREY "#B8B8B8"
#define SLOPE_MARGIN 0.06 /* left of the first column and right of the last, in data units */

typedef struct slope_rows {
    size_t n;
    double *from, *to;
    size_t *row;
    size_t *named; /* indices into the rows, falls first, then rises */
    size_t nnamed, nfalls;
} slope_rows;

static void slope_rows_free(slope_rows *r)
{
    free(r->from);
    free(r->to);
    free(r->row);
    free(r->named);
}

/* Whether row i has a line: both ends present. */
static int line_at(const table_t *t, size_t i, long fc, long tc, double *a, double *b)
{
    *a = table_num(t, i, (size_t)fc), *b = table_num(t, i, (size_t)tc);
    return isfinite(*a) && isfinite(*b);
}

size_t plot_slope_left_out(const table_t *t, const plot_slope_spec *s)
{
    long fc = table_col_index(t, s->from), tc = table_col_index(t, s->to);
    size_t n = 0;
    double a, b;
    if (fc < 0 || tc < 0)
        return 0;
    for (size_t i = 0; i < table_nrows(t); i++)
        n += !line_at(t, i, fc, tc, &a, &b);
    return n;
}

/* The rows with both values; the label_top of largest change named: half the largest falls
 * (rounded up), then the largest rises, each kind only where the change has that sign. */
static int collect(const table_t *t, const plot_slope_spec *s, const plot_options *o,
                   slope_rows *r, ds_err *err)
{
    long fc, tc;
    int rc = plot_number_column(t, s->from, &fc, err);
    if (rc == DS_OK)
        rc = plot_number_column(t, s->to, &tc, err);
    if (rc != DS_OK)
        return rc;
    size_t nrows = table_nrows(t), cap = nrows ? nrows : 1;
    r->from = xmalloc(cap * sizeof *r->from), r->to = xmalloc(cap * sizeof *r->to);
    r->row = xmalloc(cap * sizeof *r->row), r->named = xmalloc(cap * sizeof *r->named);
    for (size_t i = 0; i < nrows; i++) {
        double a, b;
        if (line_at(t, i, fc, tc, &a, &b))
            r->from[r->n] = a, r->to[r->n] = b, r->row[r->n++] = i;
    }
    if (r->n == 0)
        return ds_err_set(err, DS_EDATA, "plot: %s: no row has both '%s' and '%s'",
                          table_name(t), s->from, s->to);
    double *fall = xmalloc(r->n * sizeof *fall), *rise = xmalloc(r->n * sizeof *rise);
    for (size_t i = 0; i < r->n; i++)
        fall[i] = r->from[i] - r->to[i], rise[i] = -fall[i];
    size_t *by_fall = plot_order_desc(fall, r->n), *by_rise = plot_order_desc(rise, r->n);
    size_t k = o->label_col ? o->label_top : 0, want_falls = (k + 1) / 2;
    for (size_t i = 0; i < r->n && r->nfalls < want_falls && fall[by_fall[i]] > 0; i++)
        r->named[r->nnamed++] = by_fall[i], r->nfalls++;
    for (size_t i = 0; i < r->n && r->nnamed < k && rise[by_rise[i]] > 0; i++)
        r->named[r->nnamed++] = by_rise[i];
    free(fall), free(rise), free(by_fall), free(by_rise);
    return DS_OK;
}

static int is_named(const slope_rows *r, size_t i)
{
    for (size_t k = 0; k < r->nnamed; k++)
        if (r->named[k] == i)
            return 1;
    return 0;
}

/* The lines as gnuplot data blocks: $rest (grey), $falls and $rises (in colour). */
static void write_lines(FILE *fp, const slope_rows *r)
{
    fputs("$rest << EOD\n", fp);
    for (size_t i = 0; i < r->n; i++)
        if (!is_named(r, i))
            fprintf(fp, "0 %.17g\n1 %.17g\n\n", r->from[i], r->to[i]);
    fputs("EOD\n$falls << EOD\n", fp);
    for (size_t k = 0; k < r->nnamed; k++) {
        if (k == r->nfalls)
            fputs("EOD\n$rises << EOD\n", fp);
        size_t i = r->named[k];
        fprintf(fp, "0 %.17g\n1 %.17g\n\n", r->from[i], r->to[i]);
    }
    if (r->nfalls == r->nnamed)
        fputs("EOD\n$rises << EOD\n", fp);
    fputs("EOD\n", fp);
}

struct placed {
    double y;      /* pixel height of the label's centre (y up) */
    double target; /* pixel height of its line's end */
    const char *text;
    const char *colour;
};

static int by_target_desc(const void *a, const void *b)
{
    const struct placed *x = a, *y = b;
    return (x->target < y->target) - (x->target > y->target);
}

/* Spreads the labels (sorted top down) at least `gap` apart inside [lo, hi]. */
static void spread(struct placed *p, size_t n, double gap, double lo, double hi)
{
    for (size_t i = 0; i < n; i++) {
        p[i].y = fmin(p[i].target, hi - gap / 2);
        if (i && p[i].y > p[i - 1].y - gap)
            p[i].y = p[i - 1].y - gap;
    }
    for (size_t i = n; i-- > 0;) { /* pushed below the frame: move the column back up */
        double floor_y = i + 1 < n ? p[i + 1].y + gap : lo + gap / 2;
        if (p[i].y < floor_y)
            p[i].y = floor_y;
    }
}

/* The names at the right ends, in the colour of their line, with a leader when moved. */
static void write_names(FILE *fp, const table_t *t, const slope_rows *r, const plot_frame *f,
                        const plot_options *o)
{
    long lc = o->label_col ? table_col_index(t, o->label_col) : -1;
    if (lc < 0 || r->nnamed == 0)
        return;
    double fs = plot_font_size(o) * 0.85, line = plot_line_px(fs), gap = 0.5 * line;
    struct placed *p = xmalloc(r->nnamed * sizeof *p);
    for (size_t k = 0; k < r->nnamed; k++) {
        size_t i = r->named[k];
        p[k] = (struct placed){0, plot_frame_py(f, r->to[i]),
                               plot_row_label(t, lc, r->row[i]),
                               k < r->nfalls ? PLOT_VERMILLION : PLOT_BLUE};
    }
    qsort(p, r->nnamed, sizeof *p, by_target_desc);
    spread(p, r->nnamed, line * 1.05, f->bottom * o->height, f->top * o->height);
    double x_end = plot_frame_px(f, 1), x_text = x_end + gap + line;
    for (size_t k = 0; k < r->nnamed; k++) {
        fprintf(fp, "set label ");
        plot_quote(fp, p[k].text);
        fprintf(fp, " at screen %.5f,%.5f left front font ',%g' textcolor rgb '%s'\n",
                x_text / o->width, p[k].y / o->height, fs, p[k].colour);
        fprintf(fp, "set arrow from screen %.5f,%.5f to screen %.5f,%.5f nohead front "
                "lc rgb '%s' lw %.3g\n", (x_end + 0.3 * gap) / o->width,
                p[k].target / o->height, (x_text - 0.3 * gap) / o->width, p[k].y / o->height,
                SLOPE_GREY, 0.8 * plot_scale(o));
    }
    free(p);
}

/* The widest name, in pixels, at the labels' font. */
static double names_px(const table_t *t, const slope_rows *r, const plot_options *o)
{
    long lc = o->label_col ? table_col_index(t, o->label_col) : -1;
    double w = 0, fs = plot_font_size(o) * 0.85;
    for (size_t k = 0; lc >= 0 && k < r->nnamed; k++)
        w = fmax(w, plot_text_px(plot_row_label(t, lc, r->row[r->named[k]]), fs));
    return w;
}

typedef struct slope_figure {
    const table_t *t;
    const slope_rows *r;
    const plot_slope_spec *s;
    const plot_options *o;
} slope_figure;

/* The frame: y over both columns; x from the left column to the right one, widened to the
 * right so that the names fit beside the lines (the plot width is known from a first layout
 * of the axes, which the right end of x does not change). */
static void slope_frame(FILE *fp, const slope_figure *fig, plot_frame *f,
                        const plot_panel_box *box, const char *ytitle)
{
    const slope_rows *r = fig->r;
    const plot_options *o = fig->o;
    f->ymin = f->ymax = r->from[0];
    for (size_t i = 0; i < r->n; i++) {
        f->ymin = fmin(f->ymin, fmin(r->from[i], r->to[i]));
        f->ymax = fmax(f->ymax, fmax(r->from[i], r->to[i]));
    }
    plot_pad_range(&f->ymin, &f->ymax, 0.05);
    f->xmin = -SLOPE_MARGIN, f->xmax = 1 + SLOPE_MARGIN;
    char *dry = NULL;
    size_t len = 0;
    FILE *scratch = open_memstream(&dry, &len);
    if (scratch) {
        plot_write_axes(scratch, f, box, "", ytitle, o);
        fclose(scratch);
    }
    free(dry);
    double width = (f->right - f->left) * o->width;
    double need = names_px(fig->t, r, o) + 2 * plot_line_px(plot_font_size(o));
    double share = fmin(need / fmax(width, 1), 0.6);
    if (need > 0) /* (xmax - 1) / (xmax + margin) of the width holds the names */
        f->xmax = (1 + share * SLOPE_MARGIN) / (1 - share);
    plot_write_axes(fp, f, box, "", ytitle, o);
}

/* The grey lines under the coloured ones; an empty block is left out (gnuplot warns). */
static void write_plot_command(FILE *fp, const slope_rows *r, double lw, double ps)
{
    const char *sep = "plot ";
    if (r->nnamed < r->n)
        fprintf(fp, "%s$rest using 1:2 with lines lc rgb '%s' lw %.3g notitle", sep,
                SLOPE_GREY, lw), sep = ", \\\n  ";
    if (r->nfalls)
        fprintf(fp, "%s$falls using 1:2 with linespoints pt 7 ps %.3g lc rgb '%s' lw %.3g "
                "notitle", sep, 0.8 * ps, PLOT_VERMILLION, 2.2 * lw), sep = ", \\\n  ";
    if (r->nnamed > r->nfalls)
        fprintf(fp, "%s$rises using 1:2 with linespoints pt 7 ps %.3g lc rgb '%s' lw %.3g "
                "notitle", sep, 0.8 * ps, PLOT_BLUE, 2.2 * lw);
    fputc('\n', fp);
}

/* The words under the two columns, in the tick labels' row: centred on their column, but
 * moved inward so that a long one is not cut at the image's edge (as a tick label it was). */
static void write_ends(FILE *fp, const plot_frame *f, const plot_slope_spec *s,
                       const plot_options *o)
{
    const char *text[2] = {s->from_label ? s->from_label : s->from,
                           s->to_label ? s->to_label : s->to};
    double fs = plot_font_size(o), pad = plot_pad_px(o);
    double y = f->bottom * o->height - plot_tick_room_px(o) - 0.5 * plot_line_px(fs);
    fputs("set xtics ('' 0, '' 1)\n", fp);
    for (int k = 0; k < 2; k++) {
        double w = plot_text_px(text[k], fs), x = plot_frame_px(f, k);
        x = fmax(fmin(x, o->width - pad - w / 2), pad + w / 2);
        fprintf(fp, "set label ");
        plot_quote(fp, text[k]);
        fprintf(fp, " at screen %.5f,%.5f center front font ',%g' textcolor rgb '#000000'\n",
                x / o->width, y / o->height, fs);
    }
}

static void slope_script(FILE *fp, const void *ctx)
{
    const slope_figure *fig = ctx;
    const plot_options *o = fig->o;
    const plot_slope_spec *s = fig->s;
    plot_write_preamble(fp, o);
    double top = o->height - plot_write_title(fp, o), pad = plot_pad_px(o);
    plot_write_footer(fp, o);
    write_lines(fp, fig->r);
    plot_frame f = {0, 1, 0, 1, 0, 0, 0, 0, o->width, o->height};
    plot_panel_box box = {pad, plot_footer_px(o) + pad, o->width - pad, top};
    slope_frame(fp, fig, &f, &box, o->ylabel ? o->ylabel : "");
    write_ends(fp, &f, s, o);
    fputs("set grid xtics ytics lc rgb '#E5E5E5' lw 1\nunset key\n", fp);
    write_names(fp, fig->t, fig->r, &f, o);
    write_plot_command(fp, fig->r, plot_scale(o), plot_scale(o) * plot_point_scale(o));
}

int plot_slope(const table_t *t, const plot_slope_spec *s, const plot_options *o, ds_err *err)
{
    slope_rows r;
    memset(&r, 0, sizeof r);
    int rc = collect(t, s, o, &r, err);
    if (rc == DS_OK) {
        slope_figure fig = {t, &r, s, o};
        rc = plot_draw(slope_script, &fig, o, err);
    }
    slope_rows_free(&r);
    return rc;
}
