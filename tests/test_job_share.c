/* job shared by processes (what damirstat-mpi does, without MPI): the parts together read
 * every row once, their merged aggregates are the totals worked out from the rows' formula,
 * and the earliest bad line is the failure with the smallest failed_at. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "damirstat/job.h"
#include "damirstat/query.h"
#include "t.h"

static const int rows_in[3] = {2000, 3000, 500};

/* Row i (from 1) of every file: K = i mod 4, V = i.05 euros. bad_line gets "12,5x". */
static void write_file(const char *path, int rows, int bad_line)
{
    FILE *fp = fopen(path, "w");
    CHECK(fp != NULL, "cannot write %s", path);
    if (!fp)
        return;
    fputs("K;V;\n", fp);
    for (int i = 1; i <= rows; i++) {
        if (i + 1 == bad_line)
            fprintf(fp, "%d;12,5x;\n", i % 4);
        else
            fprintf(fp, "%d;%d.05;\n", i % 4, i);
    }
    fclose(fp);
}

static void make_files(char paths[3][512], const int bad_line[3])
{
    for (int f = 0; f < 3; f++) {
        snprintf(paths[f], sizeof paths[f], "%s/f%d.csv", t_tmpdir(), f);
        write_file(paths[f], rows_in[f], bad_line[f]);
    }
}

TEST(test_job_parts_read_every_row_once_and_merge_to_the_totals)
{
    char paths[3][512];
    char *files[3] = {paths[0], paths[1], paths[2]};
    make_files(paths, (const int[3]){0, 0, 0});
    setenv("DAMIRSTAT_PIECE_BYTES", "4096", 1); /* cut the files into many pieces */
    query_t *q;
    CHECK(query_new("K", "V", 1, NULL, &q, NULL) == DS_OK, "query");
    const char *names[] = {"V"};
    agg_t *total = agg_new(1, 1, names);
    uint64_t rows = 0;
    for (int part = 0; part < 3; part++) {
        job_opts o = {.threads = 2, .part = part, .nparts = 3};
        job_result res;
        ds_err err;
        ds_err_clear(&err);
        CHECK(job_run(q, files, 3, &o, &res, &err) == DS_OK, "part %d: %s", part, err.msg);
        CHECK(res.rows_read > 0, "part %d got no rows", part);
        rows += res.rows_read;
        if (res.agg)
            CHECK(agg_merge(total, res.agg, NULL) == DS_OK, "merge part %d", part);
        job_result_free(&res);
    }
    unsetenv("DAMIRSTAT_PIECE_BYTES");
    CHECK(rows == 5500, "rows read %llu, want 5500", (unsigned long long)rows);
    int64_t want_cents[4] = {0};
    uint64_t want_count[4] = {0};
    for (int f = 0; f < 3; f++)
        for (int i = 1; i <= rows_in[f]; i++)
            want_cents[i % 4] += 100 * (int64_t)i + 5, want_count[i % 4]++;
    agg_sort(total);
    CHECK(agg_ngroups(total) == 4, "%zu groups", agg_ngroups(total));
    for (size_t k = 0; k < agg_ngroups(total) && k < 4; k++) {
        agg_group g = agg_get(total, k);
        CHECK(g.key_len == 1 && g.key[0] == (char)('0' + k), "group %zu key", k);
        CHECK(agg_total(&g, 0) == want_cents[k] && g.count == want_count[k],
              "group %zu: %lld cents, %llu rows", k, (long long)agg_total(&g, 0),
              (unsigned long long)g.count);
    }
    agg_free(total);
    query_free(q);
}

TEST(test_job_parts_order_their_failures_as_one_process)
{
    char paths[3][512];
    char *files[3] = {paths[0], paths[1], paths[2]};
    /* Bad lines at f1.csv:1500 (the V field starts at column 3) and f2.csv:10: with pieces
     * of 4 kB the deal puts them in different parts, and f1.csv:1500 must win. */
    make_files(paths, (const int[3]){0, 1500, 10});
    setenv("DAMIRSTAT_PIECE_BYTES", "4096", 1);
    query_t *q;
    CHECK(query_new("K", "V", 1, NULL, &q, NULL) == DS_OK, "query");
    uint64_t best = UINT64_MAX;
    char best_msg[1024] = "";
    int failed = 0;
    for (int part = 0; part < 3; part++) {
        job_opts o = {.threads = 1, .part = part, .nparts = 3};
        job_result res;
        ds_err err;
        ds_err_clear(&err);
        int rc = job_run(q, files, 3, &o, &res, &err);
        CHECK(rc == DS_OK || rc == DS_EDATA, "part %d: rc %d", part, rc);
        if (rc && res.failed_at < best)
            best = res.failed_at, snprintf(best_msg, sizeof best_msg, "%s", err.msg);
        failed += rc != 0;
        job_result_free(&res);
    }
    unsetenv("DAMIRSTAT_PIECE_BYTES");
    CHECK(failed == 2, "%d parts failed, want the two with a bad line", failed);
    char want[1100];
    snprintf(want, sizeof want, "%s:1500:3: V: expected a number, got \"12,5x\"", paths[1]);
    CHECK_STR(best_msg, want);
    query_free(q);
}
