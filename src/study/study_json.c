/* study_json: results.json (every number in full precision, for scripts) and the file
 * fingerprints shared with the cache. */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <zlib.h>

#include "damirstat/json.h"
#include "damirstat/out.h"
#include "damirstat/version.h"
#include "study_report.h"

int study_fingerprint(const char *path, study_input *in, ds_err *err)
{
    FILE *fp = fopen(path, "rb");
    struct stat st;
    if (!fp || fstat(fileno(fp), &st) != 0) {
        int rc = ds_err_set(err, DS_EIO, "%s: %s", path, strerror(errno));
        if (fp)
            fclose(fp);
        return rc;
    }
    static unsigned char buf[1 << 16];
    uLong crc = crc32(0L, Z_NULL, 0);
    size_t got;
    while ((got = fread(buf, 1, sizeof buf, fp)) > 0)
        crc = crc32(crc, buf, (uInt)got);
    int bad = ferror(fp);
    fclose(fp);
    if (bad)
        return ds_err_set(err, DS_EIO, "%s: read error", path);
    in->path = xstrdup(path);
    in->size = (uint64_t)st.st_size;
    in->mtime = (int64_t)st.st_mtime;
    in->crc = (uint32_t)crc;
    return DS_OK;
}

int study_note_tables(study_state *r, ds_err *err)
{
    const study_t *s = r->study;
    for (size_t i = 0; i < s->nsec; i++) {
        const study_section *sec = &s->sec[i];
        const char *file = strcmp(sec->kind, "table") == 0 ? study_get(sec, "from")
                         : strcmp(sec->kind, "join") == 0 ? study_get(sec, "right") : NULL;
        if (!file || (strcmp(sec->kind, "join") == 0 && study_run_table(r, file)))
            continue;
        char *path = study_path(s, file);
        study_input in;
        int rc = study_fingerprint(path, &in, err);
        free(path);
        if (rc != DS_OK)
            return rc;
        r->inputs = xrealloc(r->inputs, (r->ninputs + 1) * sizeof *r->inputs);
        r->inputs[r->ninputs++] = in;
    }
    return DS_OK;
}

static void json_terms(FILE *fp, const model_fit *m)
{
    fputs("\"terms\": [", fp);
    for (size_t k = 0; k < m->p; k++) {
        const model_term *t = &m->terms[k];
        fprintf(fp, "%s\n      {\"name\": ", k ? "," : "");
        json_string(fp, t->name);
        fprintf(fp, ", \"aliased\": %s, \"estimate\": ", t->aliased ? "true" : "false");
        json_number(fp, t->estimate);
        fputs(", \"std_error\": ", fp);
        json_number(fp, t->std_error);
        fputs(", \"t\": ", fp);
        json_number(fp, t->t_value);
        fputs(", \"p\": ", fp);
        json_number(fp, t->p_value);
        fputs(", \"ci_low\": ", fp);
        json_number(fp, t->ci_low);
        fputs(", \"ci_high\": ", fp);
        json_number(fp, t->ci_high);
        fputs("}", fp);
    }
    fputs("]", fp);
}

static void json_fit(FILE *fp, const study_fit *f)
{
    const model_fit *m = f->fit;
    fputs("    {\"name\": ", fp);
    json_string(fp, f->name);
    fputs(", \"label\": ", fp);
    json_string(fp, f->label);
    fputs(", \"formula\": ", fp);
    json_string(fp, m->formula);
    fprintf(fp, ", \"se\": \"%s\", \"weight\": ", study_se_name(f->opt.se));
    if (f->opt.weight)
        json_string(fp, f->opt.weight);
    else
        fputs("null", fp);
    fprintf(fp, ", \"level\": %g, \"n\": %zu, \"n_dropped\": %zu, \"r_squared\": ", f->opt.level,
            m->n, m->n_dropped);
    json_number(fp, m->r_squared);
    fputs(", \"adj_r_squared\": ", fp);
    json_number(fp, m->adj_r_squared);
    fputs(", \"sigma\": ", fp);
    json_number(fp, m->sigma);
    if (f->term) {
        const model_term *t = &m->terms[study_fit_term(f)];
        fputs(",\n     \"headline\": {\"term\": ", fp);
        json_string(fp, f->term);
        fprintf(fp, ", \"scale\": %.17g, \"slope\": ", f->scale);
        json_number(fp, t->estimate * f->scale);
        fputs(", \"ci_low\": ", fp);
        json_number(fp, t->ci_low * f->scale);
        fputs(", \"ci_high\": ", fp);
        json_number(fp, t->ci_high * f->scale);
        fputs(", \"published\": ", fp);
        json_number(fp, f->published);
        fputs(", \"planted\": ", fp);
        json_number(fp, f->planted);
        fputs("}", fp);
    }
    fputs(",\n     ", fp);
    json_terms(fp, m);
    fputs("}", fp);
}

int study_json_write(const study_state *r, const char *path, ds_err *err)
{
    out_t *o;
    int rc = out_open(path, &o, err);
    if (rc != DS_OK)
        return rc;
    FILE *fp = out_stream(o);
    fprintf(fp, "{\n  \"damirstat_version\": \"%s\",\n  \"study\": ", DAMIRSTAT_VERSION);
    json_string(fp, r->study->path);
    fputs(",\n  \"query\": ", fp);
    if (r->query)
        json_string(fp, r->query);
    else
        fputs("null", fp);
    fprintf(fp, ",\n  \"cache_hit\": %s,\n  \"inputs\": [", r->cache_hit ? "true" : "false");
    for (size_t i = 0; i < r->ninputs; i++) {
        fprintf(fp, "%s\n    {\"path\": ", i ? "," : "");
        json_string(fp, r->inputs[i].path);
        fprintf(fp, ", \"bytes\": %llu, \"crc32\": \"%08x\"}",
                (unsigned long long)r->inputs[i].size, (unsigned)r->inputs[i].crc);
    }
    fputs("],\n  \"fits\": [\n", fp);
    for (size_t i = 0; i < r->nfits; i++) {
        json_fit(fp, &r->fits[i]);
        fputs(i + 1 < r->nfits ? ",\n" : "\n", fp);
    }
    fputs("  ]", fp);
    study_corr_json(fp, r);
    study_moran_json(fp, r);
    fputs(",\n  \"figures\": [", fp);
    for (size_t i = 0; i < r->nfigures; i++) {
        fputs(i ? ", " : "", fp);
        json_string(fp, r->figures[i].path);
    }
    fputs("]", fp);
    fputs("\n}\n", fp);
    return out_commit(o, err);
}

/* The number at a dotted key path of a JSON file ("model.gp_visits.b"): each key is looked
 * for after the previous one, which is enough for a manifest whose keys nest once each (the
 * truth file of damirstat gen). DS_EDATA naming the path when a key or the number is
 * missing. */
int study_json_number(const char *path, const char *keys, double *value, ds_err *err)
{
    FILE *fp = fopen(path, "rb");
    if (!fp)
        return ds_err_set(err, DS_EIO, "%s: %s", path, strerror(errno));
    size_t cap = 1 << 16, len = 0, got;
    char *text = xmalloc(cap);
    while ((got = fread(text + len, 1, cap - len - 1, fp)) > 0)
        if ((len += got) + 1 == cap)
            text = xrealloc(text, cap *= 2);
    fclose(fp);
    text[len] = '\0';
    const char *p = text;
    for (const char *k = keys; p && *k;) {
        const char *dot = strchr(k, '.');
        size_t klen = dot ? (size_t)(dot - k) : strlen(k);
        char quoted[256];
        snprintf(quoted, sizeof quoted, "\"%.*s\"", (int)klen, k);
        p = strstr(p, quoted);
        if (p)
            p += strlen(quoted);
        k += klen + (dot != NULL);
    }
    int rc = DS_OK;
    char *end = NULL;
    if (p) {
        while (*p == ' ' || *p == ':')
            p++;
        *value = strtod(p, &end);
    }
    if (!p || end == p)
        rc = ds_err_set(err, DS_EDATA, "%s: no number at '%s'", path, keys);
    free(text);
    return rc;
}
