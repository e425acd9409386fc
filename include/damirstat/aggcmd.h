/* aggcmd: the options and the output of `aggregate`, shared by the single-process command
 * (src/cmd_aggregate.c) and the MPI one (src/mpi/), so that both accept the same words and
 * write the same bytes. */
#ifndef DAMIRSTAT_AGGCMD_H
#define DAMIRSTAT_AGGCMD_H

#include "damirstat/agg.h"
#include "damirstat/cli.h"
#include "damirstat/err.h"
#include "damirstat/job.h"
#include "damirstat/query.h"

typedef struct aggcmd_opts {
    const char *by, *where, *sums, *output, *partial;
    int count, skip_bad, progress;
    int threads; /* 0 when -j was not given: the caller picks */
    agg_format format;
    char **files; /* the input files, in argv; "-" is stdin */
    size_t nfiles;
} aggcmd_opts;

/* The options, help and summary of `aggregate` (cli.h). */
extern const cli_cmd aggcmd_cli;

/* Parses argv (argv[0] = the command name; argv is reordered, see cli_parse). Returns DS_OK,
 * CLI_HELP or CLI_VERSION (nothing printed), or DS_EUSAGE for a bad option or no file. */
int aggcmd_parse(int argc, char **argv, aggcmd_opts *o, ds_err *err);

/* Builds the query the options ask for (to be freed with query_free). */
int aggcmd_query(const aggcmd_opts *o, query_t **q, ds_err *err);

/* Reports skipped rows on stderr, then writes the partial (--partial) and the table (-o or
 * stdout, unless only --partial was asked for), each atomically. */
int aggcmd_output(const aggcmd_opts *o, const query_t *q, job_result *res, ds_err *err);

#endif
