/* Fuzzes the expression parser and evaluator (derive, formula terms): the bytes are the
 * expression.
 *
 * Invariants checked: an error fills ds_err; the displayed text parses again to the same
 * text; parsing the expression inside a larger text (expr_parse_span) agrees with parsing
 * it alone; evaluation on a small table with missing, zero and negative cells never yields
 * an infinity, in double and in long double, and both agree on which rows are missing. */
#include "fuzz.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "damirstat/expr.h"
#include "damirstat/table.h"

static table_t *expr_table(void)
{
    static const char *const names[] = {"a", "b", "c", "pop 2013", "name"};
    static const char *const rows[][5] = {
        {"1", "2", "3", "10", "x"},       {"0", "-1", "1e308", "0.5", "y"},
        {NULL, "4", "-2.5", NULL, NULL},  {"-1e-300", "0", "2", "1e-308", "z"},
    };
    table_t *t = table_new(5, names);
    for (size_t i = 0; i < sizeof rows / sizeof rows[0]; i++)
        table_append_row(t, rows[i]);
    return t;
}

static void expr_check_err(int rc, const ds_err *err)
{
    if (rc < 0 && (err->code != rc || err->msg[0] == '\0'))
        fuzz_fail("expr: an error without its code or message");
}

static void expr_eval_rows(expr_t *e)
{
    table_t *t = expr_table();
    ds_err err;
    ds_err_clear(&err);
    int rc = expr_bind(e, t, &err);
    expr_check_err(rc, &err);
    for (size_t row = 0; rc == DS_OK && row < table_nrows(t); row++) {
        int dom = 0, dom_ld = 0;
        double v = expr_eval(e, t, row, &dom);
        long double w = expr_eval_ld(e, t, row, &dom_ld);
        if (isinf(v) || isinf(w))
            fuzz_fail("expr: evaluation gave an infinity");
        if (!isnan(v) && dom)
            fuzz_fail("expr: a domain error with a value");
    }
    table_free(t);
}

int fuzz_expr(const uint8_t *data, size_t size)
{
    static const char prefix[] = "y ~ ";
    char *text = malloc(size + 1), *full = malloc(sizeof prefix + size);
    memcpy(text, data, size);
    text[size] = '\0';
    memcpy(full, prefix, sizeof prefix - 1);
    memcpy(full + sizeof prefix - 1, data, size);
    full[sizeof prefix - 1 + size] = '\0';
    size_t len = strlen(text); /* a NUL byte ends the expression */
    ds_err err, err_span;
    ds_err_clear(&err);
    ds_err_clear(&err_span);
    expr_t *e = NULL, *span = NULL, *again = NULL;
    int rc = expr_parse(text, &e, &err);
    int rc_span = expr_parse_span(full, sizeof prefix - 1, sizeof prefix - 1 + len, &span,
                                  &err_span);
    expr_check_err(rc, &err);
    expr_check_err(rc_span, &err_span);
    if (rc != rc_span)
        fuzz_fail("expr: expr_parse_span and expr_parse disagree");
    if (rc == DS_OK) {
        if (strcmp(expr_text(e), expr_text(span)) != 0)
            fuzz_fail("expr: expr_parse_span and expr_parse give other texts");
        ds_err_clear(&err);
        if (expr_parse(expr_text(e), &again, &err) != DS_OK)
            fuzz_fail("expr: the displayed text does not parse");
        if (strcmp(expr_text(again), expr_text(e)) != 0)
            fuzz_fail("expr: the displayed text does not display as itself");
        expr_eval_rows(e);
    }
    expr_free(again);
    expr_free(span);
    expr_free(e);
    free(full);
    free(text);
    return 0;
}
