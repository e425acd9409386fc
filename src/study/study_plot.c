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
#include "damirstat/suggest.h"
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

/* The fit that gives a scatter's key its words and units: the section's fit = NAME, else
 * the first fit of y ~ x with x as its term. */
static const study_fit *words_fit(const study_state *r, const study_fit *f, const char *x,
                                  const char *y)
{
    if (f)
        return f;
    for (size_t i = 0; i < r->nfits; i++)
        if (r->fits[i].term && strcmp(r->fits[i].term, x) == 0 &&
            strcmp(r->fits[i].fit->response, y) == 0)
            return &r->fits[i];
    return NULL;
}

static int draw_scatter_section(const study_section *sec, const study_state *r,
                                const table_t *t, const study_fit *f, plot_options *o,
                                ds_err *err)
{
    const char *band = study_get(sec, "band");
    plot_scatter_spec sp;
    memset(&sp, 0, sizeof sp);
    sp.x = study_get(sec, "x");
    sp.y = study_get(sec, "y");
    sp.weight = f ? f->opt.weight : NULL;
    sp.fit = 1;
    sp.band = PLOT_BAND_CONFIDENCE;
    sp.level = 0.95;
    if (band && strcmp(band, "prediction") == 0)
        sp.band = PLOT_BAND_PREDICTION;
    else if (band && strcmp(band, "none") == 0)
        sp.band = PLOT_BAND_NONE;
    if (!sp.x || !sp.y)
        return ds_err_set(err, DS_EDATA, "a scatter needs x = … and y = …");
    const study_fit *w = words_fit(r, f, sp.x, sp.y);
    if (w && w->term && strcmp(w->term, sp.x) == 0) {
        sp.x_words = w->term_label;
        sp.y_words = w->response_label;
        sp.per = w->scale;
        sp.level = w->opt.level;
    }
    return draw_scatter(t, &sp, o, err);
}

static int parse_level(const char *v, plot_level *level, ds_err *err)
{
    if (!v || strcmp(v, "auto") == 0)
        *level = PLOT_LEVEL_AUTO;
    else if (strcmp(v, "region") == 0)
        *level = PLOT_LEVEL_REGION;
    else if (strcmp(v, "department") == 0)
        *level = PLOT_LEVEL_DEPT;
    else
        return ds_err_set(err, DS_EDATA, "level: expected region or department, got '%s'", v);
    return DS_OK;
}

static int draw(const study_section *sec, const study_state *r, const table_t *t,
                const study_fit *f, plot_options *o, ds_err *err)
{
    const char *kind = study_get(sec, "kind");
    if (strcmp(kind, "scatter") == 0)
        return draw_scatter_section(sec, r, t, f, o, err);
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
        mp.breaks = study_get(sec, "breaks");
        mp.breaks_name = "breaks";
        if (!mp.value || !mp.key)
            return ds_err_set(err, DS_EDATA, "a map needs value = COLUMN and key = COLUMN");
        int rc = parse_level(study_get(sec, "level"), &mp.level, err);
        return rc ? rc : plot_map(t, &mp, o, err);
    }
    if (strcmp(kind, "slope") == 0) {
        plot_slope_spec sl = {study_get(sec, "from"), study_get(sec, "to"),
                              study_get(sec, "from_label"), study_get(sec, "to_label")};
        return plot_slope(t, &sl, o, err);
    }
    return ds_err_set(err, DS_EDATA, "kind: expected scatter, residuals, map or slope, got "
                      "'%s'", kind);
}

/* source = on the figure's section, else the [study]'s. */
static const char *figure_source(const study_t *s, const study_section *sec)
{
    if (study_get(sec, "source"))
        return study_get(sec, "source");
    for (size_t i = 0; i < s->nsec; i++)
        if (strcmp(s->sec[i].kind, "study") == 0 && study_get(&s->sec[i], "source"))
            return study_get(&s->sec[i], "source");
    return NULL;
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

/* What a figure takes from outside its section: the [study]'s source and the words and
 * scale of the fit that names a scatter's axes. */
static unsigned long figure_words_key(const study_state *r, const study_t *s,
                                      const study_section *sec)
{
    uLong crc = crc32(0L, Z_NULL, 0);
    const unsigned char style = PLOT_STYLE_VERSION;
    crc = crc32(crc, &style, 1);
    const char *src = figure_source(s, sec);
    if (src)
        crc = crc32(crc, (const Bytef *)src, (uInt)strlen(src));
    for (size_t i = 0; i < r->nfits; i++) {
        const study_fit *f = &r->fits[i];
        char scale[40];
        snprintf(scale, sizeof scale, "%.17g", f->scale);
        crc = crc32(crc, (const Bytef *)f->term_label, (uInt)strlen(f->term_label));
        crc = crc32(crc, (const Bytef *)f->response_label, (uInt)strlen(f->response_label));
        crc = crc32(crc, (const Bytef *)scale, (uInt)strlen(scale));
    }
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
    const char *limit = study_get(sec, "timeout");
    char *end;
    if (limit && (o.timeout = strtod(limit, &end), end == limit || *end || !(o.timeout >= 0 && o.timeout <= 1e6)))
        return ds_err_set(err, DS_EDATA, "%s:%d: [plot %s]: timeout: expected seconds (0: no "
                          "limit), got '%s'", s->path, study_line(sec, "timeout"), sec->name, limit);
    char *path = figure_path(r, sec);
    o.output = path;
    o.title = study_get(sec, "title");
    o.xlabel = study_get(sec, "xlabel");
    o.ylabel = study_get(sec, "ylabel");
    o.label_col = study_get(sec, "label") ? study_get(sec, "label") : study_get(sec, "key");
    o.source = figure_source(s, sec);
    o.generated = study_state_generated(r);
    unsigned long key = figure_key(sec, t, f) ^ (o.generated ? 0x9e3779b9UL : 0) ^
                        figure_words_key(r, s, sec);
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
        /* a breaks error (jenks:K with fewer values) is at the key's line */
        return study_fail_at(s, sec, strncmp(err->msg, "breaks", 6) == 0 ? "breaks" : NULL, rc,
                             err);
    }
    study_state_push_figure(r, path, sec);
    return DS_OK;
}

/* One of names (a NULL-ended list), or DS_EDATA naming the key, the value, the one meant
 * and the accepted ones. */
static int one_of(const study_t *s, const study_section *sec, const char *key,
                  const char *const *names, ds_err *err)
{
    const char *v = study_get(sec, key);
    size_t n = 0;
    while (names[n])
        n++;
    for (size_t i = 0; v && i < n; i++)
        if (strcmp(v, names[i]) == 0)
            return DS_OK;
    if (!v)
        return DS_OK;
    char hint[400];
    suggest_hint(hint, sizeof hint, v, names, n, "accepted", 0);
    return ds_err_set(err, DS_EDATA, "%s:%d: [plot %s]: %s: unknown %s '%s'%s", s->path,
                      study_line(sec, key), sec->name, key, key, v, hint);
}

/* The names plot lists (name(0), name(1), … until NULL) into names, ended by NULL. */
static void names_of(const char *(*name)(size_t), const char **names, size_t cap)
{
    size_t n = 0;
    while (n + 1 < cap && (names[n] = name(n)))
        n++;
    names[n] = NULL;
}

/* kind, band, format and palette among the accepted names; the keys each kind needs. */
int study_plot_check(const study_t *s, const study_section *sec, ds_err *err)
{
    static const char *const bands[] = {"confidence", "prediction", "none", NULL};
    static const char *const formats[] = {"png", "svg", "pdf", NULL};
    const char *palettes[16], *kinds[16];
    names_of(plot_palette_name, palettes, sizeof palettes / sizeof palettes[0]);
    names_of(plot_kind_name, kinds, sizeof kinds / sizeof kinds[0]);
    int rc = one_of(s, sec, "kind", kinds, err);
    if (rc == DS_OK)
        rc = one_of(s, sec, "band", bands, err);
    if (rc == DS_OK)
        rc = one_of(s, sec, "format", formats, err);
    if (rc == DS_OK)
        rc = one_of(s, sec, "palette", palettes, err);
    if (rc == DS_OK && study_get(sec, "breaks") &&
        (rc = plot_breaks_check(study_get(sec, "breaks"), "breaks", err)) != DS_OK)
        rc = study_fail_at(s, sec, "breaks", DS_EDATA, err);
    if (rc != DS_OK)
        return rc;
    const char *kind = study_get(sec, "kind");
    const char *need = strcmp(kind, "scatter") == 0 ? "x y"
                       : strcmp(kind, "map") == 0   ? "value key"
                       : strcmp(kind, "slope") == 0 ? "from to"
                                                    : "fit";
    size_t nw;
    char **w = study_words(need, &nw);
    for (size_t k = 0; k < nw && rc == DS_OK; k++)
        if (!study_get(sec, w[k]))
            rc = ds_err_set(err, DS_EDATA, "%s:%d: [plot %s]: a %s figure needs %s = …",
                            s->path, sec->line, sec->name, kind, w[k]);
    study_words_free(w);
    return rc;
}
