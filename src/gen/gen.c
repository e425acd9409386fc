#include "damirstat/gen.h"

#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <gsl/gsl_errno.h>
#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>

#include "damirstat/geo.h"
#include "damirstat/genrow.h"
#include "gen_impl.h"

void gen_params_default(gen_params *p)
{
    memset(p, 0, sizeof *p);
    p->seed = 1;
    p->rows = 100000;
    p->first_month = 202401;
    p->last_month = 202412;
    p->geo = GEN_GEO_REGION;
    p->gp_share = 0.12;
    /* about 4 GP acts per inhabitant a year at the 2025 mean density (~140 / 100,000) */
    p->visits_intercept = 3.3;
    p->visits_slope = 0.005; /* the 2015 hackathon: +0.5 acts a year per +100 GPs / 100k */
    p->visits_noise = 0.3;
    /* about 110 euros of GP consultations per inhabitant a year at 24 licences / 100 */
    p->spending_intercept = 134;
    p->spending_slope = -1;
    p->spending_noise = 5;
}

static int parse_yyyymm(const char *s, size_t len, int *out)
{
    if (len != 6)
        return -1;
    int v = 0;
    for (size_t i = 0; i < 6; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    if (v % 100 < 1 || v % 100 > 12 || v / 100 < 1900)
        return -1;
    *out = v;
    return 0;
}

int gen_parse_months(const char *s, int *first, int *last, ds_err *err)
{
    const char *dash = strchr(s, '-');
    size_t n1 = dash ? (size_t)(dash - s) : strlen(s);
    if (parse_yyyymm(s, n1, first) != 0 ||
        parse_yyyymm(dash ? dash + 1 : s, dash ? strlen(dash + 1) : n1, last) != 0)
        return ds_err_set(err, DS_EUSAGE,
                          "gen: --months: expected YYYYMM or YYYYMM-YYYYMM, got '%s'", s);
    int span = (*last / 100 - *first / 100) * 12 + (*last % 100 - *first % 100) + 1;
    if (span < 1 || span > 600)
        return ds_err_set(err, DS_EUSAGE,
                          "gen: --months: '%s' must run forwards and span 1 to 600 months", s);
    return DS_OK;
}

/* splitmix64 (Steele, Lea, Flood 2014): spreads the user's seed and a tag (0 for the plan,
 * YYYYMM for a month) into independent 32-bit mt19937 seeds. */
unsigned long gen_derive_seed(uint64_t seed, uint64_t tag)
{
    uint64_t z = seed + 0x9e3779b97f4a7c15ULL * (tag + 1);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    z ^= z >> 31;
    return (unsigned long)(z & 0xffffffffULL);
}

void gen_free(gen_t *g)
{
    if (!g)
        return;
    for (size_t i = 0; i < g->nmonths; i++)
        free(g->month_gp[i]);
    free(g->month_gp);
    free(g->month_ngp);
    free(g->month_rows);
    free(g->months);
    free(g->depts);
    free(g->rdepts);
    free(g->year_acts);
    free(g->year_cents);
    free(g->years);
    free(g->skipped);
    free(g->paths[0]);
    free(g->paths[1]);
    free(g->paths[2]);
    gsl_ran_discrete_free(g->residence);
    free(g);
}

size_t gen_dept_count(const gen_t *g) { return g->ndepts; }
const gen_dept *gen_dept_at(const gen_t *g, size_t i) { return &g->depts[i]; }
const char *gen_skipped(const gen_t *g) { return g->skipped ? g->skipped : ""; }
size_t gen_month_count(const gen_t *g) { return g->nmonths; }
int gen_month_at(const gen_t *g, size_t i) { return g->months[i]; }
uint64_t gen_month_rows(const gen_t *g, size_t i) { return g->month_rows[i]; }

static void add_skipped(gen_t *g, const char *code, const char *why)
{
    size_t old = g->skipped ? strlen(g->skipped) : 0, add = strlen(code) + strlen(why) + 3;
    g->skipped = xrealloc(g->skipped, old + add + 1);
    snprintf(g->skipped + old, add + 1, "%s: %s\n", code, why);
}

static int need_col(const table_t *t, const char *name, long *col, ds_err *err)
{
    size_t c;
    int rc = table_column(t, name, NULL, &c, err);
    *col = rc ? -1 : (long)c;
    return rc;
}

/* The row of t whose department (column col) is code, or -1. */
static long find_dept(const table_t *t, long col, const char *code)
{
    for (size_t r = 0; r < table_nrows(t); r++) {
        char canon[GEO_CODE_MAX];
        const char *s = table_text(t, r, (size_t)col);
        if (geo_dept_canon(s, strlen(s), canon, NULL) == 0 && strcmp(canon, code) == 0)
            return (long)r;
    }
    return -1;
}

/* Takes the departments of the reference tables: code, region, population, density and
 * activity; a department without population or density is skipped (and listed). */
static int load_depts(gen_t *g, const table_t *dt, const table_t *doc, const table_t *act,
                      ds_err *err)
{
    long c_dep, c_reg, c_pop, d_dep, d_dens, a_dep = -1, a_val = -1;
    int rc;
    if ((rc = need_col(dt, "dep", &c_dep, err)) || (rc = need_col(dt, "reg_open_damir", &c_reg, err)) ||
        (rc = need_col(dt, "population", &c_pop, err)) || (rc = need_col(doc, "dep", &d_dep, err)) ||
        (rc = need_col(doc, "densite_generalistes", &d_dens, err)))
        return rc;
    if (act && ((rc = need_col(act, "dep", &a_dep, err)) ||
                (rc = need_col(act, "licences_pour_100_hab", &a_val, err))))
        return rc;
    size_t n = table_nrows(dt);
    g->depts = xcalloc(n ? n : 1, sizeof *g->depts);
    for (size_t r = 0; r < n; r++) {
        gen_dept *d = &g->depts[g->ndepts];
        const char *s = table_text(dt, r, (size_t)c_dep);
        ds_err e;
        ds_err_clear(&e);
        if (geo_dept_canon(s, strlen(s), d->code, &e) != 0)
            return ds_err_set(err, DS_EDATA, "%s:%zu: %s", table_name(dt),
                              table_row_line(dt, r), e.msg);
        for (size_t j = 0; j < g->ndepts; j++)
            if (strcmp(g->depts[j].code, d->code) == 0)
                return ds_err_set(err, DS_EDATA, "%s:%zu: department %s appears twice",
                                  table_name(dt), table_row_line(dt, r), d->code);
        double pop = table_num(dt, r, (size_t)c_pop), reg = table_num(dt, r, (size_t)c_reg);
        long dr = find_dept(doc, d_dep, d->code);
        double dens = dr < 0 ? NAN : table_num(doc, (size_t)dr, (size_t)d_dens);
        if (!(pop >= 1) || isnan(reg)) {
            add_skipped(g, d->code, "no population or region in the departments table");
            continue;
        }
        if (isnan(dens)) {
            add_skipped(g, d->code, "no GP density in the doctors table");
            continue;
        }
        long ar = act ? find_dept(act, a_dep, d->code) : -1;
        d->region = (int)reg;
        d->population = llround(pop);
        d->gp_density = dens;
        d->activity = ar < 0 ? NAN : table_num(act, (size_t)ar, (size_t)a_val);
        g->ndepts++;
    }
    if (g->ndepts == 0)
        return ds_err_set(err, DS_EDATA, "%s: no department with both a population and a GP density",
                          table_name(dt));
    return DS_OK;
}

/* The planted draws, in table order: e_d then u_d for each department. */
static int draw_effects(gen_t *g, gsl_rng *r, ds_err *err)
{
    const gen_params *p = &g->p;
    double act_sum = 0, act_pop = 0;
    for (size_t i = 0; i < g->ndepts; i++)
        if (!isnan(g->depts[i].activity)) {
            act_sum += g->depts[i].activity * (double)g->depts[i].population;
            act_pop += (double)g->depts[i].population;
        }
    double act_mean = act_pop > 0 ? act_sum / act_pop : 0;
    for (size_t i = 0; i < g->ndepts; i++) {
        gen_dept *d = &g->depts[i];
        d->visits_noise = gsl_ran_gaussian(r, p->visits_noise);
        d->spending_noise = gsl_ran_gaussian(r, p->spending_noise);
        d->visits_planted = p->visits_intercept + p->visits_slope * d->gp_density + d->visits_noise;
        double z = isnan(d->activity) ? act_mean : d->activity;
        d->spending_planted = p->spending_intercept + p->spending_slope * z + d->spending_noise;
        if (!(d->visits_planted > 0) || !(d->spending_planted > 0))
            return ds_err_set(err, DS_EUSAGE,
                              "gen: department %s: planted GP acts %g and spending %g per "
                              "inhabitant must be positive (check --intercept, --slope, "
                              "--noise and the --spending-* options)",
                              d->code, d->visits_planted, d->spending_planted);
        g->inhabitants += (double)d->population;
    }
    return DS_OK;
}

static int setup_months(gen_t *g, ds_err *err)
{
    const gen_params *p = &g->p;
    int first = p->first_month, last = p->last_month;
    g->nmonths = (size_t)((last / 100 - first / 100) * 12 + (last % 100 - first % 100) + 1);
    g->months = xcalloc(g->nmonths, sizeof *g->months);
    g->month_rows = xcalloc(g->nmonths, sizeof *g->month_rows);
    g->month_ngp = xcalloc(g->nmonths, sizeof *g->month_ngp);
    g->month_gp = xcalloc(g->nmonths, sizeof *g->month_gp);
    g->years = xcalloc(g->nmonths, sizeof *g->years);
    for (size_t i = 0; i < g->nmonths; i++) {
        int idx = (first / 100) * 12 + first % 100 - 1 + (int)i;
        g->months[i] = (idx / 12) * 100 + idx % 12 + 1;
        g->month_rows[i] = p->rows / g->nmonths + (i < p->rows % g->nmonths);
        if (g->nyears == 0 || g->years[g->nyears - 1] != idx / 12)
            g->years[g->nyears++] = idx / 12;
    }
    if (p->rows < g->nmonths)
        return ds_err_set(err, DS_EUSAGE, "gen: --rows %llu: at least one row a month needed",
                          (unsigned long long)p->rows);
    g->year_acts = xcalloc(g->ndepts * g->nyears, sizeof *g->year_acts);
    g->year_cents = xcalloc(g->ndepts * g->nyears, sizeof *g->year_cents);
    return DS_OK;
}

static int build_residence(gen_t *g, ds_err *err)
{
    double *w = xcalloc(g->ndepts, sizeof *w);
    g->rdepts = xcalloc(g->ndepts, sizeof *g->rdepts);
    for (size_t i = 0; i < g->ndepts; i++) {
        w[i] = (double)g->depts[i].population;
        memcpy(g->rdepts[i].code, g->depts[i].code, sizeof g->rdepts[i].code);
        g->rdepts[i].region = g->depts[i].region;
    }
    g->residence = gsl_ran_discrete_preproc(g->ndepts, w);
    free(w);
    if (!g->residence)
        return ds_err_set(err, DS_EIO, "gen: cannot build the population weights");
    return DS_OK;
}

int gen_new(const gen_params *p, const table_t *depts, const table_t *doctors,
            const table_t *activity, gen_t **out, ds_err *err)
{
    *out = NULL;
    gen_t *g = xcalloc(1, sizeof *g);
    g->p = *p;
    g->paths[0] = xstrdup(table_name(depts));
    g->paths[1] = xstrdup(table_name(doctors));
    g->paths[2] = activity ? xstrdup(table_name(activity)) : NULL;
    gsl_rng *r = gsl_rng_alloc(gsl_rng_mt19937);
    if (!r) {
        gen_free(g);
        return ds_err_set(err, DS_EIO, "gen: out of memory for the random generator");
    }
    gsl_rng_set(r, gen_derive_seed(p->seed, 0));
    int rc;
    if (!(p->gp_share > 0 && p->gp_share < 1))
        rc = ds_err_set(err, DS_EUSAGE, "gen: --gp-share must lie strictly between 0 and 1");
    else if ((rc = load_depts(g, depts, doctors, activity, err)) == 0 &&
             (rc = draw_effects(g, r, err)) == 0 && (rc = setup_months(g, err)) == 0 &&
             (rc = build_residence(g, err)) == 0)
        rc = gen_plan_rows(g, r, err);
    gsl_rng_free(r);
    if (rc) {
        gen_free(g);
        return rc;
    }
    *out = g;
    return DS_OK;
}
