/* study_run: the dispatcher — runs a parsed study's sections in file order (each step reads
 * the tables and fits of the steps before it, through the run state), then the writers. The
 * only file of the module that sees both the steps and the writers. */
#include <stdlib.h>
#include <string.h>

#include "damirstat/fs.h"
#include "study_steps_impl.h"
#include "study_write_impl.h"

static int run_section(const study_t *s, const study_section *sec, study_state *r, ds_err *err)
{
    static const struct {
        const char *kind;
        int (*step)(const study_t *, const study_section *, study_state *, ds_err *);
    } steps[] = {
        {"table", study_table_step}, {"join", study_join_step},
        {"derive", study_derive_step}, {"fit", study_fit_step},
        {"plot", study_plot_step},   {"moran", study_moran_step},
        {"corr", study_corr_step},   {"aggregate", study_aggregate_step},
        {"standardize", study_standardize_step}, {"robustness", study_robustness_step},
        {"screen", study_screen_step},
    };
    for (size_t i = 0; i < sizeof steps / sizeof steps[0]; i++)
        if (strcmp(sec->kind, steps[i].kind) == 0)
            return steps[i].step(s, sec, r, err);
    return DS_OK; /* [study], [inputs], [output], [report]: read by the others */
}

/* The output folder, created; *made: the first folder of its path this run created (NULL
 * if none), so that a run that fails leaves nothing behind. */
static int out_dir_of(const study_t *s, const study_run_opts *opt, char **out, char **made,
                      ds_err *err)
{
    const char *dir = opt && opt->out_dir ? opt->out_dir : NULL;
    for (size_t i = 0; !dir && i < s->nsec; i++)
        if (strcmp(s->sec[i].kind, "output") == 0)
            dir = study_get(&s->sec[i], "dir");
    if (!dir)
        return ds_err_set(err, DS_EDATA, "%s: no output folder: add [output] dir = … or "
                          "give -o DIR", s->path);
    *out = xstrdup(dir); /* relative to the current folder, never beside the study */
    *made = fs_first_missing(*out);
    return study_mkdirs(*out, err);
}

/* [report] headline must name a fit with a term: a typo would silently drop the headline. */
static int check_headline(const study_t *s, const study_state *r, ds_err *err)
{
    for (size_t i = 0; i < s->nsec; i++) {
        const char *h = strcmp(s->sec[i].kind, "report") == 0
                            ? study_get(&s->sec[i], "headline") : NULL;
        if (!h)
            continue;
        size_t k = 0;
        while (k < r->nfits && !(strcmp(r->fits[k].name, h) == 0 && r->fits[k].term))
            k++;
        if (k == r->nfits)
            return ds_err_set(err, DS_EDATA, "%s:%d: headline: no fit '%s' with a term", s->path,
                              study_line(&s->sec[i], "headline"), h);
    }
    return DS_OK;
}

static char *join_path(const char *dir, const char *name)
{
    size_t n = strlen(dir) + strlen(name) + 2;
    char *p = xmalloc(n);
    snprintf(p, n, "%s/%s", dir, name);
    return p;
}

/* Writes OUT/report.md and OUT/results.json and fills *out with what the command prints. */
static int write_outputs(study_state *r, study_result **out, ds_err *err)
{
    study_result *res = xcalloc(1, sizeof *res);
    res->report_path = join_path(r->out_dir, "report.md");
    res->json_path = join_path(r->out_dir, "results.json");
    res->html_path = join_path(r->out_dir, "report.html");
    res->cache_hit = r->cache_hit;
    res->aggregated = r->query != NULL;
    int rc = study_inputs_note_tables(r, err);
    for (size_t i = 0; i < r->nfits && !r->quiet; i++) {
        char prefix[300];
        snprintf(prefix, sizeof prefix, "damirstat: run: [fit %s]: warning: ", r->fits[i].name);
        model_warnings(stderr, r->fits[i].fit, prefix, "\n");
    }
    /* results.json first: report.md's table of the models is read back from it */
    if (rc == DS_OK)
        rc = study_results_json_write(r, res->json_path, err);
    if (rc == DS_OK)
        rc = study_report_md_write(r, res->report_path, res->json_path, err);
    if (rc == DS_OK)
        rc = study_report_html_write(r, res->report_path, res->html_path, err);
    int h = study_headline_fit(r);
    char line[512] = "";
    if (h >= 0)
        study_headline_text(&r->fits[h], line, sizeof line);
    /* the range across the specifications of each [robustness] table, under the headline */
    size_t len = strlen(line), cap = len + 1 + r->nrobusts * 513;
    res->headline = xmalloc(cap);
    memcpy(res->headline, line, len + 1);
    for (size_t i = 0; i < r->nrobusts; i++) {
        char range[512];
        study_robust_headline(r, i, range, sizeof range);
        len += (size_t)snprintf(res->headline + len, cap - len, "%s%s", len ? "\n" : "", range);
    }
    res->figures = xcalloc(r->nfigures + 1, sizeof *res->figures);
    for (size_t i = 0; i < r->nfigures; i++)
        res->figures[res->nfigures++] = xstrdup(r->figures[i].path);
    if (rc != DS_OK) {
        study_result_free(res);
        return rc;
    }
    *out = res;
    return DS_OK;
}

int study_run(const study_t *s, const study_run_opts *opt, study_result **out, ds_err *err)
{
    char *out_dir = NULL, *made = NULL;
    /* the whole file before any work: no aggregation, fit or folder for a study with a typo */
    int rc = study_check(s, err);
    if (rc == DS_OK)
        rc = out_dir_of(s, opt, &out_dir, &made, err);
    study_state r;
    study_state_init(&r, s, out_dir, opt ? opt->no_cache : 0);
    r.quiet = opt ? opt->quiet : 0;
    for (size_t i = 0; i < s->nsec && rc == DS_OK; i++)
        rc = run_section(s, &s->sec[i], &r, err);
    if (rc == DS_OK)
        rc = study_corr_adjust(s, &r, err);
    if (rc == DS_OK)
        rc = check_headline(s, &r, err);
    if (rc == DS_OK)
        rc = write_outputs(&r, out, err);
    if (rc != DS_OK && made)
        fs_remove_made(r.out_dir, made);
    free(made);
    study_state_free(&r);
    /* Every error of a study is its file's or its data's (status 1) unless a file could not
     * be read or written (3): a lower module's usage error (a --where syntax, a delimiter)
     * is a mistake in the study file here. */
    return rc == DS_EUSAGE ? DS_EDATA : rc;
}

void study_result_free(study_result *r)
{
    if (!r)
        return;
    free(r->headline);
    free(r->report_path);
    free(r->json_path);
    free(r->html_path);
    for (size_t i = 0; i < r->nfigures; i++)
        free(r->figures[i]);
    free(r->figures);
    free(r);
}
