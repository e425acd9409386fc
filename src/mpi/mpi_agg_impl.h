/* mpi_agg: aggregates moved between MPI ranks, and the agreements the ranks reach before
 * rank 0 writes anything: which failure to report, which skipped row to name.
 *
 * An aggregate travels as bytes: a status word (0, or the DS_E* code of a rank that failed
 * while merging, followed by its message), then per group the key length, the key, the
 * positive and negative totals of each sum and the count, in the host's byte order (the
 * ranks of one job run the same binary on the same kind of node). Merging is exact, so the
 * shape of the tree does not change a single byte of the result. */
#ifndef DAMIRSTAT_MPI_AGG_IMPL_H
#define DAMIRSTAT_MPI_AGG_IMPL_H

#include <mpi.h>
#include <stdint.h>

#include "damirstat/agg.h"
#include "damirstat/err.h"

/* Merges every rank's aggregate into rank 0's a along a binomial tree (log2 N rounds).
 * Collective; returns the same code on every rank, with the message filled on rank 0. */
int mpi_agg_reduce(agg_t *a, size_t nsums, MPI_Comm comm, ds_err *err);

/* Of the ranks whose key[0] is non-zero, the one with the smallest (key[1], key[2]), ties to
 * the lowest rank; -1 when none. Collective: every rank gets the same answer. */
int mpi_agg_pick(const uint64_t key[3], MPI_Comm comm);

/* Copies rank from's text (NUL-terminated, < cap bytes) into rank 0's buf. Collective. */
void mpi_agg_fetch_text(char *buf, size_t cap, int from, MPI_Comm comm);

#endif
