/* plot_impl.h: what the plot sources (plot.c, plot_label.c, plot_scatter.c,
 * plot_residuals.c, plot_map.c) share and nobody else needs: the one render path, script
 * text helpers, the frame that maps data to pixels (so labels can be placed before gnuplot
 * draws them), and label placement. */
#ifndef DAMIRSTAT_PLOT_IMPL_H
#define DAMIRSTAT_PLOT_IMPL_H

#include <stdio.h>

#include "damirstat/plot.h"

/* Okabe & Ito (2008), "Color Universal Design": safe for the common colour-vision types. */
#define PLOT_BLACK "#000000"
#define PLOT_ORANGE "#E69F00"
#define PLOT_SKYBLUE "#56B4E9"
#define PLOT_GREEN "#009E73"
#define PLOT_BLUE "#0072B2"
#define PLOT_VERMILLION "#D55E00"
#define PLOT_PURPLE "#CC79A7"
#define PLOT_GREY "#BBBBBB"

/* Writes the body of a figure's gnuplot script (without terminal and output lines) to fp;
 * ctx is the figure kind's own data. */
typedef void plot_script_fn(FILE *fp, const void *ctx);

/* The one way a figure is drawn: the body written by write(fp, ctx), then plot_render
 * (gnuplot, its checks, the atomic rename). DS_EIO when memory runs out, else
 * plot_render's result. */
int plot_draw(plot_script_fn *write, const void *ctx, const plot_options *o, ds_err *err);

/* Writes s as a gnuplot single-quoted string (a quote is doubled; nothing else is special
 * since every terminal is set noenhanced). */
void plot_quote(FILE *fp, const char *s);

/* Formats v with `digits` significant digits (%g style), a decimal comma when french. */
void plot_num(char *buf, size_t size, double v, int digits, int french);

/* Base font size in points for a figure of the given size (text stays the same share of
 * the figure as it grows). */
double plot_font_size(const plot_options *o);

/* Writes the lines every figure starts with: font, decimal sign, no enhanced text. */
void plot_write_preamble(FILE *fp, const plot_options *o);

/* A plot area: its rectangle as fractions of the figure (what `set lmargin at screen`
 * takes) and the data ranges it shows; with the figure size it maps data to pixels. */
typedef struct plot_frame {
    double left, right, bottom, top; /* screen fractions */
    double xmin, xmax, ymin, ymax;   /* data */
    int width, height;               /* figure pixels */
} plot_frame;

/* Writes the margins and ranges of f (`set lmargin at screen …`, `set xrange […]`). */
void plot_write_frame(FILE *fp, const plot_frame *f);
double plot_frame_px(const plot_frame *f, double x);
double plot_frame_py(const plot_frame *f, double y);
/* Pads [lo, hi] by frac of its span (or by 1 when it is a point). */
void plot_pad_range(double *lo, double *hi, double frac);

/* The points of a panel (borrowed arrays). */
typedef struct plot_points {
    size_t n;
    const double *x, *y;
} plot_points;

/* Writes `set label` lines naming the n points pts[which[i]] with text[i], most important
 * first: each label tries several offsets around its point and takes the first whose
 * estimated box stays inside the frame and overlaps no placed label, no point (or, when
 * that is impossible, no named point) and not avoid (x0, y0, x1, y1 in pixels, y up; NULL
 * for none). A label that fits nowhere is left out rather than overprinted. Returns the
 * number written. */
size_t plot_write_labels(FILE *fp, const plot_frame *f, const plot_points *pts, size_t n,
                         const size_t *which, const char *const *text, double font_size,
                         const double *avoid);

/* The name to show for row `row`: the label column's text, or the department's name when
 * that text is a department code; NULL when there is no label column. Owned by t or geo. */
const char *plot_row_label(const table_t *t, long label_col, size_t row);

/* Column index by name or DS_EDATA naming the file and the column. */
int plot_column(const table_t *t, const char *name, long *col, ds_err *err);
/* Puts "plot: " before a message set by another module, as plot's own messages start. */
void plot_prefix_error(ds_err *err);

/* Indices 0..n-1 ordered by decreasing key (NAN last); caller frees. */
size_t *plot_order_desc(const double *key, size_t n);

#endif
