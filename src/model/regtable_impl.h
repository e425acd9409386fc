/* regtable_impl: the rows of a regression table (built in regtable.c, the model-level rows
 * in regtable_rows.c), which regtable_write.c writes in each format. */
#ifndef DAMIRSTAT_REGTABLE_IMPL_H
#define DAMIRSTAT_REGTABLE_IMPL_H

#include <jansson.h>
#include <stddef.h>

#include "damirstat/err.h"
#include "damirstat/regtable.h"

#define REGTABLE_MAX_MODELS 64 /* columns: more than a page could ever show */

typedef enum {
    RT_ESTIMATE, /* a term's estimates */
    RT_SE,       /* their standard errors, in parentheses */
    RT_INFO,     /* omitted terms, method, SE type, fixed effects, family …: text */
    RT_GOF       /* n, R² … (the first one opens the lower block) */
} rt_kind;

typedef struct rt_row {
    char *label;
    rt_kind kind;
    char **cell; /* ncols */
} rt_row;

typedef struct rt_rows {
    size_t ncols, n, cap; /* cap: rows allocated (grown by doubling: a fit may have 30,000) */
    char **header;
    rt_row *row;
    int stars;
    char note[256]; /* which fits are shown, when not all: under the table */
} rt_rows;

/* "6 of the 23 fits …" when the table shows fewer models than it read, else "". */
void rt_shown_note(const regtable *t, char *buf, size_t size);
/* All the rows of t. */
void rt_build(const regtable *t, const regtable_options *opt, rt_rows *rows);
void rt_rows_free(rt_rows *rows);
/* The rows below the coefficients, from the fit objects' other members. */
void rt_fit_rows(const json_t *const *fit, size_t n, rt_rows *rows);
rt_row *rt_new_row(rt_rows *rows, const char *label, rt_kind kind);
/* A row of ncols empty cells (rt_new_row: rows->ncols); it may move rows->row. */
rt_row *rt_new_row_cols(rt_rows *rows, const char *label, rt_kind kind, size_t ncols);
void rt_set_cell(rt_row *r, size_t i, const char *text);
/* Three decimals from 0.1 up, three significant digits below (a slope of 0.00971 per GP
 * keeps its digits) and from 10^4; "" for NAN. */
void rt_num(char *buf, size_t size, double x);

#endif
