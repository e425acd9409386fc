/* The --where language: precedence, sets, between, strings, canonical text, errors. */
#include <stdlib.h>

#include "damirstat/filter.h"
#include "t.h"

static scan_field from_array(void *ctx, size_t col)
{
    return ((const scan_field *)ctx)[col];
}

/* Evaluates expr on a row given as "COL=value" pairs for the expression's columns. */
static int eval_on(const char *expr, const char *const *names, const char *const *values,
                   size_t n)
{
    filter_t *f;
    ds_err err;
    ds_err_clear(&err);
    if (filter_parse(expr, &f, &err) != DS_OK)
        return -100;
    scan_field vals[16];
    for (size_t i = 0; i < filter_ncols(f); i++) {
        vals[i] = (scan_field){"", 0};
        for (size_t j = 0; j < n; j++)
            if (strcmp(filter_col(f, i), names[j]) == 0)
                vals[i] = (scan_field){values[j], strlen(values[j])};
    }
    size_t bad;
    int r = filter_eval(f, from_array, vals, &bad);
    filter_free(f);
    return r;
}

TEST(test_filter_gp_query_selects_what_it_says)
{
    const char *names[] = {"PRS_NAT", "PSE_SPE_SNDS", "SOI_ANN"};
    const char *q = "PRS_NAT in (1110,1111,1112,1210,1211,1212) and PSE_SPE_SNDS in (1,22,23) "
                    "and SOI_ANN = 2024";
    const char *gp[] = {"1111", "01", "2024"}, *spec[] = {"1111", "2", "2024"},
               *year[] = {"1211", "22", "2023"}, *nat[] = {"1113", "1", "2024"};
    CHECK(eval_on(q, names, gp, 3) == 1, "GP consultation kept");
    CHECK(eval_on(q, names, spec, 3) == 0, "specialist dropped");
    CHECK(eval_on(q, names, year, 3) == 0, "other year dropped");
    CHECK(eval_on(q, names, nat, 3) == 0, "other act dropped");
}

TEST(test_filter_and_binds_tighter_than_or_and_not_tightest)
{
    const char *names[] = {"A", "B", "C"};
    const char *v100[] = {"1", "0", "0"}, *v011[] = {"0", "1", "1"}, *v010[] = {"0", "1", "0"};
    /* A=1 or (B=1 and C=1) */
    CHECK(eval_on("A = 1 or B = 1 and C = 1", names, v100, 3) == 1, "A alone");
    CHECK(eval_on("A = 1 or B = 1 and C = 1", names, v011, 3) == 1, "B and C");
    CHECK(eval_on("A = 1 or B = 1 and C = 1", names, v010, 3) == 0, "B alone");
    CHECK(eval_on("(A = 1 or B = 1) and C = 1", names, v010, 3) == 0, "parentheses");
    CHECK(eval_on("not A = 1 and B = 1", names, v010, 3) == 1, "not binds to A = 1");
    CHECK(eval_on("NOT (A = 0 OR B = 0)", names, v010, 3) == 0, "keywords in capitals");
}

TEST(test_filter_compares_numbers_exactly_and_strings_bytewise)
{
    const char *names[] = {"X", "S"};
    const char *v[] = {"-.57", "Z"}, *e[] = {"", "M"};
    CHECK(eval_on("X = -0.57", names, v, 2) == 1, "-.57 = -0.57");
    CHECK(eval_on("X between -1 and -0.57", names, v, 2) == 1, "between is inclusive");
    CHECK(eval_on("X < -0.56 and X <= -0.57 and X > -0.58 and X >= -0.57 and X != 0", names, v, 2) == 1,
          "order operators");
    CHECK(eval_on("S = 'Z' and S in (\"C\", 'Z') and S > 'M'", names, v, 2) == 1, "strings");
    CHECK(eval_on("X is missing and S != 'Z' and S is not missing", names, e, 2) == 1,
          "is missing, is not missing");
    CHECK(eval_on("X is not missing or X is missing and S is missing", names, v, 2) == 1,
          "is (not) missing binds as a comparison");
    const char *bad[] = {"abc", "Z"};
    CHECK(eval_on("X = 1", names, bad, 2) == SCAN_NUM_BAD, "a non-number compared to a number");
}

static int in_set(const char *expr, const char *value)
{
    const char *names[] = {"X"}, *v[] = {value};
    return eval_on(expr, names, v, 1);
}

TEST(test_filter_in_finds_members_of_close_wide_and_decimal_sets)
{
    /* Whole numbers close together (a bitmap inside), negatives and word edges included. */
    const char *close = "X in (130, -3, 0, 5, 64, 65)";
    const char *members[] = {"-3", "0", "5", "5.00", "64", "65", "130", "+130"};
    const char *others[] = {"-4", "-2", "1", "4.99", "5.01", "63", "66", "129", "131",
                            "1000000", "-90000000000000000", "90000000000000000"};
    for (size_t i = 0; i < sizeof members / sizeof *members; i++)
        CHECK(in_set(close, members[i]) == 1, "%s is in %s", members[i], close);
    for (size_t i = 0; i < sizeof others / sizeof *others; i++)
        CHECK(in_set(close, others[i]) == 0, "%s is not in %s", others[i], close);
    CHECK(in_set("X in (1, 70000)", "70000") == 1, "a wide set's largest member");
    CHECK(in_set("X in (1, 70000)", "2") == 0, "between a wide set's members");
    CHECK(in_set("X in (1.5, 2)", "1.50") == 1, "a decimal member");
    CHECK(in_set("X in (1.5, 2)", "1") == 0, "not a decimal set's member");
    CHECK(in_set(close, "x5") == SCAN_NUM_BAD, "a non-number");
}

TEST(test_filter_canonical_text_is_normalised)
{
    filter_t *a, *b;
    ds_err err;
    ds_err_clear(&err);
    CHECK(filter_parse("A in (3, 1, 2, 1) AND B = 1.50", &a, &err) == DS_OK, "%s", err.msg);
    CHECK(filter_parse("(A in (1,2,3)) and (B = 1.5)", &b, &err) == DS_OK, "%s", err.msg);
    CHECK_STR(filter_canonical(a), "((A in (1,2,3)) and (B = 1.5))");
    CHECK_STR(filter_canonical(b), filter_canonical(a));
    filter_free(a);
    filter_free(b);
}

TEST(test_filter_syntax_error_points_at_the_place)
{
    filter_t *f;
    ds_err err;
    ds_err_clear(&err);
    CHECK(filter_parse("SOI_ANN = and", &f, &err) == DS_EUSAGE, "rc");
    CHECK_STR(err.msg, "--where: expected a number or a quoted string\n  SOI_ANN = and\n            ^");
}

/* An empty field compared with a number is not known, as SQL's NULL: neither the comparison
 * nor its negation keeps the row; 'or' keeps it when another operand is true, 'and' drops it
 * when another is false. Computed by hand from SQL's three-valued tables (Codd 1979;
 * SQL:2016 8.2 and 6.35): unknown and true = unknown, unknown or true = true, not unknown =
 * unknown; a row is kept only when its condition is true. */
TEST(test_filter_empty_numeric_field_is_unknown)
{
    const char *names[] = {"A", "B"};
    const char *e[] = {"", "1"};
    static const struct {
        const char *expr;
        int kept;
    } cases[] = {
        {"A < 3", 0},           {"A >= 3", 0},          {"not A < 3", 0},
        {"A = 0", 0},           {"A != 0", 0},          {"A in (0, 1)", 0},
        {"not A in (0, 1)", 0}, {"A between -1 and 1", 0}, {"A < 3 or B = 1", 1},
        {"A < 3 and B = 1", 0}, {"not (A < 3 and B = 2)", 1}, {"not (A < 3 or B = 2)", 0},
        {"A is missing", 1},    {"A is not missing", 0}, {"A = ''", 1},
        {"(A < 3 or B = 1) and not A is not missing", 1},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        CHECK(eval_on(cases[i].expr, names, e, 2) == cases[i].kept, "%s: %d, want %d",
              cases[i].expr, eval_on(cases[i].expr, names, e, 2), cases[i].kept);
}

/* Chains of 200,000 operands parse, print and evaluate with no recursion as deep as the
 * chain: a loop per chain (they overflowed the stack). */
TEST(test_filter_long_chains_do_not_recurse)
{
    static const char *const ops[] = {" and ", " or "};
    for (int k = 0; k < 2; k++) {
        size_t n = 200000, len = 0, cap = n * 12;
        char *text = malloc(cap);
        for (size_t i = 0; i < n; i++)
            len += (size_t)snprintf(text + len, cap - len, "%sA = %zu", i ? ops[k] : "", i % 7);
        filter_t *f;
        ds_err err;
        ds_err_clear(&err);
        CHECK(filter_parse(text, &f, &err) == DS_OK, "%s", err.msg);
        if (f) {
            scan_field v[1] = {{"6", 1}};
            size_t bad;
            CHECK(filter_eval(f, from_array, v, &bad) == k, "%s chain", ops[k]);
            CHECK(strlen(filter_canonical(f)) == len + 2 + 2 * n,
                  "canonical text: a pair of parentheses a predicate, one for the chain");
            filter_t *g;
            CHECK(filter_parse(filter_canonical(f), &g, &err) == DS_OK, "canonical text parses");
            filter_free(g);
        }
        filter_free(f);
        free(text);
    }
}
