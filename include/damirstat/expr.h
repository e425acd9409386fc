/* expr: arithmetic expressions over the columns of a table (derive, formula terms, plots).
 *
 * Grammar: numbers; column names (backquoted when they hold spaces or symbols: `pop 2013`);
 * + - * / ^ (right-associative, binds tighter than unary minus as in R: -2^2 = -4);
 * parentheses; functions log (natural) log10 exp sqrt abs, min(a, b), max(a, b).
 * A parse error is DS_EDATA with the expression and a caret under the offending column:
 *     derive: expected ')' at column 9
 *       (a + b * c
 *               ^
 * Evaluation never yields inf or nan: division by zero, log or sqrt of a number out of its
 * domain, overflow, or a missing operand give a missing value (NAN), and a domain problem
 * is reported to the caller so it can count warnings. */
#ifndef DAMIRSTAT_EXPR_H
#define DAMIRSTAT_EXPR_H

#include <stddef.h>

#include "damirstat/err.h"
#include "damirstat/table.h"

typedef struct expr expr_t;

/* Parses text into *out (caller frees with expr_free). */
int expr_parse(const char *text, expr_t **out, ds_err *err);

/* Resolves the column names against t; DS_EDATA naming the first unknown column (or a
 * text column used as a number). Must succeed before expr_eval on rows of t. */
int expr_bind(expr_t *e, const table_t *t, ds_err *err);

/* Value on row of the bound table: NAN when missing. *domain_error (if not NULL) is set to
 * 1 when the NAN comes from a domain error (x/0, log(x<=0), sqrt(x<0), overflow) rather
 * than a missing input, else 0. */
double expr_eval(const expr_t *e, const table_t *t, size_t row, int *domain_error);

/* The expression as parsed, normalised for display (e.g. "log(gp_density)"); owned by e. */
const char *expr_text(const expr_t *e);

/* Number of distinct columns the expression reads and the i-th one (bound indices). */
size_t expr_ncolumns(const expr_t *e);
const char *expr_column(const expr_t *e, size_t i);

/* expr_parse on full[start, end): messages show all of full with the caret at the right
 * column (for an expression inside a larger text, such as a model formula term). */
int expr_parse_span(const char *full, size_t start, size_t end, expr_t **out, ds_err *err);

/* expr_eval carried in long double (x86-64: 64-bit mantissa), for least squares. */
long double expr_eval_ld(const expr_t *e, const table_t *t, size_t row, int *domain_error);

/* What the expression is at its top: a lone column, a function call such as log(x), or
 * anything else (arithmetic, a number); model formulas accept the first two as terms. */
typedef enum { EXPR_COLUMN, EXPR_CALL, EXPR_OTHER } expr_shape;
expr_shape expr_top_shape(const expr_t *e);

void expr_free(expr_t *e); /* accepts NULL */

#endif
