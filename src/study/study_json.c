/* study_json: results.json, the run's record for scripts (docs/json.md, "results"): the
 * inputs and their checksums, then the aggregate and each fit, correlation and Moran's I as
 * the very object its command prints (`aggregate`, `fit`, `corr`, `moran` with --format
 * json), beside what the study adds (names, labels, the headline). */
#include <stdio.h>
#include <string.h>

#include "damirstat/agg.h"
#include "damirstat/json.h"
#include "damirstat/out.h"
#include "damirstat/report.h"
#include "damirstat/version.h"
#include "study_write_impl.h"

static void json_inputs(json_w *w, const study_state *r)
{
    json_key(w, "inputs");
    json_array(w, JSON_LINES);
    for (size_t i = 0; i < r->ninputs; i++) {
        char crc[16];
        snprintf(crc, sizeof crc, "%08x", (unsigned)r->inputs[i].crc);
        json_object(w, JSON_INLINE);
        json_member_str(w, "path", r->inputs[i].path);
        json_member_uint(w, "bytes", r->inputs[i].size);
        json_member_str(w, "crc32", crc);
        json_end(w);
    }
    json_end(w);
}

/* The aggregate object of `aggregate --format json`, or null without an [aggregate]. */
static int json_aggregate(json_w *w, const study_state *r, ds_err *err)
{
    const partial *p = &r->aggregate;
    json_key(w, "aggregate");
    if (!p->agg) {
        json_null(w);
        return DS_OK;
    }
    agg_meta meta;
    if (p->q) /* read back from the cache: the query it answers */
        query_meta(p->q, p->rows_read, p->rows_skipped, &meta);
    else
        meta = (agg_meta){.by = (const char *const *)p->by,
                          .sums = (const char *const *)p->sums, .count = p->count,
                          .query = p->query, .rows_read = p->rows_read,
                          .rows_skipped = p->rows_skipped};
    return agg_json(w, p->agg, &meta, err);
}

/* The term's slope per +scale with its interval and n, beside the published and planted
 * ones. */
static void json_headline(json_w *w, const study_fit *f)
{
    model_term sp;
    size_t n;
    const model_term *t = study_headline_term(f, &sp, &n); /* a spatial model's own slope */
    json_key(w, "headline");
    json_object(w, JSON_INLINE);
    json_member_str(w, "term", f->term);
    json_member_uint(w, "n", n);
    json_member_num(w, "scale", f->scale);
    json_member_num(w, "slope", t->estimate * f->scale);
    json_member_num(w, "ci_low", t->ci_low * f->scale);
    json_member_num(w, "ci_high", t->ci_high * f->scale);
    json_member_num(w, "published", f->published);
    json_member_num(w, "planted", f->planted);
    json_end(w);
}

static void json_fits(json_w *w, const study_state *r)
{
    json_key(w, "fits");
    json_array(w, JSON_LINES);
    for (size_t i = 0; i < r->nfits; i++) {
        const study_fit *f = &r->fits[i];
        json_object(w, JSON_LINES);
        json_member_str(w, "name", f->name);
        json_member_str(w, "label", f->label);
        json_member_str(w, "weight", f->opt.weight);
        if (f->term)
            json_headline(w, f);
        json_key(w, "fit");
        report_fit_json_object(w, f->fit);
        json_end(w);
    }
    json_end(w);
}

/* [report] table_fits: the columns of the models table (`damirstat models` reads them). */
static void json_table_fits(json_w *w, const study_state *r)
{
    const char *v = NULL;
    for (size_t i = 0; i < r->study->nsec; i++)
        if (strcmp(r->study->sec[i].kind, "report") == 0)
            v = study_get(&r->study->sec[i], "table_fits");
    json_key(w, "table_fits");
    if (!v) {
        json_null(w);
        return;
    }
    size_t n;
    char **words = study_words(v, &n);
    json_array(w, JSON_INLINE);
    for (size_t i = 0; i < n; i++)
        json_str(w, words[i]);
    json_end(w);
    study_words_free(words);
}

static void json_corrs(json_w *w, const study_state *r)
{
    json_key(w, "correlations");
    json_array(w, JSON_LINES);
    for (size_t i = 0; i < r->ncorrs; i++) {
        const study_corr *c = &r->corrs[i];
        json_object(w, JSON_LINES);
        json_member_str(w, "name", c->section->name);
        json_member_str(w, "x", study_get(c->section, "x"));
        json_member_str(w, "y", study_get(c->section, "y"));
        json_key(w, "corr");
        corr_json(w, &c->res, &c->opt);
        json_end(w);
    }
    json_end(w);
}

static void json_morans(json_w *w, const study_state *r)
{
    json_key(w, "moran");
    json_array(w, JSON_LINES);
    for (size_t i = 0; i < r->nmorans; i++) {
        const study_moran *m = &r->morans[i];
        json_object(w, JSON_LINES);
        json_member_str(w, "name", m->section->name);
        json_member_str(w, "fit", m->fit);
        json_member_bool(w, "weighted", m->weighted);
        json_key(w, "moran");
        moran_json(w, &m->res, m->n_missing);
        json_end(w);
    }
    json_end(w);
}

static void json_stds(json_w *w, const study_state *r)
{
    json_key(w, "standardized");
    json_array(w, JSON_LINES);
    for (size_t i = 0; i < r->nstds; i++) {
        const study_std *d = &r->stds[i];
        json_object(w, JSON_LINES);
        json_member_str(w, "name", d->section->name);
        json_key(w, "standardize");
        standardize_json(w, &d->res, &d->spec);
        json_end(w);
    }
    json_end(w);
}

static int json_results(json_w *w, const study_state *r, ds_err *err)
{
    json_object(w, JSON_LINES);
    json_member_str(w, "schema", "damirstat.results/1");
    json_member_str(w, "damirstat_version", DAMIRSTAT_VERSION);
    json_member_str(w, "study", r->study->path);
    json_member_str(w, "query", r->query);
    json_member_bool(w, "cache_hit", r->cache_hit);
    json_inputs(w, r);
    int rc = json_aggregate(w, r, err);
    if (rc != DS_OK)
        return rc;
    json_fits(w, r);
    json_table_fits(w, r);
    json_corrs(w, r);
    json_morans(w, r);
    json_stds(w, r);
    study_json_robustness(w, r);
    study_json_screens(w, r);
    json_key(w, "figures");
    json_array(w, JSON_INLINE);
    for (size_t i = 0; i < r->nfigures; i++)
        json_str(w, r->figures[i].path);
    json_end(w);
    json_end(w);
    return DS_OK;
}

int study_results_json_write(const study_state *r, const char *path, ds_err *err)
{
    out_t *o;
    int rc = out_open(path, &o, err);
    if (rc != DS_OK)
        return rc;
    json_w w;
    json_init(&w, out_stream(o));
    if ((rc = json_results(&w, r, err)) != DS_OK) {
        out_abort(o);
        return rc;
    }
    putc('\n', out_stream(o));
    return out_commit(o, err);
}
