#include "damirstat/scan.h"

#include <stdlib.h>
#include <string.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

/* Lines are cut one at a time: the masks of up to WORDS 64-byte words from the line's first
 * byte hold its separators relative to that byte, so the k-th separator is found without a
 * branch on where fields fall (a word index from prefix counts, then select_bit). Open DAMIR
 * lines are ~170 bytes; longer ones take a plain byte loop. */
enum { WORDS = 4, SHORT_LINE = 64 * WORDS };

typedef struct line_masks {
    uint64_t sep[WORDS];
    unsigned before[WORDS]; /* separators in the words before word w */
    unsigned total;         /* separators in the line */
} line_masks;

/* select_in_byte[b][k]: offset of the k-th (0-based) set bit of byte b (8 when b has fewer):
 * the last step of select_bit, a load instead of a loop whose trip count the branch
 * predictor cannot guess (that loop was a third of the run time on the GP query). */
typedef struct select_table {
    uint8_t at[256][8];
} select_table;

enum { ISA_BASE, ISA_POPCNT, ISA_AVX2 };

struct scan {
    size_t ncols;
    unsigned *cols;      /* requested field indices, in the order requested */
    line_masks m;        /* the current line's separators, when it is short */
    int long_line;       /* the current line was cut into fields already */
    unsigned *need;      /* requested field indices, ascending */
    unsigned *slot_of;   /* need[i] is reported as fields[slot_of[i]] */
    scan_field *fields;  /* the current line's requested fields */
    uint64_t lines;      /* lines in the last block */
    select_table select;
    int pdep;            /* select with the PDEP instruction (fast on this CPU) */
    int isa;             /* ISA_*: the line loop scan_block runs */
    uint64_t err_line, err_offset; /* where the quote was */
    size_t err_col;
};

static void select_table_fill(select_table *t)
{
    for (unsigned b = 0; b < 256; b++) {
        unsigned k = 0;
        memset(t->at[b], 8, sizeof t->at[b]);
        for (unsigned i = 0; i < 8; i++)
            if (b >> i & 1)
                t->at[b][k++] = (uint8_t)i;
    }
}

static int cmp_unsigned(const void *a, const void *b)
{
    unsigned x = *(const unsigned *)a, y = *(const unsigned *)b;
    return (x > y) - (x < y);
}

static int pdep_is_fast(void);
static int isa_level(void);

scan_t *scan_new(const unsigned *cols, size_t ncols)
{
    scan_t *s = xcalloc(1, sizeof *s);
    s->ncols = ncols;
    select_table_fill(&s->select);
    s->pdep = pdep_is_fast();
    s->isa = isa_level();
    s->need = xmalloc((ncols + 1) * sizeof *s->need);
    s->slot_of = xmalloc((ncols + 1) * sizeof *s->slot_of);
    s->fields = xcalloc(ncols + 1, sizeof *s->fields);
    s->cols = xmalloc((ncols + 1) * sizeof *s->cols);
    memcpy(s->cols, cols, ncols * sizeof *cols);
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
    free(s->cols);
    free(s->slot_of);
    free(s->fields);
    free(s);
}

void scan_use_portable(scan_t *s)
{
    s->pdep = 0;
    s->isa = ISA_BASE;
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

#if defined(__x86_64__) && defined(__GNUC__)
#define SCAN_X86 1
#include <immintrin.h>

/* The same masks from two 32-byte AVX2 compares a byte class instead of four 16-byte ones. */
__attribute__((target("avx2"))) static inline masks chunk_masks_avx2(const char *p)
{
    const __m256i semi = _mm256_set1_epi8(';'), nl = _mm256_set1_epi8('\n');
    const __m256i q = _mm256_set1_epi8('"');
    __m256i lo = _mm256_loadu_si256((const __m256i *)(const void *)p);
    __m256i hi = _mm256_loadu_si256((const __m256i *)(const void *)(p + 32));
    masks m;
    m.sep = (uint64_t)(uint32_t)_mm256_movemask_epi8(_mm256_cmpeq_epi8(lo, semi)) |
            (uint64_t)(uint32_t)_mm256_movemask_epi8(_mm256_cmpeq_epi8(hi, semi)) << 32;
    m.nl = (uint64_t)(uint32_t)_mm256_movemask_epi8(_mm256_cmpeq_epi8(lo, nl)) |
           (uint64_t)(uint32_t)_mm256_movemask_epi8(_mm256_cmpeq_epi8(hi, nl)) << 32;
    m.quote = (uint64_t)(uint32_t)_mm256_movemask_epi8(_mm256_cmpeq_epi8(lo, q)) |
              (uint64_t)(uint32_t)_mm256_movemask_epi8(_mm256_cmpeq_epi8(hi, q)) << 32;
    return m;
}
#else
#define SCAN_X86 0
static inline masks chunk_masks_avx2(const char *p)
{
    return chunk_masks(p);
}
#endif

/* Offset of the k-th (0-based) set bit of x, k < popcount(x): byte-wise popcounts summed
 * by one multiply give each byte's rank (broadword select), then a table gives the bit in
 * that byte. */
static inline __attribute__((always_inline)) unsigned select_bit(const select_table *t,
                                                                 uint64_t x, unsigned k)
{
    const uint64_t ones = 0x0101010101010101u, highs = 0x8080808080808080u;
    uint64_t c = x - ((x >> 1) & 0x5555555555555555u);
    c = (c & 0x3333333333333333u) + ((c >> 2) & 0x3333333333333333u);
    c = (c + (c >> 4)) & 0x0f0f0f0f0f0f0f0fu;
    uint64_t prefix = c * ones; /* byte i: set bits in bytes 0..i */
    uint64_t le = ((k * ones | highs) - prefix) & highs; /* bytes whose prefix <= k */
    unsigned byte = (unsigned)((le >> 7) * ones >> 56);
    unsigned before = (unsigned)((prefix << 8) >> (8 * byte)) & 0xff;
    unsigned bits = (unsigned)(x >> (8 * byte)) & 0xff;
    return 8 * byte + t->at[bits][k - before];
}

static inline __attribute__((always_inline)) size_t sep_at(const select_table *t,
                                                           const line_masks *m, unsigned k)
{
    unsigned w = (k >= m->before[1]) + (k >= m->before[2]) + (k >= m->before[3]);
    return 64 * (size_t)w + select_bit(t, m->sep[w], k - m->before[w]);
}

/* The first separator at or after byte from of the line, which has more than from's
 * separators: a field's end from its start, a shift and a count instead of a select. */
static inline __attribute__((always_inline)) size_t sep_from(const line_masks *m, size_t from)
{
    size_t w = from / 64;
    uint64_t rest = m->sep[w] & (~0ull << (from % 64));
    while (!rest)
        rest = m->sep[++w];
    return 64 * w + (size_t)__builtin_ctzll(rest);
}

#if SCAN_X86
/* With BMI2, the k-th set bit is one PDEP: 1 << k deposited on the bits of x. */
__attribute__((target("bmi,bmi2"))) static size_t sep_at_pdep(const line_masks *m, unsigned k)
{
    unsigned w = (k >= m->before[1]) + (k >= m->before[2]) + (k >= m->before[3]);
    uint64_t bit = _pdep_u64(1ull << (k - m->before[w]), m->sep[w]);
    return 64 * (size_t)w + (size_t)_tzcnt_u64(bit);
}

/* PDEP is one fast instruction on Intel since Haswell and AMD since Zen 3, but microcoded
 * (tens to hundreds of cycles) on Zen 1 and 2, where the table select is faster. */
static int pdep_is_fast(void)
{
    __builtin_cpu_init();
    return __builtin_cpu_supports("bmi2") && !__builtin_cpu_is("znver1") &&
           !__builtin_cpu_is("znver2");
}
#else
static size_t sep_at_pdep(const line_masks *m, unsigned k)
{
    (void)m, (void)k;
    return 0;
}

static int pdep_is_fast(void)
{
    return 0;
}
#endif

scan_field scan_get(const scan_row *row, size_t i)
{
    const scan_t *s = row->scan;
    unsigned k = s->cols[i];
    if (k >= row->nfields)
        return (scan_field){NULL, 0};
    if (s->long_line)
        return s->fields[i];
    size_t fs = k == 0            ? 0
                : s->pdep ? sep_at_pdep(&s->m, k - 1) + 1
                          : sep_at(&s->select, &s->m, k - 1) + 1;
    size_t fe = k == s->m.total ? row->len : sep_from(&s->m, fs);
    return (scan_field){row->line + fs, fe - fs};
}

/* A line of any length, byte by byte: for lines too long for the word masks. */
static void cut_long_line(scan_t *s, const char *line, size_t len, int cr, unsigned *nfields)
{
    size_t fs = 0;
    unsigned field = 0;
    for (size_t n = 0; n < s->ncols; n++)
        s->fields[n] = (scan_field){NULL, 0};
    for (size_t j = 0;; field++) {
        const char *semi = memchr(line + fs, ';', len - fs);
        size_t fe = semi ? (size_t)(semi - line) : len - (size_t)cr;
        for (; j < s->ncols && s->need[j] == field; j++)
            s->fields[s->slot_of[j]] = (scan_field){line + fs, fe - fs};
        if (!semi)
            break;
        fs = fe + 1;
    }
    *nfields = field + 1;
}

static int quote_error(scan_t *s, uint64_t lineno, size_t line_start, size_t col, ds_err *err)
{
    s->err_line = lineno;
    s->err_offset = line_start;
    s->err_col = col;
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

/* Masks the words of the line starting at p (at least SHORT_LINE readable bytes) up to its
 * '\n'. Returns the line length, or SIZE_MAX if no '\n' is within SHORT_LINE bytes; *quote
 * gets the offset of a '"' before the end, or SIZE_MAX. */
static inline __attribute__((always_inline)) size_t mask_line(const char *p, line_masks *m,
                                                              size_t *quote, int wide)
{
    size_t len = SIZE_MAX;
    unsigned count = 0;
    *quote = SIZE_MAX;
    for (unsigned w = 0; w < WORDS; w++) {
        m->before[w] = count;
        if (len != SIZE_MAX) {
            m->sep[w] = 0;
            continue;
        }
        masks c = wide ? chunk_masks_avx2(p + 64 * w) : chunk_masks(p + 64 * w);
        uint64_t keep = ~0ull;
        if (c.nl) {
            unsigned at = (unsigned)__builtin_ctzll(c.nl);
            len = 64 * (size_t)w + at;
            keep = at ? (~0ull >> (64 - at)) : 0;
        }
        if (c.quote & keep && *quote == SIZE_MAX)
            *quote = 64 * (size_t)w + (size_t)__builtin_ctzll(c.quote & keep);
        m->sep[w] = c.sep & keep;
        count += (unsigned)__builtin_popcountll(m->sep[w]);
    }
    m->total = count;
    return len;
}

/* Cuts the line at buf[start..], which ends at a '\n' or at size. Sets *next to the start
 * of the following line; returns the row's field count in *nfields. */
static inline __attribute__((always_inline)) int next_line(scan_t *s, const char *buf,
                                                           size_t size, size_t start,
                                                           uint64_t lineno, size_t *next,
                                                           unsigned *nfields, size_t *len,
                                                           int *cr, int wide, ds_err *err)
{
    line_masks *m = &s->m;
    size_t quote, n = SIZE_MAX;
    const char *p = buf + start;
    char pad[SHORT_LINE];
    if (size - start >= SHORT_LINE) {
        n = mask_line(p, m, &quote, wide);
    } else {
        memset(pad, 0, sizeof pad);
        memcpy(pad, p, size - start);
        n = mask_line(pad, m, &quote, wide);
        if (n == SIZE_MAX)
            n = size - start; /* the last line, without '\n' */
    }
    if (n == SIZE_MAX) {
        const char *nl = memchr(p, '\n', size - start);
        n = nl ? (size_t)(nl - p) : size - start;
        const char *q = memchr(p, '"', n);
        quote = q ? (size_t)(q - p) : SIZE_MAX;
    }
    if (quote != SIZE_MAX)
        return quote_error(s, lineno, start, quote + 1, err);
    *len = n;
    *cr = n > 0 && p[n - 1] == '\r';
    *next = start + n + 1;
    s->long_line = n >= SHORT_LINE;
    if (n - (size_t)*cr == 0)
        *nfields = 0;
    else if (!s->long_line)
        *nfields = m->total + 1;
    else
        cut_long_line(s, p, n, *cr, nfields);
    return DS_OK;
}

/* The line loop, instantiated once per instruction set below: wide = AVX2 compares. */
static inline __attribute__((always_inline)) int scan_lines_with(scan_t *s, const char *buf,
                                                                 size_t size, uint64_t first,
                                                                 scan_row_fn fn, void *ctx,
                                                                 int wide, ds_err *err)
{
    uint64_t lineno = first;
    int rc = DS_OK;
    for (size_t start = 0, next = 0; start < size && rc == DS_OK; start = next, lineno++) {
        unsigned nfields = 0;
        size_t len = 0;
        int cr = 0;
        rc = next_line(s, buf, size, start, lineno, &next, &nfields, &len, &cr, wide, err);
        if (rc == DS_OK && nfields > 0) {
            scan_row row = {buf + start, len - (size_t)cr, lineno, start, nfields, s};
            rc = fn(ctx, &row, err);
        }
    }
    s->lines = lineno - first;
    return rc;
}

static int scan_block_base(scan_t *s, const char *buf, size_t size, uint64_t first,
                           scan_row_fn fn, void *ctx, ds_err *err)
{
    return scan_lines_with(s, buf, size, first, fn, ctx, 0, err);
}

/* Chosen at run time by scan_new, so no -march flag is needed: POPCNT, which the bit
 * counting leans on, and AVX2 (with it), which halves the compares per line. */
#if SCAN_X86
__attribute__((target("popcnt"))) static int scan_block_popcnt(scan_t *s, const char *buf,
                                                               size_t size, uint64_t first,
                                                               scan_row_fn fn, void *ctx,
                                                               ds_err *err)
{
    return scan_lines_with(s, buf, size, first, fn, ctx, 0, err);
}

__attribute__((target("avx2,popcnt"))) static int scan_block_avx2(scan_t *s, const char *buf,
                                                                  size_t size, uint64_t first,
                                                                  scan_row_fn fn, void *ctx,
                                                                  ds_err *err)
{
    return scan_lines_with(s, buf, size, first, fn, ctx, 1, err);
}

static int isa_level(void)
{
    __builtin_cpu_init();
    return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("popcnt") ? ISA_AVX2
           : __builtin_cpu_supports("popcnt")                                ? ISA_POPCNT
                                                                               : ISA_BASE;
}
#else
static int isa_level(void)
{
    return ISA_BASE;
}
#endif

int scan_block(scan_t *s, const char *buf, size_t size, uint64_t first_lineno,
               scan_row_fn fn, void *ctx, ds_err *err)
{
#if SCAN_X86
    if (s->isa == ISA_AVX2)
        return scan_block_avx2(s, buf, size, first_lineno, fn, ctx, err);
    if (s->isa == ISA_POPCNT)
        return scan_block_popcnt(s, buf, size, first_lineno, fn, ctx, err);
#endif
    return scan_block_base(s, buf, size, first_lineno, fn, ctx, err);
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

/* Codes and amounts as most rows hold them: up to 15 digits, an optional '.' and up to two
 * decimals, no sign. Nothing can overflow at that length, so there is no check per digit;
 * anything else (signs, more decimals, bad bytes, empty) returns 0 for scan_cents to judge. */
static inline int plain_cents(const char *p, size_t len, int64_t *cents)
{
    if (len == 0 || len > 15)
        return 0;
    int64_t whole = 0;
    size_t i = 0;
    for (; i < len && (unsigned)(p[i] - '0') < 10; i++)
        whole = whole * 10 + (p[i] - '0');
    size_t rest = len - i;
    if (rest == 0 && i > 0) {
        *cents = whole * 100;
        return 1;
    }
    if (p[i] != '.' || rest > 3 || (i == 0 && rest == 1))
        return 0;
    unsigned d1 = rest > 1 ? (unsigned)(p[i + 1] - '0') : 0;
    unsigned d2 = rest > 2 ? (unsigned)(p[i + 2] - '0') : 0;
    if (d1 > 9 || d2 > 9)
        return 0;
    *cents = whole * 100 + (int64_t)(d1 * 10 + d2);
    return 1;
}

int scan_cents(const char *p, size_t len, int64_t *cents)
{
    if (plain_cents(p, len, cents))
        return SCAN_NUM_OK;
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
