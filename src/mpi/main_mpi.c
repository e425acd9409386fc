/* damirstat-mpi: `aggregate` over MPI ranks. Every rank plans the same tasks from the same
 * files (a shared file system is assumed), runs its share (job.h), and the aggregates meet
 * at rank 0 along a tree of exact merges; rank 0 alone prints and writes, so the output is
 * the bytes a single `damirstat aggregate` would write, and an error is printed once. */
#include <mpi.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "damirstat/aggcmd.h"
#include "damirstat/version.h"
#include "mpi_agg_impl.h"

static const char usage[] =
    "Usage: mpirun -np N damirstat-mpi aggregate [OPTIONS] FILE...\n"
    "\n"
    "Runs `damirstat aggregate` over N MPI ranks: files, and large plain files cut at line\n"
    "starts, are dealt to the ranks by size; rank 0 merges the ranks' aggregates and writes\n"
    "the same table (or partial) that one process would. Every rank must see the files at\n"
    "the same paths. -j defaults to the cores of a node divided by its ranks.\n"
    "\n";

/* Threads per rank when -j is not given: the node's cores shared by the ranks on it. */
static int default_threads(void)
{
    MPI_Comm node;
    int local = 1;
    if (MPI_Comm_split_type(MPI_COMM_WORLD, MPI_COMM_TYPE_SHARED, 0, MPI_INFO_NULL, &node) ==
        MPI_SUCCESS) {
        MPI_Comm_size(node, &local);
        MPI_Comm_free(&node);
    }
    int n = job_threads(0) / (local > 0 ? local : 1);
    return n > 0 ? n : 1;
}

static int check_args(int argc, char **argv, int rank, aggcmd_opts *o, ds_err *err)
{
    if (argc < 2 || strcmp(argv[1], "aggregate") != 0) {
        if (argc >= 2 && strcmp(argv[1], "--help") == 0)
            return CLI_HELP;
        if (argc >= 2 && strcmp(argv[1], "--version") == 0)
            return CLI_VERSION;
        return ds_err_set(err, DS_EUSAGE, "expected `damirstat-mpi aggregate [OPTIONS] FILE...` "
                                          "(see damirstat-mpi --help)");
    }
    int rc = aggcmd_parse(argc - 1, argv + 1, o, err);
    if (rc)
        return rc;
    for (size_t i = 0; i < o->nfiles; i++)
        if (strcmp(o->files[i], "-") == 0)
            return ds_err_set(err, DS_EUSAGE, "aggregate: '-' (stdin) cannot be shared by MPI "
                                              "ranks; give files");
    if (o->threads == 0)
        o->threads = default_threads();
    o->progress = o->progress && rank == 0; /* one report, of rank 0's share */
    return DS_OK;
}

/* The ranks agree on the failure one process would have reported first; rank 0 gets its
 * message. Returns the same code on every rank. */
static int agree_on_failure(int rc, const job_result *res, ds_err *err)
{
    uint64_t key[3] = {rc != 0, res->failed_at, 0};
    int from = mpi_agg_pick(key, MPI_COMM_WORLD);
    if (from < 0)
        return DS_OK;
    MPI_Bcast(&rc, 1, MPI_INT, from, MPI_COMM_WORLD);
    mpi_agg_fetch_text(err->msg, sizeof err->msg, from, MPI_COMM_WORLD);
    err->code = rc;
    return rc;
}

/* Sums the counters at rank 0 and names the skipped row one process would have named. */
static void agree_on_counts(job_result *res, int skip_bad)
{
    uint64_t mine[2] = {res->rows_read, res->rows_skipped}, total[2] = {0, 0};
    MPI_Reduce(mine, total, 2, MPI_UINT64_T, MPI_SUM, 0, MPI_COMM_WORLD);
    res->rows_read = total[0];
    res->rows_skipped = total[1];
    if (!skip_bad)
        return;
    uint64_t key[3] = {mine[1] > 0, res->first_skipped_at[0], res->first_skipped_at[1]};
    int from = mpi_agg_pick(key, MPI_COMM_WORLD);
    mpi_agg_fetch_text(res->first_skipped, sizeof res->first_skipped, from, MPI_COMM_WORLD);
}

static int run(int argc, char **argv, int rank, int size, ds_err *err)
{
    aggcmd_opts o = {0};
    int rc = check_args(argc, argv, rank, &o, err);
    if (rc == CLI_VERSION && rank == 0)
        fputs("damirstat-mpi " DAMIRSTAT_VERSION "\n", stdout);
    else if (rc == CLI_HELP && rank == 0) {
        fputs(usage, stdout);
        cli_help(&aggcmd_cli, stdout);
    } else if (rc == AGGCMD_LIST && rank == 0) {
        aggcmd_list_measures(stdout);
    }
    query_t *q = NULL;
    if (rc == DS_OK)
        rc = aggcmd_query(&o, &q, err);
    if (rc) {
        aggcmd_free(&o);
        return rc > 0 ? DS_OK : rc; /* every rank parsed the same words: no one waits */
    }
    job_opts jo = {o.threads, o.progress, o.skip_bad, rank, size};
    job_result res;
    rc = job_run(q, o.files, o.nfiles, &jo, &res, err);
    rc = agree_on_failure(rc, &res, err);
    if (rc == DS_OK) {
        agree_on_counts(&res, o.skip_bad);
        rc = mpi_agg_reduce(res.agg, query_nsums(q), MPI_COMM_WORLD, err);
    }
    if (rc == DS_OK && rank == 0)
        rc = aggcmd_output(&o, q, &res, err);
    agg_free(res.agg);
    query_free(q);
    aggcmd_free(&o);
    return rc;
}

int main(int argc, char **argv)
{
    int rank, size;
    MPI_Init(&argc, &argv);
    MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    MPI_Comm_size(MPI_COMM_WORLD, &size);
    ds_err err;
    ds_err_clear(&err);
    int rc = run(argc, argv, rank, size, &err);
    int status = ds_exit_status(rc);
    if (rc != DS_OK && rank == 0)
        fprintf(stderr, "damirstat: %s\n", err.msg[0] ? err.msg : "failed");
    if (rank == 0 && (fflush(stdout) != 0 || ferror(stdout))) {
        fprintf(stderr, "damirstat: stdout: write error\n");
        status = status ? status : DS_EXIT_IO;
    }
    MPI_Finalize();
    return status;
}
