/* standardize: indirect standardisation of geographic units by age band and sex (or any
 * strata): observed / expected, where a unit's expected is what it would show if each of
 * its strata had the national rate of that stratum. A unit that is older than the country
 * spends more on health at the same age-specific rates; its ratio takes that out.
 *
 * Inputs are two long tables: the observed values by unit × strata (an aggregate by
 * BEN_RES_REG × AGE_BEN_SNDS × BEN_SEX_COD) and the population by unit × the same strata.
 * Rows are summed within (within, unit, stratum), so strata the call does not name are
 * summed over (age only: the sexes added). National rates are internal: R_s = Σ_u O_us /
 * Σ_u P_us over the units present in both tables. Then, per unit, E = Σ_s P_us R_s and the
 * ratio O / E (the SMR or SIR), the crude rate O / P and the standardised rate
 * (O / E) × Σ O / Σ P, as epitools::ageadjust.indirect computes them (sir, adj.rate).
 *
 * Counts (events, acts, deaths): exact Poisson interval of the ratio (Garwood 1936), the
 * gamma quantiles Q(α/2; O) / E and Q(1 − α/2; O + 1) / E, as R's poisson.test(O, E)
 * gives; epitools prints a log-normal Wald interval instead, which is not computed here.
 * Amounts (euros): the ratio of spending to expected spending has no Poisson interval:
 * euros are not events (counting in cents would narrow such an interval tenfold), and an
 * interval for a sum of claims needs the spread of the amounts per person or per claim,
 * which aggregates do not carry; the fields are NAN and the report says why.
 *
 * `within` (a year) standardises each of its values on its own national rates. Observed
 * rows whose stratum has no population row in their group (an unknown age band, 99) are
 * left out and their total reported; units in one table only and groups without any
 * population row (a year not published) are listed and left out. */
#ifndef DAMIRSTAT_STANDARDIZE_H
#define DAMIRSTAT_STANDARDIZE_H

#include <stddef.h>

#include "damirstat/err.h"
#include "damirstat/json.h"
#include "damirstat/table.h"

typedef enum { STANDARDIZE_COUNT, STANDARDIZE_AMOUNT } standardize_kind;

#define STANDARDIZE_STRATA_MAX 4

typedef struct standardize_spec {
    const char *unit;                            /* unit column, in both tables */
    const char *strata[STANDARDIZE_STRATA_MAX];  /* stratum columns, in both tables */
    size_t nstrata;                              /* 1 or more */
    const char *within;                          /* group column in both tables, or NULL */
    const char *value;                           /* observed column (number) */
    const char *population;                      /* population column (number) */
    standardize_kind kind;                       /* COUNT: whole numbers, exact interval */
    double level;                                /* e.g. 0.95 */
} standardize_spec;

/* One unit of one group. */
typedef struct standardize_row {
    char *within, *unit;     /* the codes as written in the observed table ("" without within) */
    double observed;         /* O: summed over the strata kept */
    double expected;         /* E = Σ_s P_us R_s */
    double population;       /* Σ_s P_us */
    double ratio;            /* O / E; NAN when E = 0 */
    double ci_low, ci_high;  /* exact Poisson interval of the ratio; NAN for amounts */
    double crude_rate;       /* O / P */
    double standardised_rate; /* ratio × the group's national crude rate */
    double dropped;          /* observed in strata without population (left out of O) */
} standardize_row;

/* One group (a value of within; one group without within). */
typedef struct standardize_group {
    char *within;
    size_t nunits, nstrata;  /* units in both tables; strata with a population row */
    double observed, population, dropped;  /* sums over the units kept */
    double crude_rate;       /* national: observed / population */
} standardize_group;

/* A unit, or a whole group, left out, and why. */
typedef struct standardize_skip {
    char *within, *unit;     /* unit "" for a whole group */
    const char *why;         /* "no population rows", "only in the observed table", … */
} standardize_skip;

typedef struct standardize_result {
    standardize_row *rows;   /* by group, then unit (numbers in numeric order) */
    size_t nrows;
    standardize_group *groups;
    size_t ngroups;
    standardize_skip *skips;
    size_t nskips;
    double dropped;          /* total observed left out for an unknown stratum */
    size_t dropped_rows;
} standardize_result;

/* Standardises obs against pop as spec says. DS_EDATA naming FILE:LINE for a missing or
 * negative value, a count that is not a whole number (use the amount kind), an observed
 * value in a stratum whose unit has no population there, or a stratum with observed
 * values and no population anywhere; DS_EDATA for an unknown column (naming the table). */
int standardize_tables(const table_t *obs, const table_t *pop, const standardize_spec *spec,
                       standardize_result *out, ds_err *err);

/* The core on dense nunits × nstrata matrices (row-major, o[u * nstrata + s]): rates[s]
 * (nstrata, filled) and rows[u]'s numbers (observed … standardised_rate; within, unit and
 * dropped untouched). DS_EDATA for a stratum with observed values but no population. */
int standardize_compute(const double *o, const double *p, size_t nunits, size_t nstrata,
                        standardize_kind kind, double level, double *rates,
                        standardize_row *rows, ds_err *err);

/* Exact (Garwood) interval for a Poisson mean given an observed count x ≥ 0: the gamma
 * quantiles Q(α/2; x) (0 when x = 0) and Q(1 − α/2; x + 1), accurate to 1e-13 relative
 * for any x up to 1e15 (GSL's inverse fails above about a million). */
int standardize_poisson_ci(double x, double level, double *low, double *high, ds_err *err);

/* "annee 2024 (no population rows)", "unit D (only in the population table)": what was left
 * out, for a message or a report. */
void standardize_skip_text(const standardize_skip *k, const standardize_spec *spec, char *buf,
                           size_t size);

/* The result as a table: [within,] unit, observed, expected, ratio, ci_low, ci_high,
 * population, crude_rate, standardised_rate, dropped (caller frees); the within and unit
 * columns keep their source names. */
table_t *standardize_table(const standardize_result *r, const standardize_spec *spec);

/* The standardize object (schema "damirstat.standardize/1", docs/json.md) as the next value
 * of w (compact), for `standardize --format json` and a study's results.json alike. */
#define STANDARDIZE_SCHEMA "damirstat.standardize/1"
void standardize_json(json_w *w, const standardize_result *r, const standardize_spec *spec);

void standardize_result_free(standardize_result *r); /* what standardize_tables allocated */

#endif
