/* gen: DAMIR-shaped data with planted, exactly recoverable department effects.
 *
 * Owns the plan of a generated dataset: which departments take part (from the reference
 * tables), the planted effects and their noise, how many GP acts and cents each department
 * gets in each year and how they are cut into rows and months, the monthly files
 * A<YYYYMM>.csv[.gz] (rows written by genrow) and the truth manifest.
 *
 * Planted effects, for department d with population P_d (departements.csv), GP density x_d
 * (GPs per 100,000, medecins-departements.csv) and activity z_d (sports licences per 100
 * inhabitants, activite-physique.csv):
 *   GP acts per inhabitant and year      v_d = a + b x_d + e_d,  e_d ~ N(0, sigma)
 *   GP spending per inhabitant and year  s_d = c + k z_d + u_d,  u_d ~ N(0, tau)  (euros)
 * The planted GP rows of d (PRS_NAT in GENROW_GP_CODES, PSE_SPE_SNDS = 1, PRS_REM_TYP = 0)
 * hold, for each calendar year y of the range with m_y generated months, exactly
 *   sum PRS_ACT_QTE = round(v_d P_d m_y / 12)   and   sum PRS_PAI_MNT = round(100 s_d P_d m_y / 12) cents.
 * Scale factor f = 1: rows are cells of many acts (populations are not scaled down), so
 * sum_PRS_ACT_QTE / population over a 12-month year gives v_d back to within 0.5 / P_d.
 * No other row matches the GP query, so the noise an OLS on department aggregates sees is
 * e_d alone: iid normal, homoscedastic, as the model assumes. */
#ifndef DAMIRSTAT_GEN_H
#define DAMIRSTAT_GEN_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "damirstat/err.h"
#include "damirstat/table.h"

typedef enum { GEN_GEO_REGION, GEN_GEO_DEPT } gen_geo;

typedef struct gen_params {
    uint64_t seed;
    uint64_t rows;            /* rows over all months */
    int first_month;          /* YYYYMM */
    int last_month;           /* YYYYMM, >= first_month */
    gen_geo geo;
    double gp_share;          /* share of rows that are planted GP rows */
    double visits_intercept;  /* a: acts per inhabitant and year */
    double visits_slope;      /* b: acts per inhabitant per GP per 100,000 */
    double visits_noise;      /* sigma */
    double spending_intercept; /* c: euros per inhabitant and year */
    double spending_slope;     /* k: euros per licence per 100 inhabitants */
    double spending_noise;     /* tau: euros */
} gen_params;

/* One department of the plan, after the draws. */
typedef struct gen_dept {
    char code[4];              /* canonical code: "01", "2A", "971" */
    int region;                /* BEN_RES_REG (Open DAMIR scheme) */
    int64_t population;
    double gp_density;         /* x_d */
    double activity;           /* z_d; NAN when the activity table has no value */
    double visits_noise;       /* e_d */
    double visits_planted;     /* v_d = a + b x_d + e_d */
    double spending_noise;     /* u_d */
    double spending_planted;   /* s_d = c + k z_d + u_d (z_d = the mean when missing) */
    int64_t gp_acts;           /* sum over the range, exact */
    int64_t gp_cents;          /* sum over the range, exact */
    uint64_t gp_rows;
} gen_dept;

typedef struct gen gen_t;

/* Fills the defaults (seed 1, 100,000 rows, 202401-202412, region, a = 3.3, b = 0.005,
 * sigma = 0.3, c = 130, k = -1, tau = 5, GP share 0.12). */
void gen_params_default(gen_params *p);

/* Parses "YYYYMM" or "YYYYMM-YYYYMM" (at most 600 months); DS_EUSAGE naming --months. */
int gen_parse_months(const char *s, int *first, int *last, ds_err *err);

/* Builds the plan: departments present in depts (dep, reg_open_damir, population) and in
 * doctors (dep, densite_generalistes); activity (dep, licences_pour_100_hab) may be NULL.
 * DS_EDATA for a missing column or a bad department code, DS_EUSAGE for parameters that
 * cannot be planted (too few rows, a negative planted rate). */
int gen_new(const gen_params *p, const table_t *depts, const table_t *doctors,
            const table_t *activity, gen_t **out, ds_err *err);
void gen_free(gen_t *g); /* accepts NULL */

size_t gen_dept_count(const gen_t *g);
const gen_dept *gen_dept_at(const gen_t *g, size_t i);
/* Departments of the tables left out, as "CODE: reason" lines (never NULL). */
const char *gen_skipped(const gen_t *g);

size_t gen_month_count(const gen_t *g);
int gen_month_at(const gen_t *g, size_t i);          /* YYYYMM */
uint64_t gen_month_rows(const gen_t *g, size_t i);   /* data rows of month i */

/* Writes month i (header and rows) as plain text, or gzip at level 1-9 when gzip_level > 0,
 * to fp; name is used in messages. DS_EIO on a write error. */
int gen_write_month(const gen_t *g, size_t i, FILE *fp, const char *name, int gzip_level,
                    ds_err *err);

/* Creates dir and its missing parents (mkdir -p); DS_EIO naming the folder on failure. */
int gen_make_dir(const char *dir, ds_err *err);

/* Writes every month as DIR/A<YYYYMM>.csv[.gz] with `threads` threads; files appear all at
 * once (temp files renamed at the end) or not at all. Output bytes do not depend on
 * threads. DS_EIO if DIR cannot be created or written. */
int gen_write_files(const gen_t *g, const char *dir, int gzip_level, int threads,
                    ds_err *err);

/* Writes the truth manifest (JSON): parameters, seed, per-department draws and exact
 * totals, per-region totals, file names and the aggregate query that recovers them. */
int gen_write_truth(const gen_t *g, FILE *fp, const char *dir, int gzip_level, ds_err *err);

#endif
