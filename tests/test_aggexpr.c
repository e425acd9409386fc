/* aggexpr: linear forms of columns, exact in cents; inexact operations refused. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "damirstat/aggexpr.h"
#include "t.h"

TEST(test_aggexpr_keeps_sums_of_columns_and_whole_multiples)
{
    static const struct {
        const char *text, *canonical, *name;
        int64_t value; /* with A = 12.34, B = -0.57, C = 100.00 (hundredths below) */
    } cases[] = {
        {"PRS_PAI_MNT", "PRS_PAI_MNT", NULL, 1234},
        {"A - B", "A-B", NULL, 1234 + 57},
        {"  A-B  as out_of_pocket ", "A-B", "out_of_pocket", 1291},
        {"2*A + B - 1.5", "2*A+B-1.50", NULL, 2468 - 57 - 150},
        {"-(A - 3*(B + C)) AS x", "-A+3*B+3*C", "x", -1234 + 3 * (-57 + 10000)},
        {"A + A - A", "A", NULL, 1234},
        {"A - A + .5", "0*A+0.50", NULL, 50}, /* A stays: a row with A empty is skipped */
        {"A - B + B", "A+0*B", NULL, 1234},
        {"(A)*2*3", "6*A", NULL, 6 * 1234},
        {"2.00 * B", "2*B", NULL, -114},
        {"--A", "A", NULL, 1234},
        {"C - 0.01", "C-0.01", NULL, 9999},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        aggexpr_t *e;
        ds_err err;
        ds_err_clear(&err);
        int rc = aggexpr_parse(cases[i].text, "--sum", &e, &err);
        CHECK(rc == DS_OK, "\"%s\": %s", cases[i].text, err.msg);
        if (rc != DS_OK)
            continue;
        CHECK_STR(aggexpr_canonical(e), cases[i].canonical);
        CHECK((aggexpr_name(e) == NULL) == (cases[i].name == NULL) &&
                  (!cases[i].name || strcmp(aggexpr_name(e), cases[i].name) == 0),
              "\"%s\": name %s", cases[i].text, aggexpr_name(e) ? aggexpr_name(e) : "(none)");
        int64_t cents[3];
        for (size_t c = 0; c < aggexpr_ncols(e); c++) {
            const char *col = aggexpr_col(e, c);
            cents[c] = strcmp(col, "B") == 0 ? -57 : strcmp(col, "C") == 0 ? 10000 : 1234;
        }
        int64_t v = 0;
        CHECK(aggexpr_eval(e, cents, &v) == 0 && v == cases[i].value, "\"%s\": %lld, want %lld",
              cases[i].text, (long long)v, (long long)cases[i].value);
        aggexpr_free(e);
    }
}

TEST(test_aggexpr_refuses_what_is_not_exact_in_cents)
{
    static const struct {
        const char *text, *says;
    } cases[] = {
        {"A * B", "a product of two columns is not exact in cents"},
        {"0.5 * A", "multiplying by a decimal is not exact in cents"},
        {"A / 2", "a division is not exact in cents"},
        {"A + 1.255", "more than 2 decimals"},
        {"A +", "expected a column or a number"},
        {"A, B", "one expression an option"},
        {"(A", "expected ')'"},
        {"A B", "expected + - * or the end"},
        {"92233720368547758 * A * 1000", "leaves the 64-bit range"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        aggexpr_t *e = NULL;
        ds_err err;
        ds_err_clear(&err);
        int rc = aggexpr_parse(cases[i].text, "--sum", &e, &err);
        CHECK(rc == DS_EUSAGE && e == NULL && strstr(err.msg, cases[i].says) &&
                  strncmp(err.msg, "--sum: ", 7) == 0,
              "\"%s\": rc %d: %s", cases[i].text, rc, err.msg);
        aggexpr_free(e);
    }
    /* deep nesting is an error, not a stack overflow */
    size_t n = 100000;
    char *deep = malloc(2 * n + 2);
    memset(deep, '(', n);
    deep[n] = 'A';
    memset(deep + n + 1, ')', n);
    deep[2 * n + 1] = '\0';
    aggexpr_t *e = NULL;
    ds_err err;
    ds_err_clear(&err);
    CHECK(aggexpr_parse(deep, "--sum", &e, &err) == DS_EUSAGE && strstr(err.msg, "nested too deep"),
          "deep nesting");
    free(deep);
}

TEST(test_aggexpr_row_overflow_is_reported)
{
    aggexpr_t *e;
    ds_err err;
    ds_err_clear(&err);
    CHECK(aggexpr_parse("A + B", "--sum", &e, &err) == DS_OK, "%s", err.msg);
    int64_t big[2] = {INT64_MAX, 1}, v = 0;
    CHECK(aggexpr_eval(e, big, &v) == -1, "INT64_MAX + 1 must overflow");
    aggexpr_free(e);
}
