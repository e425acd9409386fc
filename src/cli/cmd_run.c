/* run: executes a study file — the whole pipeline from raw files to report.md. */
#include <stdio.h>
#include <string.h>

#include "damirstat/cli.h"
#include "cmd_impl.h"
#include "damirstat/study.h"

enum { O_OUTPUT, O_NO_CACHE, O_QUIET };

static const cli_opt options[] = {
    {"output", 'o', "DIR", O_OUTPUT, "write into DIR instead of the study's [output] dir", NULL},
    {"no-cache", 0, NULL, O_NO_CACHE, "aggregate again even when the inputs have not changed",
     NULL},
    CLI_OPT_QUIET(O_QUIET),
    {NULL, 0, NULL, 0, NULL, NULL},
};

static int set_option(void *ctx, int id, const char *v, ds_err *err)
{
    study_run_opts *opt = ctx;
    (void)err;
    if (id == O_OUTPUT)
        opt->out_dir = v;
    else if (id == O_NO_CACHE)
        opt->no_cache = 1;
    else if (id == O_QUIET)
        opt->quiet = 1;
    return DS_OK;
}

const cli_cmd cmd_run_cli = {
    "run",
    "run a study file: data to report.md, results.json and figures",
    "STUDY [-o DIR] [--no-cache] [-q]",
    "Runs every step of a study file (docs/study-format.md): inputs, aggregation,\n"
    "reference tables, joins, derived columns, models, figures; writes report.md and\n"
    "results.json into the output folder and prints the headline and their paths.\n"
    "The whole file is checked first: a mistake stops the run before any work (status 1).\n"
    "Relative inputs are looked for beside the study, in the folder holding a studies/\n"
    "folder, in the current folder, then in the installed share folder; the output\n"
    "folder is relative to the current folder.",
    options,
    "damirstat run studies/density-visits-2013.study -o out/2013",
    set_option,
    NULL,
};

static int parse(int argc, char **argv, const char **study, study_run_opts *opt, ds_err *err)
{
    int n = 0;
    int rc = cli_parse(&cmd_run_cli, argc, argv, opt, &n, err);
    if (rc)
        return rc;
    if (n > 1)
        return ds_err_set(err, DS_EUSAGE, "run: one study at a time ('%s' and '%s')", argv[1],
                          argv[2]);
    if (n == 0)
        return ds_err_set(err, DS_EUSAGE, "run: which study? (damirstat run STUDY)");
    *study = argv[1];
    return DS_OK;
}

int cmd_run(int argc, char **argv, ds_err *err)
{
    const char *path = NULL;
    study_run_opts opt = {NULL, 0, 0};
    int rc = parse(argc, argv, &path, &opt, err);
    if (rc > 0)
        return cli_finish(&cmd_run_cli, rc);
    study_t *s = NULL;
    study_result *res = NULL;
    if (rc == DS_OK)
        rc = study_load(path, &s, err);
    if (rc == DS_OK)
        rc = study_run(s, &opt, &res, err);
    if (rc == DS_OK) {
        if (*res->headline)
            printf("%s\n", res->headline);
        if (res->aggregated)
            printf("aggregation: %s\n", res->cache_hit ? "read from the cache (inputs unchanged)"
                                                        : "computed and cached");
        printf("report:  %s\nhtml:    %s\nresults: %s\n", res->report_path, res->html_path,
               res->json_path);
        for (size_t i = 0; i < res->nfigures; i++)
            printf("figure:  %s\n", res->figures[i]);
    }
    study_result_free(res);
    study_free(s);
    return rc;
}
