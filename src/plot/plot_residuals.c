/* plot_residuals: the two diagnostic panels of the fit it is handed — residuals against
 * fitted values and a normal Q–Q plot of the standardised residuals, influential points
 * named in both. It never fits: a robust fit's panels show the robust residuals. */
#include <gsl/gsl_cdf.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "damirstat/model.h"
#include "plot_impl.h"

/* R's ppoints(n): (i - a) / (n + 1 - 2a), a = 3/8 when n <= 10, else 1/2, so the panel
 * matches qqnorm() in R. */
static double ppoint(size_t i, size_t n)
{
    double a = n <= 10 ? 3.0 / 8.0 : 0.5;
    return ((double)(i + 1) - a) / ((double)n + 1 - 2 * a);
}

typedef struct panel {
    double *x, *y;   /* n points */
    const char *xlabel, *ylabel, *title;
    int diagonal;    /* reference line y = x (Q–Q) instead of y = 0 */
} panel;

static void panel_range(const panel *pn, size_t n, plot_frame *f)
{
    f->xmin = f->xmax = pn->x[0];
    f->ymin = f->ymax = pn->y[0];
    for (size_t i = 1; i < n; i++) {
        f->xmin = fmin(f->xmin, pn->x[i]), f->xmax = fmax(f->xmax, pn->x[i]);
        f->ymin = fmin(f->ymin, pn->y[i]), f->ymax = fmax(f->ymax, pn->y[i]);
    }
    if (pn->diagonal) { /* the same scale on both axes, so y = x is a true diagonal */
        f->xmin = f->ymin = fmin(f->xmin, f->ymin);
        f->xmax = f->ymax = fmax(f->xmax, f->ymax);
    } else {
        double m = fmax(fabs(f->ymin), fabs(f->ymax)); /* zero in the middle */
        f->ymin = -m, f->ymax = m;
    }
    plot_pad_range(&f->xmin, &f->xmax, 0.06);
    plot_pad_range(&f->ymin, &f->ymax, 0.08);
}

/* One panel inside box: its title, axes, points, reference line and the labels of
 * `order`'s first k; labels (and arrows) of the panel before are cleared first, except on
 * the first panel, whose labels include the figure's title and credit line. */
static void write_panel(FILE *fp, const panel *pn, size_t n, const plot_panel_box *box,
                        const size_t *order, size_t k, const char *const *names,
                        const plot_options *o, int first)
{
    double fs = plot_font_size(o), line = plot_line_px(fs);
    if (!first)
        fprintf(fp, "unset label\nunset arrow\n");
    plot_frame f = {0, 1, 0, 1, 0, 0, 0, 0, o->width, o->height};
    panel_range(pn, n, &f);
    fprintf(fp, "set label ");
    plot_quote(fp, pn->title);
    fprintf(fp, " at screen %.5f,%.5f center front\n", (box->x0 + box->x1) / 2 / o->width,
            (box->y1 - 0.5 * line) / o->height);
    plot_panel_box inner = {box->x0, box->y0, box->x1, box->y1 - 1.4 * line};
    plot_write_axes(fp, &f, &inner, pn->xlabel, pn->ylabel, o);
    const char **text = xmalloc((k ? k : 1) * sizeof *text);
    for (size_t i = 0; i < k; i++)
        text[i] = names ? names[order[i]] : NULL;
    plot_points pts = {n, pn->x, pn->y};
    plot_write_labels(fp, &f, &pts, k, order, text, fs * 0.85, NULL);
    free(text);
    fprintf(fp, "$panel%d << EOD\n", first ? 1 : 2);
    for (size_t i = 0; i < n; i++)
        fprintf(fp, "%.17g %.17g\n", pn->x[i], pn->y[i]);
    fprintf(fp, "EOD\nplot %s with lines lc rgb '%s' lw 1.5 dt 2 notitle, \\\n"
                "  $panel%d using 1:2 with points pt 7 ps %.3g lc rgb '%s' notitle\n",
            pn->diagonal ? "x" : "0", PLOT_VERMILLION, first ? 1 : 2, plot_scale(o) * plot_point_scale(o),
            PLOT_BLUE);
}

/* The Q–Q panel's points: theoretical quantiles against the sorted standardised
 * residuals; qx and qy are indexed like the fit's rows (so labels follow their point). */
static void qq_points(const model_fit *fit, double *qx, double *qy)
{
    size_t *order = plot_order_desc(fit->std_residuals, fit->n); /* decreasing */
    for (size_t rank = 0; rank < fit->n; rank++) {
        size_t i = order[fit->n - 1 - rank]; /* rank-th smallest */
        qx[i] = gsl_cdf_ugaussian_Pinv(ppoint(rank, fit->n));
        qy[i] = fit->std_residuals[i];
    }
    free(order);
}

/* What residuals_script draws, for plot_draw. */
typedef struct residuals_figure {
    const table_t *t;
    const model_fit *fit;
    const plot_options *o;
} residuals_figure;

static void residuals_script(FILE *fp, const void *ctx)
{
    const residuals_figure *fig = ctx;
    const table_t *t = fig->t;
    const model_fit *fit = fig->fit;
    const plot_options *o = fig->o;
    size_t n = fit->n, k = o->label_top < n ? o->label_top : n;
    long lc = o->label_col ? table_col_index(t, o->label_col) : -1;
    const char **names = lc >= 0 ? xmalloc(n * sizeof *names) : NULL;
    for (size_t i = 0; names && i < n; i++)
        names[i] = plot_row_label(t, lc, fit->rows[i]);
    size_t *order = plot_order_desc(fit->cooks_distance, n);
    double *qx = xmalloc(n * sizeof *qx), *qy = xmalloc(n * sizeof *qy);
    qq_points(fit, qx, qy);
    plot_write_preamble(fp, o);
    fprintf(fp, "set grid lc rgb '#E5E5E5' lw 1\nunset key\nset multiplot\n");
    double top = o->height - plot_write_title(fp, o), pad = plot_pad_px(o);
    plot_write_footer(fp, o);
    double bottom = plot_footer_px(o) + pad, mid = o->width / 2.0;
    int fr = o->french;
    panel left = {fit->fitted, fit->residuals, fr ? "Valeurs ajustées" : "Fitted values",
                  fr ? "Résidus" : "Residuals",
                  fr ? "Résidus et valeurs ajustées" : "Residuals vs fitted", 0};
    panel right = {qx, qy, fr ? "Quantiles théoriques (loi normale)" : "Theoretical quantiles",
                   fr ? "Résidus standardisés" : "Standardised residuals",
                   fr ? "Diagramme quantile-quantile normal" : "Normal Q-Q", 1};
    plot_panel_box b1 = {pad, bottom, mid - pad, top}, b2 = {mid + pad, bottom,
                                                            o->width - pad, top};
    write_panel(fp, &left, n, &b1, order, k, names, o, 1);
    write_panel(fp, &right, n, &b2, order, k, names, o, 0);
    fprintf(fp, "unset multiplot\n");
    free(names);
    free(order);
    free(qx);
    free(qy);
}

int plot_residuals(const table_t *t, const model_fit *fit, const plot_options *o, ds_err *err)
{
    if (fit->n == 0)
        return ds_err_set(err, DS_EDATA, "plot: the fit has no rows to draw");
    int rc = plot_check_values("fitted values", fit->fitted, fit->n, err);
    if (rc || (rc = plot_check_values("residuals", fit->residuals, fit->n, err)))
        return rc;
    residuals_figure fig = {t, fit, o};
    return plot_draw(residuals_script, &fig, o, err);
}
