/* aggexpr: the arithmetic of columns that aggregate's measures accept (--sum, --mean, --min,
 * --max), kept exact in cents.
 *
 *     PRS_PAI_MNT - PRS_REM_MNT          2 * PRS_ACT_QTE + FLT_ACT_QTE - 1.50
 *
 * Only what stays exact in integer hundredths is accepted: + and - of columns and numbers
 * (at most 2 decimals), unary minus, parentheses, and multiplication by a whole number.
 * Anything else is refused with the reason (a product of two columns or a decimal factor
 * would need more than 2 decimals; a division is not exact): the wider types such a value
 * needs belong in `derive`, after the aggregation. An expression is kept as a linear form,
 * sum of coef[i] * column[i] + constant, so that its value on a row is a few exact integer
 * operations, each checked for overflow. */
#ifndef DAMIRSTAT_AGGEXPR_H
#define DAMIRSTAT_AGGEXPR_H

#include <stddef.h>
#include <stdint.h>

#include "damirstat/err.h"

typedef struct aggexpr aggexpr_t;

/* Parses text, "EXPR" or "EXPR as NAME" (NAME: letters, digits, '_', not starting with a
 * digit; `as` in any case). option names the option in messages ("--sum"). DS_EUSAGE with
 * the text and a caret under the place on a syntax error or an inexact operation. */
int aggexpr_parse(const char *text, const char *option, aggexpr_t **out, ds_err *err);
void aggexpr_free(aggexpr_t *e);

/* The distinct columns, in order of first mention, and the coefficient of each. */
size_t aggexpr_ncols(const aggexpr_t *e);
const char *aggexpr_col(const aggexpr_t *e, size_t i);

/* Whether the expression is one column alone (coefficient 1, no constant): summed as
 * before, named sum_COL. */
int aggexpr_is_column(const aggexpr_t *e);

/* The expression without its name, normalised: terms in order of first mention, no spaces,
 * coefficients folded ("PRS_PAI_MNT-PRS_REM_MNT", "2*A+B-1.50"); a column whose
 * coefficient folds to 0 stays, written 0*B ("A - B + B" is "A+0*B"), since a row with B
 * empty is still missing. Owned by e. */
const char *aggexpr_canonical(const aggexpr_t *e);

/* The name after `as`, or NULL. */
const char *aggexpr_name(const aggexpr_t *e);

/* Splits a final " as NAME" off text (any option's value: --count-if's too): *name gets a
 * copy of NAME (or NULL), and the length of what comes before it is returned. */
size_t aggexpr_split_name(const char *text, char **name);

/* The value on a row whose columns hold cents[0..ncols) (hundredths). 0, or -1 when it
 * leaves the int64 range of cents. */
int aggexpr_eval(const aggexpr_t *e, const int64_t *cents, int64_t *out);

#endif
