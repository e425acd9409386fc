/* study_report_std: the report.md section of the [standardize] steps — what the ratio means
 * (observed / expected at national rates by stratum; for euros a ratio of spending, not of
 * counts, with no Poisson interval), what was left out, and the ratios: a unit × year table
 * when the step standardised several years, else one row per unit with its interval. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "damirstat/geo.h"
#include "study_write_impl.h"

/* "93 Provence-Alpes-Côte d'Azur et Corse" for an Open DAMIR region column, "01 Ain" for a
 * department column, else the code. */
static void unit_text(const char *col, const char *unit, char *buf, size_t size)
{
    const char *name = NULL;
    char code[GEO_CODE_MAX];
    int reg;
    if (strcasestr(col, "open_damir") || strcasestr(col, "BEN_RES_REG")) {
        if (geo_region_canon(unit, strlen(unit), GEO_REGION_OPENDAMIR, &reg, NULL) == DS_OK)
            name = geo_region_name(reg, GEO_REGION_OPENDAMIR);
    } else if (strcasestr(col, "dep") || strcasestr(col, "dpt")) {
        if (geo_dept_canon(unit, strlen(unit), code, NULL) == DS_OK)
            name = geo_dept_name(code);
    }
    char md[160];
    snprintf(buf, size, "%s%s%s", study_md(unit, md, sizeof md), name ? " " : "",
             name ? name : "");
}

static void std_intro(FILE *fp, const study_std *d)
{
    const standardize_spec *sp = &d->spec;
    const char *label = study_get(d->section, "label");
    fprintf(fp, "\n### %s (`[standardize %s]`)\n\n`%s` by `%s`, indirectly standardised by ",
            label ? label : d->section->name, d->section->name, sp->value, sp->unit);
    for (size_t i = 0; i < sp->nstrata; i++)
        fprintf(fp, "%s`%s`", i ? " × " : "", sp->strata[i]);
    fprintf(fp, " (national rates%s%s%s): ratio = observed / expected, the expected value "
            "being what the unit would show if each of its strata had the national rate of "
            "that stratum (as `epitools::ageadjust.indirect`); standardised rate = ratio × "
            "national crude rate. ", sp->within ? " within each `" : "",
            sp->within ? sp->within : "", sp->within ? "`" : "");
    if (sp->kind == STANDARDIZE_AMOUNT)
        fputs("These are **amounts** (euros): the ratio compares the unit's spending with the "
              "spending expected from its structure at the national spending per head of "
              "each stratum — a ratio of spending, not of counts of people or events. No "
              "interval is given: a Poisson interval does not apply to euros (counting in "
              "cents would make it ten times narrower), and an honest one needs the spread of "
              "spending per person or per claim, which aggregates do not carry. The amounts "
              "are the whole of the claims of the period, not a sample.\n", fp);
    else
        fprintf(fp, "Counts: %g %% exact Poisson intervals (Garwood), as R's "
                "`poisson.test(O, E)`.\n", 100 * sp->level);
    if (d->res.dropped > 0) {
        double all = d->res.dropped;
        for (size_t g = 0; g < d->res.ngroups; g++)
            all += d->res.groups[g].observed;
        char num[64];
        study_group_num(num, sizeof num, d->res.dropped, 0);
        fprintf(fp, "\nLeft out: %s observed (%.2g %% of the total; rows: %zu) in strata "
                "without a population row (unknown age or sex).", num,
                100 * d->res.dropped / all, d->res.dropped_rows);
    }
    for (size_t i = 0; i < d->res.nskips; i++) {
        char what[512];
        standardize_skip_text(&d->res.skips[i], sp, what, sizeof what);
        fprintf(fp, "%s%s", i ? "; " : "\nNot standardised: ", what);
    }
    if (d->res.nskips)
        fputs(".", fp);
    if (study_get(d->section, "note"))
        fprintf(fp, "\n\n%s", study_get(d->section, "note"));
    fputs("\n\n", fp);
}

/* Units as rows, groups (years) as columns: the ratio. */
static void std_wide(FILE *fp, const study_std *d)
{
    const standardize_result *r = &d->res;
    fprintf(fp, "| %s |", d->spec.unit);
    for (size_t g = 0; g < r->ngroups; g++)
        fprintf(fp, " %s |", r->groups[g].within);
    fputs("\n|---|", fp);
    for (size_t g = 0; g < r->ngroups; g++)
        fputs("---:|", fp);
    fputs("\n", fp);
    for (size_t i = 0; i < r->nrows; i++) {
        if (strcmp(r->rows[i].within, r->groups[0].within) != 0)
            continue;
        char name[160];
        unit_text(d->spec.unit, r->rows[i].unit, name, sizeof name);
        fprintf(fp, "| %s |", name);
        for (size_t g = 0; g < r->ngroups; g++) {
            const standardize_row *w = NULL;
            for (size_t k = 0; k < r->nrows && !w; k++)
                if (strcmp(r->rows[k].unit, r->rows[i].unit) == 0 &&
                    strcmp(r->rows[k].within, r->groups[g].within) == 0)
                    w = &r->rows[k];
            if (w && !isnan(w->ratio))
                fprintf(fp, " %.3f |", w->ratio);
            else
                fputs(" – |", fp);
        }
        fputs("\n", fp);
    }
}

/* A rate: grouped with two decimals from 1,000 (euros per head), else six significant
 * digits (deaths per person: 0.00912). */
static void rate_text(char *buf, size_t size, double x)
{
    if (fabs(x) >= 1000)
        study_group_num(buf, size, x, 2);
    else
        snprintf(buf, size, "%.6g", x);
}

static void std_long(FILE *fp, const study_std *d)
{
    int count = d->spec.kind == STANDARDIZE_COUNT;
    fprintf(fp, "| %s | observed | expected | ratio |%s crude rate | standardised rate |\n"
            "|---|---:|---:|---:|%s---:|---:|\n", d->spec.unit, count ? " interval |" : "",
            count ? "---|" : "");
    for (size_t i = 0; i < d->res.nrows; i++) {
        const standardize_row *w = &d->res.rows[i];
        char name[160];
        unit_text(d->spec.unit, w->unit, name, sizeof name);
        char o[64], e[64], cr[64], sr[64]; /* in full, grouped: one notation down a column */
        study_group_num(o, sizeof o, w->observed, count && w->observed != floor(w->observed));
        study_group_num(e, sizeof e, w->expected, count ? 2 : 0);
        rate_text(cr, sizeof cr, w->crude_rate);
        rate_text(sr, sizeof sr, w->standardised_rate);
        fprintf(fp, "| %s | %s | %s | %.3f |", name, o, e, w->ratio);
        if (count)
            fprintf(fp, " %.3f to %.3f |", w->ci_low, w->ci_high);
        fprintf(fp, " %s | %s |\n", cr, sr);
    }
}

void study_report_standardize(FILE *fp, const study_state *r)
{
    if (!r->nstds)
        return;
    fputs("\n## Standardised ratios\n", fp);
    for (size_t i = 0; i < r->nstds; i++) {
        std_intro(fp, &r->stds[i]);
        if (r->stds[i].res.ngroups > 1)
            std_wide(fp, &r->stds[i]);
        else
            std_long(fp, &r->stds[i]);
    }
}
