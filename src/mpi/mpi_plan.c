/* mpi_plan: the ranks check they planned the same work before any reads its share, since a
 * rank that sees other bytes at the same path (a node-local copy that differs, a file being
 * replaced while the job starts) would add the wrong rows with exit 0; and they gather the
 * pieces' CRC-32s for the record a partial keeps. See mpi_plan_impl.h. */
#include <limits.h>
#include <mpi.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "mpi_agg_impl.h"
#include "mpi_plan_impl.h"

/* The first line where a rank's plan and rank 0's differ, written into out as
 * "rank 0: LINE; rank R: LINE"; 0 when the plans are the same. */
static int first_difference(const char *zero, const char *mine, int rank, char *out,
                            size_t cap)
{
    while (*zero || *mine) {
        size_t a = strcspn(zero, "\n"), b = strcspn(mine, "\n");
        if (a != b || memcmp(zero, mine, a) != 0) {
            snprintf(out, cap, "rank 0: %.*s; rank %d: %.*s", (int)(a < 300 ? a : 300),
                     a ? zero : "(nothing more)", rank, (int)(b < 300 ? b : 300),
                     b ? mine : "(nothing more)");
            return 1;
        }
        zero += a + (zero[a] == '\n');
        mine += b + (mine[b] == '\n');
    }
    return 0;
}

/* Rank 0's plan, on every rank (its own on rank 0); caller frees on the others. */
static char *broadcast_plan(const char *plan, int rank)
{
    unsigned long long len = rank == 0 ? strlen(plan) : 0;
    MPI_Bcast(&len, 1, MPI_UNSIGNED_LONG_LONG, 0, MPI_COMM_WORLD);
    if (len > INT_MAX) /* a plan of 2 GB would be millions of files: compare nothing */
        return rank == 0 ? (char *)(uintptr_t)plan : xstrdup(plan);
    char *zero = rank == 0 ? (char *)(uintptr_t)plan : xmalloc(len + 1);
    MPI_Bcast(zero, (int)len, MPI_CHAR, 0, MPI_COMM_WORLD);
    zero[len] = '\0';
    return zero;
}

static int agree(const char *plan, void *ctx, ds_err *err)
{
    (void)ctx;
    int rank, planned = plan != NULL, all_planned = 0;
    MPI_Comm_rank(MPI_COMM_WORLD, &rank);
    MPI_Allreduce(&planned, &all_planned, 1, MPI_INT, MPI_LAND, MPI_COMM_WORLD);
    if (!all_planned)
        return planned ? JOB_PLAN_FAILED_ELSEWHERE : DS_OK; /* the failed rank says why */
    char *zero = broadcast_plan(plan, rank), diff[800] = "";
    int differ = rank != 0 && first_difference(zero, plan, rank, diff, sizeof diff);
    if (rank != 0)
        free(zero);
    uint64_t key[3] = {(uint64_t)differ, (uint64_t)rank, 0};
    int from = mpi_agg_pick(key, MPI_COMM_WORLD);
    if (from < 0)
        return DS_OK;
    ds_err_set(err, DS_EIO, "MPI: rank %d does not see the inputs rank 0 sees, and every rank "
               "must read the same bytes (a node-local copy that differs, or a file replaced "
               "as the job started?): %s", from, diff);
    mpi_agg_fetch_text(err->msg, sizeof err->msg, from, MPI_COMM_WORLD);
    return DS_EIO;
}

static void gather(uint32_t *crc, uint64_t *counts, size_t ntasks, void *ctx)
{
    (void)ctx;
    if (ntasks == 0 || 2 * ntasks > INT_MAX)
        return;
    MPI_Allreduce(MPI_IN_PLACE, crc, (int)ntasks, MPI_UINT32_T, MPI_BOR, MPI_COMM_WORLD);
    MPI_Allreduce(MPI_IN_PLACE, counts, (int)(2 * ntasks), MPI_UINT64_T, MPI_SUM, MPI_COMM_WORLD);
}

const job_share *mpi_plan_share(void)
{
    static const job_share share = {agree, gather, NULL};
    return &share;
}
