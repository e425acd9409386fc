/* terms: formula right-hand sides with factors and interactions expand to the columns R's
 * model.matrix makes (names, order, values). Reference, R 4.2:
 *
 *   d <- data.frame(a = factor(c("p","q","r","p","q","r")), b = factor(c("u","v","u","v","u","v")),
 *                   x = 1:6, z = c(2, 5, 1, 7, 3, 3))
 *   for (f in FORMULAS) cat(f, ":", colnames(model.matrix(as.formula(f), d)), "\n")
 *
 * (the intercept column left out: the design here holds the terms' columns only; factor
 * atoms are written factor(a), which model.matrix names the same way as a factor column a
 * once the prefix is swapped). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../src/model/terms_impl.h"
#include "damirstat/table.h"
#include "t.h"

static const char data6[] = "a,b,x,z\np,u,1,2\nq,v,2,5\nr,u,3,1\np,v,4,7\nq,u,5,3\nr,v,6,3\n";

/* The column names of formula's rhs on data6, joined by spaces, into buf. */
static int names_of(const char *formula, char *buf, size_t size)
{
    table_t *t;
    if (table_load_buffer("d.csv", data6, sizeof data6 - 1, &t, NULL))
        return -1;
    const char *tilde = strchr(formula, '~');
    terms_spec s;
    terms_design d;
    ds_err err;
    ds_err_clear(&err);
    int rc = terms_parse(formula, (size_t)(tilde + 1 - formula), strlen(formula), &s, &err);
    if (!rc)
        rc = terms_bind(&s, t, &err);
    if (!rc)
        rc = terms_build(&s, t, NULL, table_nrows(t), &d, &err);
    if (rc) {
        snprintf(buf, size, "error: %.900s", err.msg);
        table_free(t);
        return rc;
    }
    buf[0] = '\0';
    for (size_t c = 0; c < d.ncols; c++)
        snprintf(buf + strlen(buf), size - strlen(buf), "%s%s", c ? " " : "", d.names[c]);
    terms_design_free(&d);
    terms_free(&s);
    table_free(t);
    return 0;
}

TEST(test_terms_columns_are_named_and_ordered_as_model_matrix)
{
    static const char *const cases[][2] = {
        {"y ~ 0 + factor(a) + factor(b)", "factor(a)p factor(a)q factor(a)r factor(b)v"},
        {"y ~ 0 + x + factor(a)", "x factor(a)p factor(a)q factor(a)r"},
        {"y ~ 0 + factor(a):x", "factor(a)p:x factor(a)q:x factor(a)r:x"},
        {"y ~ x:factor(a)", "x:factor(a)p x:factor(a)q x:factor(a)r"},
        {"y ~ factor(a):factor(b)", "factor(a)p:factor(b)u factor(a)q:factor(b)u "
                                    "factor(a)r:factor(b)u factor(a)p:factor(b)v "
                                    "factor(a)q:factor(b)v factor(a)r:factor(b)v"},
        {"y ~ factor(a) + factor(a):factor(b)", "factor(a)q factor(a)r factor(a)p:factor(b)v "
                                                "factor(a)q:factor(b)v factor(a)r:factor(b)v"},
        {"y ~ factor(a) * factor(b)", "factor(a)q factor(a)r factor(b)v factor(a)q:factor(b)v "
                                      "factor(a)r:factor(b)v"},
        {"y ~ x + factor(a):x", "x x:factor(a)q x:factor(a)r"},
        {"y ~ factor(a) * x", "factor(a)q factor(a)r x factor(a)q:x factor(a)r:x"},
        {"y ~ x * factor(a)", "x factor(a)q factor(a)r x:factor(a)q x:factor(a)r"},
        {"y ~ factor(b) + x:factor(a):factor(b)",
         "factor(b)v factor(b)u:x:factor(a)p factor(b)v:x:factor(a)p factor(b)u:x:factor(a)q "
         "factor(b)v:x:factor(a)q factor(b)u:x:factor(a)r factor(b)v:x:factor(a)r"},
        {"y ~ factor(a):x + x", "x factor(a)q:x factor(a)r:x"},
        {"y ~ z + x:z + x", "z x z:x"},
        {"y ~ factor(a, ref = \"q\")", "factor(a)p factor(a)r"},
        {"y ~ x + z | a + b", "x z"},
    };
    char buf[1024];
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        CHECK(names_of(cases[i][0], buf, sizeof buf) == 0, "%s: %s", cases[i][0], buf);
        CHECK(strcmp(buf, cases[i][1]) == 0, "%s\n  got  %s\n  want %s", cases[i][0], buf,
              cases[i][1]);
    }
}

TEST(test_terms_bad_input_is_a_clear_error)
{
    static const char *const cases[][2] = {
        {"y ~ x + factor(one)", "factor(one) has one level (\"k\") on the 6 rows used"},
        {"y ~ factor(a, ref = \"s\")", "factor(a, ref = \"s\"): no level \"s\" on the 6 rows"},
        {"y ~ x:nope", "no column 'nope'"},
        {"y ~ factor(nope):x", "no column 'nope'"},
        {"y ~ x - z", "only '- 1' may be subtracted"},
        {"y ~ x | log(a)", "after '|', fixed effects are column names"},
        {"y ~ x | a | b", "only one '|' is allowed"},
        {"y ~ x | a + nope", "no column 'nope'"},
        {"y ~ factor(a, level = 2)", "expected ref = \"LEVEL\""},
        {"y ~ factor(a) + factor(a, ref = \"q\")", "another reference level"},
        {"y ~ x / z", "arithmetic needs I()"},
    };
    static const char data[] = "a,x,z,one\np,1,2,k\nq,2,5,k\nr,3,1,k\np,4,7,k\nq,5,3,k\nr,6,3,k\n";
    table_t *t;
    CHECK(table_load_buffer("d.csv", data, sizeof data - 1, &t, NULL) == 0, "data");
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const char *f = cases[i][0];
        terms_spec s;
        terms_design d;
        ds_err err;
        ds_err_clear(&err);
        int rc = terms_parse(f, 3, strlen(f), &s, &err);
        if (!rc) {
            rc = terms_bind(&s, t, &err);
            if (!rc && (rc = terms_build(&s, t, NULL, 6, &d, &err)) == 0)
                terms_design_free(&d);
            terms_free(&s);
        }
        CHECK(rc == DS_EDATA && strstr(err.msg, cases[i][1]), "%s: rc %d, %s", f, rc, err.msg);
    }
    table_free(t);
}
