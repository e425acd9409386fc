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
    uint64_t dev, ino; /* the file's identity, to notice one file given twice (0 for stdin) */
    int is_stdin;
} read_info;

/* Whether two probed inputs are one file (the same device and inode, or both stdin): named
 * twice, its rows would be counted twice. */
int read_same_file(const read_info *a, const read_info *b);

/* The name messages give path: "stdin" for "-", else path itself. */
const char *read_display_name(const char *path);

/* Fills *info for path ("-" = stdin, which is never splittable). DS_EIO if unreadable. */
int read_probe(const char *path, read_info *info, ds_err *err);

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

/* Closes the file and frees r. Accepts NULL. */
void reader_free(reader_t *r);

/* Finds in a plain file the first line start at or after offset (the file size if none), so
 * that a file can be cut into ranges of whole lines. */
int read_next_line_start(const char *path, uint64_t offset, uint64_t *line_start, ds_err *err);

/* Counts the '\n' bytes in [0, offset) of a plain file: the line number of a byte found by a
 * thread that started mid-file (called on the error path only). */
int read_count_lines(const char *path, uint64_t offset, uint64_t *lines, ds_err *err);

#endif
