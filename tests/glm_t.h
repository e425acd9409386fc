/* glm_t.h: helpers of the count-model tests (test_glm.c, test_glm_ages.c): a table of the
 * repository by its path, a number by column name, a p-value check. */
#ifndef DAMIRSTAT_GLM_T_H
#define DAMIRSTAT_GLM_T_H

#include <stdio.h>

#include "damirstat/table.h"
#include "t.h"

#define DAMIR2013 "external-data/hackathon-2013/damir2013_2.csv"

static inline table_t *glm_t_load(const char *rel)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", t_root(), rel);
    table_t *t = NULL;
    ds_err err;
    ds_err_clear(&err);
    CHECK(table_load(path, &t, &err) == DS_OK, "%s", err.msg);
    return t;
}

static inline double glm_t_col(const table_t *t, size_t row, const char *name)
{
    return table_num(t, row, (size_t)table_col_index(t, name));
}

/* p-values: relative 1e-10, or both below 1e-300 (R prints 0 where the double underflows). */
static inline void glm_t_check_p(double got, double want)
{
    if (want < 1e-300)
        CHECK(got < 1e-300, "p = %g, want %g", got, want);
    else
        CHECK_NEAR(got, want, 1e-10);
}

#endif
