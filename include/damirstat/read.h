/* read: the bytes of a bulk input file, plain or gzip, handed out in blocks of whole lines.
 *
 * Gzip is recognised by its magic bytes (1f 8b), never by the file name, and may hold several
 * members (`cat a.gz b.gz`); a truncated stream or a CRC mismatch is an error naming the file.
 * "-" is standard input. A block always ends just after a '\n', except the last block of the
 * input, which may end without one: a line cut at a block edge moves to the front of the next
 * block, so a consumer never sees half a line. Memory is bounded by the longest line, not by
 * the input size. Plain files can also be read as byte ranges, for threads that split them. */
#ifndef DAMIRSTAT_READ_H
#define DAMIRSTAT_READ_H

#include <setjmp.h>
#include <stddef.h>
#include <stdint.h>

#include "damirstat/err.h"

typedef struct reader reader_t;

typedef struct read_block {
    const char *buf; /* valid until the next reader_next or reader_free */
    size_t size;     /* 0 at the end of the input */
} read_block;

/* What a file is, found without reading more than its first bytes. */
typedef struct read_info {
    int is_gzip;    /* starts with the gzip magic bytes */
    int splittable; /* a plain regular file: may be read as ranges */
    uint64_t size;  /* bytes on disk (compressed size for gzip); 0 for stdin or a pipe */
    uint64_t dev, ino; /* the file's identity, to notice one file given twice (stdin's too) */
    int is_stdin;
} read_info;

/* Whether two probed inputs are one file (the same device and inode, stdin included when it
 * is redirected from a file, or both stdin): named twice, its rows would be counted twice. */
int read_same_file(const read_info *a, const read_info *b);

/* The name messages give path: "stdin" for "-", else path itself. */
const char *read_display_name(const char *path);

/* Fills *info for path ("-" = stdin, which is never splittable). A FIFO, a pipe
 * (/dev/stdin, `<(cmd)`) or a device is only stat'ed, never opened or read here, so that
 * its bytes stay for the reader. DS_EIO if missing or unreadable. */
int read_probe(const char *path, read_info *info, ds_err *err);

/* Checks the first bytes of a file's content (decompressed: the header line's start): a
 * UTF-8 byte order mark is not part of the header (*skip = 3, else 0); bzip2, zstd, xz or
 * lz4 data and UTF-16 text are DS_EDATA naming what the file is and how to read it
 * ("FILE: this is a zstd file; decompress it or use zstdcat FILE | damirstat aggregate -").
 * name is the file as messages show it. */
int read_check_text(const char *name, const char *head, size_t n, size_t *skip, ds_err *err);

/* CRC-32 as gzip and zlib compute it (ISA-L's, at memory speed): crc of n more bytes after
 * crc (0 to start); and the CRC of two spans from theirs (len2: the second's length). */
uint32_t read_crc32(uint32_t crc, const void *p, size_t n);
/* CRC-32 of the first n bytes of a regular file as stored (0 for stdin, a pipe or a FIFO,
 * whose bytes only the reader may take). DS_EIO if it cannot be read. */
int read_head_crc(const char *path, size_t n, uint32_t *crc, ds_err *err);
uint32_t read_crc32_combine(uint32_t crc1, uint32_t crc2, uint64_t len2);

/* Opens path ("-" = stdin) as a stream of decompressed bytes. *out receives the reader. */
int reader_open(const char *path, reader_t **out, ds_err *err);

/* Opens bytes [start, end) of a plain regular file; start and end must be line starts (or
 * the file's end). Used by threads that each read a part of one big file. */
int reader_open_range(const char *path, uint64_t start, uint64_t end, reader_t **out,
                      ds_err *err);

/* Hands out the next block of whole lines; blk->size == 0 at the end. DS_EDATA for corrupt
 * or truncated gzip, DS_EIO for a read error; both messages name the file. */
int reader_next(reader_t *r, read_block *blk, ds_err *err);

/* Starts decompressing ahead in a thread of its own, so that a consumer scanning one block
 * overlaps with the inflation of the next (gzip and pipes; nothing for mapped files). The
 * blocks handed out are the same. Call right after opening; reader_free stops the thread. */
int reader_prefetch(reader_t *r);

/* Bytes of the file consumed so far (compressed bytes for gzip): for progress reports. */
uint64_t reader_consumed(const reader_t *r);

/* Asks a mapped reader (a plain file or range) for the CRC-32 of the bytes it hands out:
 * off by default, since on a file already in memory it costs about a tenth of the scan's
 * time. Streams (gzip, pipes) always compute it: for gzip it is under 1 %. Call right after
 * opening. */
void reader_want_crc(reader_t *r);

/* CRC-32 of the file bytes read so far (the compressed bytes for gzip; the range's bytes
 * for a range): what the file held while it was read. Complete once reader_next gave the
 * end of the input; 0 for a mapped reader not asked (reader_want_crc). */
uint32_t reader_crc(const reader_t *r);

/* A mapped file that shrinks while it is read (truncated, rewritten in place) makes the next
 * access to the lost pages fault (SIGBUS). A consumer that reads r's blocks brackets that
 * work with a guard, in the thread that does it:
 *     read_guard g;
 *     if (sigsetjmp(g.env, 1) == 0) { read_guard_enter(&g, r); ...read and scan...; }
 *     else { the file changed: "FILE: changed while being read" }
 *     read_guard_leave(&g);
 * Locals changed inside the guarded part are unreliable after the jump: keep what must be
 * freed outside the function that calls sigsetjmp. A fault elsewhere kills as before. */
typedef struct read_guard {
    sigjmp_buf env;
    const reader_t *r;
} read_guard;
void read_guard_enter(read_guard *g, const reader_t *r);
void read_guard_leave(read_guard *g);

/* Closes the file and frees r. Accepts NULL. */
void reader_free(reader_t *r);

/* Finds in a plain file the first line start at or after offset (the file size if none), so
 * that a file can be cut into ranges of whole lines. */
int read_next_line_start(const char *path, uint64_t offset, uint64_t *line_start, ds_err *err);

/* Counts the '\n' bytes in [0, offset) of a plain file: the line number of a byte found by a
 * thread that started mid-file (called on the error path only). */
int read_count_lines(const char *path, uint64_t offset, uint64_t *lines, ds_err *err);

#endif
