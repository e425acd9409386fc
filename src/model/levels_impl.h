/* levels_impl.h: the levels of a grouping column (factor() terms, absorbed fixed effects,
 * clusters), private to src/model/. */
#ifndef DAMIRSTAT_LEVELS_IMPL_H
#define DAMIRSTAT_LEVELS_IMPL_H

#include <stddef.h>

#include "damirstat/err.h"
#include "damirstat/table.h"

#define LEVELS_MISSING ((size_t)-1)

typedef enum { LEVELS_TEXT, LEVELS_DEPT, LEVELS_REGION } levels_kind;

/* The distinct values of a column on some rows, in R's sort order, and each row's code. */
typedef struct levels {
    size_t n;          /* rows coded */
    size_t *code;      /* n codes in 0 … nlevels − 1, LEVELS_MISSING for a missing cell */
    size_t nlevels;
    char **label;      /* nlevels labels: the canonical key, or the text as read */
    size_t *count;     /* rows of each level */
    levels_kind kind;
} levels;

/* Codes column `column` of t on rows[0 … n) (rows NULL: the table's rows 0 … n − 1).
 * A department key (a column named like one — dep, dpt — whose every cell is a department
 * code) reads `1`, `01`, `001` as `01`; a region key (named like one — reg — every cell a
 * region code of a scheme) reads `084` and `84` as `84`; any other column keeps its text.
 * Order: numerical when every label is a number (R's factor of a numeric column, and of
 * region codes), else byte order (R's sort in the C locale; department codes sort as R sorts
 * their text). DS_EDATA for an unknown column. */
int levels_build(const table_t *t, const char *column, const size_t *rows, size_t n,
                 levels *out, ds_err *err);
/* The level whose label is s (after the column's canonicalisation), or LEVELS_MISSING. */
size_t levels_find(const levels *lv, const char *s);
void levels_free(levels *lv); /* accepts a zeroed struct */

#endif
