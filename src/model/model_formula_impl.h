/* model_formula_impl.h: the parsed formula of model_formula.c, which model_data.c binds to a
 * table and the fits name their terms from. */
#ifndef DAMIRSTAT_MODEL_FORMULA_IMPL_H
#define DAMIRSTAT_MODEL_FORMULA_IMPL_H

#include <stddef.h>

#include "damirstat/err.h"
#include "damirstat/expr.h"

/* A parsed formula: the response and the right-hand terms (intercept not among them). */
typedef struct model_spec {
    expr_t *response;
    int has_intercept;
    size_t nterms;
    char **names;      /* as R prints them: "x", "I(x^2)", "log(pop)" */
    expr_t **exprs;
    size_t *name_pos;  /* byte offset of each term in the formula, for messages */
} model_spec;

/* Parses "y ~ a + I(a^2) + log(b) - 1"; DS_EDATA with a caret under the problem. */
int model_spec_parse(const char *formula, model_spec *spec, ds_err *err);
void model_spec_free(model_spec *spec);

#endif
