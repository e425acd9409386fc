/* run: executes a study file — the whole pipeline from raw files to report.md. */
#include <stdio.h>
#include <string.h>

#include "damirstat/cmd.h"
#include "damirstat/study.h"

static void help(void)
{
    printf("Usage: damirstat run STUDY [--out DIR] [--no-cache]\n"
           "\n"
           "Runs every step of a study file (docs/study-format.md): inputs, aggregation,\n"
           "reference tables, joins, derived columns, models, figures; writes report.md and\n"
           "results.json into the output folder and prints the headline and their paths.\n"
           "\n"
           "Options:\n"
           "  --out DIR    write into DIR instead of the study's [output] dir\n"
           "  --no-cache   aggregate again even when the inputs have not changed\n"
           "\n"
           "Example:\n"
           "  damirstat run studies/density-visits-2013.study --out out/2013\n");
}

static int parse(int argc, char **argv, const char **study, study_run_opts *opt, ds_err *err)
{
    *study = NULL;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--out") == 0 || strcmp(argv[i], "-o") == 0) {
            if (++i == argc)
                return ds_err_set(err, DS_EUSAGE, "run: %s needs a folder", argv[i - 1]);
            opt->out_dir = argv[i];
        } else if (strcmp(argv[i], "--no-cache") == 0) {
            opt->no_cache = 1;
        } else if (argv[i][0] == '-' && argv[i][1]) {
            return ds_err_set(err, DS_EUSAGE, "run: unknown option '%s' (see damirstat run "
                              "--help)", argv[i]);
        } else if (*study) {
            return ds_err_set(err, DS_EUSAGE, "run: one study at a time ('%s' and '%s')",
                              *study, argv[i]);
        } else {
            *study = argv[i];
        }
    }
    if (!*study)
        return ds_err_set(err, DS_EUSAGE, "run: which study? (damirstat run STUDY)");
    return DS_OK;
}

int cmd_run(int argc, char **argv, ds_err *err)
{
    for (int i = 1; i < argc; i++)
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            help();
            return DS_OK;
        }
    const char *path;
    study_run_opts opt = {NULL, 0};
    int rc = parse(argc, argv, &path, &opt, err);
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
        printf("report:  %s\nresults: %s\n", res->report_path, res->json_path);
        for (size_t i = 0; i < res->nfigures; i++)
            printf("figure:  %s\n", res->figures[i]);
    }
    study_result_free(res);
    study_free(s);
    return rc;
}
