/* plot_impl.h: what the plot sources share and nobody else needs: the one render path
 * (plot.c), numbers and text widths (plot_text.c), the layout of titles, axes and the
 * credit line (plot_layout.c), the frame that maps data to pixels and label placement
 * (plot_label.c), map classes (plot_classes.c) and map areas (plot_areas.c). */
#ifndef DAMIRSTAT_PLOT_IMPL_H
#define DAMIRSTAT_PLOT_IMPL_H

#include <stdio.h>

#include "damirstat/geo.h"
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

/* Runs gnuplot on the whole script (plot_run.c); DS_OK only if it exits 0 within timeout
 * seconds (0: no limit). DS_EIO when it cannot start or runs late (it is killed), DS_EDATA
 * with its first error line when it fails. */
int plot_run_gnuplot(const char *script, double timeout, ds_err *err);

/* DS_OK when the figure gnuplot wrote at path ends as its format must (target names it in
 * messages); else DS_EIO naming the reason a write there fails now (a full disk), or
 * DS_EDATA for an empty file with no such reason. */
int plot_check_figure(const char *path, const char *target, plot_format fmt, ds_err *err);

/* Writes s as a gnuplot single-quoted string (a quote is doubled; nothing else is special
 * since every terminal is set noenhanced). */
void plot_quote(FILE *fp, const char *s);

/* Formats v with `digits` significant digits in fixed notation (never an exponent),
 * trailing zeros dropped as %g does, thousands grouped, a decimal comma when french. */
void plot_num(char *buf, size_t size, double v, int digits, int french);
/* v with exactly `decimals` decimals, thousands grouped ("1,000,000"; in French U+202F and
 * a decimal comma), a minus sign U+2212 for a negative value. */
void plot_fixed(char *buf, size_t size, double v, int decimals, int french);
/* Ticks are written in full (plot_fixed): values of what (a column, "fitted values") must
 * stay below 1e15 in absolute value and spread over 1e-12 or more (a single value: its
 * own size), or the labels would be cut or all read 0. DS_EDATA naming what otherwise. */
int plot_check_values(const char *what, const double *v, size_t n, ds_err *err);

/* Pixels a point of font size takes (every terminal is set up so that this holds). */
#define PLOT_PX_PER_PT (4.0 / 3.0)
/* Estimated width of UTF-8 text in ems of DejaVu Sans, and in pixels at font_pt. */
double plot_text_em(const char *s);
double plot_text_px(const char *s, double font_pt);
/* Height of a line of text at font_pt, in pixels. */
double plot_line_px(double font_pt);
/* text broken at blanks (and at its line breaks) into lines of at most max_px (a single
 * word wider than that stays whole); returns the lines, *nlines their count. */
char **plot_wrap(const char *text, double max_px, double font_pt, size_t *nlines);
void plot_lines_free(char **lines, size_t n);

#define PLOT_MAX_TICKS 40
/* Tick positions: steps of 1, 2 or 5 × 10^k, and the decimals they all print with. */
typedef struct plot_ticks {
    size_t n;
    double v[PLOT_MAX_TICKS];
    int decimals;
} plot_ticks;
/* About target ticks inside [lo, hi] (none when hi <= lo). */
void plot_ticks_make(double lo, double hi, int target, plot_ticks *t);
/* The ticks of an axis length_px long whose labels do not crowd (along x: their widths). */
void plot_axis_ticks(double lo, double hi, double length_px, int along_x, int french,
                     double font_pt, plot_ticks *t);
double plot_ticks_width_px(const plot_ticks *t, int french, double font_pt);
/* `set xtics ('1,000' 1000, …)` for axis "x", "y" or "cb". */
void plot_write_tics(FILE *fp, const char *axis, const plot_ticks *t, int french);

/* Base font size in points for a figure of the given size (text stays the same share of
 * the figure as it grows), and the factor lines, points and gaps grow by (1 at 1200x800). */
double plot_font_size(const plot_options *o);
double plot_scale(const plot_options *o);
/* The blank kept between text and the image's edge, in pixels. */
double plot_pad_px(const plot_options *o);

/* Writes the lines every figure starts with: font, decimal sign, no enhanced text. */
void plot_write_preamble(FILE *fp, const plot_options *o);

/* A plot area: its rectangle as fractions of the figure (what `set lmargin at screen`
 * takes) and the data ranges it shows; with the figure size it maps data to pixels. */
typedef struct plot_frame {
    double left, right, bottom, top; /* screen fractions */
    double xmin, xmax, ymin, ymax;   /* data */
    int width, height;               /* figure pixels */
} plot_frame;

/* The title (wrapped, centred at the top); returns the pixels it takes from the top (with
 * the gap under it), 0 without a title. */
double plot_write_title(FILE *fp, const plot_options *o);
/* The credit line and the generated-data mark at the bottom (wrapped to the width);
 * plot_footer_px is the pixels they take from the bottom, 0 without either. */
double plot_footer_px(const plot_options *o);
void plot_write_footer(FILE *fp, const plot_options *o);

/* An axis panel laid out inside the box x0 … x1, y0 … y1 (pixels, y up): f's data ranges
 * are set; its margins are made so that the y title, the y tick labels, the x tick labels
 * and the x title fit in the box; the ticks and both titles are written. */
/* The factor of gnuplot point sizes that gives o's format the PNG's markers. */
double plot_point_scale(const plot_options *o);
/* Pixels between an axis and its tick labels. */
double plot_tick_room_px(const plot_options *o);
typedef struct plot_panel_box {
    double x0, y0, x1, y1;
} plot_panel_box;
void plot_write_axes(FILE *fp, plot_frame *f, const plot_panel_box *box, const char *xtitle,
                     const char *ytitle, const plot_options *o);

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
/* The same, for a column of numbers (else DS_EDATA, "plot: "-prefixed). */
int plot_number_column(const table_t *t, const char *name, long *col, ds_err *err);
/* Puts "plot: " before a message set by another module, as plot's own messages start. */
void plot_prefix_error(ds_err *err);

#define PLOT_MAX_CLASSES 9
typedef enum {
    PLOT_BREAKS_NONE, PLOT_BREAKS_QUANTILE, PLOT_BREAKS_JENKS, PLOT_BREAKS_FIXED
} plot_breaks_kind;

/* The classes of a classed map (plot_classes.c): k classes between k + 1 increasing breaks,
 * closed on the right for Jenks ((b0 … b1], as classInt's), else on the left ([b0, b1), the
 * last one closed), and how many values fall in each. */
typedef struct plot_classes {
    plot_breaks_kind kind;
    size_t k;
    double brk[PLOT_MAX_CLASSES + 2];
    int right_closed;
    size_t count[PLOT_MAX_CLASSES + 1];
} plot_classes;

/* Classes of the finite values[0..n) by spec ("quantile:5", "jenks:5", "fixed:1,2,3");
 * DS_EUSAGE for a bad spec, DS_EDATA when there are no values (or fewer than Jenks's K),
 * the message starting with name (NULL: "plot: --breaks"). */
int plot_classes_make(const char *spec, const char *name, const double *values, size_t n,
                      plot_classes *c, ds_err *err);
/* The class of v (0 … k - 1). */
size_t plot_class_of(const plot_classes *c, double v);
/* The fewest decimals that print the breaks all different, with at least three
 * significant digits of the largest. */
int plot_classes_decimals(const plot_classes *c);
/* R's quantile(type = 7) of n sorted values at probability p. */
double plot_quantile7(const double *sorted, size_t n, double p);

/* The areas a map colours (plot_areas.c): every department, or every region of a scheme,
 * with the value the table gives it (NAN when none). Codes are as the outline files write
 * them: departments canonical ("01", "2A", "971"), regions 2016 on two digits ("01", "11"),
 * Open DAMIR's as BEN_RES_REG writes them ("5", "11"). */
typedef struct plot_areas {
    geo_level level;
    geo_region_scheme scheme;
    size_t n;
    char (*code)[GEO_CODE_MAX];
    double *value;
    char off_map[64]; /* table codes that have no outline (99: unknown residence), or "" */
} plot_areas;

/* Reads the key and value columns of t into a, at the level s->level says or the key
 * column and its codes show (plot.h, plot_map). */
int plot_areas_read(const table_t *t, const plot_map_spec *s, plot_areas *a, ds_err *err);
void plot_areas_free(plot_areas *a);
/* Index of an outline file's code among a's areas, or -1. */
long plot_area_index(const plot_areas *a, const char *code);
/* The name of area i ("Ain", "Occitanie"). */
const char *plot_area_name(const plot_areas *a, size_t i);
/* The shipped outline file of a's level (found with geo_data_path). */
const char *plot_areas_outline(const plot_areas *a);

/* Outlines as scripts/make-map.py writes them: polygons (a code each, several for an area
 * of many parts) and the inset boxes, in kilometres. */
typedef struct plot_outline_part {
    char code[GEO_CODE_MAX];
    size_t start, count; /* vertices in x, y */
} plot_outline_part;
typedef struct plot_outline_box {
    char code[GEO_CODE_MAX];
    double x0, y0, x1, y1;
} plot_outline_box;
typedef struct plot_outline {
    double *x, *y;
    size_t nvert, capvert;
    plot_outline_part *parts;
    size_t nparts, capparts;
    plot_outline_box boxes[8];
    size_t nboxes;
} plot_outline;
int plot_outline_load(const char *path, plot_outline *m, ds_err *err);
void plot_outline_free(plot_outline *m);

/* Indices 0..n-1 ordered by decreasing key (NAN last); caller frees. */
size_t *plot_order_desc(const double *key, size_t n);

#endif
