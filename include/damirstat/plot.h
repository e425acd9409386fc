/* plot: article figures drawn by gnuplot, run as an external process.
 *
 * Owns the figure kinds (scatter with a fitted line and its band, residual panels, maps of
 * departments or regions, with a continuous scale or classes, slope charts of a change),
 * drawn from what the caller hands over (a table, a model_fit: plot never fits), the
 * gnuplot script they generate, and running gnuplot safely: the script goes to gnuplot's
 * stdin, its stderr is captured, and the figure is written to a temp file
 * beside the target and renamed only when gnuplot exits 0 with a non-empty file, so a failed
 * run never leaves a partial figure. The terminal follows the file extension: .png
 * (pngcairo), .svg (svg), .pdf (pdfcairo). Sizes are pixels; a PDF is sized in inches at
 * 100 px per inch (1200x800 → 12 x 8 in). Text is UTF-8; colours are Okabe–Ito.
 *
 * Layout is computed here, not left to gnuplot: fonts, lines and points scale together with
 * the figure (16 pt at 1200x800), margins are made from the estimated width of the tick
 * labels and axis titles, and every text (title, key, axis titles, point labels, legend,
 * credit line) is placed so that its estimated box stays inside the image at any --size.
 * Ticks are chosen and written by plot (steps of 1, 2 or 5 × 10^k, one number of decimals
 * an axis, thousands grouped: "1,000,000" in English, "1 000 000" with a narrow no-break
 * space U+202F and a decimal comma in French), so an axis never mixes 500000 and 1e+06. */
#ifndef DAMIRSTAT_PLOT_H
#define DAMIRSTAT_PLOT_H

#include <stddef.h>

#include "damirstat/err.h"
#include "damirstat/model.h"
#include "damirstat/table.h"

/* Changes whenever a figure drawn from the same inputs would look different, so that a
 * study's figure cache (which keys on the inputs) draws it again. */
#define PLOT_STYLE_VERSION 2

/* The smallest and largest figure in pixels: below 320x240 the title, ticks, legend and
 * credit line, whose fonts shrink with the figure only down to a readable size, overlap. */
enum { PLOT_MIN_WIDTH = 320, PLOT_MIN_HEIGHT = 240, PLOT_MAX_SIDE = 10000 };

typedef enum { PLOT_PNG, PLOT_SVG, PLOT_PDF } plot_format;
typedef enum { PLOT_BAND_NONE, PLOT_BAND_CONFIDENCE, PLOT_BAND_PREDICTION } plot_band;

/* What every figure shares. Strings are borrowed; NULL means the default. */
typedef struct plot_options {
    const char *output;      /* target file; its extension picks the terminal */
    const char *script_path; /* also save the generated gnuplot script here, or NULL */
    int width, height;       /* pixels */
    int french;              /* decimal comma and French default labels */
    const char *title, *xlabel, *ylabel;
    size_t label_top;        /* how many influential points to name */
    const char *label_col;   /* column of point names (names or department codes), or NULL */
    double timeout;          /* seconds gnuplot may take before it is stopped; 0: no limit */
    const char *source;      /* credit line under the figure: "Source: TEXT. Figure:
                              * damirstat" (TEXT as given when it starts with "Source") */
    int generated;           /* made from `damirstat gen` output: a "Generated data" mark */
} plot_options;

/* Fills o with the defaults: 1200x800, English, 8 labels, a 60 s timeout, everything else
 * NULL or 0. */
void plot_options_default(plot_options *o);

/* The format of a file name from its extension; DS_EUSAGE for any other extension. */
int plot_format_of(const char *path, plot_format *fmt, ds_err *err);

/* Runs gnuplot on body (the script without terminal and output lines) and writes the figure
 * to o->output atomically, creating its folder if it is missing. DS_EIO when gnuplot is not
 * on PATH, the folder is not writable, gnuplot runs past o->timeout (it is killed) or the
 * figure it wrote is incomplete (no PNG IEND chunk, SVG closing tag or PDF %%EOF: a full
 * disk, whose reason is then named); DS_EDATA when gnuplot reports an error (its first
 * message quoted) or writes nothing. Saves the complete script to o->script_path when set.
 * The one render path: every figure kind ends here, so checks on gnuplot's run belong here
 * alone. */
int plot_render(const char *body, const plot_options *o, ds_err *err);

typedef struct plot_scatter_spec {
    const char *x, *y;       /* column names */
    const char *weight;      /* weight column (WLS), or NULL */
    int fit;                 /* draw the fitted line and its equation */
    plot_band band;          /* band around the line (with fit) */
    double level;            /* of the band, e.g. 0.95 */
    const char *x_words;     /* x in words for the key ("GPs per 100,000 affiliates"); NULL:
                              * the x axis title */
    const char *y_words;     /* y in words ("GP visits per affiliate a year"); NULL: y title */
    double per;              /* the key gives the slope per +per units of x (0 or 1: per +1) */
} plot_scatter_spec;

/* The table errors plot_scatter would give (an unknown or text column, no row with both x
 * and y), for a caller to check before it fits the line: a figure's own errors come first. */
int plot_scatter_check(const table_t *t, const plot_scatter_spec *s, ds_err *err);
/* How many rows of t plot_scatter leaves out: x or y missing, or a weight that is not
 * positive (0 when a column is unknown). */
size_t plot_scatter_left_out(const table_t *t, const plot_scatter_spec *s);

/* Scatter of y against x. fit is the line `y ~ x` (intercept and slope) the caller fitted,
 * with s->weight and s->level (model_fit_line), or NULL. With s->fit, the line, the band
 * from its vcov (t quantile on df_residual; a prediction band adds sigma²) and a key with
 * the slope in words ("+0.971 GP visits per affiliate a year per +100 GPs per 100,000
 * affiliates"), R², n and the slope's p are drawn; in any case its Cook's distances choose
 * the points to name (without a fit, the farthest from the centroid). DS_EDATA for an
 * unknown column, no complete row, or with s->fit a missing fit or one whose x does not
 * vary. */
int plot_scatter(const table_t *t, const plot_scatter_spec *s, const model_fit *fit,
                 const plot_options *o, ds_err *err);

/* Residuals against fitted values and a normal Q–Q plot of the standardised residuals
 * (theoretical quantiles at R's ppoints), two panels, of the fit handed over (whatever its
 * method: a bisquare fit's panels show its residuals); t is the table whose rows fit->rows
 * index, for labels. The label_top points of largest Cook's distance are named in both. */
int plot_residuals(const table_t *t, const model_fit *fit, const plot_options *o, ds_err *err);

typedef struct plot_slope_spec {
    const char *from, *to;             /* numeric columns: each row's line runs from one to
                                        * the other (left: from, right: to) */
    const char *from_label, *to_label; /* words under each end ("2010"); NULL: the names */
} plot_slope_spec;

/* Slope chart: a grey line a row from its `from` value to its `to` value; of the
 * o->label_top rows of largest change, half (rounded up) the largest falls, drawn in
 * vermillion, and the rest the largest rises, in blue, named (o->label_col) in a column at
 * the right, spread apart so that none overlaps another. Rows missing either value are
 * left out. DS_EDATA for an unknown or text column, or no row with both values. */
int plot_slope(const table_t *t, const plot_slope_spec *s, const plot_options *o, ds_err *err);
/* How many rows of t plot_slope leaves out (from or to missing). */
size_t plot_slope_left_out(const table_t *t, const plot_slope_spec *s);

typedef enum { PLOT_LEVEL_AUTO, PLOT_LEVEL_DEPT, PLOT_LEVEL_REGION } plot_level;

typedef struct plot_map_spec {
    const char *value;        /* column to colour by */
    const char *key;          /* department or region column; NULL: dept, dep, reg, code… */
    plot_level level;         /* AUTO: from the key column's name, else from its codes */
    const char *breaks;       /* classes: "quantile:K", "jenks:K" or "fixed:A,B,…"; NULL for a
                               * continuous scale */
    const char *breaks_name;  /* how its errors name breaks: NULL = "plot: --breaks" (a
                               * study's [plot] says "breaks", its key) */
    int diverging;            /* diverging palette around center */
    double center;            /* centre of a diverging palette (0 by default) */
    const char *palette;      /* viridis (default), blues; rdbu, puor (diverging) */
    const char *legend_title; /* colour-box title, e.g. with units; value column by default */
    const char *map_path;     /* outline file; NULL finds the shipped one of the level */
} plot_map_spec;

/* The name of map palette i (0, 1, …), NULL past the last: for a caller that checks a
 * palette name before anything is drawn (a study's [plot] palette =). */
const char *plot_palette_name(size_t i);

/* The name of figure kind i (scatter, residuals, map, slope), NULL past the last: the one
 * list the command, a study's [plot] kind = and the shell completions take. */
const char *plot_kind_name(size_t i);

/* Choropleth of the departments or of the regions (13 metropolitan, overseas as insets
 * named after their region), missing ones grey and listed in the key ("no data: 2A, 2B").
 * The level is --level's, else the key column's name (BEN_RES_REG, reg…: regions; dep,
 * BEN_RES_DPT…: departments), else the codes (one that is no region code: departments; one
 * that is no department code: regions); codes that are both (11 … 94) under a name that
 * says neither are DS_EUSAGE asking for --level. Regions named BEN_RES_REG or
 * reg_open_damir, or with codes 5 or 99, are Open DAMIR's (93 with Corsica, 5 overseas).
 * With s->breaks, classes (quantile type 7, Jenks natural breaks as classInt's "jenks",
 * or fixed) and a legend a class a line with its range and count. DS_EDATA for an unknown
 * column, a key that is not a code of the level (FILE:LINE), an area given twice, or no
 * value at all; DS_EUSAGE for a bad breaks spec. */
int plot_map(const table_t *t, const plot_map_spec *s, const plot_options *o, ds_err *err);

/* DS_OK when spec is a breaks spec plot_map accepts, else DS_EUSAGE with a message that
 * starts with name (NULL: "plot: --breaks"): so that a study checks it before any work. */
int plot_breaks_check(const char *spec, const char *name, ds_err *err);

#endif
