/* merge: combines partial aggregates of the same query into the final table. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "damirstat/agg.h"
#include "damirstat/cli.h"
#include "cmd_impl.h"
#include "damirstat/out.h"
#include "damirstat/partial.h"
#include "damirstat/read.h"

typedef struct merge_opts {
    const char *output, *partial;
    agg_format format;
    const char *having, *order;
    unsigned long long top;
} merge_opts;

enum { O_FORMAT, O_OUTPUT, O_PARTIAL, O_HAVING, O_ORDER, O_TOP };

static const cli_opt options[] = {
    {"having", 0, "EXPR", O_HAVING, "print only the groups where EXPR holds, over the printed "
     "columns (as aggregate --having)", NULL},
    {"order", 0, "COL[ asc|desc]", O_ORDER, "print the groups ordered by a printed column, "
     "largest first unless 'asc' (as aggregate --order)", NULL},
    {"top", 0, "N", O_TOP, "print only the first N groups (as aggregate --top)", NULL},
    {"format", 0, "csv|tsv|json", O_FORMAT, "output format (default csv)", NULL},
    CLI_OPT_OUTPUT(O_OUTPUT),
    {"partial", 0, "FILE", O_PARTIAL, "write the merged partial instead (to merge again "
     "later)", NULL},
    {NULL, 0, NULL, 0, NULL, NULL},
};

static int set_option(void *ctx, int id, const char *v, ds_err *err)
{
    static const char *const formats[] = {"csv", "tsv", "json"};
    static const agg_format format_values[] = {AGG_CSV, AGG_TSV, AGG_JSON};
    merge_opts *o = ctx;
    int i = 0, rc = DS_OK;
    if (id == O_OUTPUT)
        o->output = v;
    else if (id == O_PARTIAL)
        o->partial = v;
    else if (id == O_HAVING)
        o->having = v;
    else if (id == O_ORDER)
        o->order = v;
    else if (id == O_TOP)
        rc = cli_parse_count("merge", "--top", v, &o->top, err);
    else if ((rc = cli_parse_choice("merge", "--format", v, formats, 3, &i, err)) == DS_OK)
        o->format = format_values[i];
    return rc;
}

const cli_cmd cmd_merge_cli = {
    "merge",
    "combine partial aggregates of the same query into the final table",
    "[OPTIONS] PARTIAL...",
    "Combines partial aggregates written by `damirstat aggregate --partial` into the table\n"
    "that one run over all their inputs would print. All partials must answer the same\n"
    "query (same --by, --where, --count and measures); --having, --order and --top choose\n"
    "the printed groups, as in aggregate (a merged --partial keeps every group).",
    options,
    "# add February to January without reading January again\n"
    "damirstat aggregate A202501.csv.gz --by BEN_RES_REG --sum PRS_PAI_MNT --partial jan.p\n"
    "damirstat aggregate A202502.csv.gz --by BEN_RES_REG --sum PRS_PAI_MNT --partial feb.p\n"
    "damirstat merge jan.p feb.p -o regions.csv",
    set_option,
};

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
                                "counted twice", read_display_name(files[g]),
                                read_display_name(files[i]));
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
    agg_meta meta;
    query_meta(total->q, total->rows_read, total->rows_skipped, &meta);
    agg_view *view = NULL;
    if (!o->partial && (rc = query_view_new(total->q, o->having, o->order, o->top, &view, err))) {
        out_abort(out);
        return rc;
    }
    meta.view = view;
    rc = o->partial ? partial_write(out_stream(out), total, NULL)
                    : agg_write(total->agg, out_stream(out), o->format, &meta, NULL);
    query_view_free(view);
    if (rc) {
        out_abort(out);
        return ds_err_set(err, DS_EIO, "%s: write error", path ? path : "stdout");
    }
    return out_commit(out, err);
}

int cmd_merge(int argc, char **argv, ds_err *err)
{
    merge_opts o = {NULL, NULL, AGG_CSV, NULL, NULL, 0};
    int n = 0;
    int rc = cli_parse(&cmd_merge_cli, argc, argv, &o, &n, err);
    if (rc > 0)
        return cli_finish(&cmd_merge_cli, rc);
    if (rc)
        return rc;
    if (n == 0)
        return ds_err_set(err, DS_EUSAGE, "merge: no partial file given (see --help)");
    partial total = {0};
    rc = merge_all(argv + 1, n, &total, err);
    if (rc == DS_OK)
        rc = write_result(&o, &total, err);
    partial_clear(&total);
    return rc;
}
