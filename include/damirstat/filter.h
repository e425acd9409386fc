/* filter: the --where language, parsed once and evaluated on every row.
 *
 *     PRS_NAT in (1110,1111,1210) and PSE_SPE_SNDS = 1 and SOI_ANN between 2023 and 2024
 *
 * `and`, `or`, `not`, parentheses, `= != < <= > >=`, `in (…)`, `between a and b`; values are
 * numbers (compared exactly in hundredths, so 1 = 1.00 and "01" = 1) or quoted strings
 * ('Z' or "Z", compared bytewise with the field's text). Numeric `in` sets are bitmaps (whole
 * numbers less than 65,536 apart) or else sorted arrays searched by bisection. An empty field
 * compared with a number is missing, as SQL's NULL: the comparison is unknown, `not` of
 * unknown is unknown, `and` is false if an operand is false (else unknown if one is), `or`
 * true if one is true, and a row is kept only when the whole expression is true; `COL is
 * missing` and `COL is not missing` test for it (sums still add an empty field as 0).
 * Compared with a string, an empty field is ''. A field that is not a number where a
 * number is compared is bad data. Chains of `and` and `or` are evaluated in loops, and the
 * nesting of parentheses and `not` is bounded, so no input makes the recursion deep.
 * Keywords are case-insensitive. */
#ifndef DAMIRSTAT_FILTER_H
#define DAMIRSTAT_FILTER_H

#include <stddef.h>

#include "damirstat/err.h"
#include "damirstat/scan.h"

typedef struct filter filter_t;

/* Parses expr. DS_EUSAGE on a syntax error, with the expression and a caret under the
 * place: "--where: expected a value\n  SOI_ANN = and\n            ^". */
int filter_parse(const char *expr, filter_t **out, ds_err *err);

/* filter_parse for an option of another name (--count-if, --having) in messages. */
int filter_parse_as(const char *expr, const char *option, filter_t **out, ds_err *err);

/* The distinct columns the expression names, in order of first mention. */
size_t filter_ncols(const filter_t *f);
const char *filter_col(const filter_t *f, size_t i);

/* Gives the field of filter_col(f, col) in the row being evaluated. */
typedef scan_field (*filter_get_fn)(void *ctx, size_t col);

/* Gives the number of filter_col(f, col) in the row, as num / den (den >= 1; num in
 * hundredths), FILTER_NUM_MISSING when it has none (an empty field: SQL's NULL, so the
 * comparison is unknown), or a SCAN_NUM_* failure: for callers that parse faster than the
 * text path, or whose values are ratios (a mean in --having). */
enum { FILTER_NUM_MISSING = 1 }; /* SCAN_NUM_* failures are < 0 */
typedef int (*filter_num_fn)(void *ctx, size_t col, int64_t *num, uint64_t *den);

/* Makes filter_eval ask fn (with its ctx) for numbers instead of parsing get's text. */
void filter_set_num_fn(filter_t *f, filter_num_fn fn);

/* Evaluates on one row, asking get only for the fields it needs (`and` and `or` stop
 * early). Returns 1 (keep), 0 (drop), or SCAN_NUM_* < 0 when a compared field is not a
 * number (*bad = its index). */
int filter_eval(filter_t *f, filter_get_fn get, void *ctx, size_t *bad);

/* The expression in canonical form (fully parenthesised, numbers normalised, `in` sets
 * sorted): two expressions that mean the same for us print the same. Owned by f. */
const char *filter_canonical(const filter_t *f);

void filter_free(filter_t *f);

#endif
