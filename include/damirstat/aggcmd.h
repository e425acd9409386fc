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
    const char *by, *where, *output, *partial;
    query_measure *measures;  /* --sum, --mean, --min, --max (comma lists split), --count-if,
                               * in the order given */
    size_t nmeasures;
    char **owned;             /* the pieces of split lists */
    size_t nowned;
    const char *measure;      /* --measure NAME, or NULL */
    int list_measures;        /* --measure list */
    const char *having, *order;
    unsigned long long top;   /* --top N; 0: all */
    int count, skip_bad, progress;
    int threads; /* 0 when -j was not given: the caller picks */
    agg_format format;
    char **files; /* the input files, in argv; "-" is stdin */
    size_t nfiles;
} aggcmd_opts;

/* The options, help and summary of `aggregate` (cli.h). */
extern const cli_cmd aggcmd_cli;

/* Parses argv (argv[0] = the command name; argv is reordered, see cli_parse). Returns DS_OK,
 * CLI_HELP or CLI_VERSION (nothing printed), AGGCMD_LIST for --measure list (files not
 * needed: print aggcmd_list_measures), or DS_EUSAGE for a bad option or no file. */
enum { AGGCMD_LIST = 16 };
int aggcmd_parse(int argc, char **argv, aggcmd_opts *o, ds_err *err);

/* Frees what aggcmd_parse allocated in o. */
void aggcmd_free(aggcmd_opts *o);

/* Prints the table of --measure list (name, rows, columns, source) on fp. */
void aggcmd_list_measures(FILE *fp);

/* Builds the query the options ask for, --measure expanded (to be freed with query_free). */
int aggcmd_query(const aggcmd_opts *o, query_t **q, ds_err *err);

/* Reports skipped rows on stderr, then writes the partial (--partial: every group) and the
 * table (-o or stdout, unless only --partial was asked for; the groups --having, --order and
 * --top choose), each atomically. */
int aggcmd_output(const aggcmd_opts *o, const query_t *q, job_result *res, ds_err *err);

#endif
