/* model_formula: the R formula subset. `y ~ a + b`, `- 1` or `0 +` (no intercept), `+ 1`,
 * `I(expr)` for arithmetic, and single function calls such as `log(x)`. Top-level `*`, `:`,
 * `^` and `/` mean interactions and nesting in R, which we do not fit: such a term is an
 * error that points at I(). Terms are expressions of the expr module. */
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

/* The end of the top-level piece starting at i: the next '+' or '-' outside parentheses
 * and backquotes (a sign right after 'e' in a number such as 1e-5 is not a separator). */
static size_t piece_end(const char *f, size_t i, size_t end)
{
    int depth = 0, quoted = 0;
    for (size_t k = i; k < end; k++) {
        char c = f[k];
        if (quoted) {
            quoted = c != '`';
            continue;
        }
        if (c == '`')
            quoted = 1;
        else if (c == '(')
            depth++;
        else if (c == ')')
            depth--;
        else if ((c == '+' || c == '-') && depth == 0 && k > i &&
                 !((f[k - 1] == 'e' || f[k - 1] == 'E') && k >= 2 && isdigit((unsigned char)f[k - 2])))
            return k;
    }
    return end;
}

static void trim(const char *f, size_t *start, size_t *end)
{
    while (*start < *end && isspace((unsigned char)f[*start]))
        (*start)++;
    while (*end > *start && isspace((unsigned char)f[*end - 1]))
        (*end)--;
}

static int is_word(const char *f, size_t s, size_t e, const char *w)
{
    return e - s == strlen(w) && memcmp(f + s, w, e - s) == 0;
}

static void add_term(model_spec *spec, char *name, expr_t *e, size_t pos)
{
    for (size_t i = 0; i < spec->nterms; i++)
        if (strcmp(spec->names[i], name) == 0) { /* R keeps one copy of a repeated term */
            free(name);
            expr_free(e);
            return;
        }
    size_t n = spec->nterms + 1;
    spec->names = xrealloc(spec->names, n * sizeof *spec->names);
    spec->exprs = xrealloc(spec->exprs, n * sizeof *spec->exprs);
    spec->name_pos = xrealloc(spec->name_pos, n * sizeof *spec->name_pos);
    spec->names[spec->nterms] = name;
    spec->exprs[spec->nterms] = e;
    spec->name_pos[spec->nterms] = pos;
    spec->nterms = n;
}

/* A term: I(expr), or an expression whose top is a name or a function call. */
static int parse_term(const char *f, size_t s, size_t e, model_spec *spec, ds_err *err)
{
    expr_t *ex = NULL;
    char *name;
    if (e - s > 2 && f[s] == 'I' && (f[s + 1] == '(' || isspace((unsigned char)f[s + 1]))) {
        size_t open = s + 1;
        while (open < e && isspace((unsigned char)f[open]))
            open++;
        if (open >= e || f[open] != '(' || f[e - 1] != ')')
            return formula_error(f, s, err, "expected I(expression)");
        int rc = expr_parse_span(f, open + 1, e - 1, &ex, err);
        if (rc)
            return rc;
        size_t len = strlen(expr_text(ex)) + 4;
        name = xmalloc(len);
        snprintf(name, len, "I(%s)", expr_text(ex));
    } else {
        int rc = expr_parse_span(f, s, e, &ex, err);
        if (rc)
            return rc;
        if (expr_top_shape(ex) == EXPR_OTHER) {
            expr_free(ex);
            return formula_error(f, s, err, "arithmetic and interactions need I(), e.g. I(a * b)");
        }
        name = xstrdup(expr_text(ex));
    }
    add_term(spec, name, ex, s);
    return DS_OK;
}

static int parse_rhs(const char *f, size_t i, size_t end, model_spec *spec, ds_err *err)
{
    int sign = '+', pending = 1; /* a term is due: at the start and after a sign */
    while (i < end) {
        while (i < end && isspace((unsigned char)f[i]))
            i++;
        if (i < end && (f[i] == '+' || f[i] == '-')) {
            sign = f[i++];
            pending = 1;
            continue;
        }
        if (i == end)
            break;
        pending = 0;
        size_t s = i, e = piece_end(f, i, end);
        trim(f, &s, &e);
        if (s == e)
            return formula_error(f, s, err, "expected a term");
        if (is_word(f, s, e, "1") || is_word(f, s, e, "0")) {
            spec->has_intercept = (sign == '+') == is_word(f, s, e, "1");
        } else if (sign == '-') {
            return formula_error(f, s, err, "only '- 1' may be subtracted in a formula");
        } else {
            int rc = parse_term(f, s, e, spec, err);
            if (rc)
                return rc;
        }
        sign = '+';
        i = e;
    }
    if (pending)
        return formula_error(f, end, err, "expected a term");
    return DS_OK;
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
    spec->has_intercept = 1;
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
    if ((rc = parse_rhs(formula, tilde + 1, len, spec, err)))
        goto fail;
    if (spec->nterms == 0 && !spec->has_intercept) {
        rc = formula_error(formula, len, err, "the model has no term to estimate");
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
    for (size_t i = 0; i < spec->nterms; i++) {
        free(spec->names[i]);
        expr_free(spec->exprs[i]);
    }
    free(spec->names);
    free(spec->exprs);
    free(spec->name_pos);
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
