/* model_formula: R's formula language, `response ~ right-hand side`. The response is an
 * expression of the expr module; the right-hand side (terms, factor(), interactions a:b and
 * a*b, `| fixed effects`) is parsed by terms_parse.c, whose header gives the grammar. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "damirstat/model.h"
#include "model_formula_impl.h"

/* Formats an error about formula column `at` with the formula and a caret. */
static int formula_error(const char *formula, size_t at, ds_err *err, const char *what)
{
    return ds_err_set(err, DS_EDATA, "formula: %s at column %zu\n  %s\n  %*s^", what, at + 1,
                      formula, (int)at, "");
}

static void trim(const char *f, size_t *start, size_t *end)
{
    while (*start < *end && isspace((unsigned char)f[*start]))
        (*start)++;
    while (*end > *start && isspace((unsigned char)f[*end - 1]))
        (*end)--;
}

static size_t find_tilde(const char *f)
{
    int quoted = 0;
    for (size_t k = 0; f[k]; k++) {
        if (f[k] == '`')
            quoted = !quoted;
        else if (f[k] == '~' && !quoted)
            return k;
    }
    return (size_t)-1;
}

int model_spec_parse(const char *formula, model_spec *spec, ds_err *err)
{
    memset(spec, 0, sizeof *spec);
    size_t len = strlen(formula), tilde = find_tilde(formula);
    if (tilde == (size_t)-1)
        return formula_error(formula, len, err, "expected '~' (write 'y ~ x')");
    size_t s = 0, e = tilde;
    trim(formula, &s, &e);
    if (s == e)
        return formula_error(formula, s, err, "expected a response before '~'");
    int rc = expr_parse_span(formula, s, e, &spec->response, err);
    if (rc)
        goto fail;
    if (find_tilde(formula + tilde + 1) != (size_t)-1) {
        rc = formula_error(formula, tilde + 1 + find_tilde(formula + tilde + 1), err,
                           "only one '~' is allowed");
        goto fail;
    }
    if ((rc = terms_parse(formula, tilde + 1, len, &spec->terms, err)))
        goto fail;
    /* with absorbed fixed effects the intercept is one of them (fixest: no (Intercept)) */
    spec->has_intercept = spec->terms.has_intercept && spec->terms.nfe == 0;
    if (spec->terms.nterms == 0 && !spec->has_intercept) {
        rc = formula_error(formula, len, err, spec->terms.nfe
                           ? "the fixed effects absorb the intercept: the model needs a "
                             "term to estimate beside them"
                           : "the model has no term to estimate");
        goto fail;
    }
    return DS_OK;
fail:
    if (err && err->code == DS_EDATA && strncmp(err->msg, "formula: ", 9) != 0) {
        size_t n = strlen(err->msg);
        if (n + 10 < sizeof err->msg) {
            memmove(err->msg + 9, err->msg, n + 1);
            memcpy(err->msg, "formula: ", 9);
        }
    }
    model_spec_free(spec);
    return rc;
}

void model_spec_free(model_spec *spec)
{
    expr_free(spec->response);
    terms_free(&spec->terms);
    expr_free(spec->offset);
    memset(spec, 0, sizeof *spec);
}

int model_formula_check(const char *formula, ds_err *err)
{
    model_spec spec;
    int rc = model_spec_parse(formula, &spec, err);
    if (rc == DS_OK)
        model_spec_free(&spec);
    return rc;
}

char *model_formula_expand(const char *model, const table_t *t)
{
    size_t cap = strlen(model) + 64, len = 0;
    char *o = xmalloc(cap);
    int depth = 0; /* inside I(...) or log(...), '*' multiplies */
    for (const char *p = model; *p;) {
        const char *w = p;
        while (*p && (isalnum((unsigned char)*p) || *p == '_' || *p == '.'))
            p++;
        depth += p == w && *p == '(' ? 1 : p == w && *p == ')' && depth ? -1 : 0;
        /* a wildcard ends its term: "a*b" or "2*a" stays a product, refused with its hint */
        int glob = *p == '*' && p > w && depth == 0 &&
                   (p[1] == '\0' || p[1] == ' ' || p[1] == '\t' || p[1] == '+' || p[1] == ')');
        size_t need = (size_t)(p - w) + 4;
        if (glob)
            for (size_t j = 0; j < table_ncols(t); j++)
                need += strlen(table_col_name(t, j)) + 3;
        if (len + need + 2 > cap)
            o = xrealloc(o, cap = 2 * (len + need + 2));
        if (!glob) {
            memcpy(o + len, w, (size_t)(p - w));
            len += (size_t)(p - w);
            if (p == w)
                o[len++] = *p++;
            continue;
        }
        int first = 1;
        for (size_t j = 0; j < table_ncols(t); j++) {
            const char *n = table_col_name(t, j);
            if (strncmp(n, w, (size_t)(p - w)) != 0)
                continue;
            len += (size_t)sprintf(o + len, "%s%s", first ? "" : " + ", n);
            first = 0;
        }
        if (first) /* no column: keep the word so the model names it in its error */
            len += (size_t)sprintf(o + len, "%.*s", (int)(p - w), w);
        p++;
    }
    o[len] = '\0';
    return o;
}
