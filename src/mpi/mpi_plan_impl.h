/* mpi_plan: what the ranks agree on around the job itself (job_share): before any rank
 * reads its share, that every rank planned the same work (the same files with the same
 * sizes and first bytes, cut into the same pieces); after, the CRC-32 of every piece, so
 * that rank 0 can record what each input held (aggregate --partial). */
#ifndef DAMIRSTAT_MPI_PLAN_IMPL_H
#define DAMIRSTAT_MPI_PLAN_IMPL_H

#include "damirstat/job.h"

/* The job_share of MPI_COMM_WORLD: its callbacks are collective. */
const job_share *mpi_plan_share(void);

#endif
