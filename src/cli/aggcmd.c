/* aggcmd: options and output of `aggregate`, for the plain and the MPI commands. */
#include "damirstat/aggcmd.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "damirstat/cli.h"
#include "damirstat/out.h"
#include "damirstat/partial.h"

static const char about[] =
    "Streams Open DAMIR monthly files (';'-separated, header line, plain or gzip, '-' for\n"
    "stdin) into exact per-group sums and counts, sorted by group. Amounts are summed in\n"
    "integer cents; the output is the same bytes for any -j and any file order.";

enum { O_BY, O_WHERE, O_SUM, O_COUNT, O_FORMAT, O_OUTPUT, O_PARTIAL, O_SKIP_BAD, O_THREADS,
       O_PROGRESS, O_QUIET };

static const cli_opt options[] = {
    {"by", 0, "COL[,COL...]", O_BY, "group by these code columns (none: one total row)", NULL},
    {"where", 0, "EXPR", O_WHERE, "keep rows matching EXPR: and, or, not, ( ), = != < <= > "
     ">=, COL in (v,...), COL between a and b; numbers or 'strings'", NULL},
    {"sum", 0, "COL[,COL...]", O_SUM, "exact decimal sums (hundredths), printed as sum_COL",
     NULL},
    {"count", 0, NULL, O_COUNT, "print the number of rows of each group (the default when "
     "--sum is not given)", NULL},
    {"format", 0, "csv|tsv|json", O_FORMAT, "output format (default csv)", NULL},
    CLI_OPT_OUTPUT(O_OUTPUT),
    {"partial", 0, "FILE", O_PARTIAL, "write a partial aggregate for `damirstat merge` (no "
     "table is printed unless -o is given too)", NULL},
    {"skip-bad", 0, NULL, O_SKIP_BAD, "skip rows with a wrong field count or a bad number, and "
     "say how many on stderr (even with -q) and in JSON instead of failing", NULL},
    {"threads", 'j', "N", O_THREADS, "threads (default: all cores); the output is the same "
     "for any N", NULL},
    {"progress", 0, NULL, O_PROGRESS, "show the progress report on stderr even when it is not "
     "a terminal (default: only on a terminal)", NULL},
    CLI_OPT_QUIET(O_QUIET),
    {NULL, 0, NULL, 0, NULL, NULL},
};

static int parse_threads(const char *s, int *threads, ds_err *err)
{
    char *end;
    long n = strtol(s, &end, 10);
    if (*s == '\0' || *end != '\0' || n < 1 || n > 1024)
        return ds_err_set(err, DS_EUSAGE, "aggregate: -j: expected a number of threads from 1 to 1024, got '%s'", s);
    *threads = (int)n;
    return DS_OK;
}

static int set_option(void *ctx, int id, const char *v, ds_err *err)
{
    static const char *const formats[] = {"csv", "tsv", "json"};
    static const agg_format format_values[] = {AGG_CSV, AGG_TSV, AGG_JSON};
    aggcmd_opts *o = ctx;
    int i = 0, rc = DS_OK;
    switch (id) {
    case O_BY: o->by = v; break;
    case O_WHERE: o->where = v; break;
    case O_SUM: o->sums = v; break;
    case O_COUNT: o->count = 1; break;
    case O_FORMAT:
        rc = cli_parse_choice("aggregate", "--format", v, formats, 3, &i, err);
        o->format = format_values[i];
        break;
    case O_OUTPUT: o->output = v; break;
    case O_PARTIAL: o->partial = v; break;
    case O_SKIP_BAD: o->skip_bad = 1; break;
    case O_THREADS: rc = parse_threads(v, &o->threads, err); break;
    case O_PROGRESS: o->progress = 1; break;
    case O_QUIET: o->progress = 0; break;
    default: break;
    }
    return rc;
}

const cli_cmd aggcmd_cli = {
    "aggregate",
    "stream Open DAMIR files into exact per-group sums and counts",
    "[OPTIONS] FILE...",
    about,
    options,
    "# GP visits by department in 2024\n"
    "damirstat aggregate A2024*.csv.gz --by BEN_RES_DPT \\\n"
    "  --where 'PRS_NAT in (1110,1111,1112,1210,1211,1212) and PSE_SPE_SNDS in (1,22,23)\n"
    "           and SOI_ANN = 2024' --sum PRS_ACT_QTE --count -o visits.csv\n"
    "# one month from a pipe, two threads\n"
    "zcat A202401.csv.gz | damirstat aggregate - --by BEN_RES_REG --count -j 2",
    set_option,
};

int aggcmd_parse(int argc, char **argv, aggcmd_opts *o, ds_err *err)
{
    *o = (aggcmd_opts){.progress = isatty(STDERR_FILENO)};
    int n = 0;
    int rc = cli_parse(&aggcmd_cli, argc, argv, o, &n, err);
    if (rc)
        return rc;
    if (n == 0)
        return ds_err_set(err, DS_EUSAGE, "aggregate: no input file (use '-' for stdin; see --help)");
    o->files = argv + 1;
    o->nfiles = (size_t)n;
    if (!o->sums || !*o->sums)
        o->count = 1; /* a table with no measure at all would say nothing */
    return DS_OK;
}

static int write_table(const aggcmd_opts *o, const query_t *q, job_result *res, ds_err *err)
{
    out_t *out;
    int rc = out_open(o->output, &out, err);
    if (rc)
        return rc;
    agg_meta meta = {query_by(q), query_sums(q), query_count(q), query_canonical(q),
                     res->rows_read, res->rows_skipped};
    rc = agg_write(res->agg, out_stream(out), o->format, &meta, NULL);
    if (rc) {
        out_abort(out);
        return ds_err_set(err, DS_EIO, "%s: write error", o->output ? o->output : "stdout");
    }
    return out_commit(out, err);
}

static int write_partial(const aggcmd_opts *o, const query_t *q, job_result *res, ds_err *err)
{
    out_t *out;
    int rc = out_open(o->partial, &out, err);
    if (rc)
        return rc;
    partial p = {(char *)(uintptr_t)query_canonical(q), (char **)(uintptr_t)query_by(q),
                 (char **)(uintptr_t)query_sums(q), query_nby(q), query_nsums(q), query_count(q),
                 res->rows_read, res->rows_skipped, res->agg};
    rc = partial_write(out_stream(out), &p, NULL);
    if (rc) {
        out_abort(out);
        return ds_err_set(err, DS_EIO, "%s: write error", o->partial);
    }
    return out_commit(out, err);
}

int aggcmd_query(const aggcmd_opts *o, query_t **q, ds_err *err)
{
    return query_new(o->by, o->sums, o->count, o->where, q, err);
}

int aggcmd_output(const aggcmd_opts *o, const query_t *q, job_result *res, ds_err *err)
{
    int rc = DS_OK;
    if (res->rows_skipped > 0)
        fprintf(stderr, "damirstat: skipped %llu bad rows of %llu (first: %s)\n",
                (unsigned long long)res->rows_skipped, (unsigned long long)res->rows_read,
                res->first_skipped);
    if (o->partial)
        rc = write_partial(o, q, res, err);
    if (rc == DS_OK && (!o->partial || o->output))
        rc = write_table(o, q, res, err);
    return rc;
}
