#include "damirstat/scan.h"

#include <stdlib.h>
#include <string.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

struct scan {
    size_t ncols;
    unsigned *need;      /* requested field indices, ascending */
    unsigned *slot_of;   /* need[i] is reported as fields[slot_of[i]] */
    scan_field *fields;  /* the current line's requested fields */
    uint64_t lines;      /* lines in the last block */
    uint64_t err_line, err_offset; /* where the quote was */
    size_t err_col;
};

static int cmp_unsigned(const void *a, const void *b)
{
    unsigned x = *(const unsigned *)a, y = *(const unsigned *)b;
    return (x > y) - (x < y);
}

scan_t *scan_new(const unsigned *cols, size_t ncols)
{
    scan_t *s = xcalloc(1, sizeof *s);
    s->ncols = ncols;
    s->need = xmalloc((ncols + 1) * sizeof *s->need);
    s->slot_of = xmalloc((ncols + 1) * sizeof *s->slot_of);
    s->fields = xcalloc(ncols + 1, sizeof *s->fields);
    memcpy(s->need, cols, ncols * sizeof *cols);
    qsort(s->need, ncols, sizeof *s->need, cmp_unsigned);
    for (size_t i = 0; i < ncols; i++)
        for (size_t j = 0; j < ncols; j++)
            if (cols[j] == s->need[i])
                s->slot_of[i] = (unsigned)j;
    return s;
}

void scan_free(scan_t *s)
{
    if (!s)
        return;
    free(s->need);
    free(s->slot_of);
    free(s->fields);
    free(s);
}

uint64_t scan_lines(const scan_t *s)
{
    return s->lines;
}

/* Bitmasks of 64 bytes: bit i is set when p[i] is ';' (sep), '\n' (nl) or '"' (quote). */
typedef struct masks {
    uint64_t sep, nl, quote;
} masks;

#if defined(__SSE2__)
static inline uint64_t bits16(__m128i v, __m128i c)
{
    return (uint64_t)(unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, c));
}

static inline masks chunk_masks(const char *p)
{
    const __m128i semi = _mm_set1_epi8(';'), nl = _mm_set1_epi8('\n'), q = _mm_set1_epi8('"');
    masks m = {0, 0, 0};
    __m128i anyq = _mm_setzero_si128();
    for (int i = 0; i < 4; i++) {
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(p + 16 * i));
        m.sep |= bits16(v, semi) << (16 * i);
        m.nl |= bits16(v, nl) << (16 * i);
        anyq = _mm_or_si128(anyq, _mm_cmpeq_epi8(v, q));
    }
    if (_mm_movemask_epi8(anyq))
        for (int i = 0; i < 64; i++)
            m.quote |= (uint64_t)(p[i] == '"') << i;
    return m;
}
#else
static inline masks chunk_masks(const char *p)
{
    masks m = {0, 0, 0};
    for (int i = 0; i < 64; i++) {
        m.sep |= (uint64_t)(p[i] == ';') << i;
        m.nl |= (uint64_t)(p[i] == '\n') << i;
        m.quote |= (uint64_t)(p[i] == '"') << i;
    }
    return m;
}
#endif

/* The state of a scan between chunks: where the current line and field began, which field
 * we are in and which requested field comes next. */
typedef struct cursor {
    const char *buf;
    size_t line_start, field_start;
    unsigned field;  /* index of the field the scan is in */
    size_t next;     /* index into need of the next requested field */
    uint64_t lineno;
    size_t quote_at; /* offset of the first '"' seen, SIZE_MAX if none */
} cursor;

static int quote_error(scan_t *s, const cursor *c, ds_err *err)
{
    s->err_line = c->lineno;
    s->err_offset = c->line_start;
    s->err_col = c->quote_at - c->line_start + 1;
    return ds_err_set(err, DS_EDATA,
                      "quoted fields are not supported in bulk files; use the Open DAMIR "
                      "files as published (no '\"'), or convert this file first");
}

void scan_error_at(const scan_t *s, uint64_t *lineno, uint64_t *line_offset, size_t *col)
{
    *lineno = s->err_line;
    *line_offset = s->err_offset;
    *col = s->err_col;
}

/* Ends the line at offset e (the '\n' or the end of the block) and hands it out. */
static inline __attribute__((always_inline)) int end_line(scan_t *s, cursor *c, size_t e, scan_row_fn fn, void *ctx,
                    ds_err *err)
{
    if (c->quote_at < e)
        return quote_error(s, c, err);
    size_t len = e - c->line_start;
    int cr = len > 0 && c->buf[e - 1] == '\r';
    if (c->next < s->ncols && s->need[c->next] == c->field) {
        size_t fe = cr && e - 1 >= c->field_start ? e - 1 : e;
        s->fields[s->slot_of[c->next]] = (scan_field){c->buf + c->field_start,
                                                      fe - c->field_start};
        c->next++;
    }
    for (size_t i = c->next; i < s->ncols; i++)
        s->fields[s->slot_of[i]] = (scan_field){NULL, 0};
    int rc = DS_OK;
    if (len - (size_t)cr > 0) {
        scan_row row = {c->buf + c->line_start, len - (size_t)cr, c->lineno, c->line_start,
                        c->field + 1, s->fields};
        rc = fn(ctx, &row, err);
    }
    c->lineno++;
    c->line_start = c->field_start = e + 1;
    c->field = 0;
    c->next = 0;
    return rc;
}

/* Offset of the k-th (0-based) set bit of x, k < popcount(x), without a loop over bits:
 * byte-wise popcounts summed by one multiply give each byte's rank (broadword select). */
static inline __attribute__((always_inline)) unsigned select_bit(uint64_t x, unsigned k)
{
    const uint64_t ones = 0x0101010101010101u, highs = 0x8080808080808080u;
    uint64_t c = x - ((x >> 1) & 0x5555555555555555u);
    c = (c & 0x3333333333333333u) + ((c >> 2) & 0x3333333333333333u);
    c = (c + (c >> 4)) & 0x0f0f0f0f0f0f0f0fu;
    uint64_t prefix = c * ones; /* byte i: set bits in bytes 0..i */
    uint64_t le = ((k * ones | highs) - prefix) & highs; /* bytes whose prefix <= k */
    unsigned byte = (unsigned)((le >> 7) * ones >> 56);
    unsigned before = byte ? (unsigned)(prefix >> (8 * byte - 8)) & 0xff : 0;
    unsigned bits = (unsigned)(x >> (8 * byte)) & 0xff;
    for (unsigned i = before; i < k; i++)
        bits &= bits - 1;
    return 8 * byte + (unsigned)__builtin_ctz(bits);
}

/* Consumes the separators in sep (all before the next line end, offsets base + bit):
 * records requested fields, skipping the others by counting bits. */
static inline __attribute__((always_inline)) void take_separators(scan_t *s, cursor *c, size_t base, uint64_t sep)
{
    while (sep && c->next < s->ncols) {
        unsigned k = s->need[c->next] - c->field;
        if (k == 0) {
            size_t e = base + (size_t)__builtin_ctzll(sep);
            s->fields[s->slot_of[c->next]] = (scan_field){c->buf + c->field_start,
                                                          e - c->field_start};
            c->next++;
            c->field++;
            c->field_start = e + 1;
            sep &= sep - 1;
            continue;
        }
        if (k > (unsigned)__builtin_popcountll(sep))
            break;
        unsigned bit = select_bit(sep, k - 1);
        c->field_start = base + bit + 1;
        c->field += k;
        sep &= bit == 63 ? 0 : ~0ull << (bit + 1);
    }
    c->field += (unsigned)__builtin_popcountll(sep);
}

static inline __attribute__((always_inline)) int scan_chunk(scan_t *s, cursor *c, size_t base, masks m, scan_row_fn fn, void *ctx,
                      ds_err *err)
{
    if (m.quote && c->quote_at == SIZE_MAX)
        c->quote_at = base + (size_t)__builtin_ctzll(m.quote);
    uint64_t sep = m.sep, nl = m.nl;
    while (nl) {
        uint64_t nlbit = nl & (0 - nl), upto = nlbit | (nlbit - 1);
        take_separators(s, c, base, sep & (nlbit - 1));
        int rc = end_line(s, c, base + (size_t)__builtin_ctzll(nl), fn, ctx, err);
        if (rc)
            return rc;
        sep &= ~upto;
        nl &= nl - 1;
    }
    take_separators(s, c, base, sep);
    return DS_OK;
}

/* Built twice (ifunc): with the POPCNT instruction where the CPU has it, which bit
 * counting leans on, and for the x86-64 baseline; no -march flag needed. */
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
__attribute__((target_clones("popcnt", "default")))
#endif
int scan_block(scan_t *s, const char *buf, size_t size, uint64_t first_lineno,
               scan_row_fn fn, void *ctx, ds_err *err)
{
    cursor c = {buf, 0, 0, 0, 0, first_lineno, SIZE_MAX};
    size_t base = 0;
    int rc = DS_OK;
    for (; base + 64 <= size && rc == DS_OK; base += 64)
        rc = scan_chunk(s, &c, base, chunk_masks(buf + base), fn, ctx, err);
    if (rc == DS_OK && base < size) {
        char tail[64] = {0};
        memcpy(tail, buf + base, size - base);
        rc = scan_chunk(s, &c, base, chunk_masks(tail), fn, ctx, err);
    }
    if (rc == DS_OK && c.line_start < size)
        rc = end_line(s, &c, size, fn, ctx, err);
    else if (rc == DS_OK && c.quote_at != SIZE_MAX)
        rc = quote_error(s, &c, err);
    s->lines = c.lineno - first_lineno;
    return rc;
}

void scan_split_header(const char *line, size_t len, char ***names, size_t *n)
{
    size_t count = 1;
    for (size_t i = 0; i < len; i++)
        count += line[i] == ';';
    char **v = xmalloc(count * sizeof *v);
    size_t k = 0, start = 0;
    for (size_t i = 0; i <= len; i++) {
        if (i == len || line[i] == ';') {
            v[k++] = xstrndup(line + start, i - start);
            start = i + 1;
        }
    }
    *names = v;
    *n = count;
}

int scan_cents(const char *p, size_t len, int64_t *cents)
{
    size_t i = 0;
    int neg = 0;
    *cents = 0;
    if (len == 0)
        return SCAN_NUM_OK; /* an empty measure counts as 0 (Open DAMIR leaves some empty) */
    if (p[0] == '-' || p[0] == '+') {
        neg = p[0] == '-';
        i++;
    }
    int64_t whole = 0;
    size_t digits = 0;
    for (; i < len && (unsigned)(p[i] - '0') < 10; i++, digits++)
        if (__builtin_mul_overflow(whole, 10, &whole) ||
            __builtin_add_overflow(whole, p[i] - '0', &whole))
            return SCAN_NUM_RANGE;
    int64_t frac = 0;
    size_t fdigits = 0;
    if (i < len && p[i] == '.') {
        for (i++; i < len && (unsigned)(p[i] - '0') < 10; i++, fdigits++) {
            if (fdigits < 2)
                frac = frac * 10 + (p[i] - '0');
            else if (p[i] != '0')
                return SCAN_NUM_PRECISION;
        }
    }
    if (i != len || digits + fdigits == 0)
        return SCAN_NUM_BAD;
    if (fdigits == 1)
        frac *= 10;
    if (__builtin_mul_overflow(whole, 100, &whole) || __builtin_add_overflow(whole, frac, &whole))
        return SCAN_NUM_RANGE;
    *cents = neg ? -whole : whole;
    return SCAN_NUM_OK;
}

const char *scan_num_error(int code)
{
    switch (code) {
    case SCAN_NUM_PRECISION: return "expected at most 2 decimals (a cent), got";
    case SCAN_NUM_RANGE: return "number out of the 64-bit range of cents:";
    default: return "expected a number, got";
    }
}
