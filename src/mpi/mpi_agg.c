#include "mpi_agg_impl.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

enum { TAG_AGG = 1, TAG_TEXT = 2 };

typedef struct bytes {
    char *p;
    size_t len, cap;
} bytes;

static void put(bytes *b, const void *src, size_t n)
{
    if (b->len + n > b->cap) {
        b->cap = (b->len + n) * 2;
        b->p = xrealloc(b->p, b->cap);
    }
    memcpy(b->p + b->len, src, n);
    b->len += n;
}

static void pack_status(bytes *b, int rc, const char *msg)
{
    int64_t status = rc;
    put(b, &status, sizeof status);
    if (rc)
        put(b, msg, strlen(msg) + 1);
}

static void pack_groups(bytes *b, const agg_t *a, size_t nsums)
{
    size_t n = agg_ngroups(a);
    for (size_t i = 0; i < n; i++) {
        agg_group g = agg_get(a, i);
        uint64_t klen = g.key_len;
        put(b, &klen, sizeof klen);
        put(b, g.key, g.key_len);
        put(b, g.pos, nsums * sizeof *g.pos);
        put(b, g.neg, nsums * sizeof *g.neg);
        put(b, g.ext, agg_next(a) * sizeof *g.ext);
        put(b, &g.count, sizeof g.count);
    }
}

/* Adds the groups of a received buffer to a; the sender's failure becomes ours. */
static int unpack_into(agg_t *a, size_t nsums, const char *p, size_t len, ds_err *err)
{
    const char *end = p + len;
    int64_t status;
    if (len < sizeof status)
        return ds_err_set(err, DS_EIO, "MPI: short message from a rank");
    memcpy(&status, p, sizeof status);
    p += sizeof status;
    if (status != 0)
        return ds_err_set(err, (int)status, "%.*s", (int)(end - p), p);
    size_t nacc = 2 * nsums + agg_next(a); /* pos, neg, then the extra accumulators */
    int64_t *sums = xcalloc(nacc + 1, sizeof *sums);
    int rc = DS_OK;
    while (rc == DS_OK && p < end) {
        uint64_t klen, count;
        size_t need = sizeof klen;
        memcpy(&klen, p, sizeof klen);
        need += klen + nacc * sizeof *sums + sizeof count;
        if (klen > (size_t)(end - p) || need > (size_t)(end - p)) {
            rc = ds_err_set(err, DS_EIO, "MPI: truncated aggregate from a rank");
            break;
        }
        const char *key = p + sizeof klen;
        memcpy(sums, key + klen, nacc * sizeof *sums);
        memcpy(&count, key + klen + nacc * sizeof *sums, sizeof count);
        agg_group g = {key, (size_t)klen, sums, sums + nsums, count, sums + 2 * nsums};
        rc = agg_add_group(a, &g, err);
        p += need;
    }
    free(sums);
    return rc;
}

static int recv_and_merge(agg_t *a, size_t nsums, int src, MPI_Comm comm, ds_err *err)
{
    MPI_Status st;
    int n;
    MPI_Probe(src, TAG_AGG, comm, &st);
    MPI_Get_count(&st, MPI_BYTE, &n);
    char *buf = xmalloc(n > 0 ? (size_t)n : 1);
    MPI_Recv(buf, n, MPI_BYTE, src, TAG_AGG, comm, MPI_STATUS_IGNORE);
    int rc = unpack_into(a, nsums, buf, (size_t)n, err);
    free(buf);
    return rc;
}

static void send_up(const agg_t *a, size_t nsums, int rc, const ds_err *err, int dst,
                    MPI_Comm comm)
{
    bytes b = {0};
    pack_status(&b, rc, err->msg);
    if (rc == DS_OK)
        pack_groups(&b, a, nsums);
    if (b.len > INT_MAX) { /* MPI counts are int: say so rather than send half */
        b.len = 0;
        pack_status(&b, DS_EIO, "MPI: a rank's aggregate is over 2 GB; use fewer --by columns "
                                "or `aggregate --partial` and `merge`");
    }
    MPI_Send(b.p, (int)b.len, MPI_BYTE, dst, TAG_AGG, comm);
    free(b.p);
}

int mpi_agg_reduce(agg_t *a, size_t nsums, MPI_Comm comm, ds_err *err)
{
    int rank, size, rc = DS_OK;
    MPI_Comm_rank(comm, &rank);
    MPI_Comm_size(comm, &size);
    /* Round k: ranks with bit k set send to the rank without it and leave the tree. */
    for (int step = 1; step < size; step <<= 1) {
        if (rank & step) {
            send_up(a, nsums, rc, err, rank - step, comm);
            break;
        }
        if (rank + step < size) {
            int got = recv_and_merge(a, nsums, rank + step, comm, rc ? NULL : err);
            rc = rc ? rc : got;
        }
    }
    MPI_Bcast(&rc, 1, MPI_INT, 0, comm);
    return rc;
}

int mpi_agg_pick(const uint64_t key[3], MPI_Comm comm)
{
    int size;
    MPI_Comm_size(comm, &size);
    uint64_t *all = xcalloc(3 * (size_t)size, sizeof *all);
    MPI_Allgather(key, 3, MPI_UINT64_T, all, 3, MPI_UINT64_T, comm);
    int best = -1;
    for (int r = 0; r < size; r++) {
        const uint64_t *k = all + 3 * r, *b = best < 0 ? NULL : all + 3 * best;
        if (k[0] && (!b || k[1] < b[1] || (k[1] == b[1] && k[2] < b[2])))
            best = r;
    }
    free(all);
    return best;
}

void mpi_agg_fetch_text(char *buf, size_t cap, int from, MPI_Comm comm)
{
    int rank;
    MPI_Comm_rank(comm, &rank);
    if (from <= 0 || cap > INT_MAX)
        return;
    if (rank == from)
        MPI_Send(buf, (int)strnlen(buf, cap - 1) + 1, MPI_CHAR, 0, TAG_TEXT, comm);
    else if (rank == 0) {
        MPI_Recv(buf, (int)cap, MPI_CHAR, from, TAG_TEXT, comm, MPI_STATUS_IGNORE);
        buf[cap - 1] = '\0';
    }
}
