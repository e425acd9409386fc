/* read_probe: what a file is, before it is read — stdin or a name, a regular file or a
 * stream, gzip or not, the same file as another, text or another compressor's data — and
 * the CRC-32 helpers (ISA-L's, the values of zlib and gzip). */
#include "damirstat/read.h"

#include <errno.h>
#include <fcntl.h>
#include <isa-l/crc.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include "read_impl.h"

int read_is_stdin(const char *path)
{
    return strcmp(path, "-") == 0;
}

const char *read_display_name(const char *path)
{
    return read_is_stdin(path) ? "stdin" : path;
}

int read_open_fd(const char *path, int *fd, ds_err *err)
{
    if (read_is_stdin(path)) {
        *fd = STDIN_FILENO;
        return DS_OK;
    }
    *fd = open(path, O_RDONLY | O_CLOEXEC);
    if (*fd < 0)
        return ds_err_set(err, DS_EIO, "%s: cannot open: %s", path, strerror(errno));
    return DS_OK;
}

int read_same_file(const read_info *a, const read_info *b)
{
    if ((a->dev || a->ino) && a->dev == b->dev && a->ino == b->ino)
        return 1; /* stdin redirected from a file named too: `- F < F` */
    return a->is_stdin && b->is_stdin;
}

int read_probe(const char *path, read_info *info, ds_err *err)
{
    memset(info, 0, sizeof *info);
    info->is_stdin = read_is_stdin(path);
    /* stat, not open: opening a FIFO only to look at it would take it from its writer */
    struct stat st;
    if (info->is_stdin ? fstat(STDIN_FILENO, &st) != 0 : stat(path, &st) != 0)
        return info->is_stdin ? DS_OK
                              : ds_err_set(err, DS_EIO, "%s: cannot open: %s", path, strerror(errno));
    if (S_ISDIR(st.st_mode))
        return ds_err_set(err, DS_EIO, "%s: is a folder, not a file", read_display_name(path));
    info->dev = (uint64_t)st.st_dev;
    info->ino = (uint64_t)st.st_ino;
    if (info->is_stdin || !S_ISREG(st.st_mode))
        return DS_OK; /* a pipe, FIFO or stdin is streamed: the reader finds gzip itself */
    int fd, rc = read_open_fd(path, &fd, err);
    if (rc)
        return rc;
    unsigned char magic[2];
    ssize_t n = pread(fd, magic, 2, 0);
    if (n < 0)
        rc = ds_err_set(err, DS_EIO, "%s: cannot read: %s", path, strerror(errno));
    close(fd);
    info->is_gzip = n == 2 && magic[0] == 0x1f && magic[1] == 0x8b;
    info->splittable = !info->is_gzip;
    info->size = (uint64_t)st.st_size;
    return rc;
}

/* What the first bytes of a file are, when they are not text damirstat reads: other
 * compressors' magic numbers (bzip2: "BZh", block size, then the block magic of the pi
 * digits 314159265359; zstd RFC 8878 3.1.1; xz file format 2.1.1.1; LZ4 frame format) and
 * the UTF-16 byte order marks. */
static const struct {
    const char *magic;
    size_t len;
    const char *what, *tool; /* a decompressor to pipe through, or NULL for UTF-16 */
} foreign[] = {
    {"\x28\xb5\x2f\xfd", 4, "a zstd file", "zstdcat"},
    {"\xfd""7zXZ\0", 6, "an xz file", "xzcat"},
    {"\x04\x22\x4d\x18", 4, "an lz4 file", "lz4cat"},
    {"BZh", 3, "a bzip2 file", "bzcat"}, /* checked further by is_bzip2 */
    {"\xff\xfe", 2, "UTF-16 text", NULL},
    {"\xfe\xff", 2, "UTF-16 text", NULL},
};

static int is_bzip2(const unsigned char *p, size_t n)
{
    return n >= 10 && memcmp(p, "BZh", 3) == 0 && p[3] >= '1' && p[3] <= '9' &&
           memcmp(p + 4, "\x31\x41\x59\x26\x53\x59", 6) == 0;
}

static int foreign_file(const char *name, size_t i, ds_err *err)
{
    if (!foreign[i].tool)
        return ds_err_set(err, DS_EDATA, "%s: this is UTF-16 text; convert it: iconv -f UTF-16 "
                          "-t UTF-8 %s > NEW.csv", name, name);
    return ds_err_set(err, DS_EDATA, "%s: this is %s; decompress it or use %s %s | damirstat "
                      "aggregate -", name, foreign[i].what, foreign[i].tool, name);
}

int read_check_text(const char *name, const char *head, size_t n, size_t *skip, ds_err *err)
{
    const unsigned char *p = (const unsigned char *)head;
    *skip = n >= 3 && memcmp(p, "\xef\xbb\xbf", 3) == 0 ? 3 : 0; /* UTF-8 byte order mark */
    for (size_t i = 0; i < sizeof foreign / sizeof foreign[0]; i++)
        if (n >= foreign[i].len && memcmp(p, foreign[i].magic, foreign[i].len) == 0 &&
            (p[0] != 'B' || is_bzip2(p, n)))
            return foreign_file(name, i, err);
    /* UTF-16 without a byte order mark: every other byte of ASCII text is zero */
    if (n >= 4 && ((p[0] && !p[1] && p[2] && !p[3]) || (!p[0] && p[1] && !p[2] && p[3])))
        return foreign_file(name, sizeof foreign / sizeof foreign[0] - 1, err);
    return DS_OK;
}

int read_head_crc(const char *path, size_t n, uint32_t *crc, ds_err *err)
{
    *crc = 0;
    struct stat st;
    if (read_is_stdin(path) || stat(path, &st) != 0 || !S_ISREG(st.st_mode))
        return DS_OK; /* a stream's bytes are the reader's alone */
    int fd, rc = read_open_fd(path, &fd, err);
    if (rc)
        return rc;
    unsigned char *head = xmalloc(n ? n : 1);
    ssize_t got = pread(fd, head, n, 0);
    if (got < 0)
        rc = ds_err_set(err, DS_EIO, "%s: cannot read: %s", path, strerror(errno));
    else
        *crc = crc32_gzip_refl(0, head, (uint64_t)got);
    free(head);
    close(fd);
    return rc;
}

uint32_t read_crc32(uint32_t crc, const void *p, size_t n)
{
    return crc32_gzip_refl(crc, p, n);
}

uint32_t read_crc32_combine(uint32_t crc1, uint32_t crc2, uint64_t len2)
{
    return (uint32_t)crc32_combine(crc1, crc2, (z_off_t)len2);
}

