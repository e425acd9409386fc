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
    {"partial", 0, "FILE", O_PARTIAL, "write the merged partial (to merge again later); no "
     "table is printed unless -o is given too", NULL},
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
    else if (id == O_HAVING && o->having) /* the last winning would drop the first unsaid */
        rc = ds_err_set(err, DS_EUSAGE, "merge: --having given twice ('%s', '%s'): join the "
                        "conditions with 'and'", o->having, v);
    else if (id == O_HAVING)
        o->having = v;
    else if (id == O_ORDER)
        o->order = v;
    else if (id == O_TOP)
        rc = cli_parse_top("merge", v, &o->top, err);
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
    "the printed groups, as in aggregate (a merged --partial keeps every group). A partial\n"
    "records the inputs it covers (name, bytes, CRC-32): two that cover the same input (a\n"
    "copy, or a merged partial and one of its parts) are refused, as its rows would count\n"
    "twice. With --partial and -o, both are written, or neither.",
    options,
    "# add February to January without reading January again\n"
    "damirstat aggregate A202501.csv.gz --by BEN_RES_REG --sum PRS_PAI_MNT --partial jan.p\n"
    "damirstat aggregate A202502.csv.gz --by BEN_RES_REG --sum PRS_PAI_MNT --partial feb.p\n"
    "damirstat merge jan.p feb.p -o regions.csv",
    set_option,
    NULL,
};

/* One partial named twice would count its groups twice. */
static int check_names(char **files, int n, ds_err *err)
{
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
    return rc;
}

/* Reads every partial into total, refusing any that answers another query or covers an
 * input an earlier one covers (a copy of a partial, or a merged partial and one of its
 * parts). parts keeps the record of the inputs each one covers. */
static int merge_all(char **files, int n, partial *total, ds_err *err)
{
    int rc = check_names(files, n, err);
    partial *parts = xcalloc((size_t)n, sizeof *parts);
    for (int i = 0; i < n && rc == DS_OK; i++) {
        partial *p = &parts[i];
        if ((rc = partial_read(files[i], i ? p : total, err)) != 0)
            break;
        if (i == 0) {
            partial_add_inputs(p, total); /* parts[0]: total's own record, kept apart */
            p->inputs_known = total->inputs_known;
            continue;
        }
        if (strcmp(p->query, total->query) != 0)
            rc = ds_err_set(err, DS_EDATA, "merge: %s and %s answer different queries:\n  %s\n  %s",
                            files[0], files[i], total->query, p->query);
        for (int g = 0; g < i && rc == DS_OK; g++)
            rc = partial_check_overlap(&parts[g], read_display_name(files[g]), p,
                                       read_display_name(files[i]), err);
        if (rc == DS_OK)
            rc = agg_merge(total->agg, p->agg, err);
        total->rows_read += p->rows_read;
        total->rows_skipped += p->rows_skipped;
        partial_add_inputs(total, p);
        agg_free(p->agg); /* the record stays, the groups are in total */
        p->agg = NULL;
    }
    for (int i = 0; i < n; i++) {
        if (rc == DS_OK && !parts[i].inputs_known)
            fprintf(stderr, "damirstat: merge: %s was written by an older damirstat and records "
                    "no inputs: that it covers none of the others' cannot be checked\n",
                    read_display_name(files[i]));
        partial_clear(&parts[i]);
    }
    free(parts);
    return rc;
}

/* The table as --format says, through the --having/--order/--top view. */
static int put_table(const merge_opts *o, partial *total, FILE *fp, ds_err *err)
{
    agg_meta meta;
    query_meta(total->q, total->rows_read, total->rows_skipped, &meta);
    agg_view *view = NULL;
    int rc = query_view_new(total->q, o->having, o->order, o->top, &view, err);
    if (rc)
        return rc;
    meta.view = view;
    rc = agg_write(total->agg, fp, o->format, &meta, err); /* DS_EDATA: a --having error */
    query_view_free(view);
    if (rc == DS_EIO) {
        ds_err_clear(err);
        rc = ds_err_set(err, DS_EIO, "%s: write error", o->output ? o->output : "stdout");
    }
    return rc;
}

/* The merged partial (--partial) and the table (-o, or stdout without --partial), both
 * written before either replaces an old file. */
static int write_result(const merge_opts *o, partial *total, ds_err *err)
{
    out_t *outs[2] = {NULL, NULL};
    int table = !o->partial || o->output, rc = DS_OK;
    if (o->partial)
        rc = out_open(o->partial, &outs[0], err);
    if (rc == DS_OK && table)
        rc = out_open(o->output, &outs[1], err);
    if (rc == DS_OK && o->partial && partial_write(out_stream(outs[0]), total, NULL) != DS_OK)
        rc = ds_err_set(err, DS_EIO, "%s: write error", o->partial);
    if (rc == DS_OK && table)
        rc = put_table(o, total, out_stream(outs[1]), err);
    if (rc) {
        out_abort(outs[0]);
        out_abort(outs[1]);
        return rc;
    }
    return out_commit_all(outs + !o->partial, (size_t)(!!o->partial + table), err);
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
