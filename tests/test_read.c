/* The reader: gzip (made here with zlib, another implementation than ours) equals plain,
 * blocks hold whole lines, damaged gzip is refused, ranges and line counts are exact. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>
#include <zlib.h>

#include "damirstat/read.h"
#include "t.h"

static void path_in_tmp(char *buf, size_t cap, const char *name)
{
    snprintf(buf, cap, "%s/%s", t_tmpdir(), name);
}

/* Lines of varied length, one of them longer than the reader's first buffer. */
static char *sample_text(size_t *len)
{
    size_t cap = 6 << 20, n = 0;
    char *s = malloc(cap);
    for (int i = 0; i < 40000; i++)
        n += (size_t)snprintf(s + n, cap - n, "%d;%d.%02d;line %d;\n", i % 97, i, i % 100, i);
    memset(s + n, 'x', (3 << 20) / 2);
    n += (3 << 20) / 2;
    n += (size_t)snprintf(s + n, cap - n, ";\nlast;line;without;newline");
    *len = n;
    return s;
}

static void write_file(const char *path, const char *data, size_t len)
{
    FILE *fp = fopen(path, "wb");
    fwrite(data, 1, len, fp);
    fclose(fp);
}

/* Writes data as gzip members of at most member bytes each, with zlib. */
static void write_gzip(const char *path, const char *data, size_t len, size_t member)
{
    remove(path);
    for (size_t off = 0; off < len; off += member) {
        gzFile gz = gzopen(path, "ab");
        size_t n = len - off < member ? len - off : member;
        gzwrite(gz, data + off, (unsigned)n);
        gzclose(gz);
    }
}

/* Reads all blocks; checks each ends with '\n' except the last. */
static int prefetching; /* read_all starts decompression ahead */

static char *read_all(const char *path, size_t *len, int *whole_lines, int *rc)
{
    reader_t *r;
    ds_err err;
    ds_err_clear(&err);
    *rc = reader_open(path, &r, &err);
    *len = 0;
    *whole_lines = 1;
    if (*rc)
        return NULL;
    if (prefetching)
        reader_prefetch(r);
    char *out = malloc(16 << 20);
    read_block b;
    int ended_without_newline = 0;
    while ((*rc = reader_next(r, &b, &err)) == DS_OK && b.size > 0) {
        if (ended_without_newline)
            *whole_lines = 0;
        memcpy(out + *len, b.buf, b.size);
        *len += b.size;
        ended_without_newline = b.buf[b.size - 1] != '\n';
    }
    reader_free(r);
    return out;
}

TEST(test_read_gzip_and_multi_member_equal_plain)
{
    size_t len;
    char *text = sample_text(&len);
    char plain[4096], one[4096], multi[4096];
    path_in_tmp(plain, sizeof plain, "t.csv");
    path_in_tmp(one, sizeof one, "t1.gz");
    path_in_tmp(multi, sizeof multi, "tm.csv");
    write_file(plain, text, len);
    write_gzip(one, text, len, len);
    write_gzip(multi, text, len, 100001); /* members cut mid-line */
    const char *paths[] = {plain, one, multi};
    for (int i = 0; i < 3; i++) {
        size_t got_len;
        int whole, rc;
        char *got = read_all(paths[i], &got_len, &whole, &rc);
        CHECK(rc == DS_OK, "%s: rc %d", paths[i], rc);
        CHECK(got_len == len && got && memcmp(got, text, len) == 0, "%s: %zu bytes, want %zu",
              paths[i], got_len, len);
        CHECK(whole, "%s: a block ended mid-line", paths[i]);
        free(got);
    }
    free(text);
}

static int read_error(const char *path, char *msg, size_t cap)
{
    size_t len;
    int whole, rc;
    reader_t *r;
    ds_err err;
    ds_err_clear(&err);
    rc = reader_open(path, &r, &err);
    if (rc == DS_OK && prefetching)
        reader_prefetch(r);
    read_block b;
    while (rc == DS_OK && (rc = reader_next(r, &b, &err)) == DS_OK && b.size > 0)
        ;
    reader_free(r);
    snprintf(msg, cap, "%s", err.msg);
    (void)len;
    (void)whole;
    return rc;
}

TEST(test_read_refuses_truncated_and_corrupt_gzip)
{
    size_t len;
    char *text = sample_text(&len);
    char gz[4096], cut[4096], msg[1024];
    path_in_tmp(gz, sizeof gz, "c.gz");
    path_in_tmp(cut, sizeof cut, "cut.gz");
    write_gzip(gz, text, len, len);
    FILE *fp = fopen(gz, "rb");
    char *z = malloc(len);
    size_t zlen = fread(z, 1, len, fp);
    fclose(fp);
    write_file(cut, z, zlen / 2);
    CHECK(read_error(cut, msg, sizeof msg) == DS_EDATA && strstr(msg, "truncated"), "%s", msg);
    write_file(cut, z, zlen - 1); /* only the last byte of ISIZE missing */
    CHECK(read_error(cut, msg, sizeof msg) == DS_EDATA && strstr(msg, "cut.gz"), "%s", msg);
    z[zlen - 8] ^= 0x55; /* RFC 1952: CRC32 of the data is the trailer's first 4 bytes */
    write_file(cut, z, zlen);
    CHECK(read_error(cut, msg, sizeof msg) == DS_EDATA && strstr(msg, "CRC"), "%s", msg);
    free(z);
    free(text);
}

TEST(test_read_ranges_and_line_counts)
{
    const char *text = "h;\n1;\n22;\n333;\n4444;\n";
    char path[4096];
    path_in_tmp(path, sizeof path, "r.csv");
    write_file(path, text, strlen(text));
    ds_err err;
    ds_err_clear(&err);
    uint64_t start, lines;
    CHECK(read_next_line_start(path, 7, &start, &err) == DS_OK && start == 10,
          "next line start after 7: %llu, want 10", (unsigned long long)start);
    CHECK(read_next_line_start(path, 21, &start, &err) == DS_OK && start == 21,
          "at the end: %llu, want 21", (unsigned long long)start);
    CHECK(read_count_lines(path, 10, &lines, &err) == DS_OK && lines == 3, "%llu lines",
          (unsigned long long)lines);
    reader_t *r;
    read_block b;
    CHECK(reader_open_range(path, 6, 15, &r, &err) == DS_OK, "%s", err.msg);
    CHECK(reader_next(r, &b, &err) == DS_OK && b.size == 9 && memcmp(b.buf, "22;\n333;\n", 9) == 0,
          "range gave %zu bytes", b.size);
    CHECK(reader_next(r, &b, &err) == DS_OK && b.size == 0, "range did not end");
    reader_free(r);
    read_info info;
    CHECK(read_probe(path, &info, &err) == DS_OK && info.splittable && !info.is_gzip &&
              info.size == strlen(text), "probe");
    CHECK(read_probe("/no/such/file", &info, &err) == DS_EIO, "missing file is DS_EIO");
}

TEST(test_read_prefetch_gives_the_same_blocks_and_errors)
{
    prefetching = 1;
    test_read_gzip_and_multi_member_equal_plain();
    test_read_refuses_truncated_and_corrupt_gzip();
    prefetching = 0;
}

/* A mapped file cut short after its block was handed out: touching the lost pages faults
 * (SIGBUS), and the guard turns the fault into a jump back to the reader's user. */
TEST(test_read_guard_catches_a_file_cut_while_mapped)
{
    size_t len;
    char *text = sample_text(&len);
    char path[4096];
    path_in_tmp(path, sizeof path, "cut.csv");
    write_file(path, text, len);
    free(text);
    ds_err err;
    ds_err_clear(&err);
    reader_t *r;
    read_block b = {NULL, 0};
    CHECK(reader_open_range(path, 0, len, &r, &err) == DS_OK, "%s", err.msg);
    CHECK(reader_next(r, &b, &err) == DS_OK && b.size > 8192, "block of %zu bytes", b.size);
    CHECK(truncate(path, 4096) == 0, "truncate");
    volatile int jumped = 0;
    volatile char last = 0;
    read_guard g;
    if (sigsetjmp(g.env, 1) == 0) {
        read_guard_enter(&g, r);
        last = b.buf[b.size - 1]; /* a page the file no longer has */
    } else {
        jumped = 1;
    }
    read_guard_leave(&g);
    CHECK(jumped, "no fault: read %d", last);
    reader_free(r);
    ds_err_clear(&err);
    CHECK(reader_open_range(path, 0, len, &r, &err) == DS_EIO &&
              strstr(err.msg, "cut.csv: changed while being read"), "reopened: %s", err.msg);
}

/* Bytes that are not text damirstat reads are named: other compressors, UTF-16; a UTF-8
 * byte order mark is skipped. */
TEST(test_read_check_text_names_foreign_files)
{
    static const struct {
        const char *head;
        size_t n;
        const char *want;
    } cases[] = {
        {"\x28\xb5\x2f\xfd\x24\x10", 6, "f: this is a zstd file; decompress it or use zstdcat f | damirstat aggregate -"},
        {"BZh91AY&SY\x01", 11, "f: this is a bzip2 file; decompress it or use bzcat f | damirstat aggregate -"},
        {"\xfd" "7zXZ\0\0\x04", 8, "f: this is an xz file; decompress it or use xzcat f | damirstat aggregate -"},
        {"\x04\x22\x4d\x18\x64", 5, "f: this is an lz4 file; decompress it or use lz4cat f | damirstat aggregate -"},
        {"\xff\xfe" "A\0", 4, "f: this is UTF-16 text; convert it: iconv -f UTF-16 -t UTF-8 f > NEW.csv"},
        {"\0A\0;", 4, "f: this is UTF-16 text; convert it: iconv -f UTF-16 -t UTF-8 f > NEW.csv"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        ds_err err;
        ds_err_clear(&err);
        size_t skip = 9;
        CHECK(read_check_text("f", cases[i].head, cases[i].n, &skip, &err) == DS_EDATA, "case %zu", i);
        CHECK_STR(err.msg, cases[i].want);
    }
    size_t skip = 0;
    CHECK(read_check_text("f", "\xef\xbb\xbf" "A;B\n", 7, &skip, NULL) == DS_OK && skip == 3, "BOM");
    CHECK(read_check_text("f", "BZh;A;B\n", 8, &skip, NULL) == DS_OK && skip == 0,
          "a header that starts with BZh is text");
}
