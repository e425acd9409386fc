/* Tests of tables built in code (table_new, table_append_row, table_add_number_column) and
 * of table_write; expected bytes are written out by hand. */
#include "damirstat/table.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "t.h"

static table_t *load(const char *data, ds_err *err)
{
    table_t *t = NULL;
    ds_err_clear(err);
    table_load_buffer("w.csv", data, strlen(data), &t, err);
    return t;
}

/* Writes t to a temporary file and returns its bytes (caller frees). */
static char *written(const table_t *t, char delim, int *rc)
{
    char path[4200];
    snprintf(path, sizeof path, "%s/w.csv", t_tmpdir());
    FILE *fp = fopen(path, "w+b");
    if (!fp)
        return NULL;
    ds_err err;
    ds_err_clear(&err);
    *rc = table_write(t, fp, delim, &err);
    long n = ftell(fp);
    rewind(fp);
    char *s = calloc(1, (size_t)n + 1);
    if (fread(s, 1, (size_t)n, fp) != (size_t)n)
        s[0] = '\0';
    fclose(fp);
    return s;
}

TEST(test_table_built_table_has_rows_types_and_missing)
{
    const char *names[] = {"code", "name"};
    table_t *t = table_new(2, names);
    CHECK(table_nrows(t) == 0 && table_ncols(t) == 2, "empty");
    table_append_row(t, (const char *const[]){"01", "Ain"});
    table_append_row(t, (const char *const[]){"2A", NULL});
    table_append_row(t, (const char *const[]){"02", "NA"});
    CHECK(table_nrows(t) == 3, "rows %zu", table_nrows(t));
    CHECK_STR(table_text(t, 1, 0), "2A");
    CHECK(table_col_missing(t, 1) == 2, "missing %zu", table_col_missing(t, 1));
    CHECK(table_is_missing(t, 1, 1) && table_row_line(t, 0) == 0, "missing, line 0");
    CHECK_STR(table_text(t, 1, 1), "");
    CHECK(table_col_index(t, "name") == 1, "index");
    table_free(t);
}

TEST(test_table_append_row_reinfers_the_type)
{
    const char *names[] = {"x"};
    table_t *t = table_new(1, names);
    table_append_row(t, (const char *const[]){"1,5"});
    CHECK(table_col_type(t, 0) == TABLE_NUMBER, "number after 1,5");
    CHECK_NEAR(table_num(t, 0, 0), 1.5, 0);
    table_append_row(t, (const char *const[]){"abc"});
    CHECK(table_col_type(t, 0) == TABLE_TEXT, "text after abc");
    table_free(t);
}

TEST(test_table_add_number_column_and_write)
{
    const char *names[] = {"code", "name"};
    table_t *t = table_new(2, names);
    table_append_row(t, (const char *const[]){"01", "Ain"});
    table_append_row(t, (const char *const[]){"2A", NULL});
    ds_err err;
    ds_err_clear(&err);
    double pop[] = {0.1, NAN};
    CHECK(table_add_number_column(t, "pop", pop, 2, &err) == DS_OK, "%s", err.msg);
    CHECK(table_ncols(t) == 3 && table_col_type(t, 2) == TABLE_NUMBER, "added");
    CHECK(table_col_missing(t, 2) == 1 && table_is_missing(t, 1, 2), "NAN is missing");
    CHECK(table_num(t, 0, 2) == 0.1, "value kept exactly");
    CHECK_STR(table_text(t, 0, 2), "0.1");
    int rc = -99;
    char *s = written(t, ',', &rc);
    CHECK(rc == DS_OK, "rc %d", rc);
    CHECK_STR(s, "code,name,pop\n01,Ain,0.1\n2A,,\n");
    free(s);
    table_free(t);
}

TEST(test_table_add_number_column_refuses_taken_name_and_wrong_length)
{
    const char *names[] = {"a"};
    table_t *t = table_new(1, names);
    table_append_row(t, (const char *const[]){"1"});
    ds_err err;
    ds_err_clear(&err);
    double v[] = {1, 2};
    CHECK(table_add_number_column(t, "a", v, 1, &err) == DS_EUSAGE, "taken");
    CHECK(strstr(err.msg, "'a' exists already") != NULL, "%s", err.msg);
    ds_err_clear(&err);
    CHECK(table_add_number_column(t, "b", v, 2, &err) == DS_EUSAGE, "length");
    CHECK(strstr(err.msg, "2 values for 1 rows") != NULL, "%s", err.msg);
    CHECK(table_ncols(t) == 1, "nothing added");
    table_free(t);
}

TEST(test_table_add_number_column_to_empty_table)
{
    const char *names[] = {"a"};
    table_t *t = table_new(1, names);
    ds_err err;
    ds_err_clear(&err);
    CHECK(table_add_number_column(t, "b", NULL, 0, &err) == DS_OK, "%s", err.msg);
    table_append_row(t, (const char *const[]){"1", "2"});
    CHECK(table_nrows(t) == 1 && table_num(t, 0, 1) == 2, "row after add");
    table_free(t);
}

TEST(test_table_write_quotes_as_rfc4180_needs)
{
    const char *names[] = {"#id", "v"};
    table_t *t = table_new(2, names);
    table_append_row(t, (const char *const[]){"a,b", "say \"hi\""});
    table_append_row(t, (const char *const[]){"l1\nl2", " lead"});
    table_append_row(t, (const char *const[]){"a;b", "plain"});
    int rc = -99;
    char *s = written(t, ',', &rc);
    CHECK(rc == DS_OK, "rc %d", rc);
    CHECK_STR(s, "\"#id\",v\n\"a,b\",\"say \"\"hi\"\"\"\n\"l1\nl2\",\" lead\"\na;b,plain\n");
    free(s);
    s = written(t, ';', &rc);
    CHECK_STR(s, "\"#id\";v\na,b;\"say \"\"hi\"\"\"\n\"l1\nl2\";\" lead\"\n\"a;b\";plain\n");
    free(s);
    table_free(t);
}

TEST(test_table_write_then_load_gives_the_same_cells)
{
    const char *names[] = {"#k", "v"};
    table_t *t = table_new(2, names);
    table_append_row(t, (const char *const[]){"x\"y,z", "1,5"});
    table_append_row(t, (const char *const[]){"\tt ", NULL});
    int rc = -99;
    char *s = written(t, '\t', &rc);
    ds_err err;
    table_t *u = load(s, &err);
    CHECK(u && table_nrows(u) == 2 && table_ncols(u) == 2, "%s", err.msg);
    if (u) {
        CHECK_STR(table_col_name(u, 0), "#k");
        CHECK_STR(table_text(u, 0, 0), "x\"y,z");
        CHECK_STR(table_text(u, 1, 0), "\tt ");
        CHECK(table_is_missing(u, 1, 1) && table_num(u, 0, 1) == 1.5, "values");
    }
    table_free(u);
    table_free(t);
    free(s);
}

TEST(test_table_write_single_column_keeps_missing_rows)
{
    const char *names[] = {"x"};
    table_t *t = table_new(1, names);
    table_append_row(t, (const char *const[]){NULL});
    table_append_row(t, (const char *const[]){"2"});
    int rc = -99;
    char *s = written(t, ',', &rc);
    CHECK_STR(s, "x\n\"\"\n2\n");
    ds_err err;
    table_t *u = load(s, &err);
    CHECK(u && table_nrows(u) == 2 && table_col_missing(u, 0) == 1, "reload: %s", err.msg);
    table_free(u);
    table_free(t);
    free(s);
}

TEST(test_table_write_refuses_other_delimiters)
{
    const char *names[] = {"x"};
    table_t *t = table_new(1, names);
    int rc = 0;
    char *s = written(t, '|', &rc);
    CHECK(rc == DS_EUSAGE, "rc %d", rc);
    free(s);
    table_free(t);
}

TEST(test_table_format_number_is_shortest_round_trip)
{
    static const struct {
        double v;
        const char *want;
    } cases[] = {
        {0.1, "0.1"},
        {1.0 / 3, "0.3333333333333333"},   /* 15 digits do not read back, 16 do */
        {0.1 + 0.2, "0.30000000000000004"}, /* needs 17 */
        {652432, "652432"},
        {-2.5, "-2.5"},
        {1e21, "1e+21"},
        {0, "0"},
        {-0.0, "0"}, /* derive 'm = -a^2' on a = 0 wrote "-0" */
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char buf[40];
        size_t n = table_format_number(cases[i].v, buf, sizeof buf);
        CHECK_STR(buf, cases[i].want);
        CHECK(n == strlen(cases[i].want), "length %zu", n);
    }
    char buf[8] = "x";
    CHECK(table_format_number(NAN, buf, sizeof buf) == 0 && buf[0] == '\0', "NAN is empty");
}
