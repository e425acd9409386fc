/* cmd_standardize: `damirstat standardize OBS --population POP --unit COL --strata COLS
 * --value COL`, indirectly standardised ratios of regions or departments (observed /
 * expected from the national rates by age band and sex) through the standardize module. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd_impl.h"
#include "damirstat/cli.h"
#include "damirstat/json.h"
#include "damirstat/standardize.h"
#include "damirstat/table.h"

struct options {
    const char *obs, *pop, *format, *output;
    char *strata; /* a copy of --strata, cut at its commas */
    standardize_spec spec;
    table_load_opts load;
};

enum { O_POPULATION, O_UNIT, O_STRATA, O_VALUE, O_POPCOL, O_WITHIN, O_KIND, O_LEVEL, O_FORMAT,
       O_OUTPUT, O_DELIMITER, O_SKIP };

static const cli_opt options[] = {
    {"population", 0, "FILE", O_POPULATION, "population by unit and the same strata (required)",
     NULL},
    {"unit", 0, "COL", O_UNIT, "the unit column (region, department), in both tables "
     "(required)", NULL},
    {"strata", 0, "COL[,COL]", O_STRATA, "stratum columns in both tables, e.g. age,sexe "
     "(required); other columns are summed over", NULL},
    {"value", 0, "COL", O_VALUE, "the observed column of OBS (required)", NULL},
    {"population-column", 0, "COL", O_POPCOL, "the population column of --population "
     "(default population)", NULL},
    {"within", 0, "COL", O_WITHIN, "standardise each value of COL (a year) on its own "
     "national rates", NULL},
    {"kind", 0, "count|amount", O_KIND, "count (default: whole numbers, exact Poisson "
     "interval) or amount (euros: ratio only, no interval)", NULL},
    {"level", 0, "L", O_LEVEL, "confidence level (default 0.95)", NULL},
    {"format", 0, "text|csv|json", O_FORMAT, "output format (default text)", NULL},
    CLI_OPT_OUTPUT(O_OUTPUT),
    CLI_OPT_DELIMITER(O_DELIMITER),
    CLI_OPT_SKIP(O_SKIP),
    {NULL, 0, NULL, 0, NULL, NULL},
};

static int set_option(void *ctx, int id, const char *v, ds_err *err);

const cli_cmd cmd_standardize_cli = {
    "standardize",
    "age-sex standardised ratios (observed / expected) by region or department",
    "OBS --population POP --unit COL --strata COL[,COL] --value COL\n"
    "    [--population-column COL] [--within COL] [--kind count|amount] [--level L]\n"
    "    [--format text|csv|json] [-o FILE]",
    "Indirect standardisation, as epitools::ageadjust.indirect: national rates by stratum\n"
    "R_s = sum of OBS / sum of POP over the units in both tables; a unit's expected value\n"
    "E = sum over its strata of POP x R_s; its ratio O / E (SMR, SIR) tells how far it is\n"
    "from the country once its age (and sex) structure is taken out; standardised rate =\n"
    "ratio x national crude rate. Rows are summed within unit x strata (a stratum column\n"
    "left out is summed over: --strata age standardises by age alone).\n"
    "Counts: exact Poisson interval Q(a/2; O)/E to Q(1-a/2; O+1)/E (Garwood), as R's\n"
    "poisson.test(O, E). Amounts (--kind amount, euros): the ratio is one of spending to\n"
    "expected spending; a Poisson interval does not apply to euros (counting in cents would\n"
    "narrow it tenfold) and an honest one needs the spread of spending per person, which\n"
    "aggregates lack: none is given.\n"
    "Observed rows in a stratum with no population row (an unknown age band, 99) are left\n"
    "out and their total reported; units or --within groups in one table only are listed.",
    options,
    "damirstat standardize external-data/opendamir-depenses-regions-age-sexe.csv \\\n"
    "    --population external-data/population-regions-open-damir-age.csv \\\n"
    "    --unit reg_open_damir --strata age --within annee \\\n"
    "    --value montant_paye_eur --kind amount",
    set_option,
    NULL,
};

static int parse_strata(struct options *o, const char *v, ds_err *err)
{
    free(o->strata);
    o->strata = xstrdup(v);
    o->spec.nstrata = 0;
    for (char *save = NULL, *w = strtok_r(o->strata, ", ", &save); w;
         w = strtok_r(NULL, ", ", &save)) {
        if (o->spec.nstrata == STANDARDIZE_STRATA_MAX)
            return ds_err_set(err, DS_EUSAGE, "standardize: --strata takes at most %d "
                              "columns, got '%s'", STANDARDIZE_STRATA_MAX, v);
        o->spec.strata[o->spec.nstrata++] = w;
    }
    if (!o->spec.nstrata)
        return ds_err_set(err, DS_EUSAGE, "standardize: --strata needs a column name");
    return DS_OK;
}

static int set_option(void *ctx, int id, const char *v, ds_err *err)
{
    static const char *const formats[] = {"text", "csv", "json"};
    static const char *const kinds[] = {"count", "amount"};
    struct options *o = ctx;
    int i = 0, rc = DS_OK;
    char *end;
    switch (id) {
    case O_POPULATION: o->pop = v; break;
    case O_UNIT: o->spec.unit = v; break;
    case O_STRATA: rc = parse_strata(o, v, err); break;
    case O_VALUE: o->spec.value = v; break;
    case O_POPCOL: o->spec.population = v; break;
    case O_WITHIN: o->spec.within = v; break;
    case O_KIND:
        rc = cli_parse_choice("standardize", "--kind", v, kinds, 2, &i, err);
        o->spec.kind = (standardize_kind)i;
        break;
    case O_LEVEL:
        o->spec.level = strtod(v, &end);
        if (!*v || *end || !(o->spec.level > 0 && o->spec.level < 1))
            rc = ds_err_set(err, DS_EUSAGE, "standardize: --level expects a number between 0 "
                            "and 1, got '%s'", v);
        break;
    case O_FORMAT:
        if ((rc = cli_parse_choice("standardize", "--format", v, formats, 3, &i, err)) == DS_OK)
            o->format = formats[i];
        break;
    case O_OUTPUT: o->output = v; break;
    case O_DELIMITER: rc = cli_parse_delim("standardize", "--delimiter", v, &o->load.delim, err); break;
    case O_SKIP: rc = cli_parse_lines("standardize", "--skip", v, &o->load.skip_lines, err); break;
    default: break;
    }
    return rc;
}

static int parse_options(int argc, char **argv, struct options *o, ds_err *err)
{
    int n = 0;
    int rc = cli_parse(&cmd_standardize_cli, argc, argv, o, &n, err);
    if (rc)
        return rc;
    const char *missing = !o->pop ? "--population" : !o->spec.unit ? "--unit"
                          : !o->spec.nstrata ? "--strata" : !o->spec.value ? "--value" : NULL;
    if (missing)
        return ds_err_set(err, DS_EUSAGE, "standardize: %s is required (see damirstat "
                          "standardize --help)", missing);
    if (n != 1)
        return ds_err_set(err, DS_EUSAGE, "standardize: expected one OBS table (see damirstat "
                          "standardize --help)");
    o->obs = argv[1];
    return DS_OK;
}

struct printed {
    const struct options *o;
    const standardize_result *r;
};

/* The units left out, a line each after prefix; lead before the first. */
static void put_skips(FILE *fp, const char *lead, const char *prefix, const standardize_spec *s,
                      const standardize_result *r)
{
    for (size_t i = 0; i < r->nskips; i++) {
        char what[512];
        standardize_skip_text(&r->skips[i], s, what, sizeof what);
        fprintf(fp, "%s%sleft out: %s\n", i ? "" : lead, prefix, what);
    }
}

static void print_group(FILE *fp, const struct printed *p, const standardize_group *g)
{
    const standardize_spec *s = &p->o->spec;
    int count = s->kind == STANDARDIZE_COUNT;
    if (s->within)
        fprintf(fp, "\n%s %s: ", s->within, g->within);
    else
        fputs("\n", fp);
    fprintf(fp, "%zu units, %zu strata, national crude rate %.6g per head", g->nunits,
            g->nstrata, g->crude_rate);
    if (g->dropped > 0)
        fprintf(fp, "; %.4g (%.3f %%) observed in strata without population left out",
                g->dropped, 100 * g->dropped / (g->observed + g->dropped));
    fprintf(fp, "\n  %-8s %18s %18s %8s  %-19s %12s %12s\n", "unit", "observed", "expected",
            "ratio", count ? "exact CI" : "(no interval)", "crude rate", "std rate");
    for (size_t i = 0; i < p->r->nrows; i++) {
        const standardize_row *w = &p->r->rows[i];
        if (strcmp(w->within, g->within) != 0)
            continue;
        char ci[48] = "";
        if (!isnan(w->ci_low))
            snprintf(ci, sizeof ci, "[%.4f, %.4f]", w->ci_low, w->ci_high);
        fprintf(fp, "  %-8s %18.2f %18.2f %8.4f  %-19s %12.6g %12.6g\n", w->unit, w->observed,
                w->expected, w->ratio, ci, w->crude_rate, w->standardised_rate);
    }
}

static void print_text(FILE *fp, const struct printed *p)
{
    const standardize_spec *s = &p->o->spec;
    fprintf(fp, "Indirect standardisation of %s by", s->value);
    for (size_t i = 0; i < s->nstrata; i++)
        fprintf(fp, "%s %s", i ? "," : "", s->strata[i]);
    fprintf(fp, " (national rates%s%s): ratio = observed / expected\n",
            s->within ? " within each " : "", s->within ? s->within : "");
    if (s->kind == STANDARDIZE_AMOUNT)
        fputs("Amounts: a ratio of spending to expected spending; no Poisson interval "
              "(see --help)\n", fp);
    else
        fprintf(fp, "Counts: exact Poisson %g %% interval (Garwood), as poisson.test\n",
                100 * s->level);
    for (size_t g = 0; g < p->r->ngroups; g++)
        print_group(fp, p, &p->r->groups[g]);
    put_skips(fp, "\n", "", s, p->r);
}

static int write_result(FILE *fp, const void *arg, ds_err *err)
{
    const struct printed *p = arg;
    if (strcmp(p->o->format, "json") == 0) {
        json_w w;
        json_init(&w, fp);
        standardize_json(&w, p->r, &p->o->spec);
        fputc('\n', fp);
        return DS_OK;
    }
    if (strcmp(p->o->format, "csv") == 0) {
        table_t *t = standardize_table(p->r, &p->o->spec);
        int rc = table_write(t, fp, ',', err);
        table_free(t);
        return rc;
    }
    print_text(fp, p);
    return DS_OK;
}

int cmd_standardize(int argc, char **argv, ds_err *err)
{
    struct options o = {.format = "text",
                        .spec = {.population = "population", .kind = STANDARDIZE_COUNT,
                                 .level = 0.95}};
    int rc = parse_options(argc, argv, &o, err);
    if (rc > 0) {
        free(o.strata);
        return cli_finish(&cmd_standardize_cli, rc);
    }
    table_t *obs = NULL, *pop = NULL;
    standardize_result r;
    memset(&r, 0, sizeof r);
    if (rc == DS_OK && (rc = table_load_with(o.obs, &o.load, &obs, err)) == DS_OK &&
        (rc = table_load_with(o.pop, &o.load, &pop, err)) == DS_OK &&
        (rc = standardize_tables(obs, pop, &o.spec, &r, err)) == DS_OK) {
        struct printed pr = {&o, &r};
        rc = cli_write_output(o.output, write_result, &pr, err);
    }
    /* the CSV table has no room for the units left out (text and JSON list them): stderr
     * says them, so that a unit in one table only is never dropped unsaid */
    if (rc == DS_OK && strcmp(o.format, "csv") == 0)
        put_skips(stderr, "", "damirstat: standardize: ", &o.spec, &r);
    standardize_result_free(&r);
    table_free(obs);
    table_free(pop);
    free(o.strata);
    return rc;
}
