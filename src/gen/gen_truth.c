/* The truth manifest: what was planted, with which draws, and the exact totals that an
 * aggregation of the generated files must find. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "damirstat/json.h"
#include "damirstat/version.h"
#include "gen_impl.h"

static void write_model(const gen_t *g, json_w *w)
{
    const gen_params *p = &g->p;
    json_key(w, "model");
    json_object(w, JSON_LINES);
    json_key(w, "gp_visits");
    json_object(w, JSON_INLINE);
    json_member_str(w, "formula", "v_d = a + b * x_d + e_d, e_d ~ N(0, sigma)");
    json_member_str(w, "x", "densite_generalistes (GPs per 100,000 inhabitants)");
    json_member_str(w, "unit", "GP acts per inhabitant per year");
    json_member_num(w, "a", p->visits_intercept);
    json_member_num(w, "b", p->visits_slope);
    json_member_num(w, "sigma", p->visits_noise);
    json_end(w);
    json_key(w, "gp_spending");
    json_object(w, JSON_INLINE);
    json_member_str(w, "formula", "s_d = c + k * z_d + u_d, u_d ~ N(0, tau)");
    json_member_str(w, "z", "licences_pour_100_hab (sports licences per 100 inhabitants; the "
                    "population-weighted mean where missing)");
    json_member_str(w, "unit", "euros of GP consultations (PRS_PAI_MNT) per inhabitant per year");
    json_member_num(w, "c", p->spending_intercept);
    json_member_num(w, "k", p->spending_slope);
    json_member_num(w, "tau", p->spending_noise);
    json_end(w);
    json_member_uint(w, "scale_factor", 1);
    json_member_str(w, "exactness", "for each department and calendar year with m generated "
                    "months: sum PRS_ACT_QTE = round(v_d * population * m / 12) and sum "
                    "PRS_PAI_MNT = round(100 * s_d * population * m / 12) cents over the rows "
                    "the query selects");
    json_end(w);
}

static void write_query(const gen_t *g, json_w *w, const char *dir, int gzip_level)
{
    const char *by = g->p.geo == GEN_GEO_DEPT ? "BEN_RES_DPT" : "BEN_RES_REG";
    const char *where = MEASURE_GP_WHERE; /* the gp-visits measure */
    char cmd[2048], recover[512];
    snprintf(cmd, sizeof cmd,
             "damirstat aggregate --where '%s' --by %s --sum PRS_ACT_QTE,PRS_PAI_MNT --count "
             "%s/A*.csv%s", where, by, dir ? dir : ".", gzip_level > 0 ? ".gz" : "");
    snprintf(recover, sizeof recover, "visits per inhabitant = sum_PRS_ACT_QTE / population / "
             "%g; spending per inhabitant = sum_PRS_PAI_MNT / population / %g (years covered)",
             (double)g->nmonths / 12, (double)g->nmonths / 12);
    json_key(w, "query");
    json_object(w, JSON_INLINE);
    json_member_str(w, "where", where);
    json_member_str(w, "by", by);
    json_member_str(w, "sum", "PRS_ACT_QTE,PRS_PAI_MNT");
    json_member_bool(w, "count", 1);
    json_member_str(w, "command", cmd);
    json_member_str(w, "recover", recover);
    json_end(w);
}

/* One department: its draws, what was planted and the exact totals, on one line. */
static void write_dept(const gen_t *g, json_w *w, size_t i)
{
    const gen_dept *d = &g->depts[i];
    double years = (double)g->nmonths / 12, pop = (double)d->population;
    json_object(w, JSON_INLINE);
    json_member_str(w, "dep", d->code);
    json_member_int(w, "reg", d->region);
    json_member_int(w, "population", d->population);
    json_member_num(w, "gp_density", d->gp_density);
    json_member_num(w, "activity", d->activity);
    json_member_num(w, "visits_noise", d->visits_noise);
    json_member_num(w, "visits_planted", d->visits_planted);
    json_member_int(w, "gp_acts", d->gp_acts);
    json_member_num(w, "visits_per_inhabitant", (double)d->gp_acts / pop / years);
    json_member_num(w, "spending_noise", d->spending_noise);
    json_member_num(w, "spending_planted", d->spending_planted);
    json_member_int(w, "gp_spending_cents", d->gp_cents);
    json_member_num(w, "spending_per_inhabitant", (double)d->gp_cents / 100 / pop / years);
    json_member_uint(w, "gp_rows", d->gp_rows);
    json_key(w, "by_year");
    json_array(w, JSON_INLINE);
    for (size_t y = 0; y < g->nyears; y++) {
        json_object(w, JSON_INLINE);
        json_member_int(w, "year", g->years[y]);
        json_member_int(w, "gp_acts", g->year_acts[i * g->nyears + y]);
        json_member_int(w, "gp_spending_cents", g->year_cents[i * g->nyears + y]);
        json_end(w);
    }
    json_end(w);
    json_end(w);
}

static int cmp_int(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

static void write_regions(const gen_t *g, json_w *w)
{
    int *regs = xmalloc(g->ndepts * sizeof *regs);
    size_t n = 0;
    for (size_t i = 0; i < g->ndepts; i++) {
        size_t j = 0;
        while (j < n && regs[j] != g->depts[i].region)
            j++;
        if (j == n)
            regs[n++] = g->depts[i].region;
    }
    qsort(regs, n, sizeof *regs, cmp_int);
    json_key(w, "regions");
    json_array(w, JSON_LINES);
    for (size_t j = 0; j < n; j++) {
        int64_t acts = 0, cents = 0, pop = 0;
        uint64_t rows = 0;
        for (size_t i = 0; i < g->ndepts; i++)
            if (g->depts[i].region == regs[j]) {
                acts += g->depts[i].gp_acts, cents += g->depts[i].gp_cents;
                pop += g->depts[i].population, rows += g->depts[i].gp_rows;
            }
        json_object(w, JSON_INLINE);
        json_member_int(w, "reg", regs[j]);
        json_member_int(w, "population", pop);
        json_member_int(w, "gp_acts", acts);
        json_member_int(w, "gp_spending_cents", cents);
        json_member_uint(w, "gp_rows", rows);
        json_end(w);
    }
    json_end(w);
    free(regs);
}

static void write_skipped(const gen_t *g, json_w *w)
{
    json_key(w, "skipped");
    json_array(w, JSON_LINES);
    for (const char *s = gen_skipped(g); *s;) {
        const char *colon = strchr(s, ':'), *nl = strchr(s, '\n');
        json_object(w, JSON_INLINE);
        json_key(w, "dep");
        json_str_n(w, s, (size_t)(colon - s));
        json_key(w, "reason");
        json_str_n(w, colon + 2, (size_t)(nl - colon - 2));
        json_end(w);
        s = nl + 1;
    }
    json_end(w);
}

static void write_totals(const gen_t *g, json_w *w, int gzip_level)
{
    int64_t acts = 0, cents = 0;
    uint64_t gp_rows = 0;
    for (size_t i = 0; i < g->ndepts; i++)
        acts += g->depts[i].gp_acts, cents += g->depts[i].gp_cents, gp_rows += g->depts[i].gp_rows;
    json_key(w, "totals");
    json_object(w, JSON_INLINE);
    json_member_uint(w, "rows", g->p.rows);
    json_member_uint(w, "gp_rows", gp_rows);
    json_member_int(w, "gp_acts", acts);
    json_member_int(w, "gp_spending_cents", cents);
    json_member_uint(w, "departments", g->ndepts);
    json_member_num(w, "population", g->inhabitants);
    json_end(w);
    json_key(w, "files");
    json_array(w, JSON_LINES);
    for (size_t m = 0; m < g->nmonths; m++) {
        char name[32];
        snprintf(name, sizeof name, "A%06d.csv%s", g->months[m], gzip_level > 0 ? ".gz" : "");
        json_object(w, JSON_INLINE);
        json_member_str(w, "name", name);
        json_member_uint(w, "rows", g->month_rows[m]);
        json_member_uint(w, "gp_rows", g->month_ngp[m]);
        json_end(w);
    }
    json_end(w);
}

/* Everything but the model, the query and the per-department lines. */
static void write_run(const gen_t *g, json_w *w, int gzip_level)
{
    char generator[64];
    snprintf(generator, sizeof generator, "damirstat gen %s", DAMIRSTAT_VERSION);
    json_member_str(w, "generator", generator);
    json_member_str(w, "rng", "gsl_rng_mt19937; the plan seeded with splitmix64(seed, 0), "
                    "month YYYYMM with splitmix64(seed, YYYYMM)");
    json_member_uint(w, "seed", g->p.seed);
    json_member_uint(w, "rows", g->p.rows);
    json_key(w, "months");
    json_object(w, JSON_INLINE);
    json_member_int(w, "first", g->p.first_month);
    json_member_int(w, "last", g->p.last_month);
    json_member_uint(w, "count", g->nmonths);
    json_end(w);
    json_member_str(w, "geo", g->p.geo == GEN_GEO_DEPT ? "dept" : "region");
    json_member_int(w, "gzip_level", gzip_level);
    json_member_num(w, "gp_share", g->p.gp_share);
    json_key(w, "inputs");
    json_object(w, JSON_INLINE);
    json_member_str(w, "departements", g->paths[0]);
    json_member_str(w, "medecins", g->paths[1]);
    json_member_str(w, "activite", g->paths[2]);
    json_end(w);
}

int gen_write_truth(const gen_t *g, FILE *fp, const char *dir, int gzip_level, ds_err *err)
{
    (void)err;
    json_w w;
    json_init(&w, fp);
    json_object(&w, JSON_LINES);
    write_run(g, &w, gzip_level);
    write_model(g, &w);
    write_query(g, &w, dir, gzip_level);
    write_totals(g, &w, gzip_level);
    json_key(&w, "departments");
    json_array(&w, JSON_LINES);
    for (size_t i = 0; i < g->ndepts; i++)
        write_dept(g, &w, i);
    json_end(&w);
    write_regions(g, &w);
    write_skipped(g, &w);
    json_end(&w);
    putc('\n', fp);
    return DS_OK;
}
