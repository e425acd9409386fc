/* Fuzzes the reader: the bytes are a bulk input file, gzip (one or more members) or plain.
 *
 * Invariants checked: every block but the last ends with '\n'; a plain file comes out
 * unchanged; a gzip file the reader accepts is one zlib accepts too (so a bad CRC, a bad
 * length or a truncated member is never taken for data; zero bytes after the last member are
 * padding, as gzip -t says) and decompresses to the same bytes;
 * an error fills ds_err with its code and a message. Inputs whose last byte is odd are read
 * with the decompression thread (reader_prefetch), the others without. */
#include "fuzz.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>

#include "damirstat/read.h"

static int zeros_only(const Bytef *p, uInt n)
{
    for (uInt i = 0; i < n; i++)
        if (p[i] != 0)
            return 0;
    return 1;
}

/* Decompresses every gzip member of data with zlib into *out; 0 on success, -1 when zlib
 * finds the input corrupt or cut short. */
static int gzip_reference(const uint8_t *data, size_t size, uint8_t **out, size_t *out_len)
{
    z_stream zs;
    memset(&zs, 0, sizeof zs);
    if (inflateInit2(&zs, 16 + MAX_WBITS) != Z_OK)
        return -1;
    size_t cap = 4096, len = 0;
    uint8_t *buf = malloc(cap);
    zs.next_in = (Bytef *)(uintptr_t)data;
    zs.avail_in = (uInt)size;
    int rc = Z_OK;
    while (buf) {
        if (len == cap)
            buf = realloc(buf, cap *= 2);
        if (!buf)
            break;
        zs.next_out = buf + len;
        zs.avail_out = (uInt)(cap - len);
        rc = inflate(&zs, Z_NO_FLUSH);
        len = cap - zs.avail_out;
        if (rc == Z_STREAM_END) {
            if (zeros_only(zs.next_in, zs.avail_in))
                break; /* the end, or zero padding after it, which gzip -t accepts too */
            inflateReset(&zs); /* another member follows */
        } else if (rc != Z_OK && !(rc == Z_BUF_ERROR && zs.avail_out == 0)) {
            break;
        }
    }
    inflateEnd(&zs);
    *out = buf;
    *out_len = len;
    return buf && rc == Z_STREAM_END ? 0 : -1;
}

int fuzz_gzip(const uint8_t *data, size_t size)
{
    char path[64];
    int fd;
    if (size > (1u << 20) || fuzz_memfile(data, size, path, sizeof path, &fd) != 0)
        return 0;
    ds_err err;
    ds_err_clear(&err);
    reader_t *r = NULL;
    size_t cap = 4096, len = 0;
    char *got = malloc(cap);
    int rc = reader_open(path, &r, &err);
    if (rc == DS_OK && size > 0 && (data[size - 1] & 1))
        reader_prefetch(r);
    read_block blk;
    int ended_open = 0; /* a block that did not end with '\n' came already */
    while (rc == DS_OK && (rc = reader_next(r, &blk, &err)) == DS_OK && blk.size > 0) {
        if (ended_open)
            fuzz_fail("gzip: a block without its final '\\n' was not the last");
        ended_open = blk.buf[blk.size - 1] != '\n';
        while (len + blk.size > cap)
            got = realloc(got, cap *= 2);
        memcpy(got + len, blk.buf, blk.size);
        len += blk.size;
    }
    if (rc < 0 && (err.code != rc || err.msg[0] == '\0'))
        fuzz_fail("gzip: an error without its code or message");
    int gzip = size >= 2 && data[0] == 0x1f && data[1] == 0x8b;
    if (rc == DS_OK && !gzip && (len != size || memcmp(got, data, size) != 0))
        fuzz_fail("gzip: a plain file did not come out unchanged");
    if (rc == DS_OK && gzip) {
        uint8_t *want;
        size_t want_len;
        if (gzip_reference(data, size, &want, &want_len) != 0)
            fuzz_fail("gzip: the reader accepted a stream zlib finds corrupt");
        if (want_len != len || memcmp(want, got, len) != 0)
            fuzz_fail("gzip: the reader and zlib decompress to different bytes");
        free(want);
    }
    free(got);
    reader_free(r);
    close(fd);
    return 0;
}
