/* expr: R precedence, display text, columns, domain errors and parse errors with a caret.
 * Expected values are worked out by hand (R gives the same: -2^2 is -4, 2^3^2 is 512). */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "damirstat/expr.h"
#include "t.h"

static table_t *sample_table(void)
{
    static const char csv[] = "a,b,pop 2013,name\n"
                              "2,3,100,x\n"
                              "-1,0,NA,y\n"
                              "4,,5,z\n";
    table_t *t = NULL;
    ds_err err;
    ds_err_clear(&err);
    int rc = table_load_buffer("sample.csv", csv, strlen(csv), &t, &err);
    CHECK(rc == 0, "load: %s", err.msg);
    return t;
}

/* Parses and evaluates text on row of t; *dom gets the domain flag. */
static double eval_text(const table_t *t, const char *text, size_t row, int *dom)
{
    expr_t *e = NULL;
    ds_err err;
    ds_err_clear(&err);
    int rc = expr_parse(text, &e, &err);
    CHECK(rc == 0, "parse %s: %s", text, err.msg);
    if (rc)
        return -12345;
    rc = expr_bind(e, t, &err);
    CHECK(rc == 0, "bind %s: %s", text, err.msg);
    double v = expr_eval(e, t, row, dom);
    expr_free(e);
    return v;
}

TEST(test_expr_follows_r_precedence)
{
    table_t *t = sample_table();
    int dom = 0;
    CHECK_NEAR(eval_text(t, "-2^2", 0, &dom), -4, 0);
    CHECK_NEAR(eval_text(t, "2^3^2", 0, &dom), 512, 0);
    CHECK_NEAR(eval_text(t, "2^-1", 0, &dom), 0.5, 0);
    CHECK_NEAR(eval_text(t, "1 + 2 * 3", 0, &dom), 7, 0);
    CHECK_NEAR(eval_text(t, "(1 + 2) * 3", 0, &dom), 9, 0);
    CHECK_NEAR(eval_text(t, "10 - 4 - 3", 0, &dom), 3, 0);
    CHECK_NEAR(eval_text(t, "24 / 4 / 3", 0, &dom), 2, 0);
    CHECK_NEAR(eval_text(t, "-a^2 + b", 0, &dom), -1, 0);
    CHECK_NEAR(eval_text(t, "1.5e2 + .5", 0, &dom), 150.5, 0);
    CHECK(dom == 0, "no domain error");
    table_free(t);
}

TEST(test_expr_functions_and_columns)
{
    table_t *t = sample_table();
    int dom = 0;
    CHECK_NEAR(eval_text(t, "log(exp(a))", 0, &dom), 2, 1e-15);
    CHECK_NEAR(eval_text(t, "log10(`pop 2013`)", 0, &dom), 2, 1e-15);
    CHECK_NEAR(eval_text(t, "sqrt(a * 8)", 0, &dom), 4, 1e-15);
    CHECK_NEAR(eval_text(t, "abs(a)", 1, &dom), 1, 0);
    CHECK_NEAR(eval_text(t, "min(a, b) + max(a, b) * 10", 0, &dom), 32, 0);
    table_free(t);
}

TEST(test_expr_domain_errors_give_nan_and_flag)
{
    table_t *t = sample_table();
    int dom = 0;
    CHECK(isnan(eval_text(t, "a / b", 1, &dom)) && dom == 1, "x/0 flagged");
    CHECK(isnan(eval_text(t, "log(a)", 1, &dom)) && dom == 1, "log(-1) flagged");
    CHECK(isnan(eval_text(t, "log(b)", 1, &dom)) && dom == 1, "log(0) flagged");
    CHECK(isnan(eval_text(t, "sqrt(a)", 1, &dom)) && dom == 1, "sqrt(-1) flagged");
    CHECK(isnan(eval_text(t, "exp(a * 1000)", 0, &dom)) && dom == 1, "overflow flagged");
    CHECK(isnan(eval_text(t, "a^0.5", 1, &dom)) && dom == 1, "(-1)^0.5 flagged");
    /* A missing input is missing, not a domain error. */
    CHECK(isnan(eval_text(t, "`pop 2013` + 1", 1, &dom)) && dom == 0, "NA not flagged");
    CHECK(isnan(eval_text(t, "a * b", 2, &dom)) && dom == 0, "empty cell not flagged");
    table_free(t);
}

/* Expected strings: R 4.2.2, deparse(str2lang(s)) for each input s. */
TEST(test_expr_text_is_r_deparse)
{
    static const char *cases[][2] = {
        {"x^2", "x^2"},
        {"a*b+c", "a * b + c"},
        {"log( gp_density )", "log(gp_density)"},
        {"-(a-b)/2", "-(a - b)/2"},
        {"`pop 2013`/1000", "`pop 2013`/1000"},
        {"max(a,b)", "max(a, b)"},
        {"-2^2", "-2^2"},
        {"2^-1", "2^-1"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        expr_t *e = NULL;
        ds_err err;
        ds_err_clear(&err);
        CHECK(expr_parse(cases[i][0], &e, &err) == 0, "%s: %s", cases[i][0], err.msg);
        if (e)
            CHECK_STR(expr_text(e), cases[i][1]);
        expr_free(e);
    }
}

TEST(test_expr_lists_distinct_columns)
{
    expr_t *e = NULL;
    ds_err err;
    ds_err_clear(&err);
    CHECK(expr_parse("a * b + a / `pop 2013`", &e, &err) == 0, "%s", err.msg);
    CHECK(expr_ncolumns(e) == 3, "3 columns, got %zu", expr_ncolumns(e));
    CHECK_STR(expr_column(e, 0), "a");
    CHECK_STR(expr_column(e, 1), "b");
    CHECK_STR(expr_column(e, 2), "pop 2013");
    expr_free(e);
}

TEST(test_expr_parse_errors_show_a_caret)
{
    static const char *cases[][2] = {
        {"(a + b * c", "expected ')' at column 11\n  (a + b * c\n            ^"},
        {"a + * b", "unexpected '*' at column 5\n  a + * b\n      ^"},
        {"a b", "unexpected 'b' at column 3\n  a b\n    ^"},
        {"foo(a)", "unknown function 'foo' at column 1\n  foo(a)\n  ^"},
        {"min(a)", "expected ',' (min takes two arguments) at column 6\n  min(a)\n       ^"},
        {"`a", "unterminated backquoted name at column 1\n  `a\n  ^"},
        {"", "unexpected end of expression at column 1\n  \n  ^"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        expr_t *e = NULL;
        ds_err err;
        ds_err_clear(&err);
        int rc = expr_parse(cases[i][0], &e, &err);
        CHECK(rc == DS_EDATA && e == NULL, "%s: rc %d", cases[i][0], rc);
        CHECK_STR(err.msg, cases[i][1]);
    }
}

TEST(test_expr_bind_names_unknown_and_text_columns)
{
    table_t *t = sample_table();
    expr_t *e = NULL;
    ds_err err;
    ds_err_clear(&err);
    CHECK(expr_parse("a + nope", &e, &err) == 0, "%s", err.msg);
    CHECK(expr_bind(e, t, &err) == DS_EDATA, "unknown column");
    CHECK_STR(err.msg, "sample.csv: no column 'nope' (columns: 'a', 'b', 'pop 2013', 'name')");
    expr_free(e);
    ds_err_clear(&err);
    CHECK(expr_parse("name * 2", &e, &err) == 0, "%s", err.msg);
    CHECK(expr_bind(e, t, &err) == DS_EDATA, "text column");
    CHECK_STR(err.msg, "sample.csv:2: column 'name' is not numeric (\"x\" is not a number)");
    expr_free(e);
    table_free(t);
}
