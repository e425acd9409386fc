/* plot: article figures drawn by gnuplot, run as an external process.
 *
 * Owns the figure kinds (scatter with a fitted line and its band, residual panels, the
 * department map), drawn from what the caller hands over (a table, a model_fit: plot never
 * fits), the gnuplot script they generate, and running gnuplot safely: the script
 * goes to gnuplot's stdin, its stderr is captured, and the figure is written to a temp file
 * beside the target and renamed only when gnuplot exits 0 with a non-empty file, so a failed
 * run never leaves a partial figure. The terminal follows the file extension: .png
 * (pngcairo), .svg (svg), .pdf (pdfcairo). Sizes are pixels; a PDF is sized in inches at
 * 100 px per inch (1200x800 → 12 x 8 in). Text is UTF-8; colours are Okabe–Ito. */
#ifndef DAMIRSTAT_PLOT_H
#define DAMIRSTAT_PLOT_H

#include <stddef.h>

#include "damirstat/err.h"
#include "damirstat/model.h"
#include "damirstat/table.h"

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
} plot_options;

/* Fills o with the defaults: 1200x800, English, 8 labels, everything else NULL. */
void plot_options_default(plot_options *o);

/* The format of a file name from its extension; DS_EUSAGE for any other extension. */
int plot_format_of(const char *path, plot_format *fmt, ds_err *err);

/* Runs gnuplot on body (the script without terminal and output lines) and writes the figure
 * to o->output atomically, creating its folder if it is missing. DS_EIO when gnuplot is not
 * on PATH or the folder is not writable; DS_EDATA when gnuplot reports an error (its first
 * message quoted). Saves the complete script to o->script_path when set. The one render
 * path: every figure kind ends here, so checks on gnuplot's run belong here alone. */
int plot_render(const char *body, const plot_options *o, ds_err *err);

typedef struct plot_scatter_spec {
    const char *x, *y;       /* column names */
    const char *weight;      /* weight column (WLS), or NULL */
    int fit;                 /* draw the fitted line and its equation */
    plot_band band;          /* band around the line (with fit) */
    double level;            /* of the band, e.g. 0.95 */
} plot_scatter_spec;

/* The table errors plot_scatter would give (an unknown or text column, no row with both x
 * and y), for a caller to check before it fits the line: a figure's own errors come first. */
int plot_scatter_check(const table_t *t, const plot_scatter_spec *s, ds_err *err);

/* Scatter of y against x. fit is the line `y ~ x` (intercept and slope) the caller fitted,
 * with s->weight and s->level (model_fit_line), or NULL. With s->fit, the line, the band
 * from its vcov (t quantile on df_residual; a prediction band adds sigma²) and a key with
 * the equation, R², n and the slope's p are drawn; in any case its Cook's distances choose
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

typedef struct plot_map_spec {
    const char *value;        /* column to colour by */
    const char *key;          /* department column (codes or names); NULL: dept, dep, code… */
    int diverging;            /* diverging palette around center */
    double center;            /* centre of a diverging palette (0 by default) */
    const char *palette;      /* viridis (default), blues, cividis; rdbu, puor (diverging) */
    const char *legend_title; /* colour-box title, e.g. with units; value column by default */
    const char *map_path;     /* outline file; NULL finds external-data/departements-carte.txt */
} plot_map_spec;

/* Choropleth of the departments, overseas ones as insets, missing ones grey and listed in
 * the key ("no data: 2A, 2B"). DS_EDATA for an unknown column, a key that is not a
 * department (FILE:LINE), a department given twice, or no value at all. */
int plot_map(const table_t *t, const plot_map_spec *s, const plot_options *o, ds_err *err);

#endif
