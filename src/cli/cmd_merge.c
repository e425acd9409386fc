/* merge: combines partial aggregates of the same query into the final table. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "damirstat/agg.h"
#include "damirstat/cmd.h"
#include "damirstat/out.h"
#include "damirstat/partial.h"
#include "damirstat/read.h"

static const char help[] =
    "Usage: damirstat merge [OPTIONS] PARTIAL...\n"
    "\n"
    "Combines partial aggregates written by `damirstat aggregate --partial` into the table\n"
    "that one run over all their inputs would print. All partials must answer the same\n"
    "query (same --by, --sum, --count and --where).\n"
    "\n"
    "Options:\n"
    "  --format csv|tsv|json output format (default csv)\n"
    "  -o FILE               write the table to FILE (atomically) instead of stdout\n"
    "  --partial FILE        write the merged partial instead (to merge again later)\n"
    "\n"
    "Example: add February to January without reading January again\n"
    "  damirstat aggregate A202501.csv.gz --by BEN_RES_REG --sum PRS_PAI_MNT --partial jan.p\n"
    "  damirstat aggregate A202502.csv.gz --by BEN_RES_REG --sum PRS_PAI_MNT --partial feb.p\n"
    "  damirstat merge jan.p feb.p\n";

typedef struct merge_opts {
    const char *output, *partial;
    agg_format format;
} merge_opts;

enum { O_FORMAT = 256, O_PARTIAL, O_HELP };

static int parse_options(int argc, char **argv, merge_opts *o, ds_err *err)
{
    static const struct option longs[] = {{"format", required_argument, NULL, O_FORMAT},
                                          {"partial", required_argument, NULL, O_PARTIAL},
                                          {"help", no_argument, NULL, O_HELP},
                                          {NULL, 0, NULL, 0}};
    *o = (merge_opts){NULL, NULL, AGG_CSV};
    int c;
    opterr = 0;
    optind = 1;
    while ((c = getopt_long(argc, argv, ":o:", longs, NULL)) != -1) {
        if (c == O_HELP)
            return 1;
        if (c == 'o')
            o->output = optarg;
        else if (c == O_PARTIAL)
            o->partial = optarg;
        else if (c == O_FORMAT && strcmp(optarg, "csv") == 0)
            o->format = AGG_CSV;
        else if (c == O_FORMAT && strcmp(optarg, "tsv") == 0)
            o->format = AGG_TSV;
        else if (c == O_FORMAT && strcmp(optarg, "json") == 0)
            o->format = AGG_JSON;
        else if (c == O_FORMAT)
            return ds_err_set(err, DS_EUSAGE, "merge: --format: expected csv, tsv or json, got '%s'", optarg);
        else if (c == ':')
            return ds_err_set(err, DS_EUSAGE, "merge: %s needs a value (see --help)", argv[optind - 1]);
        else
            return ds_err_set(err, DS_EUSAGE, "merge: unknown option '%s' (see --help)", argv[optind - 1]);
    }
    if (optind >= argc)
        return ds_err_set(err, DS_EUSAGE, "merge: no partial file given (see --help)");
    return DS_OK;
}

/* Reads every partial into total, refusing any that answers another query. */
static int merge_all(char **files, int n, partial *total, ds_err *err)
{
    /* One partial named twice would count its groups twice. */
    read_info *info = xcalloc((size_t)n, sizeof *info);
    int rc = DS_OK;
    for (int i = 0; i < n && rc == DS_OK; i++) {
        rc = read_probe(files[i], &info[i], err);
        for (int g = 0; g < i && rc == DS_OK; g++)
            if (read_same_file(&info[g], &info[i]))
                rc = ds_err_set(err, DS_EUSAGE,
                                "merge: %s and %s are the same file: its groups would be "
                                "counted twice", files[g], files[i]);
    }
    free(info);
    if (rc)
        return rc;
    rc = partial_read(files[0], total, err);
    for (int i = 1; i < n && rc == DS_OK; i++) {
        partial p;
        if ((rc = partial_read(files[i], &p, err)) != 0)
            break;
        if (strcmp(p.query, total->query) != 0)
            rc = ds_err_set(err, DS_EDATA, "merge: %s and %s answer different queries:\n  %s\n  %s",
                            files[0], files[i], total->query, p.query);
        if (rc == DS_OK)
            rc = agg_merge(total->agg, p.agg, err);
        total->rows_read += p.rows_read;
        total->rows_skipped += p.rows_skipped;
        partial_clear(&p);
    }
    return rc;
}

static int write_result(const merge_opts *o, partial *total, ds_err *err)
{
    out_t *out;
    const char *path = o->partial ? o->partial : o->output;
    int rc = out_open(path, &out, err);
    if (rc)
        return rc;
    agg_meta meta = {(const char *const *)total->by, (const char *const *)total->sums,
                     total->count, total->query, total->rows_read, total->rows_skipped};
    rc = o->partial ? partial_write(out_stream(out), total, NULL)
                    : agg_write(total->agg, out_stream(out), o->format, &meta, NULL);
    if (rc) {
        out_abort(out);
        return ds_err_set(err, DS_EIO, "%s: write error", path ? path : "stdout");
    }
    return out_commit(out, err);
}

int cmd_merge(int argc, char **argv, ds_err *err)
{
    merge_opts o;
    int rc = parse_options(argc, argv, &o, err);
    if (rc == 1) {
        fputs(help, stdout);
        return DS_OK;
    }
    if (rc)
        return rc;
    partial total = {0};
    rc = merge_all(argv + optind, argc - optind, &total, err);
    if (rc == DS_OK)
        rc = write_result(&o, &total, err);
    partial_clear(&total);
    return rc;
}
