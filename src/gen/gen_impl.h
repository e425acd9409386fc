/* gen_impl.h: the body of gen_t, shared by gen.c (tables and draws), gen_plan.c (cutting
 * the planted totals into rows) and gen_write.c (files and truth). Not a public header. */
#ifndef DAMIRSTAT_GEN_IMPL_H
#define DAMIRSTAT_GEN_IMPL_H

#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>

#include "damirstat/gen.h"
#include "damirstat/genrow.h"

struct gen {
    gen_params p;
    gen_dept *depts;
    size_t ndepts;
    genrow_dept *rdepts;            /* the same departments, as genrow sees them */
    gsl_ran_discrete_t *residence;  /* population weights */
    double inhabitants;             /* sum of the populations */
    size_t nmonths;
    int *months;                    /* YYYYMM */
    uint64_t *month_rows;
    genrow_gp **month_gp;           /* planted rows of each month, in file order */
    size_t *month_ngp;
    int *years;                     /* calendar years of the range, ascending */
    size_t nyears;
    int64_t *year_acts;             /* [dept * nyears + year] */
    int64_t *year_cents;
    char *skipped;                  /* "CODE: reason\n" lines */
    char *paths[3];                 /* departments, doctors, activity (or NULL) */
};

/* Derives a 32-bit mt19937 seed from the user's seed and a tag (0: plan, YYYYMM: month). */
unsigned long gen_derive_seed(uint64_t seed, uint64_t tag);

/* Cuts each department's yearly totals into planted rows and spreads them over months. */
int gen_plan_rows(gen_t *g, gsl_rng *r, ds_err *err);

#endif
