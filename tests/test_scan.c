/* The bulk scanner against libcsv on random unquoted files, plus numbers and quotes. */
#include <csv.h>
#include <stdint.h>
#include <stdlib.h>

#include "damirstat/scan.h"
#include "../src/scan/scan_impl.h"
#include "t.h"

enum { MAX_FIELDS = 14, MAX_ROWS = 64, SCAN_TEST_LEVELS = 5 };

/* Rows as a list of fields, filled by either parser. */
typedef struct rows {
    size_t n;
    unsigned nfields[MAX_ROWS];
    char *field[MAX_ROWS][MAX_FIELDS];
} rows;

static void rows_free(rows *r)
{
    for (size_t i = 0; i < r->n; i++)
        for (unsigned j = 0; j < r->nfields[i] && j < MAX_FIELDS; j++)
            free(r->field[i][j]);
    r->n = 0;
}

static void csv_field(void *s, size_t len, void *data)
{
    rows *r = data;
    unsigned j = r->nfields[r->n]++;
    if (j < MAX_FIELDS)
        r->field[r->n][j] = strndup(s, len);
}

static void csv_row(int c, void *data)
{
    (void)c;
    ((rows *)data)->n++;
}

static int no_space(unsigned char c)
{
    (void)c;
    return 0; /* libcsv trims blanks by default; Open DAMIR fields are taken as written */
}

static void parse_libcsv(const char *buf, size_t len, rows *out)
{
    struct csv_parser p;
    csv_init(&p, 0);
    csv_set_delim(&p, ';');
    csv_set_space_func(&p, no_space);
    memset(out, 0, sizeof *out);
    csv_parse(&p, buf, len, csv_field, csv_row, out);
    csv_fini(&p, csv_field, csv_row, out);
    csv_free(&p);
}

typedef struct scan_ctx {
    rows *out;
    const unsigned *cols;
    size_t ncols;
    int lazy; /* columns after the first are cut by scan_cut_rest */
} scan_ctx;

static int on_line(void *ctx, const scan_row *row, ds_err *err)
{
    (void)err;
    scan_ctx *c = ctx;
    rows *r = c->out;
    if (c->lazy)
        scan_cut_rest(row);
    r->nfields[r->n] = row->nfields;
    for (size_t i = 0; i < c->ncols; i++) {
        scan_field f = scan_get(row, i);
        if (c->cols[i] < row->nfields && c->cols[i] < MAX_FIELDS)
            r->field[r->n][c->cols[i]] = f.p ? strndup(f.p, f.len) : strdup("(null)");
    }
    r->n++;
    return DS_OK;
}

/* level: a scan_use_level level, or -1 for the best one. */
static int parse_scan(const char *buf, size_t len, const unsigned *cols, size_t ncols,
                      int level, rows *out)
{
    memset(out, 0, sizeof *out);
    scan_t *s = scan_new(cols, ncols);
    if (level >= 0 && scan_use_level(s, level) != 0) {
        scan_free(s);
        return -100; /* this CPU lacks it: the caller skips the level */
    }
    int lazy = ncols < MAX_FIELDS; /* the queries with a --where: see query.c */
    if (lazy)
        scan_set_eager(s, 1);
    scan_ctx c = {out, cols, ncols, lazy};
    ds_err err;
    ds_err_clear(&err);
    int rc = scan_block(s, buf, len, 1, on_line, &c, &err);
    scan_free(s);
    return rc;
}

/* A random unquoted ';' file: random field counts and contents (empty fields included),
 * LF or CRLF line ends, with or without a final line end. */
static size_t random_file(char *buf, unsigned *seed)
{
    static const char alphabet[] = "0123456789.-abcXYZ _/";
    size_t n = 0, lines = (size_t)(rand_r(seed) % 40);
    for (size_t i = 0; i < lines; i++) {
        unsigned nf = 1 + (unsigned)rand_r(seed) % 12;
        for (unsigned f = 0; f < nf; f++) {
            int len = rand_r(seed) % 4 == 0 ? 0 : rand_r(seed) % (rand_r(seed) % 5 ? 6 : 70); /* lines past 256 bytes too */
            for (int k = 0; k < len; k++)
                buf[n++] = alphabet[rand_r(seed) % (sizeof alphabet - 1)];
            if (f + 1 < nf)
                buf[n++] = ';';
        }
        if (i + 1 < lines || rand_r(seed) % 2) {
            if (rand_r(seed) % 3 == 0)
                buf[n++] = '\r';
            buf[n++] = '\n';
        }
    }
    return n;
}

static int same_rows(const rows *a, const rows *b, const unsigned *cols, size_t ncols)
{
    if (a->n != b->n)
        return 0;
    for (size_t i = 0; i < a->n; i++) {
        if (a->nfields[i] != b->nfields[i])
            return 0;
        for (size_t c = 0; c < ncols; c++) {
            unsigned j = cols[c];
            if (j < a->nfields[i] && strcmp(a->field[i][j], b->field[i][j]) != 0)
                return 0;
        }
    }
    return 1;
}

TEST(test_scan_agrees_with_libcsv_on_random_files)
{
    static const unsigned all[MAX_FIELDS] = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13};
    static const unsigned some[] = {7, 2, 5, 11};
    char *buf = malloc(64 * 1024);
    unsigned seed = 20250101;
    int bad = 0;
    for (int file = 0; file < 2000 && bad < 3; file++) {
        size_t len = random_file(buf, &seed);
        rows want, got;
        parse_libcsv(buf, len, &want);
        int ok = 1;
        for (int level = -1; level < SCAN_TEST_LEVELS; level++) {
            int rc = parse_scan(buf, len, all, MAX_FIELDS, level, &got);
            ok = ok && (rc == -100 || (rc == DS_OK && same_rows(&want, &got, all, MAX_FIELDS)));
            rows_free(&got);
            rc = parse_scan(buf, len, some, 4, level, &got);
            ok = ok && (rc == -100 || (rc == DS_OK && same_rows(&want, &got, some, 4)));
            rows_free(&got);
            CHECK(ok, "file %d (%zu bytes), level %d: parsed differently from libcsv:\n%.*s",
                  file, len, level, (int)len, buf);
        }
        bad += !ok;
        rows_free(&got);
        rows_free(&want);
    }
    free(buf);
}

static int count_line(void *ctx, const scan_row *row, ds_err *err)
{
    (void)row;
    (void)err;
    (*(int *)ctx)++;
    return DS_OK;
}

TEST(test_scan_rejects_quotes_with_line_and_column)
{
    /* The quote is on line 3 (numbering starts at 2 here), byte 5 of that line; it sits
     * past the first 64-byte chunk so the chunked path is the one tested. */
    const char *text = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa;bbbbbbbbbbbbbbbbbb\n"
                       "1;2;3\n"
                       "4;5\"6;7\n";
    unsigned cols[] = {1};
    scan_t *s = scan_new(cols, 1);
    int lines = 0;
    ds_err err;
    ds_err_clear(&err);
    int rc = scan_block(s, text, strlen(text), 2, count_line, &lines, &err);
    uint64_t line, off;
    size_t col;
    scan_error_at(s, &line, &off, &col);
    CHECK(rc == DS_EDATA, "rc %d", rc);
    CHECK(line == 4 && col == 4, "quote at %llu:%zu, want 4:4", (unsigned long long)line, col);
    uint64_t want_off = (uint64_t)(strstr(text, "4;5") - text);
    CHECK(off == want_off, "line offset %llu, want %llu", (unsigned long long)off,
          (unsigned long long)want_off);
    CHECK(lines == 2, "%d lines handed out before the quote, want 2", lines);
    CHECK(strstr(err.msg, "quoted fields are not supported") != NULL, "%s", err.msg);
    scan_free(s);
}

TEST(test_scan_cents_parses_open_damir_decimals)
{
    static const struct {
        const char *text;
        int rc;
        int64_t cents;
    } cases[] = {
        {"", SCAN_NUM_OK, 0},          {".81", SCAN_NUM_OK, 81},
        {"-.57", SCAN_NUM_OK, -57},    {"12", SCAN_NUM_OK, 1200},
        {"-5", SCAN_NUM_OK, -500},     {"1814.8", SCAN_NUM_OK, 181480},
        {"+3.5", SCAN_NUM_OK, 350},    {"1.250", SCAN_NUM_OK, 125},
        {"0.01", SCAN_NUM_OK, 1},      {"7.", SCAN_NUM_OK, 700},
        {"92233720368547758.07", SCAN_NUM_OK, INT64_MAX},
        {"92233720368547758.08", SCAN_NUM_RANGE, 0},
        {"1.255", SCAN_NUM_PRECISION, 0}, {"nan", SCAN_NUM_BAD, 0},
        {"inf", SCAN_NUM_BAD, 0},      {"1e3", SCAN_NUM_BAD, 0},
        {"12,5", SCAN_NUM_BAD, 0},     {"-", SCAN_NUM_BAD, 0},
        {".", SCAN_NUM_BAD, 0},        {" 1", SCAN_NUM_BAD, 0},
        /* around the unchecked path for up to 15 unsigned characters */
        {".5", SCAN_NUM_OK, 50},       {"00012", SCAN_NUM_OK, 1200},
        {"0", SCAN_NUM_OK, 0},         {"1 ", SCAN_NUM_BAD, 0},
        {"1x", SCAN_NUM_BAD, 0},       {"1.2x", SCAN_NUM_BAD, 0},
        {"1.-5", SCAN_NUM_BAD, 0},     {"1.2.3", SCAN_NUM_BAD, 0},
        {"1..", SCAN_NUM_BAD, 0},      {"..5", SCAN_NUM_BAD, 0},
        {"999999999999999", SCAN_NUM_OK, 99999999999999900},
        {"123456789012.34", SCAN_NUM_OK, 12345678901234},
        {"9999999999999.99", SCAN_NUM_OK, 999999999999999},
        {"1234567890123456", SCAN_NUM_OK, 123456789012345600},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        int64_t v = -1;
        int rc = scan_cents(cases[i].text, strlen(cases[i].text), &v);
        CHECK(rc == cases[i].rc, "\"%s\": rc %d, want %d", cases[i].text, rc, cases[i].rc);
        if (rc == SCAN_NUM_OK)
            CHECK(v == cases[i].cents, "\"%s\": %lld cents, want %lld", cases[i].text,
                  (long long)v, (long long)cases[i].cents);
    }
}

TEST(test_scan_header_keeps_the_trailing_empty_name)
{
    char **names;
    size_t n;
    scan_split_header("FLX_ANN_MOI;ORG_CLE_REG;", 24, &names, &n);
    CHECK(n == 3, "%zu names, want 3", n);
    CHECK_STR(names[0], "FLX_ANN_MOI");
    CHECK_STR(names[1], "ORG_CLE_REG");
    CHECK_STR(names[2], "");
    for (size_t i = 0; i < n; i++)
        free(names[i]);
    free(names);
}

/* The word-at-a-time and table parsers of the per-row path agree with scan_cents (the
 * reference: it is checked above against worked values) on random short fields, every
 * result code and value, including fields that end right before the readable end. */
TEST(test_scan_fast_number_parsers_agree_with_scan_cents)
{
    static const char alphabet[] = "0123456789000..--+ x";
    scan_num_table *t = malloc(sizeof *t);
    scan_num_table_fill(t);
    char buf[64];
    unsigned seed = 77;
    int bad = 0;
    for (int i = 0; i < 200000 && bad < 5; i++) {
        size_t len = (size_t)(rand_r(&seed) % 11);
        memset(buf, ';', sizeof buf);
        for (size_t k = 0; k < len; k++)
            buf[k] = alphabet[rand_r(&seed) % (sizeof alphabet - 1)];
        const char *end = buf + (rand_r(&seed) % 2 ? sizeof buf : len + (size_t)(rand_r(&seed) % 17));
        scan_field f = {buf, len};
        int64_t want = -1, got_at = -2, got_simd = -3;
        int rc = scan_cents(buf, len, &want);
        int rc_at = scan_cents_at(f, end, &got_at), rc_simd = rc;
#if defined(__x86_64__) && defined(__GNUC__)
        __builtin_cpu_init();
        if (__builtin_cpu_supports("ssse3"))
            rc_simd = scan_cents_simd(f, end, t, &got_simd);
        else
            got_simd = want;
#else
        got_simd = want;
#endif
        int ok = rc_at == rc && rc_simd == rc &&
                 (rc != SCAN_NUM_OK || (got_at == want && got_simd == want));
        CHECK(ok, "\"%.*s\": scan_cents %d %lld, word %d %lld, table %d %lld", (int)len, buf,
              rc, (long long)want, rc_at, (long long)got_at, rc_simd, (long long)got_simd);
        bad += !ok;
    }
    free(t);
}

/* A NUL byte stops the scan with its line and column on every level, wherever it falls: in
 * the first or a later 64-byte word, at a word's edge, in the last bytes of the block (the
 * padded copy), in a line longer than the word masks, in a field no column asks for. */
TEST(test_scan_rejects_nul_bytes_on_every_level)
{
    static const size_t at[] = {0, 5, 62, 63, 64, 65, 127, 128, 200, 255, 256, 300, 999};
    char *buf = malloc(4096);
    unsigned cols[] = {1};
    for (size_t a = 0; a < sizeof at / sizeof at[0]; a++) {
        for (size_t tail = 0; tail < 2; tail++) {
            /* line 1 short; line 2 long enough for the NUL at column at[a] + 1; line 3 */
            size_t n = 0, nul_line_start;
            n += (size_t)sprintf(buf + n, "1;2;3\n");
            nul_line_start = n;
            size_t width = at[a] + 10;
            for (size_t k = 0; k < width; k++)
                buf[n + k] = k % 7 == 3 ? ';' : 'a';
            buf[n + at[a]] = '\0';
            n += width;
            buf[n++] = '\n';
            if (!tail)
                n += (size_t)sprintf(buf + n, "4;5;6\n");
            for (int level = -1; level < SCAN_TEST_LEVELS; level++) {
                scan_t *s = scan_new(cols, 1);
                if (level >= 0 && scan_use_level(s, level) != 0) {
                    scan_free(s);
                    continue;
                }
                int lines = 0;
                ds_err err;
                ds_err_clear(&err);
                int rc = scan_block(s, buf, n, 10, count_line, &lines, &err);
                uint64_t line = 0, off = 0;
                size_t col = 0;
                int damaged = scan_error_at(s, &line, &off, &col);
                CHECK(rc == DS_EDATA && damaged && line == 11 && off == nul_line_start &&
                          col == at[a] + 1 && lines == 1 && strstr(err.msg, "NUL byte"),
                      "NUL at %zu (tail %zu), level %d: rc %d, %llu:%zu, %d lines, %s", at[a],
                      tail, level, rc, (unsigned long long)line, col, lines, err.msg);
                scan_free(s);
            }
        }
    }
    free(buf);
}
