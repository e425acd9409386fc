#include "damirstat/read.h"

#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <isa-l/crc.h>
#include <isa-l/igzip_lib.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "read_impl.h"

/* ISA-L's igzip was measured fastest here (4.7 GB/s out vs zlib 1.7 and libdeflate 1.1 on a
 * 1.26 GB file, see the agg branch report), and unlike libdeflate it streams, so memory
 * stays bounded and stdin works. */
enum {
    BLOCK_BYTES = 1 << 20,     /* decompressed block handed out: stays in L2 while scanned */
    INPUT_BYTES = 256 << 10,   /* compressed bytes read at a time */
    MAX_LINE_BYTES = 1 << 30,  /* a longer "line" is not a DAMIR file */
    WINDOW_BYTES = 16 << 20    /* plain files are mapped this much at a time: no copy, and
                                  resident memory stays bounded whatever the file size */
};

struct reader {
    int fd;
    char *name;        /* for messages: the path, or "stdin" */
    int gzip;
    uint64_t pos, end; /* next file offset to read and where to stop (ranges) */
    uint64_t consumed; /* file bytes read so far */
    int eof;           /* no more bytes to come from the file or the decompressor */
    char *buf;
    size_t cap, len, handed; /* buf holds len bytes; the first `handed` went out already */
    unsigned char *in;       /* compressed input, gzip only */
    int in_eof;
    struct inflate_state *zs;
    struct prefetch *ahead; /* decompression running ahead in a thread, if started */
    int mapped;        /* a plain regular file read through mmap windows */
    void *map;         /* the window blocks are handed out from */
    size_t map_len;
    uint64_t map_off, win_end; /* file offsets of its first byte and after its last line */
    int want_crc;      /* compute crc (reader_want_crc) */
    uint32_t crc;      /* of the file bytes read so far (the reader thread's, when ahead) */
};

static reader_t *reader_alloc(const char *path, int fd)
{
    reader_t *r = xcalloc(1, sizeof *r);
    r->fd = fd;
    r->name = xstrdup(read_display_name(path));
    r->end = UINT64_MAX;
    r->cap = BLOCK_BYTES;
    r->buf = xmalloc(r->cap);
    return r;
}

/* Reads up to n raw file bytes into dst; *got = 0 at end of file or range. */
static int read_raw(reader_t *r, void *dst, size_t n, size_t *got, ds_err *err)
{
    if (r->end - r->pos < n)
        n = (size_t)(r->end - r->pos);
    ssize_t k;
    do
        k = read(r->fd, dst, n);
    while (k < 0 && errno == EINTR);
    if (k < 0)
        return ds_err_set(err, DS_EIO, "%s: read error: %s", r->name, strerror(errno));
    *got = (size_t)k;
    r->pos += (size_t)k;
    r->consumed += (size_t)k;
    /* always: gzip's compressed bytes cost nothing beside inflating them, and a stream's
     * first bytes are read at open, before anyone could ask */
    r->crc = crc32_gzip_refl(r->crc, dst, (uint64_t)k);
    return DS_OK;
}

/* Makes at least n compressed bytes available at zs->next_in (fewer only at the end of the
 * input), moving what is left to the front of the input buffer. */
static int ensure_input(reader_t *r, uint32_t n, ds_err *err)
{
    struct inflate_state *zs = r->zs;
    if (zs->avail_in >= n || r->in_eof)
        return DS_OK;
    memmove(r->in, zs->next_in, zs->avail_in);
    zs->next_in = r->in;
    while (zs->avail_in < n && !r->in_eof) {
        size_t got;
        int rc = read_raw(r, r->in + zs->avail_in, INPUT_BYTES - zs->avail_in, &got, err);
        if (rc)
            return rc;
        zs->avail_in += (uint32_t)got;
        r->in_eof = got == 0;
    }
    return DS_OK;
}

/* ISA-L skips the reserved FLG bits of a member header, which RFC 1952 (2.3.1.2) says a
 * decompressor must refuse: a stream with them set is damaged, not data. */
static int check_member_header(reader_t *r, ds_err *err)
{
    int rc = ensure_input(r, 4, err);
    if (rc)
        return rc;
    const uint8_t *h = r->zs->next_in;
    if (r->zs->avail_in >= 4 && (h[2] != 8 || (h[3] & 0xE0) != 0))
        return ds_err_set(err, DS_EDATA, "%s: gzip: bad gzip header", r->name);
    return DS_OK;
}

/* Peeks at the first bytes of a stream to detect gzip; they stay in the input buffer. */
static int detect_gzip(reader_t *r, ds_err *err)
{
    unsigned char head[2];
    size_t have = 0, got = 1;
    while (have < 2 && got > 0) {
        int rc = read_raw(r, head + have, 2 - have, &got, err);
        if (rc)
            return rc;
        have += got;
    }
    r->gzip = have == 2 && head[0] == 0x1f && head[1] == 0x8b;
    if (r->gzip) {
        r->in = xmalloc(INPUT_BYTES);
        memcpy(r->in, head, 2);
        r->zs = xmalloc(sizeof *r->zs);
        isal_inflate_init(r->zs);
        r->zs->crc_flag = ISAL_GZIP;
        r->zs->next_in = r->in;
        r->zs->avail_in = 2;
        return check_member_header(r, err);
    } else {
        memcpy(r->buf, head, have);
        r->len = have;
        r->eof = have < 2;
    }
    return DS_OK;
}

int reader_open(const char *path, reader_t **out, ds_err *err)
{
    *out = NULL;
    int fd;
    int rc = read_open_fd(path, &fd, err);
    if (rc)
        return rc;
    reader_t *r = reader_alloc(path, fd);
    struct stat st;
    unsigned char magic[2];
    if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode) &&
        !(pread(fd, magic, 2, 0) == 2 && magic[0] == 0x1f && magic[1] == 0x8b)) {
        r->mapped = 1;
        r->end = (uint64_t)st.st_size;
        *out = r;
        return DS_OK;
    }
    rc = detect_gzip(r, err);
    if (rc) {
        reader_free(r);
        return rc;
    }
    posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL);
    *out = r;
    return DS_OK;
}

int reader_open_range(const char *path, uint64_t start, uint64_t end, reader_t **out,
                      ds_err *err)
{
    *out = NULL;
    int fd;
    int rc = read_open_fd(path, &fd, err);
    if (rc)
        return rc;
    if (lseek(fd, (off_t)start, SEEK_SET) < 0) {
        rc = ds_err_set(err, DS_EIO, "%s: cannot seek: %s", path, strerror(errno));
        close(fd);
        return rc;
    }
    reader_t *r = reader_alloc(path, fd);
    r->pos = start;
    r->end = end;
    struct stat st;
    if (fstat(fd, &st) == 0 && S_ISREG(st.st_mode)) {
        r->mapped = 1;
        if (end != UINT64_MAX && end > (uint64_t)st.st_size) {
            /* planned on a longer file: it was cut since, and its last lines are gone */
            reader_free(r);
            return ds_err_set(err, DS_EIO, "%s: changed while being read", read_display_name(path));
        }
        if (r->end > (uint64_t)st.st_size)
            r->end = (uint64_t)st.st_size;
    }
    posix_fadvise(fd, (off_t)start, (off_t)(end - start), POSIX_FADV_SEQUENTIAL);
    *out = r;
    return DS_OK;
}

/* Reads the next compressed bytes into the (used up) input buffer; in_eof at the end. */
static int refill_input(reader_t *r, ds_err *err)
{
    size_t got;
    int rc = read_raw(r, r->in, INPUT_BYTES, &got, err);
    if (rc)
        return rc;
    r->zs->next_in = r->in;
    r->zs->avail_in = (uint32_t)got;
    r->in_eof = got == 0;
    return DS_OK;
}

/* Zero bytes after the last member (tape blocks, a preallocated file): gzip(1) ignores
 * them, and so do we, to the end of the input; anything else among them is garbage. */
static int skip_zero_padding(reader_t *r, ds_err *err)
{
    struct inflate_state *zs = r->zs;
    for (;;) {
        for (uint32_t i = 0; i < zs->avail_in; i++)
            if (zs->next_in[i] != 0)
                return ds_err_set(err, DS_EDATA, "%s: trailing garbage after gzip data", r->name);
        int rc = refill_input(r, err);
        if (rc || r->in_eof) {
            r->eof = r->in_eof;
            return rc;
        }
    }
}

/* Starts the next gzip member if more input follows the one just finished; anything that
 * is not another member (or zero padding) is an error, as gzip(1) would say. */
static int next_member(reader_t *r, ds_err *err)
{
    struct inflate_state *zs = r->zs;
    if (zs->avail_in == 0 && !r->in_eof) {
        int rc = refill_input(r, err);
        if (rc)
            return rc;
    }
    if (zs->avail_in == 0) {
        r->eof = 1;
        return DS_OK;
    }
    int rc = ensure_input(r, 4, err);
    if (rc)
        return rc;
    if (zs->next_in[0] == 0)
        return skip_zero_padding(r, err);
    if (zs->avail_in < 2 || zs->next_in[0] != 0x1f || zs->next_in[1] != 0x8b)
        return ds_err_set(err, DS_EDATA, "%s: trailing garbage after gzip data", r->name);
    if ((rc = check_member_header(r, err)) != 0)
        return rc;
    uint8_t *next = zs->next_in;
    uint32_t avail = zs->avail_in;
    isal_inflate_reset(zs);
    zs->crc_flag = ISAL_GZIP;
    zs->next_in = next;
    zs->avail_in = avail;
    return DS_OK;
}

static int gzip_error(reader_t *r, int code, ds_err *err)
{
    const char *why = code == ISAL_INCORRECT_CHECKSUM ? "CRC mismatch (corrupt data)"
                      : code == ISAL_INVALID_WRAPPER  ? "bad gzip header"
                                                      : "corrupt deflate data";
    return ds_err_set(err, DS_EDATA, "%s: gzip: %s", r->name, why);
}

/* Decompresses into buf until it is full or the input ends. */
static int fill_gzip(reader_t *r, ds_err *err)
{
    struct inflate_state *zs = r->zs;
    while (r->len < r->cap && !r->eof) {
        if (zs->block_state == ISAL_BLOCK_FINISH) {
            int rc = next_member(r, err);
            if (rc || r->eof)
                return rc;
        }
        if (zs->avail_in == 0 && !r->in_eof) {
            int rc = refill_input(r, err);
            if (rc)
                return rc;
        }
        zs->next_out = (uint8_t *)r->buf + r->len;
        zs->avail_out = (uint32_t)(r->cap - r->len);
        uint32_t before = zs->avail_out, in_before = zs->avail_in;
        int rc = isal_inflate(zs);
        if (rc < 0)
            return gzip_error(r, rc, err);
        r->len += before - zs->avail_out;
        if (zs->block_state != ISAL_BLOCK_FINISH && r->in_eof && zs->avail_in == 0 &&
            before == zs->avail_out && in_before == 0)
            return ds_err_set(err, DS_EDATA, "%s: gzip: truncated (unexpected end of data)",
                              r->name);
    }
    return DS_OK;
}

static int fill_plain(reader_t *r, ds_err *err)
{
    while (r->len < r->cap && !r->eof) {
        size_t got;
        int rc = read_raw(r, r->buf + r->len, r->cap - r->len, &got, err);
        if (rc)
            return rc;
        r->len += got;
        r->eof = got == 0;
        if (got > 0)
            break; /* hand out what a pipe gave rather than wait for more */
    }
    return DS_OK;
}

static int grow(reader_t *r, ds_err *err)
{
    if (r->cap >= MAX_LINE_BYTES)
        return ds_err_set(err, DS_EDATA, "%s: a line is longer than %d MiB", r->name,
                          MAX_LINE_BYTES >> 20);
    r->cap *= 2;
    r->buf = xrealloc(r->buf, r->cap);
    return DS_OK;
}

/* Maps the window of whole lines that starts at r->pos; a line longer than the window widens
 * it. r->win_end: the file offset just after its last whole line. */
static int map_window(reader_t *r, ds_err *err)
{
    if (r->map)
        munmap(r->map, r->map_len);
    r->map = NULL;
    uint64_t page = (uint64_t)sysconf(_SC_PAGESIZE);
    struct stat st;
    if (fstat(r->fd, &st) == 0 && (uint64_t)st.st_size < r->end)
        return ds_err_set(err, DS_EIO, "%s: changed while being read", r->name);
    for (uint64_t want = WINDOW_BYTES;; want *= 2) {
        uint64_t aligned = r->pos & ~(page - 1);
        uint64_t stop = r->end - r->pos < want ? r->end : r->pos + want;
        r->map_len = (size_t)(stop - aligned);
        /* No MAP_POPULATE: the kernel's fault-around maps a whole page-cache folio per fault
         * (~9,000 faults a GB here), which cost 5 % less CPU than populating page by page. */
        r->map = mmap(NULL, r->map_len, PROT_READ, MAP_PRIVATE, r->fd, (off_t)aligned);
        if (r->map == MAP_FAILED) {
            r->map = NULL;
            return ds_err_set(err, DS_EIO, "%s: cannot map: %s", r->name, strerror(errno));
        }
        r->map_off = aligned;
        const char *start = (const char *)r->map + (r->pos - aligned);
        size_t avail = (size_t)(stop - r->pos);
        const char *nl = stop == r->end ? start + avail - 1 : memrchr(start, '\n', avail);
        if (nl) {
            r->win_end = r->pos + (uint64_t)(nl + 1 - start);
            return DS_OK;
        }
        munmap(r->map, r->map_len);
        r->map = NULL;
        if (want >= MAX_LINE_BYTES)
            return ds_err_set(err, DS_EDATA, "%s: a line is longer than %d MiB", r->name,
                              MAX_LINE_BYTES >> 20);
    }
}

/* Hands out the next block of whole lines of the mapped window, BLOCK_BYTES or a little
 * more: its CRC is taken just before the scan reads it, while it is in the cache (over a
 * whole window, that second pass cost 18 % of the scan's time). */
static int next_mapped(reader_t *r, read_block *blk, ds_err *err)
{
    if (r->pos >= r->end)
        return DS_OK;
    int rc = !r->map || r->pos >= r->win_end ? map_window(r, err) : DS_OK;
    if (rc)
        return rc;
    const char *start = (const char *)r->map + (r->pos - r->map_off);
    const char *win_end = (const char *)r->map + (r->win_end - r->map_off);
    size_t size = (size_t)(win_end - start);
    if (size > BLOCK_BYTES) {
        const char *nl = memrchr(start, '\n', BLOCK_BYTES);
        if (!nl) /* a line longer than a block: to its end, which the window holds */
            nl = memchr(start + BLOCK_BYTES, '\n', size - BLOCK_BYTES);
        size = (size_t)(nl + 1 - start);
    }
    blk->buf = start;
    blk->size = size;
    r->pos += size;
    r->consumed += size;
    if (r->want_crc)
        r->crc = crc32_gzip_refl(r->crc, (const unsigned char *)start, size);
    return DS_OK;
}

static int next_sync(reader_t *r, read_block *blk, ds_err *err)
{
    if (r->mapped) {
        blk->buf = r->buf;
        blk->size = 0;
        return next_mapped(r, blk, err);
    }
    blk->buf = r->buf;
    blk->size = 0;
    memmove(r->buf, r->buf + r->handed, r->len - r->handed);
    r->len -= r->handed;
    r->handed = 0;
    for (;;) {
        size_t searched = r->len;
        int rc = r->gzip ? fill_gzip(r, err) : fill_plain(r, err);
        if (rc)
            return rc;
        const char *nl = r->len > searched ? memrchr(r->buf + searched, '\n', r->len - searched)
                                           : NULL;
        if (nl || (r->eof && r->len > 0)) {
            r->handed = nl ? (size_t)(nl - r->buf) + 1 : r->len;
            blk->buf = r->buf; /* after any growth moved it */
            blk->size = r->handed;
            return DS_OK;
        }
        if (r->eof)
            return DS_OK;
        if (r->len == r->cap && (rc = grow(r, err)) != 0)
            return rc;
    }
}

/* Decompression ahead: a thread calls next_sync and copies each block into one of a few
 * slots; the consumer scans one slot while the thread fills the others. */
enum { SLOTS = 3 };

struct prefetch {
    pthread_t tid;
    pthread_mutex_t mu;
    pthread_cond_t cv;
    char *buf[SLOTS];
    size_t cap[SLOTS], size[SLOTS];
    uint64_t consumed[SLOTS];
    size_t head, count; /* oldest filled slot, and how many are filled */
    int held;           /* the consumer still scans the slot at head */
    int done, stop, rc;
    ds_err err;
};

/* The slot takes the buffer just filled, whole, and the reader goes on in the slot's old
 * buffer, which the consumer is done with: only the cut line at the end is copied, not the
 * block (with a copy of every block, prefetching was slower than none on a loaded machine). */
static void hand_over(reader_t *r, struct prefetch *a, size_t slot)
{
    char *fresh = a->buf[slot];
    size_t fresh_cap = a->cap[slot];
    if (fresh_cap < r->cap) {
        fresh = xrealloc(fresh, r->cap);
        fresh_cap = r->cap;
    }
    memcpy(fresh, r->buf + r->handed, r->len - r->handed);
    a->buf[slot] = r->buf;
    a->cap[slot] = r->cap;
    r->buf = fresh;
    r->cap = fresh_cap;
    r->len -= r->handed;
    r->handed = 0;
}

static void *prefetch_main(void *arg)
{
    reader_t *r = arg;
    struct prefetch *a = r->ahead;
    for (;;) {
        pthread_mutex_lock(&a->mu);
        while (a->count == SLOTS && !a->stop)
            pthread_cond_wait(&a->cv, &a->mu);
        int stop = a->stop;
        size_t slot = (a->head + a->count) % SLOTS;
        pthread_mutex_unlock(&a->mu);
        if (stop)
            return NULL;
        read_block blk = {NULL, 0};
        int rc = next_sync(r, &blk, &a->err);
        if (rc == DS_OK && blk.size)
            hand_over(r, a, slot);
        pthread_mutex_lock(&a->mu);
        a->size[slot] = rc ? 0 : blk.size;
        a->consumed[slot] = r->consumed;
        a->count++;
        a->done = rc || blk.size == 0;
        a->rc = rc;
        pthread_cond_broadcast(&a->cv);
        pthread_mutex_unlock(&a->mu);
        if (rc || blk.size == 0)
            return NULL;
    }
}

int reader_prefetch(reader_t *r)
{
    if (r->mapped || r->ahead)
        return DS_OK; /* nothing to overlap: mapped pages need no work to produce */
    struct prefetch *a = xcalloc(1, sizeof *a);
    pthread_mutex_init(&a->mu, NULL);
    pthread_cond_init(&a->cv, NULL);
    ds_err_clear(&a->err);
    r->ahead = a;
    if (pthread_create(&a->tid, NULL, prefetch_main, r) != 0) {
        r->ahead = NULL;
        free(a);
        return DS_EIO; /* the caller just reads without help */
    }
    return DS_OK;
}

static int next_ahead(reader_t *r, read_block *blk, ds_err *err)
{
    struct prefetch *a = r->ahead;
    pthread_mutex_lock(&a->mu);
    if (a->held) {
        a->head = (a->head + 1) % SLOTS;
        a->count--;
        a->held = 0;
        pthread_cond_broadcast(&a->cv);
    }
    while (a->count == 0)
        pthread_cond_wait(&a->cv, &a->mu);
    size_t slot = a->head;
    int last = a->done && a->count == 1;
    blk->buf = a->buf[slot] ? a->buf[slot] : r->buf;
    blk->size = a->size[slot];
    a->held = 1;
    int rc = last ? a->rc : DS_OK;
    pthread_mutex_unlock(&a->mu);
    if (rc)
        return ds_err_set(err, rc, "%s", a->err.msg);
    return DS_OK;
}

int reader_next(reader_t *r, read_block *blk, ds_err *err)
{
    return r->ahead ? next_ahead(r, blk, err) : next_sync(r, blk, err);
}

uint64_t reader_consumed(const reader_t *r)
{
    if (!r->ahead)
        return r->consumed;
    struct prefetch *a = r->ahead;
    pthread_mutex_lock(&a->mu);
    uint64_t c = a->consumed[a->head];
    pthread_mutex_unlock(&a->mu);
    return c;
}

static void stop_prefetch(reader_t *r)
{
    struct prefetch *a = r->ahead;
    pthread_mutex_lock(&a->mu);
    a->stop = 1;
    pthread_cond_broadcast(&a->cv);
    pthread_mutex_unlock(&a->mu);
    pthread_join(a->tid, NULL);
    for (int i = 0; i < SLOTS; i++)
        free(a->buf[i]);
    pthread_mutex_destroy(&a->mu);
    pthread_cond_destroy(&a->cv);
    free(a);
    r->ahead = NULL;
}

void reader_free(reader_t *r)
{
    if (!r)
        return;
    if (r->ahead)
        stop_prefetch(r);
    if (r->fd != STDIN_FILENO)
        close(r->fd);
    if (r->map)
        munmap(r->map, r->map_len);
    free(r->name);
    free(r->buf);
    free(r->in);
    free(r->zs);
    free(r);
}

/* The guard of this thread's reading, if any: a fault inside the window its reader mapped
 * (the file shrank) jumps back to it; any other fault keeps its default action. */
static _Thread_local read_guard *guard;
static pthread_once_t sigbus_once = PTHREAD_ONCE_INIT;

static void on_sigbus(int sig, siginfo_t *si, void *uctx)
{
    (void)uctx;
    read_guard *g = guard;
    const reader_t *r = g ? g->r : NULL;
    const char *at = si->si_addr;
    if (r && r->map && at >= (const char *)r->map && at < (const char *)r->map + r->map_len)
        siglongjmp(g->env, 1);
    signal(sig, SIG_DFL); /* not ours: the access faults again, and kills as it would have */
}

static void install_sigbus(void)
{
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_sigbus;
    sa.sa_flags = SA_SIGINFO;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGBUS, &sa, NULL);
}

void read_guard_enter(read_guard *g, const reader_t *r)
{
    pthread_once(&sigbus_once, install_sigbus);
    g->r = r;
    guard = g;
}

void read_guard_leave(read_guard *g)
{
    (void)g;
    guard = NULL;
}

void reader_want_crc(reader_t *r)
{
    r->want_crc = 1;
}

uint32_t reader_crc(const reader_t *r)
{
    return r->crc;
}

int read_next_line_start(const char *path, uint64_t offset, uint64_t *line_start, ds_err *err)
{
    reader_t *r;
    int rc = reader_open_range(path, offset, UINT64_MAX, &r, err);
    if (rc)
        return rc;
    *line_start = offset;
    for (;;) {
        size_t got;
        if ((rc = read_raw(r, r->buf, r->cap, &got, err)) != 0 || got == 0)
            break;
        const char *nl = memchr(r->buf, '\n', got);
        if (nl) {
            *line_start += (uint64_t)(nl - r->buf) + 1;
            break;
        }
        *line_start += got;
    }
    reader_free(r);
    return rc;
}

int read_count_lines(const char *path, uint64_t offset, uint64_t *lines, ds_err *err)
{
    reader_t *r;
    int rc = reader_open_range(path, 0, offset, &r, err);
    if (rc)
        return rc;
    *lines = 0;
    size_t got;
    while ((rc = read_raw(r, r->buf, r->cap, &got, err)) == 0 && got > 0) {
        for (const char *p = r->buf, *end = r->buf + got;
             (p = memchr(p, '\n', (size_t)(end - p))) != NULL; p++)
            (*lines)++;
    }
    reader_free(r);
    return rc;
}
