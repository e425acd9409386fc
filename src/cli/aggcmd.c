/* aggcmd: options and output of `aggregate`, for the plain and the MPI commands. */
#include "damirstat/aggcmd.h"

#include <getopt.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "damirstat/out.h"
#include "damirstat/partial.h"

const char aggcmd_help[] =
    "Usage: damirstat aggregate [OPTIONS] FILE...\n"
    "\n"
    "Streams Open DAMIR monthly files (';'-separated, header line, plain or gzip, '-' for\n"
    "stdin) into exact per-group sums and counts, sorted by group.\n"
    "\n"
    "Options:\n"
    "  --by COL[,COL...]     group by these code columns (none: one total row)\n"
    "  --where EXPR          keep rows matching EXPR: and, or, not, ( ), = != < <= > >=,\n"
    "                        COL in (v,...), COL between a and b; numbers or 'strings'\n"
    "  --sum COL[,COL...]    exact decimal sums (hundredths), printed as sum_COL\n"
    "  --count               print the number of rows of each group (the default when\n"
    "                        --sum is not given)\n"
    "  --format csv|tsv|json output format (default csv)\n"
    "  -o FILE               write the table to FILE (atomically) instead of stdout\n"
    "  --partial FILE        write a partial aggregate for `damirstat merge` (no table is\n"
    "                        printed unless -o is given too)\n"
    "  --skip-bad            skip rows with a wrong field count or a bad number, and say\n"
    "                        how many on stderr (and in JSON) instead of failing\n"
    "  -j N                  threads (default: all cores); output is the same for any N\n"
    "  --progress, --quiet   force the progress report on stderr on or off (default: on\n"
    "                        when stderr is a terminal)\n"
    "\n"
    "Example: GP visits by department in 2024\n"
    "  damirstat aggregate A2024*.csv.gz --by BEN_RES_DPT \\\n"
    "    --where 'PRS_NAT in (1110,1111,1112,1210,1211,1212) and PSE_SPE_SNDS in (1,22,23)\n"
    "             and SOI_ANN = 2024' --sum PRS_ACT_QTE --count --format csv\n";

static int parse_format(const char *s, agg_format *f, ds_err *err)
{
    if (strcmp(s, "csv") == 0)
        *f = AGG_CSV;
    else if (strcmp(s, "tsv") == 0)
        *f = AGG_TSV;
    else if (strcmp(s, "json") == 0)
        *f = AGG_JSON;
    else
        return ds_err_set(err, DS_EUSAGE, "aggregate: --format: expected csv, tsv or json, got '%s'", s);
    return DS_OK;
}

static int parse_threads(const char *s, int *threads, ds_err *err)
{
    char *end;
    long n = strtol(s, &end, 10);
    if (*s == '\0' || *end != '\0' || n < 1 || n > 1024)
        return ds_err_set(err, DS_EUSAGE, "aggregate: -j: expected a number of threads from 1 to 1024, got '%s'", s);
    *threads = (int)n;
    return DS_OK;
}

enum { O_BY = 256, O_WHERE, O_SUM, O_COUNT, O_FORMAT, O_PARTIAL, O_SKIP, O_PROGRESS, O_QUIET, O_HELP };

int aggcmd_parse(int argc, char **argv, aggcmd_opts *o, ds_err *err)
{
    static const struct option longs[] = {
        {"by", required_argument, NULL, O_BY},         {"where", required_argument, NULL, O_WHERE},
        {"sum", required_argument, NULL, O_SUM},       {"count", no_argument, NULL, O_COUNT},
        {"format", required_argument, NULL, O_FORMAT}, {"partial", required_argument, NULL, O_PARTIAL},
        {"skip-bad", no_argument, NULL, O_SKIP},       {"progress", no_argument, NULL, O_PROGRESS},
        {"quiet", no_argument, NULL, O_QUIET},         {"help", no_argument, NULL, O_HELP},
        {NULL, 0, NULL, 0}};
    *o = (aggcmd_opts){.progress = isatty(STDERR_FILENO)};
    int c, rc = DS_OK;
    opterr = 0;
    optind = 1;
    while (rc == DS_OK && (c = getopt_long(argc, argv, ":o:j:", longs, NULL)) != -1) {
        switch (c) {
        case O_BY: o->by = optarg; break;
        case O_WHERE: o->where = optarg; break;
        case O_SUM: o->sums = optarg; break;
        case O_COUNT: o->count = 1; break;
        case O_FORMAT: rc = parse_format(optarg, &o->format, err); break;
        case O_PARTIAL: o->partial = optarg; break;
        case O_SKIP: o->skip_bad = 1; break;
        case O_PROGRESS: o->progress = 1; break;
        case O_QUIET: o->progress = 0; break;
        case O_HELP: return 1;
        case 'o': o->output = optarg; break;
        case 'j': rc = parse_threads(optarg, &o->threads, err); break;
        case ':': rc = ds_err_set(err, DS_EUSAGE, "aggregate: %s needs a value (see --help)", argv[optind - 1]); break;
        default: rc = ds_err_set(err, DS_EUSAGE, "aggregate: unknown option '%s' (see --help)", argv[optind - 1]);
        }
    }
    if (rc == DS_OK && optind >= argc)
        rc = ds_err_set(err, DS_EUSAGE, "aggregate: no input file (use '-' for stdin; see --help)");
    if (!o->sums || !*o->sums)
        o->count = 1; /* a table with no measure at all would say nothing */
    return rc;
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
