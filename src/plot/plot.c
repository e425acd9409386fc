/* plot: the render path (script, atomic figure through out.h, gnuplot run by plot_run.c)
 * and script helpers. */
#include "damirstat/plot.h"

#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "damirstat/fs.h"
#include "damirstat/out.h"
#include "plot_impl.h"

void plot_options_default(plot_options *o)
{
    memset(o, 0, sizeof *o);
    o->width = 1200;
    o->height = 800;
    o->label_top = 8;
    o->timeout = 60; /* a big map draws in under a second: a minute means gnuplot hangs */
}

const char *plot_kind_name(size_t i)
{
    static const char *const kinds[] = {"scatter", "residuals", "map", "slope"};
    return i < sizeof kinds / sizeof kinds[0] ? kinds[i] : NULL;
}

static int ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && strcasecmp(s + n - m, suffix) == 0;
}

int plot_format_of(const char *path, plot_format *fmt, ds_err *err)
{
    if (ends_with(path, ".png"))
        *fmt = PLOT_PNG;
    else if (ends_with(path, ".svg"))
        *fmt = PLOT_SVG;
    else if (ends_with(path, ".pdf"))
        *fmt = PLOT_PDF;
    else
        return ds_err_set(err, DS_EUSAGE,
                          "plot: %s: unknown figure type (use .png, .svg or .pdf)", path);
    return DS_OK;
}

/* gnuplot draws pt 7 at ps 1 with a radius of about 3 px in pngcairo, 3 pt in pdfcairo and
 * 4.5 px times the fontscale (4/3, so 6 px) and the terminal's linewidth (the figure's scale)
 * in svg (gnuplot 5.4, measured on its output); the PNG is the reference, so a PDF's points
 * are scaled by 0.72 (3 px at 100 px per inch = 2.16 pt) and an SVG's by 3 / 6 / scale.
 * Unscaled, the PDF's and the large SVG's came out about 1.5 times the PNG's points and the
 * key's sample, crowding their labels, and a small SVG's half as large. */
double plot_point_scale(const plot_options *o)
{
    plot_format fmt;
    ds_err err = {0};
    if (!o->output || plot_format_of(o->output, &fmt, &err) != DS_OK)
        return 1;
    return fmt == PLOT_SVG ? 0.5 / plot_scale(o) : fmt == PLOT_PDF ? 0.72 : 1;
}

void plot_write_preamble(FILE *fp, const plot_options *o)
{
    fprintf(fp, "set encoding utf8\n");
    if (o->french)
        fprintf(fp, "set decimalsign ','\n");
    fprintf(fp, "set border lw 1 lc rgb '#333333'\nset tics out nomirror\n");
}

/* Writes the terminal and output lines. Fonts are given in points: pngcairo renders them at
 * 96 dpi (16 pt = 21.3 px, 1.78 % of a 1200 px width); SVG sizes are pixels, hence
 * fontscale 4/3; a PDF is sized in inches at 100 px per inch (1200 px = 864 pt), so the
 * same share of the width takes 0.96 times the points; pdfcairo, like pngcairo, draws a point
 * at 96 dpi (4/3 of a PDF point) and by default halves it (fontscale 0.5), so fontscale 0.75
 * gives the PDF those points (it printed them at two thirds). Every line width is multiplied by
 * the figure's scale (the terminal's linewidth), so lines grow with the fonts. */
static void write_terminal(FILE *fp, plot_format fmt, const plot_options *o,
                           const char *tmp_path)
{
    double fs = plot_font_size(o), lw = plot_scale(o);
    switch (fmt) {
    case PLOT_PNG:
        fprintf(fp, "set terminal pngcairo noenhanced size %d,%d font 'sans,%g' linewidth %g\n",
                o->width, o->height, fs, lw);
        break;
    case PLOT_SVG:
        fprintf(fp, "set terminal svg noenhanced size %d,%d font 'sans,%g' fontscale 1.3333 "
                    "linewidth %g background rgb 'white'\n",
                o->width, o->height, fs, lw);
        break;
    case PLOT_PDF:
        fprintf(fp, "set terminal pdfcairo noenhanced size %gin,%gin font 'sans,%g' "
                    "fontscale 0.75 linewidth %g\n",
                o->width / 100.0, o->height / 100.0, fs * 0.96, lw);
        break;
    }
    fprintf(fp, "set output ");
    plot_quote(fp, tmp_path);
    fprintf(fp, "\n");
}

/* 1 if an executable `gnuplot` is in one of PATH's folders. */
static int gnuplot_on_path(void)
{
    const char *path = getenv("PATH");
    if (!path || !*path)
        return 0;
    char *copy = xstrdup(path), *save = NULL;
    int found = 0;
    for (char *dir = strtok_r(copy, ":", &save); dir && !found;
         dir = strtok_r(NULL, ":", &save)) {
        size_t n = strlen(dir) + sizeof "/gnuplot";
        char *file = xmalloc(n);
        snprintf(file, n, "%s/gnuplot", *dir ? dir : ".");
        found = access(file, X_OK) == 0;
        free(file);
    }
    free(copy);
    return found;
}

/* Creates the folder of path (and its parents) when missing; *made: the first folder it
 * created (NULL if none; the caller frees), so that a figure that fails leaves none. */
static int make_parent_dirs(const char *path, char **made, ds_err *err)
{
    char *dir = fs_dirname(path);
    *made = fs_first_missing(dir);
    free(dir);
    dir = xstrdup(path);
    int rc = DS_OK;
    for (char *p = dir + 1; *p; p++) {
        if (*p != '/')
            continue;
        *p = '\0';
        if (mkdir(dir, 0777) != 0 && errno != EEXIST) {
            rc = ds_err_set(err, DS_EIO, "plot: %s: cannot create folder: %s", dir,
                            strerror(errno));
            break;
        }
        *p = '/';
    }
    free(dir);
    return rc;
}

/* Removes the folders make_parent_dirs made for path (still empty), then frees made. */
static void unmake_parent_dirs(const char *path, char *made)
{
    if (made) {
        char *dir = fs_dirname(path);
        fs_remove_made(dir, made);
        free(dir);
    }
    free(made);
}

static int save_script(const char *path, const char *script, ds_err *err)
{
    out_t *o;
    int rc = out_open(path, &o, err);
    if (rc != DS_OK)
        return rc;
    fputs(script, out_stream(o));
    return out_commit(o, err);
}

/* The whole script: terminal, output to path, body; caller frees. */
static char *compose_script(plot_format fmt, const plot_options *o, const char *path,
                            const char *body)
{
    char *script = NULL;
    size_t len = 0;
    FILE *fp = open_memstream(&script, &len);
    if (!fp) {
        fprintf(stderr, "damirstat: out of memory\n");
        exit(DS_EXIT_IO);
    }
    write_terminal(fp, fmt, o, path);
    fputs(body, fp);
    fprintf(fp, "unset output\n");
    fclose(fp);
    return script;
}

void plot_prefix_error(ds_err *err)
{
    size_t n = strlen(err->msg);
    if (strncmp(err->msg, "plot: ", 6) != 0 && n + 7 < sizeof err->msg) {
        memmove(err->msg + 6, err->msg, n + 1);
        memcpy(err->msg, "plot: ", 6);
    }
}

int plot_render(const char *body, const plot_options *o, ds_err *err)
{
    plot_format fmt;
    int rc = plot_format_of(o->output, &fmt, err);
    if (rc != DS_OK)
        return rc;
    if (!gnuplot_on_path())
        return ds_err_set(err, DS_EIO, "plot: gnuplot not found on PATH (install gnuplot-nox)");
    char *made;
    rc = make_parent_dirs(o->output, &made, err);
    out_t *fig = NULL;
    if (rc == DS_OK && (rc = out_open(o->output, &fig, err)) != DS_OK)
        plot_prefix_error(err);
    if (rc != DS_OK) {
        unmake_parent_dirs(o->output, made);
        return rc;
    }
    /* gnuplot writes the temp file by name; a device or a pipe it writes directly */
    const char *into = out_temp_path(fig) ? out_temp_path(fig) : o->output;
    char *script = compose_script(fmt, o, into, body);
    if (o->script_path) {
        /* The saved copy writes to the real target, for an author to rerun by hand. */
        char *saved = compose_script(fmt, o, o->output, body);
        rc = save_script(o->script_path, saved, err);
        free(saved);
    }
    if (rc == DS_OK)
        rc = plot_run_gnuplot(script, o->timeout, err);
    if (rc == DS_OK && out_temp_path(fig))
        rc = plot_check_figure(into, o->output, fmt, err);
    free(script);
    if (rc != DS_OK)
        out_abort(fig);
    else
        rc = out_commit(fig, err);
    if (rc != DS_OK)
        unmake_parent_dirs(o->output, made);
    else
        free(made);
    return rc;
}

int plot_draw(plot_script_fn *write, const void *ctx, const plot_options *o, ds_err *err)
{
    char *body = NULL;
    size_t len = 0;
    FILE *fp = open_memstream(&body, &len);
    if (!fp)
        return ds_err_set(err, DS_EIO, "plot: out of memory");
    write(fp, ctx);
    fclose(fp);
    int rc = plot_render(body, o, err);
    free(body);
    return rc;
}
