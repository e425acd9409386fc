/* study_standardize: the [standardize NAME] step — indirectly standardised ratios (observed /
 * expected from national rates by age band and sex) through the standardize module, from a
 * table of observed values and a population table (tables of the run or files). The ratios
 * become the table NAME, so that later steps can join, fit, map them. */
#include <stdlib.h>
#include <string.h>

#include "damirstat/standardize.h"
#include "study_steps_impl.h"

/* A table of the run by name, or a file loaded here (*owned set). */
static int table_or_file(const study_t *s, const study_section *sec, const study_state *st,
                         const char *key, const table_t **t, table_t **owned, ds_err *err)
{
    const char *v = study_get(sec, key);
    *owned = NULL;
    if ((*t = study_state_table(st, v)))
        return DS_OK;
    char *path = study_path(s, v);
    int rc = table_load(path, owned, err);
    free(path);
    *t = *owned;
    return rc;
}

static int spec_of(const study_t *s, const study_section *sec, study_std *d, ds_err *err)
{
    standardize_spec *sp = &d->spec;
    sp->unit = study_get(sec, "unit");
    sp->value = study_get(sec, "value");
    sp->within = study_get(sec, "within");
    sp->population = study_get(sec, "population_column") ? study_get(sec, "population_column")
                                                         : "population";
    sp->level = 0.95;
    const char *v = study_get(sec, "kind");
    if (v && strcmp(v, "count") != 0 && strcmp(v, "amount") != 0)
        return ds_err_set(err, DS_EDATA, "%s:%d: kind: expected count or amount, got '%s'",
                          s->path, study_line(sec, "kind"), v);
    sp->kind = v && strcmp(v, "amount") == 0 ? STANDARDIZE_AMOUNT : STANDARDIZE_COUNT;
    char *end;
    if ((v = study_get(sec, "level")) && (sp->level = strtod(v, &end), *end ||
                                          !(sp->level > 0 && sp->level < 1)))
        return ds_err_set(err, DS_EDATA, "%s:%d: level: expected a number between 0 and 1, "
                          "got '%s'", s->path, study_line(sec, "level"), v);
    d->strata = xstrdup(study_get(sec, "strata"));
    for (char *save = NULL, *w = strtok_r(d->strata, ", ", &save); w;
         w = strtok_r(NULL, ", ", &save)) {
        if (sp->nstrata == STANDARDIZE_STRATA_MAX)
            return ds_err_set(err, DS_EDATA, "%s:%d: strata: at most %d columns", s->path,
                              study_line(sec, "strata"), STANDARDIZE_STRATA_MAX);
        sp->strata[sp->nstrata++] = w;
    }
    return DS_OK;
}

int study_standardize_step(const study_t *s, const study_section *sec, study_state *r,
                           ds_err *err)
{
    study_std d;
    memset(&d, 0, sizeof d);
    d.section = sec;
    const table_t *obs = NULL, *pop = NULL;
    table_t *obs_owned = NULL, *pop_owned = NULL;
    int rc = spec_of(s, sec, &d, err);
    if (rc == DS_OK &&
        (rc = table_or_file(s, sec, r, "observed", &obs, &obs_owned, err)) != DS_OK)
        rc = study_fail_at(s, sec, "observed", rc, err);
    if (rc == DS_OK &&
        (rc = table_or_file(s, sec, r, "population", &pop, &pop_owned, err)) != DS_OK)
        rc = study_fail_at(s, sec, "population", rc, err);
    if (rc == DS_OK && (rc = standardize_tables(obs, pop, &d.spec, &d.res, err)) != DS_OK)
        rc = study_fail_at(s, sec, "value", rc, err);
    table_free(obs_owned);
    table_free(pop_owned);
    if (rc != DS_OK) {
        free(d.strata);
        return rc;
    }
    table_t *t = standardize_table(&d.res, &d.spec);
    table_set_name(t, sec->name);
    study_state_push_table(r, sec->name, t, sec->line);
    study_state_push_std(r, &d);
    return DS_OK;
}
