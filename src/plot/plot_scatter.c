/* plot_scatter: y against x with the line of y ~ x it is handed (fitted by the caller with
 * model_fit_line), its band and the influential points named. The band comes from the fit's
 * covariance matrix, never from gnuplot's `fit`; plot never fits. */
#include <gsl/gsl_cdf.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "damirstat/model.h"
#include "plot_impl.h"

#define BAND_STEPS 200 /* grid of the band: smooth at any figure width */

typedef struct points {
    size_t n;
    double *x, *y, *w, *influence;
    size_t *row;
} points;

static void points_free(points *p)
{
    free(p->x);
    free(p->y);
    free(p->w);
    free(p->influence);
    free(p->row);
}

/* Whether row r has a point: x and y present, and a positive weight (wc < 0: none). */
static int point_at(const table_t *t, size_t r, long xc, long yc, long wc, double *x, double *y,
                    double *w)
{
    *x = table_num(t, r, (size_t)xc), *y = table_num(t, r, (size_t)yc);
    *w = wc >= 0 ? table_num(t, r, (size_t)wc) : 1.0;
    return isfinite(*x) && isfinite(*y) && *w > 0 && isfinite(*w);
}

size_t plot_scatter_left_out(const table_t *t, const plot_scatter_spec *s)
{
    long xc = table_col_index(t, s->x), yc = table_col_index(t, s->y);
    long wc = s->weight ? table_col_index(t, s->weight) : -1;
    size_t n = 0;
    double x, y, w;
    if (xc < 0 || yc < 0 || (s->weight && wc < 0))
        return 0;
    for (size_t r = 0; r < table_nrows(t); r++)
        n += !point_at(t, r, xc, yc, wc, &x, &y, &w);
    return n;
}

/* The rows with x, y (and a positive weight) present. */
static int collect_points(const table_t *t, const plot_scatter_spec *s, points *p, ds_err *err)
{
    long xc, yc, wc = -1;
    int rc = plot_number_column(t, s->x, &xc, err);
    if (rc == DS_OK)
        rc = plot_number_column(t, s->y, &yc, err);
    if (rc == DS_OK && s->weight)
        rc = plot_number_column(t, s->weight, &wc, err);
    if (rc != DS_OK)
        return rc;
    size_t nrows = table_nrows(t), cap = nrows ? nrows : 1;
    p->x = xmalloc(cap * sizeof *p->x);
    p->y = xmalloc(cap * sizeof *p->y);
    p->w = xmalloc(cap * sizeof *p->w);
    p->influence = xmalloc(cap * sizeof *p->influence);
    p->row = xmalloc(cap * sizeof *p->row);
    p->n = 0;
    for (size_t r = 0; r < nrows; r++) {
        double x, y, w;
        if (!point_at(t, r, xc, yc, wc, &x, &y, &w))
            continue;
        p->x[p->n] = x, p->y[p->n] = y, p->w[p->n] = w, p->row[p->n] = r;
        p->influence[p->n] = NAN;
        p->n++;
    }
    if (p->n == 0)
        return ds_err_set(err, DS_EDATA, "plot: %s: no row has both '%s' and '%s'",
                          table_name(t), s->x, s->y);
    rc = plot_check_values(s->x, p->x, p->n, err);
    return rc ? rc : plot_check_values(s->y, p->y, p->n, err);
}

/* The fit to draw and to take Cook's distances from: the line of y ~ x handed over. A line
 * that has no slope is an error when it is to be drawn, else left out (the extremes are
 * named instead), as is any fit of 2 points or fewer when no line is drawn. */
static int usable_line(const table_t *t, const plot_scatter_spec *s, size_t npoints,
                       const model_fit **fit, ds_err *err)
{
    const model_fit *f = *fit;
    if (s->fit && !f)
        return ds_err_set(err, DS_EDATA, "plot: %s: no fitted line of %s ~ %s to draw",
                          table_name(t), s->y, s->x);
    if (f && (f->p != 2 || !f->has_intercept))
        return ds_err_set(err, DS_EDATA, "plot: %s: a scatter draws a line %s ~ %s with an "
                          "intercept, not %s", table_name(t), s->y, s->x, f->formula);
    if (f && f->rank != 2) {
        if (s->fit)
            return ds_err_set(err, DS_EDATA, "plot: %s: %s ~ %s cannot be fitted (x does not "
                              "vary)", table_name(t), s->y, s->x);
        *fit = NULL;
    }
    if (!s->fit && npoints <= 2)
        *fit = NULL;
    return DS_OK;
}

/* Influence of each point: Cook's distance when there is a fit, else the distance from
 * the centroid in standard deviations (the extreme points). */
static void set_influence(points *p, const model_fit *fit, size_t nrows)
{
    if (fit) {
        double *by_row = xmalloc((nrows ? nrows : 1) * sizeof *by_row);
        for (size_t r = 0; r < nrows; r++)
            by_row[r] = NAN;
        for (size_t i = 0; i < fit->n; i++)
            by_row[fit->rows[i]] = fit->cooks_distance[i];
        for (size_t i = 0; i < p->n; i++)
            p->influence[i] = by_row[p->row[i]];
        free(by_row);
        return;
    }
    double mx = 0, my = 0, sx = 0, sy = 0;
    for (size_t i = 0; i < p->n; i++)
        mx += p->x[i] / (double)p->n, my += p->y[i] / (double)p->n;
    for (size_t i = 0; i < p->n; i++)
        sx += (p->x[i] - mx) * (p->x[i] - mx), sy += (p->y[i] - my) * (p->y[i] - my);
    sx = sx > 0 ? sqrt(sx / (double)p->n) : 1;
    sy = sy > 0 ? sqrt(sy / (double)p->n) : 1;
    for (size_t i = 0; i < p->n; i++)
        p->influence[i] = hypot((p->x[i] - mx) / sx, (p->y[i] - my) / sy);
}

/* Writes $line and $band on a grid over [xlo, xhi]; widens [*ylo, *yhi] to hold the band.
 * se of the mean at x: sqrt(v00 + 2 x v01 + x² v11); a prediction adds sigma². */
static void write_band(FILE *fp, const model_fit *fit, const plot_scatter_spec *s, double xlo,
                       double xhi, double *ylo, double *yhi)
{
    double b0 = fit->terms[0].estimate, b1 = fit->terms[1].estimate;
    const double *v = fit->vcov;
    double tq = gsl_cdf_tdist_Pinv(1 - (1 - s->level) / 2, fit->df_residual);
    fprintf(fp, "$band << EOD\n");
    for (int k = 0; k <= BAND_STEPS; k++) {
        double x = xlo + (xhi - xlo) * k / BAND_STEPS;
        double var = v[0] + 2 * x * v[1] + x * x * v[3];
        if (s->band == PLOT_BAND_PREDICTION)
            var += fit->sigma * fit->sigma;
        double yhat = b0 + b1 * x, half = tq * sqrt(fmax(var, 0));
        if (s->band == PLOT_BAND_NONE)
            half = 0;
        fprintf(fp, "%.17g %.17g %.17g %.17g\n", x, yhat, yhat - half, yhat + half);
        *ylo = fmin(*ylo, yhat - half);
        *yhi = fmax(*yhi, yhat + half);
    }
    fprintf(fp, "EOD\n");
}

static void format_p(char *buf, size_t size, double p, int french)
{
    char num[32];
    if (p < 0.001) {
        plot_num(num, sizeof num, 0.001, 3, french);
        snprintf(buf, size, "p < %s", num);
    } else {
        plot_num(num, sizeof num, p, 2, french);
        snprintf(buf, size, "p = %s", num);
    }
}

/* The decimals a slope is written with, as the report writes it: three in the usual
 * range, three significant digits below it; its interval takes the same. */
static int slope_decimals(double v)
{
    double a = fabs(v);
    if (a >= 0.01 || a == 0 || !isfinite(a))
        return a >= 1e4 ? 0 : 3;
    return 2 - (int)floor(log10(a));
}

/* The key's fit lines: the slope in words, per +per units of x ("OLS line: +0.971 GP
 * visits per affiliate a year per +100 GPs per 100,000 affiliates"), then its interval,
 * R², n and p. */
static void fit_titles(const model_fit *fit, const plot_scatter_spec *s, const plot_options *o,
                       char *eq, size_t eq_size, char *stats, size_t stats_size)
{
    int fr = o->french;
    double per = s->per > 0 ? s->per : 1;
    const model_term *t = &fit->terms[1];
    char b[48], lo[48], hi[48], step[48], r2[32], p[48], level[16];
    int d = slope_decimals(t->estimate * per);
    plot_fixed(b, sizeof b, t->estimate * per, d, fr);
    plot_fixed(lo, sizeof lo, t->ci_low * per, d, fr);
    plot_fixed(hi, sizeof hi, t->ci_high * per, d, fr);
    plot_num(step, sizeof step, per, 6, fr);
    const char *x = s->x_words ? s->x_words : o->xlabel ? o->xlabel : s->x;
    const char *y = s->y_words ? s->y_words : o->ylabel ? o->ylabel : s->y;
    const char *line = s->weight ? (fr ? "Droite des MCP" : "WLS line")
                                 : (fr ? "Droite des MCO" : "OLS line");
    snprintf(eq, eq_size, "%s%s %s%s %s %s +%s %s", line, fr ? " :" : ":",
             t->estimate >= 0 ? "+" : "", b, y, fr ? "pour" : "per", step, x);
    plot_num(r2, sizeof r2, fit->r_squared, 3, fr);
    plot_num(level, sizeof level, fit->level * 100, 3, fr);
    format_p(p, sizeof p, t->p_value, fr);
    if (fr)
        snprintf(stats, stats_size, "IC à %s %% : %s à %s ; R² = %s, n = %zu, %s", level, lo, hi,
                 r2, fit->n, p);
    else
        snprintf(stats, stats_size, "%s %% CI %s to %s; R² = %s, n = %zu, %s", level, lo, hi, r2,
                 fit->n, p);
}

typedef enum { KEY_BAND, KEY_LINE, KEY_POINT, KEY_TEXT } key_sample;

/* One entry of the key: a sample and its text (wrapped). */
typedef struct key_entry {
    key_sample sample;
    const char *text;
} key_entry;

/* The key above the plot area, drawn by us (samples as objects, texts as labels) so that
 * its lines wrap to the figure's width; returns the pixels it takes. */
static double write_key(FILE *fp, const plot_options *o, const key_entry *e, size_t n,
                        double top)
{
    double fs = plot_font_size(o), line = plot_line_px(fs), pad = plot_pad_px(o);
    double sx0 = pad, sx1 = pad + 2.2 * fs * PLOT_PX_PER_PT, tx = sx1 + 0.5 * line;
    double y = top, S = plot_scale(o);
    for (size_t i = 0; i < n; i++) {
        size_t nl;
        char **lines = plot_wrap(e[i].text, o->width - tx - pad, fs, &nl);
        double cy = y - 0.5 * line, W = o->width, H = o->height;
        if (e[i].sample == KEY_BAND)
            fprintf(fp, "set object rect from screen %.5f,%.5f to screen %.5f,%.5f fc rgb '%s' "
                        "fs transparent solid 0.25 noborder front\n",
                    sx0 / W, (cy - 0.3 * line) / H, sx1 / W, (cy + 0.3 * line) / H, PLOT_SKYBLUE);
        else if (e[i].sample == KEY_LINE)
            fprintf(fp, "set arrow from screen %.5f,%.5f to screen %.5f,%.5f nohead front "
                        "lw 2.5 lc rgb '%s'\n", sx0 / W, cy / H, sx1 / W, cy / H, PLOT_VERMILLION);
        else if (e[i].sample == KEY_POINT)
            fprintf(fp, "set object circle at screen %.5f,%.5f size screen %.5f fc rgb '%s' "
                        "fs solid 1 noborder front\n",
                    (sx0 + sx1) / 2 / W, cy / H, 5 * S / W, PLOT_BLUE);
        for (size_t k = 0; k < nl; k++) {
            fprintf(fp, "set label ");
            plot_quote(fp, lines[k]);
            fprintf(fp, " at screen %.5f,%.5f left front\n", tx / W, (cy - (double)k * line) / H);
        }
        y -= (double)nl * line;
        plot_lines_free(lines, nl);
    }
    return top - y + 0.4 * line;
}

static void write_points(FILE *fp, const points *p, double scale)
{
    double wmax = 0, wmin = INFINITY;
    for (size_t i = 0; i < p->n; i++)
        wmax = fmax(wmax, p->w[i]), wmin = fmin(wmin, p->w[i]);
    fprintf(fp, "$points << EOD\n");
    for (size_t i = 0; i < p->n; i++) /* point area grows with the weight, if any */
        fprintf(fp, "%.17g %.17g %.4f\n", p->x[i], p->y[i],
                scale * (wmax > wmin ? 0.5 + 1.5 * sqrt(p->w[i] / wmax) : 1.3));
    fprintf(fp, "EOD\n");
}

/* Names the label_top most influential points. */
static void write_point_labels(FILE *fp, const table_t *t, const points *p,
                               const plot_frame *f, const plot_options *o, const double *avoid)
{
    long lc = -1;
    if (o->label_col)
        lc = table_col_index(t, o->label_col);
    size_t k = o->label_top < p->n ? o->label_top : p->n;
    if (lc < 0 || k == 0)
        return;
    size_t *order = plot_order_desc(p->influence, p->n);
    const char **text = xmalloc(k * sizeof *text);
    for (size_t i = 0; i < k; i++)
        text[i] = plot_row_label(t, lc, p->row[order[i]]);
    plot_points pts = {p->n, p->x, p->y};
    plot_write_labels(fp, f, &pts, k, order, text, plot_font_size(o) * 0.85, avoid);
    free(order);
    free(text);
}

static void data_ranges(const points *p, plot_frame *f)
{
    f->xmin = f->xmax = p->x[0];
    f->ymin = f->ymax = p->y[0];
    for (size_t i = 1; i < p->n; i++) {
        f->xmin = fmin(f->xmin, p->x[i]), f->xmax = fmax(f->xmax, p->x[i]);
        f->ymin = fmin(f->ymin, p->y[i]), f->ymax = fmax(f->ymax, p->y[i]);
    }
}

static void write_plot_command(FILE *fp, const model_fit *fit, const plot_scatter_spec *s)
{
    fprintf(fp, "unset key\nplot ");
    if (fit && s->band != PLOT_BAND_NONE)
        fprintf(fp, "$band using 1:3:4 with filledcurves fc rgb '%s' fs transparent solid 0.25 "
                    "noborder notitle, \\\n  ", PLOT_SKYBLUE);
    if (fit)
        fprintf(fp, "$band using 1:2 with lines lc rgb '%s' lw 2.5 notitle, \\\n  ",
                PLOT_VERMILLION);
    fprintf(fp, "$points using 1:2:3 with points pt 7 ps variable lc rgb '%s' notitle\n",
            PLOT_BLUE);
}

/* The key's entries: band, line, its statistics, the points. */
static size_t key_entries(const model_fit *fit, const plot_scatter_spec *s,
                          const plot_options *o, size_t n, char (*text)[512], key_entry *e)
{
    size_t k = 0;
    int fr = o->french;
    char level[16];
    plot_num(level, sizeof level, s->level * 100, 3, fr);
    if (fit && s->band != PLOT_BAND_NONE) {
        int pred = s->band == PLOT_BAND_PREDICTION;
        if (fr)
            snprintf(text[k], 512, "bande de %s à %s %%", pred ? "prédiction" : "confiance",
                     level);
        else
            snprintf(text[k], 512, "%s %% %s band", level, pred ? "prediction" : "confidence");
        e[k] = (key_entry){KEY_BAND, text[k]}, k++;
    }
    if (fit) {
        fit_titles(fit, s, o, text[k], 512, text[k + 1], 512);
        e[k] = (key_entry){KEY_LINE, text[k]}, k++;
        e[k] = (key_entry){KEY_TEXT, text[k]}, k++;
    }
    if (s->weight)
        snprintf(text[k], 512, "Observations (n = %zu; %s %s)", n, fr ? "aire ∝" : "area ∝",
                 s->weight);
    else
        snprintf(text[k], 512, "Observations (n = %zu)", n);
    e[k] = (key_entry){KEY_POINT, text[k]}, k++;
    return k;
}

/* What scatter_script draws, for plot_draw; fit is NULL when no line is drawn. */
typedef struct scatter_figure {
    const table_t *t;
    const points *p;
    const model_fit *fit;
    const plot_scatter_spec *s;
    const plot_options *o;
} scatter_figure;

static void scatter_script(FILE *fp, const void *ctx)
{
    const scatter_figure *fig = ctx;
    const model_fit *fit = fig->fit;
    const plot_scatter_spec *s = fig->s;
    const plot_options *o = fig->o;
    plot_write_preamble(fp, o);
    double top = o->height - plot_write_title(fp, o);
    char text[4][512];
    key_entry e[4];
    size_t ne = key_entries(fit, s, o, fig->p->n, text, e);
    top -= write_key(fp, o, e, ne, top);
    plot_write_footer(fp, o);
    plot_frame f = {0, 1, 0, 1, 0, 0, 0, 0, o->width, o->height};
    data_ranges(fig->p, &f);
    plot_pad_range(&f.xmin, &f.xmax, 0.05);
    if (fit)
        write_band(fp, fit, s, f.xmin, f.xmax, &f.ymin, &f.ymax);
    plot_pad_range(&f.ymin, &f.ymax, 0.06);
    write_points(fp, fig->p, plot_scale(o) * plot_point_scale(o));
    fprintf(fp, "set grid lc rgb '#E5E5E5' lw 1\n");
    plot_panel_box box = {plot_pad_px(o), plot_footer_px(o) + plot_pad_px(o),
                          o->width - plot_pad_px(o), top};
    plot_write_axes(fp, &f, &box, o->xlabel ? o->xlabel : s->x, o->ylabel ? o->ylabel : s->y,
                    o);
    write_point_labels(fp, fig->t, fig->p, &f, o, NULL);
    write_plot_command(fp, fit, s);
}

int plot_scatter_check(const table_t *t, const plot_scatter_spec *s, ds_err *err)
{
    points p = {0};
    int rc = collect_points(t, s, &p, err);
    points_free(&p);
    return rc;
}

int plot_scatter(const table_t *t, const plot_scatter_spec *s, const model_fit *fit,
                 const plot_options *o, ds_err *err)
{
    points p = {0};
    int rc = collect_points(t, s, &p, err);
    if (rc == DS_OK)
        rc = usable_line(t, s, p.n, &fit, err);
    if (rc == DS_OK) {
        set_influence(&p, fit, table_nrows(t));
        scatter_figure fig = {t, &p, s->fit ? fit : NULL, s, o};
        rc = plot_draw(scatter_script, &fig, o, err);
    }
    points_free(&p);
    return rc;
}
