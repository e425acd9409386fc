/* study_plot: the [plot] step — scatter with the fitted line and band, residual panels of a
 * fit, department maps — drawn by the plot module into the output folder (the report lists
 * them with their captions). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include "damirstat/model.h"
#include "damirstat/plot.h"
#include "study_steps_impl.h"

static char *figure_path(const study_state *r, const study_section *sec)
{
    const char *fmt = study_get(sec, "format") ? study_get(sec, "format") : "png";
    size_t n = strlen(r->out_dir) + strlen(sec->name) + strlen(fmt) + 4;
    char *p = xmalloc(n);
    snprintf(p, n, "%s/%s.%s", r->out_dir, sec->name, fmt);
    return p;
}

/* A scatter's line of y ~ x, fitted here (OLS, weighted as the named fit, at the band's
 * level) and handed to plot, which never fits. */
static int draw_scatter(const table_t *t, const plot_scatter_spec *sp, const plot_options *o,
                        ds_err *err)
{
    model_options opt;
    model_options_default(&opt);
    opt.weight = sp->weight;
    opt.level = sp->level;
    model_fit *line = NULL;
    int rc = plot_scatter_check(t, sp, err);
    if (rc == DS_OK)
        rc = model_fit_line(t, sp->y, sp->x, &opt, &line, err);
    if (rc == DS_OK)
        rc = plot_scatter(t, sp, line, o, err);
    model_fit_free(line);
    return rc;
}

static int draw(const study_section *sec, const study_state *r, const table_t *t,
                const study_fit *f, plot_options *o, ds_err *err)
{
    const char *kind = study_get(sec, "kind");
    const char *band = study_get(sec, "band");
    if (strcmp(kind, "scatter") == 0) {
        plot_scatter_spec sp = {study_get(sec, "x"), study_get(sec, "y"),
                                f ? f->opt.weight : NULL, 1, PLOT_BAND_CONFIDENCE, 0.95};
        if (band && strcmp(band, "prediction") == 0)
            sp.band = PLOT_BAND_PREDICTION;
        else if (band && strcmp(band, "none") == 0)
            sp.band = PLOT_BAND_NONE;
        if (!sp.x || !sp.y)
            return ds_err_set(err, DS_EDATA, "a scatter needs x = … and y = …");
        return draw_scatter(t, &sp, o, err);
    }
    if (strcmp(kind, "residuals") == 0) {
        if (!f)
            return ds_err_set(err, DS_EDATA, "residual panels need fit = NAME of a fit above");
        return plot_residuals(f->data, f->fit, o, err); /* the study's own fit, its method */
    }
    if (strcmp(kind, "map") == 0) {
        plot_map_spec mp;
        memset(&mp, 0, sizeof mp);
        mp.value = study_get(sec, "value");
        mp.key = study_get(sec, "key");
        mp.palette = study_get(sec, "palette");
        mp.legend_title = study_get(sec, "legend");
        if (!mp.value || !mp.key)
            return ds_err_set(err, DS_EDATA, "a map needs value = COLUMN and key = COLUMN");
        (void)r;
        return plot_map(t, &mp, o, err);
    }
    return ds_err_set(err, DS_EDATA, "kind: expected scatter, residuals or map, got '%s'",
                      kind);
}

/* A figure is drawn again only when what it shows changed: the CRC-32 of its section's keys,
 * its fit's method, formula and weight, and the whole table it draws (written out as CSV)
 * is kept in OUT/.cache/NAME.figure. gnuplot takes a few hundred milliseconds a figure; a
 * run that changes one model must not redraw the maps. */
static unsigned long figure_key(const study_section *sec, const table_t *t, const study_fit *f)
{
    uLong crc = crc32(0L, Z_NULL, 0);
    for (size_t k = 0; k < sec->nkv; k++) {
        crc = crc32(crc, (const Bytef *)sec->kv[k].key, (uInt)strlen(sec->kv[k].key) + 1);
        crc = crc32(crc, (const Bytef *)sec->kv[k].value, (uInt)strlen(sec->kv[k].value) + 1);
    }
    if (f) { /* the method too: a residual figure shows the residuals of the fit's method */
        const char *method = model_method_name(f->opt.method);
        crc = crc32(crc, (const Bytef *)method, (uInt)strlen(method) + 1);
        crc = crc32(crc, (const Bytef *)f->model_text, (uInt)strlen(f->model_text) + 1);
        if (f->opt.weight)
            crc = crc32(crc, (const Bytef *)f->opt.weight, (uInt)strlen(f->opt.weight));
    }
    char *buf = NULL;
    size_t len = 0;
    FILE *mem = open_memstream(&buf, &len);
    if (mem) {
        table_write(t, mem, ',', NULL);
        fclose(mem);
        crc = crc32(crc, (const Bytef *)buf, (uInt)len);
    }
    free(buf);
    return crc;
}

static char *key_path(const study_state *r, const study_section *sec)
{
    size_t n = strlen(r->out_dir) + strlen(sec->name) + 24;
    char *p = xmalloc(n);
    snprintf(p, n, "%s/.cache/%s.figure", r->out_dir, sec->name);
    return p;
}

/* 1 when the figure exists and was drawn from the same key. */
static int figure_fresh(const char *fig, const char *kpath, unsigned long key)
{
    struct stat st;
    FILE *fp = fopen(kpath, "r");
    unsigned long old = 0;
    int same = fp && fscanf(fp, "%lx", &old) == 1 && old == key;
    if (fp)
        fclose(fp);
    return same && stat(fig, &st) == 0 && st.st_size > 0;
}

static void figure_remember(const study_state *r, const char *kpath, unsigned long key)
{
    char *dir = xmalloc(strlen(r->out_dir) + 8);
    sprintf(dir, "%s/.cache", r->out_dir);
    ds_err ignored;
    if (study_mkdirs(dir, &ignored) == DS_OK) {
        FILE *fp = fopen(kpath, "w");
        if (fp) {
            fprintf(fp, "%08lx\n", key);
            fclose(fp);
        }
    }
    free(dir);
}

int study_plot_step(const study_t *s, const study_section *sec, study_state *r, ds_err *err)
{
    const study_fit *f = study_state_fit(r, study_get(sec, "fit"));
    if (study_get(sec, "fit") && !f)
        return ds_err_set(err, DS_EDATA, "%s:%d: [plot %s]: no fit '%s' defined before",
                          s->path, study_line(sec, "fit"), sec->name, study_get(sec, "fit"));
    const char *data = study_get(sec, "data");
    const table_t *t = f && !data ? f->data : study_state_table(r, data);
    if (!t)
        return ds_err_set(err, DS_EDATA, "%s:%d: [plot %s]: no table defined before", s->path,
                          study_line(sec, "data"), sec->name);
    plot_options o;
    plot_options_default(&o);
    char *path = figure_path(r, sec);
    o.output = path;
    o.title = study_get(sec, "title");
    o.xlabel = study_get(sec, "xlabel");
    o.ylabel = study_get(sec, "ylabel");
    o.label_col = study_get(sec, "label") ? study_get(sec, "label") : study_get(sec, "key");
    unsigned long key = figure_key(sec, t, f);
    char *kpath = key_path(r, sec);
    int rc = DS_OK;
    if (r->no_cache || !figure_fresh(path, kpath, key)) {
        unlink(kpath);
        if ((rc = draw(sec, r, t, f, &o, err)) == DS_OK)
            figure_remember(r, kpath, key);
    }
    free(kpath);
    if (rc != DS_OK) {
        free(path);
        return study_fail_at(s, sec, NULL, rc, err);
    }
    study_state_push_figure(r, path, sec);
    return DS_OK;
}
