/* The truth manifest: what was planted, with which draws, and the exact totals that an
 * aggregation of the generated files must find. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "damirstat/json.h"
#include "damirstat/version.h"
#include "gen_impl.h"

static void write_model(const gen_t *g, FILE *fp)
{
    const gen_params *p = &g->p;
    fputs("  \"model\": {\n    \"gp_visits\": {\"formula\": \"v_d = a + b * x_d + e_d, e_d ~ "
          "N(0, sigma)\", \"x\": \"densite_generalistes (GPs per 100,000 inhabitants)\", "
          "\"unit\": \"GP acts per inhabitant per year\", \"a\": ", fp);
    json_number(fp, p->visits_intercept);
    fputs(", \"b\": ", fp);
    json_number(fp, p->visits_slope);
    fputs(", \"sigma\": ", fp);
    json_number(fp, p->visits_noise);
    fputs("},\n    \"gp_spending\": {\"formula\": \"s_d = c + k * z_d + u_d, u_d ~ N(0, tau)\", "
          "\"z\": \"licences_pour_100_hab (sports licences per 100 inhabitants; the "
          "population-weighted mean where missing)\", \"unit\": \"euros of GP consultations "
          "(PRS_PAI_MNT) per inhabitant per year\", \"c\": ", fp);
    json_number(fp, p->spending_intercept);
    fputs(", \"k\": ", fp);
    json_number(fp, p->spending_slope);
    fputs(", \"tau\": ", fp);
    json_number(fp, p->spending_noise);
    fputs("},\n    \"scale_factor\": 1,\n    \"exactness\": \"for each department and calendar "
          "year with m generated months: sum PRS_ACT_QTE = round(v_d * population * m / 12) "
          "and sum PRS_PAI_MNT = round(100 * s_d * population * m / 12) cents over the rows "
          "the query selects\"\n  },\n", fp);
}

static void write_query(const gen_t *g, FILE *fp, const char *dir, int gzip_level)
{
    const char *by = g->p.geo == GEN_GEO_DEPT ? "BEN_RES_DPT" : "BEN_RES_REG";
    const char *where = "PRS_NAT in (" GENROW_GP_CODES ") and PSE_SPE_SNDS = 1";
    char cmd[2048];
    snprintf(cmd, sizeof cmd,
             "damirstat aggregate --where '%s' --by %s --sum PRS_ACT_QTE,PRS_PAI_MNT --count "
             "%s/A*.csv%s", where, by, dir ? dir : ".", gzip_level > 0 ? ".gz" : "");
    fputs("  \"query\": {\"where\": ", fp);
    json_string(fp, where);
    fputs(", \"by\": ", fp);
    json_string(fp, by);
    fputs(", \"sum\": \"PRS_ACT_QTE,PRS_PAI_MNT\", \"count\": true, \"command\": ", fp);
    json_string(fp, cmd);
    fprintf(fp, ", \"recover\": \"visits per inhabitant = sum_PRS_ACT_QTE / population / %g; "
                "spending per inhabitant = sum_PRS_PAI_MNT / population / %g (years "
                "covered)\"},\n", (double)g->nmonths / 12, (double)g->nmonths / 12);
}

static void write_dept(const gen_t *g, FILE *fp, size_t i)
{
    const gen_dept *d = &g->depts[i];
    double years = (double)g->nmonths / 12, pop = (double)d->population;
    fprintf(fp, "    {\"dep\": \"%s\", \"reg\": %d, \"population\": %lld, \"gp_density\": ",
            d->code, d->region, (long long)d->population);
    json_number(fp, d->gp_density);
    fputs(", \"activity\": ", fp);
    json_number(fp, d->activity);
    fputs(",\n     \"visits_noise\": ", fp);
    json_number(fp, d->visits_noise);
    fputs(", \"visits_planted\": ", fp);
    json_number(fp, d->visits_planted);
    fprintf(fp, ", \"gp_acts\": %lld, \"visits_per_inhabitant\": ", (long long)d->gp_acts);
    json_number(fp, (double)d->gp_acts / pop / years);
    fputs(",\n     \"spending_noise\": ", fp);
    json_number(fp, d->spending_noise);
    fputs(", \"spending_planted\": ", fp);
    json_number(fp, d->spending_planted);
    fprintf(fp, ", \"gp_spending_cents\": %lld, \"spending_per_inhabitant\": ",
            (long long)d->gp_cents);
    json_number(fp, (double)d->gp_cents / 100 / pop / years);
    fprintf(fp, ",\n     \"gp_rows\": %llu, \"by_year\": [", (unsigned long long)d->gp_rows);
    for (size_t y = 0; y < g->nyears; y++)
        fprintf(fp, "%s{\"year\": %d, \"gp_acts\": %lld, \"gp_spending_cents\": %lld}",
                y ? ", " : "", g->years[y], (long long)g->year_acts[i * g->nyears + y],
                (long long)g->year_cents[i * g->nyears + y]);
    fprintf(fp, "]}%s\n", i + 1 < g->ndepts ? "," : "");
}

static int cmp_int(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

static void write_regions(const gen_t *g, FILE *fp)
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
    fputs("  \"regions\": [\n", fp);
    for (size_t j = 0; j < n; j++) {
        int64_t acts = 0, cents = 0, pop = 0;
        uint64_t rows = 0;
        for (size_t i = 0; i < g->ndepts; i++)
            if (g->depts[i].region == regs[j]) {
                acts += g->depts[i].gp_acts, cents += g->depts[i].gp_cents;
                pop += g->depts[i].population, rows += g->depts[i].gp_rows;
            }
        fprintf(fp, "    {\"reg\": %d, \"population\": %lld, \"gp_acts\": %lld, "
                    "\"gp_spending_cents\": %lld, \"gp_rows\": %llu}%s\n",
                regs[j], (long long)pop, (long long)acts, (long long)cents,
                (unsigned long long)rows, j + 1 < n ? "," : "");
    }
    fputs("  ],\n", fp);
    free(regs);
}

static void write_skipped(const gen_t *g, FILE *fp)
{
    fputs("  \"skipped\": [", fp);
    const char *s = gen_skipped(g);
    int first = 1;
    while (*s) {
        const char *colon = strchr(s, ':'), *nl = strchr(s, '\n');
        char code[8] = "", why[256] = "";
        snprintf(code, sizeof code, "%.*s", (int)(colon - s), s);
        snprintf(why, sizeof why, "%.*s", (int)(nl - colon - 2), colon + 2);
        fputs(first ? "\n    {\"dep\": " : ",\n    {\"dep\": ", fp);
        json_string(fp, code);
        fputs(", \"reason\": ", fp);
        json_string(fp, why);
        fputs("}", fp);
        first = 0;
        s = nl + 1;
    }
    fputs(first ? "]\n" : "\n  ]\n", fp);
}

static void write_totals(const gen_t *g, FILE *fp, int gzip_level)
{
    int64_t acts = 0, cents = 0;
    uint64_t gp_rows = 0;
    for (size_t i = 0; i < g->ndepts; i++)
        acts += g->depts[i].gp_acts, cents += g->depts[i].gp_cents, gp_rows += g->depts[i].gp_rows;
    fprintf(fp, "  \"totals\": {\"rows\": %llu, \"gp_rows\": %llu, \"gp_acts\": %lld, "
                "\"gp_spending_cents\": %lld, \"departments\": %zu, \"population\": %.0f},\n",
            (unsigned long long)g->p.rows, (unsigned long long)gp_rows, (long long)acts,
            (long long)cents, g->ndepts, g->inhabitants);
    fputs("  \"files\": [", fp);
    for (size_t m = 0; m < g->nmonths; m++)
        fprintf(fp, "%s\n    {\"name\": \"A%06d.csv%s\", \"rows\": %llu, \"gp_rows\": %zu}",
                m ? "," : "", g->months[m], gzip_level > 0 ? ".gz" : "",
                (unsigned long long)g->month_rows[m], g->month_ngp[m]);
    fputs("\n  ],\n", fp);
}

int gen_write_truth(const gen_t *g, FILE *fp, const char *dir, int gzip_level, ds_err *err)
{
    (void)err;
    fprintf(fp, "{\n  \"generator\": \"damirstat gen %s\",\n  \"rng\": \"gsl_rng_mt19937; "
                "the plan seeded with splitmix64(seed, 0), month YYYYMM with "
                "splitmix64(seed, YYYYMM)\",\n  \"seed\": %llu,\n  \"rows\": %llu,\n"
                "  \"months\": {\"first\": %d, \"last\": %d, \"count\": %zu},\n"
                "  \"geo\": \"%s\",\n  \"gzip_level\": %d,\n  \"gp_share\": ",
            DAMIRSTAT_VERSION, (unsigned long long)g->p.seed, (unsigned long long)g->p.rows,
            g->p.first_month, g->p.last_month, g->nmonths,
            g->p.geo == GEN_GEO_DEPT ? "dept" : "region", gzip_level);
    json_number(fp, g->p.gp_share);
    fputs(",\n  \"inputs\": {\"departements\": ", fp);
    json_string(fp, g->paths[0]);
    fputs(", \"medecins\": ", fp);
    json_string(fp, g->paths[1]);
    fputs(", \"activite\": ", fp);
    if (g->paths[2])
        json_string(fp, g->paths[2]);
    else
        fputs("null", fp);
    fputs("},\n", fp);
    write_model(g, fp);
    write_query(g, fp, dir, gzip_level);
    write_totals(g, fp, gzip_level);
    fputs("  \"departments\": [\n", fp);
    for (size_t i = 0; i < g->ndepts; i++)
        write_dept(g, fp, i);
    fputs("  ],\n", fp);
    write_regions(g, fp);
    write_skipped(g, fp);
    fputs("}\n", fp);
    return DS_OK;
}
