/* study_state: what one run of a study holds between its steps and its writers, with the
 * push and lookup functions both use. Steps add, writers read; nothing here runs a step or
 * writes a file. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "study_state_impl.h"

void study_state_init(study_state *r, const study_t *s, char *out_dir, int no_cache)
{
    memset(r, 0, sizeof *r);
    r->study = s;
    r->out_dir = out_dir;
    r->no_cache = no_cache;
}

/* Index of the latest table named name (the latest of all when name is NULL), or -1. */
static long table_index(const study_state *r, const char *name)
{
    for (size_t i = r->ntabs; i-- > 0;)
        if (!name || strcmp(r->tabs[i].name, name) == 0)
            return (long)i;
    return -1;
}

const table_t *study_state_table(const study_state *r, const char *name)
{
    long i = table_index(r, name);
    return i < 0 ? NULL : r->tabs[i].t;
}

table_t *study_state_table_edit(study_state *r, const char *name)
{
    long i = table_index(r, name);
    return i < 0 ? NULL : r->tabs[i].t;
}

void study_state_push_table(study_state *r, const char *name, table_t *t, int line)
{
    r->tabs = xrealloc(r->tabs, (r->ntabs + 1) * sizeof *r->tabs);
    r->tabs[r->ntabs].name = xstrdup(name);
    if (!*table_name(t)) {
        /* messages about a built table then say which step made it */
        char label[300];
        snprintf(label, sizeof label, "table '%s'", name);
        table_set_name(t, label);
    }
    r->tabs[r->ntabs].t = t;
    r->tabs[r->ntabs].line = line;
    r->ntabs++;
}

/* 1 when dir/truth.json was written by damirstat gen. */
static int gen_manifest_in(const char *file)
{
    const char *slash = strrchr(file, '/');
    size_t n = slash ? (size_t)(slash - file) + 1 : 0;
    char *path = xmalloc(n + sizeof "truth.json");
    memcpy(path, file, n);
    memcpy(path + n, "truth.json", sizeof "truth.json");
    char *text = study_read_file(path, NULL, NULL);
    int yes = text && strstr(text, "\"generator\": \"damirstat gen") != NULL;
    free(text);
    free(path);
    return yes;
}

int study_state_generated(const study_state *r)
{
    for (size_t i = 0; i < r->study->nsec; i++) {
        const study_section *sec = &r->study->sec[i];
        const char *v = strcmp(sec->kind, "study") == 0 ? study_get(sec, "generated") : NULL;
        if (v)
            return strcmp(v, "yes") == 0;
    }
    for (size_t i = 0; i < r->nfits; i++)
        if (study_get(r->fits[i].section, "planted"))
            return 1;
    for (size_t i = 0; i < r->ninputs_agg && i < r->ninputs; i++)
        if (gen_manifest_in(r->inputs[i].path))
            return 1;
    return 0;
}

const study_fit *study_state_fit(const study_state *r, const char *name)
{
    for (size_t i = 0; name && i < r->nfits; i++)
        if (strcmp(r->fits[i].name, name) == 0)
            return &r->fits[i];
    return NULL;
}

long study_fit_term(const study_fit *f)
{
    for (size_t i = 0; i < f->fit->p; i++)
        if (strcmp(f->fit->terms[i].name, f->term) == 0)
            return (long)i;
    return -1;
}

void study_state_push_fit(study_state *r, const study_fit *f)
{
    r->fits = xrealloc(r->fits, (r->nfits + 1) * sizeof *r->fits);
    r->fits[r->nfits++] = *f;
}

void study_state_push_corr(study_state *r, const study_corr *c)
{
    r->corrs = xrealloc(r->corrs, (r->ncorrs + 1) * sizeof *r->corrs);
    r->corrs[r->ncorrs++] = *c;
}

void study_state_push_moran(study_state *r, const study_moran *m)
{
    r->morans = xrealloc(r->morans, (r->nmorans + 1) * sizeof *r->morans);
    r->morans[r->nmorans++] = *m;
}

void study_state_push_std(study_state *r, const study_std *d)
{
    r->stds = xrealloc(r->stds, (r->nstds + 1) * sizeof *r->stds);
    r->stds[r->nstds++] = *d;
}

void study_state_push_robust(study_state *r, const study_robust *b)
{
    r->robusts = xrealloc(r->robusts, (r->nrobusts + 1) * sizeof *r->robusts);
    r->robusts[r->nrobusts++] = *b;
}

void study_state_push_screen(study_state *r, const study_screen *c)
{
    r->screens = xrealloc(r->screens, (r->nscreens + 1) * sizeof *r->screens);
    r->screens[r->nscreens++] = *c;
}

void study_state_push_figure(study_state *r, char *path, const study_section *sec)
{
    r->figures = xrealloc(r->figures, (r->nfigures + 1) * sizeof *r->figures);
    r->figures[r->nfigures].path = path;
    r->figures[r->nfigures].section = sec;
    r->nfigures++;
}

void study_state_push_miss(study_state *r, const char *join, const char *key, int side)
{
    r->misses = xrealloc(r->misses, (r->nmisses + 1) * sizeof *r->misses);
    study_miss *m = &r->misses[r->nmisses++];
    m->join = xstrdup(join);
    m->key = xstrdup(key);
    m->side = side;
}

void study_state_push_input(study_state *r, const study_input *in)
{
    r->inputs = xrealloc(r->inputs, (r->ninputs + 1) * sizeof *r->inputs);
    r->inputs[r->ninputs++] = *in;
}

void study_state_push_note(study_state *r, const char *note)
{
    r->notes = xrealloc(r->notes, (r->nnotes + 1) * sizeof *r->notes);
    r->notes[r->nnotes++] = xstrdup(note);
}

static void free_fit(study_fit *f)
{
    free(f->name);
    free(f->label);
    free(f->model_text);
    free(f->term);
    free(f->term_label);
    free(f->response_label);
    free(f->key_col);
    free(f->key_within);
    free(f->cluster_list);
    table_free(f->owned);
    model_fit_free(f->fit);
    if (f->spatial) {
        spatial_result_free(&f->spatial->res);
        free(f->spatial->neighbours);
        free(f->spatial->centroids);
        free(f->spatial);
    }
}

void study_state_free(study_state *r)
{
    for (size_t i = 0; i < r->ntabs; i++) {
        free(r->tabs[i].name);
        table_free(r->tabs[i].t);
    }
    free(r->tabs);
    for (size_t i = 0; i < r->nfits; i++)
        free_fit(&r->fits[i]);
    free(r->fits);
    free(r->corrs);
    for (size_t i = 0; i < r->nmorans; i++)
        moran_result_free(&r->morans[i].res);
    free(r->morans);
    for (size_t i = 0; i < r->nstds; i++) {
        standardize_result_free(&r->stds[i].res);
        free(r->stds[i].strata);
    }
    free(r->stds);
    for (size_t i = 0; i < r->nrobusts; i++) {
        free(r->robusts[i].fits);
        free(r->robusts[i].wild);
    }
    free(r->robusts);
    for (size_t i = 0; i < r->nscreens; i++) {
        study_words_free(r->screens[i].x);
        free(r->screens[i].res);
        free(r->screens[i].p_adjusted);
    }
    free(r->screens);
    for (size_t i = 0; i < r->nfigures; i++)
        free(r->figures[i].path);
    free(r->figures);
    for (size_t i = 0; i < r->nmisses; i++) {
        free(r->misses[i].join);
        free(r->misses[i].key);
    }
    free(r->misses);
    for (size_t i = 0; i < r->nnotes; i++)
        free(r->notes[i]);
    free(r->notes);
    for (size_t i = 0; i < r->ninputs; i++)
        free(r->inputs[i].path);
    free(r->inputs);
    free(r->query);
    partial_clear(&r->aggregate);
    free(r->out_dir);
}

int study_mkdirs(const char *dir, ds_err *err)
{
    char *p = xstrdup(dir);
    for (char *q = p + 1; ; q++) {
        if (*q != '/' && *q != '\0')
            continue;
        char c = *q;
        *q = '\0';
        if (mkdir(p, 0777) != 0 && errno != EEXIST) {
            int rc = ds_err_set(err, DS_EIO, "%s: cannot create folder: %s", p, strerror(errno));
            free(p);
            return rc;
        }
        if (!c)
            break;
        *q = c;
    }
    struct stat st;
    int ok = stat(p, &st) == 0 && S_ISDIR(st.st_mode);
    free(p);
    return ok ? DS_OK : ds_err_set(err, DS_EIO, "%s: not a folder", dir);
}
