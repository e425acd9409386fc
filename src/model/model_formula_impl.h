/* model_formula_impl.h: the parsed formula of model_formula.c, which model_data.c binds to a
 * table and the fits name their terms from. */
#ifndef DAMIRSTAT_MODEL_FORMULA_IMPL_H
#define DAMIRSTAT_MODEL_FORMULA_IMPL_H

#include <stddef.h>

#include "damirstat/err.h"
#include "damirstat/expr.h"
#include "terms_impl.h"

/* A parsed formula: the response and the right-hand side. */
typedef struct model_spec {
    expr_t *response;
    int has_intercept; /* an (Intercept) column: asked for and no fixed effect absorbs it */
    terms_spec terms;  /* terms, factors, interactions, absorbed fixed effects */
    expr_t *offset;    /* --offset ("log(pop)"), parsed by model.c, or NULL; freed here */
} model_spec;

/* Parses "y ~ a + I(a^2) + log(b) - 1", "y ~ x * factor(reg)", "y ~ x | reg + year";
 * DS_EDATA with a caret under the problem. */
int model_spec_parse(const char *formula, model_spec *spec, ds_err *err);
void model_spec_free(model_spec *spec);

#endif
