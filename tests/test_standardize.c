/* standardize: indirect standardisation against R — epitools::ageadjust.indirect for the
 * expected values, ratios and standardised rates, poisson.test for the exact interval, and
 * the GLM offset form glm(O ~ 1, offset = log(E), family = poisson) for the ratio — on a
 * hand-made age × sex fixture (tests/fixtures/standardize/) and on the real Open DAMIR
 * regional spending 2019–2023 by age band (external-data/). */
#include <math.h>
#include <string.h>

#include "damirstat/standardize.h"
#include "t.h"

static table_t *load(const char *rel)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", t_root(), rel);
    table_t *t = NULL;
    ds_err err;
    ds_err_clear(&err);
    if (table_load(path, &t, &err) != DS_OK)
        t_fail(__FILE__, __LINE__, "load %s: %s", rel, err.msg);
    return t;
}

static table_t *load_csv(const char *name, const char *csv)
{
    table_t *t = NULL;
    ds_err err;
    ds_err_clear(&err);
    if (table_load_buffer(name, csv, strlen(csv), &t, &err) != DS_OK)
        t_fail(__FILE__, __LINE__, "load %s: %s", name, err.msg);
    return t;
}

static const standardize_row *row_of(const standardize_result *r, const char *within,
                                     const char *unit)
{
    for (size_t i = 0; i < r->nrows; i++)
        if (strcmp(r->rows[i].unit, unit) == 0 && strcmp(r->rows[i].within, within) == 0)
            return &r->rows[i];
    t_fail(__FILE__, __LINE__, "no row %s %s", within, unit);
    return NULL;
}

/* R 4.2.2, epitools 0.5-10:
 *   library(epitools)
 *   o <- read.csv("tests/fixtures/standardize/deaths.csv")
 *   p <- read.csv("tests/fixtures/standardize/population.csv")
 *   o <- subset(o, age != 99); p <- subset(p, region != "D")
 *   m <- merge(o, p); std <- aggregate(cbind(deces, population) ~ sexe + age, m, sum)
 *   for (reg in c("A","B","C")) {
 *     r <- merge(m[m$region == reg, ], std, by = c("sexe","age"), suffixes = c("", ".std"))
 *     a <- ageadjust.indirect(r$deces, r$population, r$deces.std, r$population.std)
 *     E <- a$sir["exp"]; O <- a$sir["observed"]
 *     ci <- poisson.test(O, E)$conf.int
 *     g <- glm(O ~ 1, offset = log(E), family = poisson)
 *     cat(sprintf("%s O %.17g E %.17g sir %.17g lo %.17g hi %.17g adj %.17g glm %.17g\n",
 *         reg, O, E, a$sir["sir"], ci[1], ci[2], a$rate["adj.rate"], exp(coef(g))))
 *   } */
static const struct {
    const char *unit;
    double o, e, sir, lo, hi, adj, glm;
} fixture_ref[] = {
    {"A", 698, 613.74474130741987, 1.1372806201371219, 1.0544643051101716, 1.2248728539429021,
     0.0039210215382193122, 1.1372806201371226},
    {"B", 493, 525.29233798845723, 0.9385250161612545, 0.85749678976536592, 1.0251466067183967,
     0.003235768496681331, 0.93852501616125439},
    {"C", 85, 136.96292070412301, 0.62060592431160999, 0.49571796991293754, 0.76738883617962317,
     0.0021396734920875824, 0.62060592431175809},
};

TEST(test_standardize_age_sex_ratios_match_epitools_and_poisson_test)
{
    table_t *o = load("tests/fixtures/standardize/deaths.csv");
    table_t *p = load("tests/fixtures/standardize/population.csv");
    standardize_spec spec = {.unit = "region", .strata = {"sexe", "age"}, .nstrata = 2,
                             .value = "deces", .population = "population",
                             .kind = STANDARDIZE_COUNT, .level = 0.95};
    standardize_result r;
    ds_err err;
    ds_err_clear(&err);
    int rc = standardize_tables(o, p, &spec, &r, &err);
    CHECK(rc == DS_OK, "%s", err.msg);
    if (rc == DS_OK) {
        CHECK(r.nrows == 3 && r.ngroups == 1 && r.groups[0].nstrata == 6, "3 units, 6 strata");
        for (size_t i = 0; i < 3; i++) {
            const standardize_row *w = row_of(&r, "", fixture_ref[i].unit);
            CHECK_NEAR(w->observed, fixture_ref[i].o, 0);
            CHECK_NEAR(w->expected, fixture_ref[i].e, 1e-13);
            CHECK_NEAR(w->ratio, fixture_ref[i].sir, 1e-13);
            CHECK_NEAR(w->ratio, fixture_ref[i].glm, 1e-12); /* IRLS stops at 1e-8 deviance */
            CHECK_NEAR(w->ci_low, fixture_ref[i].lo, 1e-12);
            CHECK_NEAR(w->ci_high, fixture_ref[i].hi, 1e-12);
            CHECK_NEAR(w->standardised_rate, fixture_ref[i].adj, 1e-13);
        }
        /* A's age-99 row (4 deaths) has no population band; D has population only */
        CHECK(r.dropped == 4 && r.dropped_rows == 1, "dropped %g", r.dropped);
        CHECK_NEAR(row_of(&r, "", "A")->dropped, 4, 0);
        CHECK(r.nskips == 1 && strcmp(r.skips[0].unit, "D") == 0, "D listed");
        CHECK_STR(r.skips[0].why, "only in the population table");
    }
    standardize_result_free(&r);
    /* Age alone: the sexes are summed.
     *   ma <- aggregate(cbind(deces, population) ~ region + age, m, sum)
     *   sa <- aggregate(cbind(deces, population) ~ age, ma, sum)
     *   r <- ma[ma$region == "A", ]
     *   ageadjust.indirect(r$deces, r$population, sa$deces, sa$population)$sir
     *   # exp 613.95777354635027, sir 1.1368860043390345 */
    spec.strata[0] = "age";
    spec.nstrata = 1;
    rc = standardize_tables(o, p, &spec, &r, &err);
    CHECK(rc == DS_OK, "%s", err.msg);
    if (rc == DS_OK) {
        CHECK_NEAR(row_of(&r, "", "A")->expected, 613.95777354635027, 1e-13);
        CHECK_NEAR(row_of(&r, "", "A")->ratio, 1.1368860043390345, 1e-13);
    }
    standardize_result_free(&r);
    table_free(o);
    table_free(p);
}

/* Garwood's interval for counts far beyond GSL's gamma inverse (NaN above ~1e6):
 *   for (x in c(45000000, 0, 1)) print(poisson.test(x, 44000000)$conf.int, digits = 17)
 *   # 45e6: 1.022428479751589 1.0230261314859554; 0: 0 8.3838169411680343e-08;
 *   # 1: 5.7540472691567953e-10 1.2662825888497496e-07 */
TEST(test_standardize_poisson_interval_for_large_and_zero_counts)
{
    double lo, hi;
    ds_err err;
    ds_err_clear(&err);
    CHECK(standardize_poisson_ci(45e6, 0.95, &lo, &hi, &err) == DS_OK, "%s", err.msg);
    CHECK_NEAR(lo / 44e6, 1.022428479751589, 1e-13);
    CHECK_NEAR(hi / 44e6, 1.0230261314859554, 1e-13);
    CHECK(standardize_poisson_ci(0, 0.95, &lo, &hi, &err) == DS_OK, "%s", err.msg);
    CHECK(lo == 0, "lower bound of 0 events is 0");
    CHECK_NEAR(hi / 44e6, 8.3838169411680343e-08, 1e-13);
    CHECK(standardize_poisson_ci(1, 0.95, &lo, &hi, &err) == DS_OK, "%s", err.msg);
    CHECK_NEAR(lo / 44e6, 5.7540472691567953e-10, 1e-12);
    CHECK_NEAR(hi / 44e6, 1.2662825888497496e-07, 1e-12);
}

/* The real Open DAMIR spending by region and age band, each year on its own national rates
 * (amounts: no interval). R, same files:
 *   o <- read.csv("external-data/opendamir-depenses-regions-age-sexe.csv",
 *                 colClasses = c(reg_open_damir = "character"))
 *   p <- read.csv("external-data/population-regions-open-damir-age.csv",
 *                 colClasses = c(reg_open_damir = "character"))
 *   for (y in c(2019, 2023)) {
 *     oy <- subset(o, annee == y & age != 99)
 *     oa <- aggregate(montant_paye_eur ~ reg_open_damir + age, oy, sum)
 *     m <- merge(oa, subset(p, annee == y), all.y = TRUE)
 *     m$montant_paye_eur[is.na(m$montant_paye_eur)] <- 0
 *     std <- aggregate(cbind(montant_paye_eur, population) ~ age, m, sum)
 *     for (reg in c("5", "11", "93")) {
 *       r <- m[m$reg_open_damir == reg, ]; r <- r[order(r$age), ]
 *       a <- ageadjust.indirect(r$montant_paye_eur, r$population, std$montant_paye_eur,
 *                               std$population)
 *       cat(y, reg, sprintf("%.17g", c(a$sir[c("exp", "sir")], a$rate["adj.rate"])), "\n")
 *     }
 *   } */
static const struct {
    const char *year, *reg;
    double e, sir, adj;
} real_ref[] = {
    {"2019", "5", 3623745277.0449405, 1.2279517890586036, 2383.9986578334556},
    {"2019", "11", 21617902913.413216, 1.0108879000585547, 1962.5814453246912},
    {"2019", "93", 11125680647.008064, 1.2335477826554995, 2394.8629615814652},
    {"2023", "5", 4216430047.4637194, 1.2376285403593907, 2689.6739039903669},
    {"2023", "11", 24428077699.252872, 1.0304899506763034, 2239.5103524790356},
    {"2023", "93", 12643253078.921591, 1.2008022667790301, 2609.6412740046821},
};

TEST(test_standardize_real_regional_spending_by_age_matches_epitools)
{
    table_t *o = load("external-data/opendamir-depenses-regions-age-sexe.csv");
    table_t *p = load("external-data/population-regions-open-damir-age.csv");
    standardize_spec spec = {.unit = "reg_open_damir", .strata = {"age"}, .nstrata = 1,
                             .within = "annee", .value = "montant_paye_eur",
                             .population = "population", .kind = STANDARDIZE_AMOUNT,
                             .level = 0.95};
    standardize_result r;
    ds_err err;
    ds_err_clear(&err);
    int rc = standardize_tables(o, p, &spec, &r, &err);
    CHECK(rc == DS_OK, "%s", err.msg);
    if (rc == DS_OK) {
        CHECK(r.ngroups == 5 && r.nrows == 65, "2019-2023 x 13 regions: %zu", r.nrows);
        for (size_t i = 0; i < sizeof real_ref / sizeof real_ref[0]; i++) {
            const standardize_row *w = row_of(&r, real_ref[i].year, real_ref[i].reg);
            CHECK_NEAR(w->expected, real_ref[i].e, 1e-13);
            CHECK_NEAR(w->ratio, real_ref[i].sir, 1e-13);
            CHECK_NEAR(w->standardised_rate, real_ref[i].adj, 1e-13);
            CHECK(isnan(w->ci_low) && isnan(w->ci_high), "no interval for euros");
        }
        /* 2024 has no population by age: the year is listed, not standardised */
        CHECK(r.nskips == 1 && strcmp(r.skips[0].within, "2024") == 0 &&
              r.skips[0].unit[0] == '\0', "2024 left out");
    }
    standardize_result_free(&r);
    table_free(o);
    table_free(p);
}

TEST(test_standardize_bad_input_is_an_error_naming_the_line)
{
    table_t *p = load_csv("pop.csv", "reg,age,population\nA,0,100\nA,1,100\nB,0,100\n");
    standardize_spec spec = {.unit = "reg", .strata = {"age"}, .nstrata = 1, .value = "n",
                             .population = "population", .kind = STANDARDIZE_COUNT,
                             .level = 0.95};
    standardize_result r;
    ds_err err;
    table_t *o = load_csv("obs.csv", "reg,age,n\nA,0,3\nA,1,2.5\n");
    ds_err_clear(&err);
    CHECK(standardize_tables(o, p, &spec, &r, &err) == DS_EDATA, "a count of 2.5");
    CHECK(strstr(err.msg, "obs.csv:3: n: 2.5 is not a whole number") != NULL, "%s", err.msg);
    table_free(o);
    /* B has no population in band 1, which A has: an error, not a silent zero */
    o = load_csv("obs.csv", "reg,age,n\nA,0,3\nB,1,2\nB,0,1\n");
    ds_err_clear(&err);
    CHECK(standardize_tables(o, p, &spec, &r, &err) == DS_EDATA, "B band 1");
    CHECK_STR(err.msg, "obs.csv:3: unit B, stratum 1: an observed value but no population "
                       "row for them");
    table_free(o);
    o = load_csv("obs.csv", "reg,age,n\nA,0,-1\n");
    ds_err_clear(&err);
    CHECK(standardize_tables(o, p, &spec, &r, &err) == DS_EDATA, "negative");
    CHECK(strstr(err.msg, "obs.csv:2: n: -1 is negative") != NULL, "%s", err.msg);
    spec.value = "deaths";
    ds_err_clear(&err);
    CHECK(standardize_tables(o, p, &spec, &r, &err) == DS_EDATA, "unknown column");
    CHECK(strstr(err.msg, "deaths") != NULL, "%s", err.msg);
    table_free(o);
    o = load_csv("obs.csv", "reg,age,n\nZ,0,1\n");
    spec.value = "n";
    ds_err_clear(&err);
    CHECK(standardize_tables(o, p, &spec, &r, &err) == DS_EDATA, "no common unit");
    CHECK_STR(err.msg, "standardize: no unit of obs.csv has population rows in pop.csv");
    table_free(o);
    table_free(p);
}
