/* Group-by: exact cents, overflow, merge, key order, and the partial file round trip. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "damirstat/agg.h"
#include "damirstat/partial.h"
#include "t.h"

static const char *const sum_names[] = {"PRS_PAI_MNT"};

static void add(agg_t *a, const char *key, int64_t cents)
{
    scan_field k = {key, strlen(key)};
    CHECK(agg_add(a, &k, &cents, NULL) == DS_OK, "add %s", key);
}

TEST(test_agg_sums_are_exact_in_cents)
{
    agg_t *a = agg_new(1, 1, sum_names);
    /* 0.1 + 0.2 in cents is 30, whatever doubles say; 10,000 times 0.01 is 100.00. */
    add(a, "11", 10);
    add(a, "11", 20);
    for (int i = 0; i < 10000; i++)
        add(a, "24", 1);
    add(a, "24", -57);
    agg_sort(a);
    CHECK(agg_ngroups(a) == 2, "%zu groups", agg_ngroups(a));
    agg_group g = agg_get(a, 0);
    CHECK(g.key_len == 2 && memcmp(g.key, "11", 2) == 0 && agg_total(&g, 0) == 30 && g.count == 2,
          "group 11");
    g = agg_get(a, 1);
    CHECK(agg_total(&g, 0) == 9943 && g.count == 10001, "group 24: %lld",
          (long long)agg_total(&g, 0));
    char buf[32];
    agg_format_cents(-57, buf);
    CHECK_STR(buf, "-0.57");
    agg_format_cents(INT64_MIN + 1, buf);
    CHECK_STR(buf, "-92233720368547758.07");
    agg_free(a);
}

TEST(test_agg_overflow_is_an_error_in_any_order)
{
    int64_t big = INT64_MAX / 2 + 1, minus = -1;
    for (int order = 0; order < 2; order++) {
        agg_t *a = agg_new(0, 1, sum_names);
        ds_err err;
        ds_err_clear(&err);
        /* big + big overflows even with a -1 in between, whichever comes first. */
        int64_t seq[3] = {big, order ? minus : big, order ? big : minus};
        int rc = DS_OK;
        for (int i = 0; i < 3 && rc == DS_OK; i++)
            rc = agg_add(a, NULL, &seq[i], &err);
        CHECK(rc == DS_EDATA, "order %d: rc %d", order, rc);
        CHECK_STR(err.msg, "sum of PRS_PAI_MNT overflows 64-bit cents");
        agg_free(a);
    }
}

TEST(test_agg_merge_equals_one_table_and_sorts_codes_as_numbers)
{
    agg_t *all = agg_new(1, 1, sum_names), *x = agg_new(1, 1, sum_names),
          *y = agg_new(1, 1, sum_names);
    const char *keys[] = {"10", "9", "2A", "01", "9", "10", "2B"};
    for (int i = 0; i < 7; i++) {
        add(all, keys[i], (int64_t)i * 101 - 300);
        add(i % 2 ? x : y, keys[i], (int64_t)i * 101 - 300);
    }
    CHECK(agg_merge(x, y, NULL) == DS_OK, "merge");
    agg_sort(all);
    agg_sort(x);
    const char *order[] = {"01", "9", "10", "2A", "2B"};
    CHECK(agg_ngroups(all) == 5 && agg_ngroups(x) == 5, "groups");
    for (size_t i = 0; i < 5; i++) {
        agg_group a = agg_get(all, i), b = agg_get(x, i);
        CHECK(a.key_len == strlen(order[i]) && memcmp(a.key, order[i], a.key_len) == 0,
              "position %zu: %.*s, want %s", i, (int)a.key_len, a.key, order[i]);
        CHECK(agg_total(&a, 0) == agg_total(&b, 0) && a.count == b.count, "group %s", order[i]);
    }
    agg_group ten = agg_get(all, 2);
    CHECK(agg_total(&ten, 0) == (0 * 101 - 300) + (5 * 101 - 300), "10: %lld",
          (long long)agg_total(&ten, 0));
    agg_free(all);
    agg_free(x);
    agg_free(y);
}

TEST(test_partial_round_trip_and_checksum)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/p.part", t_tmpdir());
    agg_t *a = agg_new(2, 1, sum_names);
    scan_field k[2] = {{"11", 2}, {"2", 1}};
    int64_t v = -12345;
    agg_add(a, k, &v, NULL);
    char *by[] = {"BEN_RES_REG", "BEN_SEX_COD"}, *sums[] = {"PRS_PAI_MNT"};
    partial p = {"by=BEN_RES_REG,BEN_SEX_COD;sum=PRS_PAI_MNT;count=1;where=", by, sums, 2, 1, 1,
                 7, 2, a, NULL};
    FILE *fp = fopen(path, "w");
    CHECK(partial_write(fp, &p, NULL) == DS_OK, "write");
    fclose(fp);
    partial q;
    ds_err err;
    ds_err_clear(&err);
    CHECK(partial_read(path, &q, &err) == DS_OK, "%s", err.msg);
    CHECK_STR(q.query, p.query);
    CHECK(q.nby == 2 && q.nsums == 1 && q.count == 1 && q.rows_read == 7 && q.rows_skipped == 2,
          "header fields");
    agg_group g = agg_get(q.agg, 0);
    CHECK(agg_ngroups(q.agg) == 1 && agg_total(&g, 0) == -12345 && g.count == 1, "group");
    partial_clear(&q);
    fp = fopen(path, "r+");
    fseek(fp, 20, SEEK_SET);
    fputc('X', fp);
    fclose(fp);
    ds_err_clear(&err);
    CHECK(partial_read(path, &q, &err) == DS_EDATA && strstr(err.msg, "checksum"), "%s", err.msg);
    agg_free(a);
}
