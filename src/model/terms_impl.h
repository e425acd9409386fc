/* terms_impl.h: the right-hand side of a model formula as R reads it — factors, interactions,
 * crossing — and absorbed fixed effects after `|`, with the design columns it expands to.
 * Private to src/model/.
 *
 * Grammar (outside parentheses and backquotes):
 *     rhs     := summand { ('+' | '-') summand } [ '|' column { '+' column } ]
 *     summand := '1' | '0' | group { '*' group }        a * b = a + b + a:b
 *     group   := atom { ':' atom }                      a:b = the interaction alone
 *     atom    := factor(column [, ref = "LEVEL"]) | I(expression) | column | call such as log(x)
 * Only `- 1` (or `+ 0`) may be subtracted. Terms come in R's order: by degree, then as
 * written; within a term, atoms in the order of their first appearance in the formula (R's
 * variable order); a term written twice (a:b and b:a) is one term. */
#ifndef DAMIRSTAT_TERMS_IMPL_H
#define DAMIRSTAT_TERMS_IMPL_H

#include <stddef.h>

#include "damirstat/err.h"
#include "damirstat/expr.h"
#include "damirstat/table.h"

typedef struct terms_atom {
    int is_factor;
    expr_t *expr;     /* a numeric atom */
    char *column;     /* a factor atom: its column, and the level named by ref = (or NULL) */
    char *ref;
    char *label;      /* "x", "log(pop)", "I(x^2)", "factor(reg)" */
    size_t pos;       /* byte offset in the formula, for messages */
} terms_atom;

typedef struct terms_term {
    size_t n;
    size_t *atom;     /* indices into atoms[], ascending */
} terms_term;

typedef struct terms_spec {
    const char *formula; /* not owned: for messages with a caret */
    int has_intercept;
    size_t natoms, nterms, nfe;
    terms_atom *atoms;
    terms_term *terms;
    char **fe;           /* absorbed fixed effects: column names */
    size_t *fe_pos;
} terms_spec;

/* Parses formula[start, end) (what follows '~'). DS_EDATA "formula: … at column N" with the
 * formula and a caret. */
int terms_parse(const char *formula, size_t start, size_t end, terms_spec *out, ds_err *err);
void terms_free(terms_spec *s); /* accepts a zeroed struct */

/* Binds the numeric atoms to t and checks the columns of factors and fixed effects exist.
 * DS_EDATA naming the first unknown column (the term's text when it is an interaction). */
int terms_bind(terms_spec *s, const table_t *t, ds_err *err);

/* 1 when row has a value for every atom and fixed effect (numeric atoms not missing and in
 * their domain, factor and fixed-effect cells present); *domain set when a numeric atom was
 * out of its domain (log(0), x/0). */
int terms_row_complete(const terms_spec *s, const table_t *t, size_t row, int *domain);

/* The design columns (the intercept not among them) of the rows rows[0 … n). */
typedef struct terms_design {
    size_t n, ncols;
    char **names;        /* as R's model.matrix names them: "x", "factor(reg)84", "factor(reg)84:x" */
    long double *x;      /* n × ncols, column-major */
    size_t *term;        /* the term of each column */
} terms_design;

/* Factor levels are those present on the rows (R's drop.unused.levels), coded with treatment
 * contrasts (first level, or ref, is the baseline) where R codes them so — the term without
 * the factor is already in the model (the intercept for a main effect) — and by one indicator
 * a level otherwise. DS_EDATA for a factor with one level on the rows, or a ref that is no
 * level. */
int terms_build(const terms_spec *s, const table_t *t, const size_t *rows, size_t n,
                terms_design *out, ds_err *err);
void terms_design_free(terms_design *d); /* accepts a zeroed struct */

#endif
