/* plot_layout: where the text of a figure goes — the title, the axis titles and tick labels
 * of a panel, and the credit line with the generated-data mark — computed from estimated
 * text widths (plot_text.c) so that nothing is cut at the image's edges at any size. Every
 * text is a `set label … at screen`, placed by us rather than by gnuplot's own margins. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "plot_impl.h"

#define TEXT_GREY "#333333"
#define CREDIT_GREY "#555555"

/* `set label 'TEXT' at screen X,Y ANCHOR` with x, y in pixels (y up). */
static void screen_label(FILE *fp, const plot_options *o, const char *text, double x, double y,
                         const char *anchor, double font_pt, const char *colour,
                         const char *extra)
{
    fprintf(fp, "set label ");
    plot_quote(fp, text);
    fprintf(fp, " at screen %.5f,%.5f %s front font ',%g' textcolor rgb '%s'%s\n",
            x / o->width, y / o->height, anchor, font_pt, colour, extra ? extra : "");
}

double plot_write_title(FILE *fp, const plot_options *o)
{
    if (!o->title || !*o->title)
        return 0;
    double fs = plot_font_size(o) * 1.15, pad = plot_pad_px(o), line = plot_line_px(fs);
    size_t n;
    char **lines = plot_wrap(o->title, o->width - 2 * pad, fs, &n);
    for (size_t i = 0; i < n; i++)
        screen_label(fp, o, lines[i], o->width / 2.0, o->height - pad - (i + 0.5) * line,
                     "center", fs, "#000000", NULL);
    plot_lines_free(lines, n);
    return pad + (double)n * line + 0.3 * line;
}

/* The credit line's text; caller frees. */
static char *credit_text(const plot_options *o)
{
    const char *s = o->source;
    size_t len = strlen(s);
    while (len > 0 && (s[len - 1] == '.' || s[len - 1] == ' '))
        len--;
    int has_source = strncasecmp(s, "source", 6) == 0;
    size_t n = len + 64;
    char *text = xmalloc(n);
    snprintf(text, n, "%s%.*s. %s", has_source ? "" : o->french ? "Source : " : "Source: ",
             (int)len, s, o->french ? "Graphique : damirstat" : "Figure: damirstat");
    return text;
}

static const char *generated_text(const plot_options *o)
{
    return o->french ? "Données générées (damirstat gen), pas des observations"
                     : "Generated data (damirstat gen), not observations";
}

/* The footer's lines from the top down; *mark_alone when the generated mark takes a line of
 * its own (else it shares the last credit line, at its right end). */
static char **footer_lines(const plot_options *o, size_t *n, int *mark_alone)
{
    double fs = plot_font_size(o) * 0.8, room = o->width - 2 * plot_pad_px(o);
    char **lines = NULL;
    *n = 0;
    *mark_alone = 0;
    if (o->source && *o->source) {
        char *text = credit_text(o);
        lines = plot_wrap(text, room, fs, n);
        free(text);
    }
    if (o->generated) {
        double need = plot_text_px(generated_text(o), fs) + 2 * fs * PLOT_PX_PER_PT;
        *mark_alone = *n == 0 || plot_text_px(lines[*n - 1], fs) + need > room;
    }
    return lines;
}

double plot_footer_px(const plot_options *o)
{
    size_t n;
    int alone;
    char **lines = footer_lines(o, &n, &alone);
    plot_lines_free(lines, n);
    size_t rows = n + (size_t)alone;
    if (rows == 0)
        return 0;
    return plot_pad_px(o) * 0.6 + (double)rows * plot_line_px(plot_font_size(o) * 0.8);
}

void plot_write_footer(FILE *fp, const plot_options *o)
{
    double fs = plot_font_size(o) * 0.8, pad = plot_pad_px(o), line = plot_line_px(fs);
    size_t n;
    int alone;
    char **lines = footer_lines(o, &n, &alone);
    size_t rows = n + (size_t)alone;
    for (size_t i = 0; i < n; i++)
        screen_label(fp, o, lines[i], pad, pad * 0.6 + ((double)(rows - 1 - i) + 0.5) * line,
                     "left", fs, CREDIT_GREY, NULL);
    if (o->generated)
        screen_label(fp, o, generated_text(o), o->width - pad, pad * 0.6 + 0.5 * line, "right",
                     fs, PLOT_VERMILLION, NULL);
    plot_lines_free(lines, n);
}

/* Room between an axis and its tick labels: the tick (12 px at scale 1, `set tics scale`
 * makes it grow with the figure) and gnuplot's offset of about half a character. */
double plot_tick_room_px(const plot_options *o)
{
    return 12 * plot_scale(o) + 0.7 * plot_font_size(o) * PLOT_PX_PER_PT;
}

/* The lines of an axis title wrapped to room pixels; at least 1 so that an empty or missing
 * title keeps the layout of a one-line one. */
static size_t title_lines(const char *title, double room, double fs)
{
    size_t n;
    char **lines = plot_wrap(title ? title : "", room, fs, &n);
    plot_lines_free(lines, n);
    return n ? n : 1;
}

/* An axis title a label a line: along x, its lines from the top down ending at y0; along y
 * (rotated, reading upwards), its first line leftmost from x0. */
static void write_axis_title(FILE *fp, const plot_options *o, const char *title, double room,
                             double x, double y, int along_y)
{
    double fs = plot_font_size(o), line = plot_line_px(fs);
    size_t n;
    char **lines = plot_wrap(title ? title : "", room, fs, &n);
    for (size_t i = 0; i < n; i++)
        if (along_y)
            screen_label(fp, o, lines[i], x + ((double)i + 0.5) * line, y, "center", fs,
                         TEXT_GREY, " rotate by 90");
        else
            screen_label(fp, o, lines[i], x, y + ((double)(n - 1 - i) + 0.5) * line, "center",
                         fs, TEXT_GREY, NULL);
    plot_lines_free(lines, n);
}

/* The plot area inside box, with nx lines of x title under it and ny of y title left of it. */
static void axes_area(plot_frame *f, const plot_panel_box *box, size_t nx, size_t ny,
                      const plot_options *o, plot_ticks *xt, plot_ticks *yt)
{
    double fs = plot_font_size(o), line = plot_line_px(fs), pad = plot_pad_px(o);
    double bottom = box->y0 + (double)nx * line + 0.3 * line + line + plot_tick_room_px(o);
    plot_axis_ticks(f->ymin, f->ymax, box->y1 - bottom, 0, o->french, fs, yt);
    double left = box->x0 + (double)ny * line + 0.3 * line +
                  plot_ticks_width_px(yt, o->french, fs) + plot_tick_room_px(o);
    plot_axis_ticks(f->xmin, f->xmax, box->x1 - pad - left, 1, o->french, fs, xt);
    double right = box->x1 - fmax(pad, plot_ticks_width_px(xt, o->french, fs) / 2 + 2);
    if (right - left < 4 * line) /* a figure too small for its text: keep a plot area */
        right = left + 4 * line;
    f->left = left / o->width, f->right = right / o->width;
    f->bottom = bottom / o->height, f->top = box->y1 / o->height;
}

/* Room for the x title, centred under the plot area, and the y title, beside it. */
static double xtitle_room(const plot_frame *f, const plot_panel_box *box,
                          const plot_options *o)
{
    double mid = (f->left + f->right) / 2 * o->width;
    return 2 * fmin(mid - box->x0, box->x1 - mid);
}

static double ytitle_room(const plot_frame *f, const plot_panel_box *box,
                          const plot_options *o)
{
    return box->y1 - f->bottom * o->height;
}

/* A title longer than its axis is wrapped, and the plot area shrinks to make room for its
 * lines: the counts only grow, so the layout settles in a few rounds. */
void plot_write_axes(FILE *fp, plot_frame *f, const plot_panel_box *box, const char *xtitle,
                     const char *ytitle, const plot_options *o)
{
    double fs = plot_font_size(o);
    plot_ticks yt, xt;
    size_t nx = 1, ny = 1;
    for (int round = 0; round < 8; round++) {
        axes_area(f, box, nx, ny, o, &xt, &yt);
        size_t mx = title_lines(xtitle, xtitle_room(f, box, o), fs);
        size_t my = title_lines(ytitle, ytitle_room(f, box, o), fs);
        if (mx <= nx && my <= ny)
            break;
        nx = mx > nx ? mx : nx, ny = my > ny ? my : ny;
    }
    plot_write_frame(fp, f);
    fprintf(fp, "set tics scale %.3g\n", plot_scale(o));
    plot_write_tics(fp, "x", &xt, o->french);
    plot_write_tics(fp, "y", &yt, o->french);
    fprintf(fp, "unset xlabel\nunset ylabel\n");
    double bottom = f->bottom * o->height, left = f->left * o->width;
    write_axis_title(fp, o, xtitle, xtitle_room(f, box, o), (left + f->right * o->width) / 2,
                     box->y0, 0);
    write_axis_title(fp, o, ytitle, ytitle_room(f, box, o), box->x0, (bottom + box->y1) / 2, 1);
}
