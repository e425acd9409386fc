#include "damirstat/scan.h"
#include "scan_impl.h"

#include <stdlib.h>
#include <string.h>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

/* Lines are cut one at a time: the masks of up to WORDS 64-byte words from the line's first
 * byte hold its separators relative to that byte, so the k-th separator is found without a
 * branch on where fields fall (a word index from prefix counts, then a select). Open DAMIR
 * lines are ~170 bytes; longer ones take a plain byte loop. Each line prefetches the bytes
 * PREFETCH_AHEAD further on: the hardware prefetchers stop at 4 KiB page edges, and on a
 * mapped file from the page cache that cost 15 % of the time of the GP query (1 KiB, 8 KiB
 * and 16 KiB ahead were measured slower). */
enum { WORDS = 4, SHORT_LINE = 64 * WORDS, PREFETCH_AHEAD = 4096 };

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

/* The line loops scan_block can run, chosen for the CPU by scan_new (see scan_use_level). */
enum { ISA_BASE, ISA_POPCNT, ISA_AVX2, ISA_AVX2_PDEP, ISA_AVX512, ISA_LEVELS };

/* How to cut some of the requested fields from a short line's masks: the separators to
 * locate (each once, though a field's end is often the next field's start), then each
 * field's bounds among them. */
typedef struct cut_plan {
    size_t nseps, ncols;
    unsigned *seps;      /* separator indices (0-based), ascending */
    unsigned *col;       /* per field cut: its field index */
    unsigned *slot;      /* its slot in fields[] */
    unsigned *from, *to; /* where in pos[] its bounds are: separator col - 1 (or the
                          * sentinel before the line for field 0) and separator col */
} cut_plan;

struct scan {
    size_t ncols;
    unsigned *cols;      /* requested field indices, in the order requested */
    unsigned *need;      /* requested field indices, ascending (for long lines) */
    unsigned *slot_of;   /* need[i] is reported as fields[slot_of[i]] */
    scan_field *fields;  /* the current line's requested fields, in the order requested */
    cut_plan eager, rest; /* fields cut before the callback, and by scan_cut_rest */
    size_t *pos;         /* located separators; pos[nseps] = SIZE_MAX, so that + 1 is 0 */
    line_masks m;        /* the current line's separators, for scan_cut_rest */
    uint8_t pos8[1 + SHORT_LINE + 64]; /* ISA_AVX512: the current line's separator offsets
                          * from pos8[1] on, pos8[0] = 255 (so that field 0 starts at
                          * 255 + 1 = 0 in a byte) and pos8[1 + total] = the line's length;
                          * 64 bytes of room, as each word's offsets are stored whole */
    unsigned total;      /* ISA_AVX512: separators in the current line */
    int long_line;       /* the current line was cut whole by cut_long_line */
    uint64_t lines;      /* lines in the last block */
    select_table select;
    int isa;             /* ISA_* */
    int damaged;         /* the last scan_block stopped on a quote or a NUL byte */
    uint64_t err_line, err_offset;
    size_t err_col;
    char tail[SHORT_LINE]; /* a block's last line, when it ends less than SHORT_LINE bytes
                            * before the block's end, padded with '\n' for the masks */
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

static int isa_level(void);

static void cut_plan_free(cut_plan *p)
{
    free(p->seps);
    free(p->col);
    free(p->slot);
    free(p->from);
    free(p->to);
    memset(p, 0, sizeof *p);
}

static size_t index_of(const unsigned *v, size_t n, unsigned x)
{
    size_t i = 0;
    while (i < n && v[i] != x)
        i++;
    return i;
}

/* The plan for requested columns [lo, hi) of s. */
static void cut_plan_make(cut_plan *p, const scan_t *s, size_t lo, size_t hi)
{
    cut_plan_free(p);
    size_t n = hi - lo;
    p->ncols = n;
    p->seps = xmalloc((2 * n + 1) * sizeof *p->seps);
    p->col = xmalloc((n + 1) * sizeof *p->col);
    p->slot = xmalloc((n + 1) * sizeof *p->slot);
    p->from = xmalloc((n + 1) * sizeof *p->from);
    p->to = xmalloc((n + 1) * sizeof *p->to);
    for (size_t i = lo; i < hi; i++) {
        unsigned k = s->cols[i];
        if (k > 0 && index_of(p->seps, p->nseps, k - 1) == p->nseps)
            p->seps[p->nseps++] = k - 1;
        if (index_of(p->seps, p->nseps, k) == p->nseps)
            p->seps[p->nseps++] = k;
    }
    qsort(p->seps, p->nseps, sizeof *p->seps, cmp_unsigned);
    for (size_t i = lo; i < hi; i++) {
        unsigned k = s->cols[i];
        p->col[i - lo] = k;
        p->slot[i - lo] = (unsigned)i;
        p->from[i - lo] = (unsigned)(k > 0 ? index_of(p->seps, p->nseps, k - 1) : 2 * s->ncols);
        p->to[i - lo] = (unsigned)index_of(p->seps, p->nseps, k);
    }
}

void scan_set_eager(scan_t *s, size_t n)
{
    if (n > s->ncols)
        n = s->ncols;
    cut_plan_make(&s->eager, s, 0, n);
    cut_plan_make(&s->rest, s, n, s->ncols);
}

scan_t *scan_new(const unsigned *cols, size_t ncols)
{
    scan_t *s = xcalloc(1, sizeof *s);
    s->ncols = ncols;
    select_table_fill(&s->select);
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
    s->pos = xmalloc((2 * ncols + 1) * sizeof *s->pos);
    s->pos[2 * ncols] = SIZE_MAX;
    s->pos8[0] = 255;
    scan_set_eager(s, ncols);
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
    free(s->pos);
    cut_plan_free(&s->eager);
    cut_plan_free(&s->rest);
    free(s);
}

void scan_use_portable(scan_t *s)
{
    s->isa = ISA_BASE;
}

int scan_use_level(scan_t *s, int level)
{
    if (level < 0 || level >= ISA_LEVELS || level > isa_level())
        return -1;
    s->isa = level;
    return 0;
}

uint64_t scan_lines(const scan_t *s)
{
    return s->lines;
}

/* Bitmasks of 64 bytes: bit i is set when p[i] is ';' (sep), '\n' (nl), or a byte that
 * stops the scan (odd): '"' (a quoted file) or NUL (a damaged one). Odd bytes are rare, so
 * the vector code only tests for them and the exact mask is made byte by byte. */
typedef struct masks {
    uint64_t sep, nl, odd;
} masks;

static inline int is_odd(char c)
{
    return c == '"' || c == '\0';
}

static uint64_t odd_bytes(const char *p)
{
    uint64_t m = 0;
    for (int i = 0; i < 64; i++)
        m |= (uint64_t)is_odd(p[i]) << i;
    return m;
}

#if defined(__SSE2__)
static inline uint64_t bits16(__m128i v, __m128i c)
{
    return (uint64_t)(unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, c));
}

static inline masks chunk_masks(const char *p)
{
    const __m128i semi = _mm_set1_epi8(';'), nl = _mm_set1_epi8('\n'), q = _mm_set1_epi8('"');
    const __m128i zero = _mm_setzero_si128();
    masks m = {0, 0, 0};
    __m128i odd = zero;
    for (int i = 0; i < 4; i++) {
        __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(p + 16 * i));
        m.sep |= bits16(v, semi) << (16 * i);
        m.nl |= bits16(v, nl) << (16 * i);
        odd = _mm_or_si128(odd, _mm_or_si128(_mm_cmpeq_epi8(v, q), _mm_cmpeq_epi8(v, zero)));
    }
    if (_mm_movemask_epi8(odd))
        m.odd = odd_bytes(p);
    return m;
}
#else
static inline masks chunk_masks(const char *p)
{
    masks m = {0, 0, odd_bytes(p)};
    for (int i = 0; i < 64; i++) {
        m.sep |= (uint64_t)(p[i] == ';') << i;
        m.nl |= (uint64_t)(p[i] == '\n') << i;
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
    const __m256i q = _mm256_set1_epi8('"'), zero = _mm256_setzero_si256();
    __m256i lo = _mm256_loadu_si256((const __m256i *)(const void *)p);
    __m256i hi = _mm256_loadu_si256((const __m256i *)(const void *)(p + 32));
    masks m;
    m.sep = (uint64_t)(uint32_t)_mm256_movemask_epi8(_mm256_cmpeq_epi8(lo, semi)) |
            (uint64_t)(uint32_t)_mm256_movemask_epi8(_mm256_cmpeq_epi8(hi, semi)) << 32;
    m.nl = (uint64_t)(uint32_t)_mm256_movemask_epi8(_mm256_cmpeq_epi8(lo, nl)) |
           (uint64_t)(uint32_t)_mm256_movemask_epi8(_mm256_cmpeq_epi8(hi, nl)) << 32;
    __m256i odd = _mm256_or_si256(
        _mm256_or_si256(_mm256_cmpeq_epi8(lo, q), _mm256_cmpeq_epi8(lo, zero)),
        _mm256_or_si256(_mm256_cmpeq_epi8(hi, q), _mm256_cmpeq_epi8(hi, zero)));
    m.odd = _mm256_testz_si256(odd, odd) ? 0 : odd_bytes(p);
    return m;
}

/* AVX-512 (BW for byte compares into mask registers, VBMI2 for VPCOMPRESSB): the offsets
 * of a line's separators are written out as bytes, a word at a time, so that cutting field
 * k is two loads (pos8[k] + 1 .. pos8[k + 1]) whatever k is. The compress goes to a register
 * and is then stored whole: compressing straight to memory is slow on Zen 4. */
#define SCAN_AVX512 "avx512f,avx512bw,avx512vbmi2,avx2,popcnt,bmi,bmi2"
__attribute__((target(SCAN_AVX512))) static inline size_t mask_line_512(scan_t *s,
                                                                        const char *p,
                                                                        size_t *odd)
{
    const __m512i semi = _mm512_set1_epi8(';'), nl = _mm512_set1_epi8('\n');
    const __m512i q = _mm512_set1_epi8('"'), zero = _mm512_setzero_si512();
    const __m512i iota = _mm512_set_epi8(63, 62, 61, 60, 59, 58, 57, 56, 55, 54, 53, 52, 51,
                                         50, 49, 48, 47, 46, 45, 44, 43, 42, 41, 40, 39, 38,
                                         37, 36, 35, 34, 33, 32, 31, 30, 29, 28, 27, 26, 25,
                                         24, 23, 22, 21, 20, 19, 18, 17, 16, 15, 14, 13, 12,
                                         11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0);
    unsigned count = 0;
    *odd = SIZE_MAX;
    for (unsigned w = 0; w < WORDS; w++) {
        __m512i v = _mm512_loadu_si512((const void *)(p + 64 * w));
        uint64_t sep = _mm512_cmpeq_epi8_mask(v, semi), nls = _mm512_cmpeq_epi8_mask(v, nl);
        uint64_t o = _mm512_cmpeq_epi8_mask(v, q) | _mm512_cmpeq_epi8_mask(v, zero);
        uint64_t keep = nls ? _bzhi_u64(~0ull, (unsigned)_tzcnt_u64(nls)) : ~0ull;
        if (o & keep && *odd == SIZE_MAX)
            *odd = 64 * (size_t)w + (size_t)_tzcnt_u64(o & keep);
        sep &= keep;
        __m512i at = _mm512_add_epi8(iota, _mm512_set1_epi8((char)(64 * w)));
        _mm512_storeu_si512((void *)(s->pos8 + 1 + count), _mm512_maskz_compress_epi8(sep, at));
        count += (unsigned)_mm_popcnt_u64(sep);
        if (nls) {
            size_t len = 64 * (size_t)w + (size_t)_tzcnt_u64(nls);
            s->total = count;
            return len;
        }
    }
    return SIZE_MAX;
}

/* The k-th set bit of x is one PDEP (1 << k deposited on the bits of x), run only where
 * scan_new saw BMI2. Written in asm so that the line loops need no target attribute of
 * their own for it. */
static inline uint64_t pdep64(uint64_t src, uint64_t mask)
{
    uint64_t r;
    __asm__("pdep %2, %1, %0" : "=r"(r) : "r"(src), "rm"(mask));
    return r;
}
#else
#define SCAN_X86 0
static inline masks chunk_masks_avx2(const char *p)
{
    return chunk_masks(p);
}

static inline size_t mask_line_512(scan_t *s, const char *p, size_t *odd)
{
    (void)s, (void)p;
    *odd = SIZE_MAX;
    return SIZE_MAX; /* never called: ISA_AVX512 is x86 only */
}

static inline uint64_t pdep64(uint64_t src, uint64_t mask)
{
    (void)src, (void)mask;
    return 0;
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

/* Offset in the line of separator k (0-based), k < the line's separators. PDEP is one fast
 * instruction on Intel since Haswell and AMD since Zen 3, but microcoded (tens to hundreds
 * of cycles) on Zen 1 and 2, where the table select is faster. */
static inline __attribute__((always_inline)) size_t sep_at(const scan_t *s,
                                                           const line_masks *m, unsigned k,
                                                           int pdep)
{
    unsigned w = (k >= m->before[1]) + (k >= m->before[2]) + (k >= m->before[3]);
    unsigned r = k - m->before[w];
    if (pdep)
        return 64 * (size_t)w + (size_t)__builtin_ctzll(pdep64(1ull << r, m->sep[w]));
    return 64 * (size_t)w + select_bit(&s->select, m->sep[w], r);
}

/* The fields of a plan, from a short line's masks: one select a separator and no branch on
 * the data, so a query pays for the fields it asked for and nothing else. */
static inline __attribute__((always_inline)) void cut_short_line(scan_t *s, const cut_plan *p,
                                                                 const line_masks *m,
                                                                 const char *line, size_t len,
                                                                 int pdep)
{
    unsigned total = m->total;
    size_t *pos = s->pos;
    for (size_t j = 0; j < p->nseps; j++) {
        unsigned k = p->seps[j];
        pos[j] = k < total ? sep_at(s, m, k, pdep) : len;
    }
    for (size_t i = 0; i < p->ncols; i++) {
        size_t fs = pos[p->from[i]] + 1, fe = pos[p->to[i]];
        s->fields[p->slot[i]] = p->col[i] <= total ? (scan_field){line + fs, fe - fs}
                                                   : (scan_field){NULL, 0};
    }
}

/* The fields of a plan from the separator offsets of ISA_AVX512. */
static inline __attribute__((always_inline)) void cut_from_offsets(scan_t *s,
                                                                   const cut_plan *p,
                                                                   const char *line,
                                                                   size_t len)
{
    unsigned total = s->total;
    const uint8_t *pos = s->pos8;
    s->pos8[1 + total] = (uint8_t)len;
    for (size_t i = 0; i < p->ncols; i++) {
        unsigned k = p->col[i];
        size_t fs = (uint8_t)(pos[k] + 1), fe = pos[k + 1];
        s->fields[p->slot[i]] = k <= total ? (scan_field){line + fs, fe - fs}
                                           : (scan_field){NULL, 0};
    }
}

/* A line of any length, byte by byte: for lines too long for the word masks. */
static void cut_long_line(scan_t *s, const char *line, size_t len, unsigned *nfields)
{
    size_t fs = 0;
    unsigned field = 0;
    for (size_t n = 0; n < s->ncols; n++)
        s->fields[n] = (scan_field){NULL, 0};
    for (size_t j = 0;; field++) {
        const char *semi = memchr(line + fs, ';', len - fs);
        size_t fe = semi ? (size_t)(semi - line) : len;
        for (; j < s->ncols && s->need[j] == field; j++)
            s->fields[s->slot_of[j]] = (scan_field){line + fs, fe - fs};
        if (!semi)
            break;
        fs = fe + 1;
    }
    *nfields = field + 1;
}

/* A '"' (a quoted file, which Open DAMIR never is) or a NUL byte (a damaged file: a copy cut
 * short leaves blocks of zeros) at byte col of a line: the scan stops there. */
static int damage(scan_t *s, const char *line, uint64_t lineno, size_t line_start, size_t col,
                  ds_err *err)
{
    s->damaged = 1;
    s->err_line = lineno;
    s->err_offset = line_start;
    s->err_col = col + 1;
    if (line[col] == '\0')
        return ds_err_set(err, DS_EDATA, "NUL byte (damaged file?)");
    return ds_err_set(err, DS_EDATA,
                      "quoted fields are not supported in bulk files; use the Open DAMIR "
                      "files as published (no '\"'), or convert this file first");
}

int scan_error_at(const scan_t *s, uint64_t *lineno, uint64_t *line_offset, size_t *col)
{
    *lineno = s->err_line;
    *line_offset = s->err_offset;
    *col = s->err_col;
    return s->damaged;
}

/* Masks the words of the line starting at p (at least SHORT_LINE readable bytes) up to its
 * '\n'. Returns the line length, or SIZE_MAX if no '\n' is within SHORT_LINE bytes; *odd
 * gets the offset of the first '"' or NUL before the end, or SIZE_MAX. */
static inline __attribute__((always_inline)) size_t mask_line(const char *p, line_masks *m,
                                                              size_t *odd, int wide)
{
    size_t len = SIZE_MAX;
    unsigned count = 0;
    *odd = SIZE_MAX;
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
        if (c.odd & keep && *odd == SIZE_MAX)
            *odd = 64 * (size_t)w + (size_t)__builtin_ctzll(c.odd & keep);
        m->sep[w] = c.sep & keep;
        count += (unsigned)__builtin_popcountll(m->sep[w]);
    }
    m->total = count;
    return len;
}

/* The first '"' or NUL in p[0..n), or SIZE_MAX: for long lines. */
static size_t first_odd(const char *p, size_t n)
{
    const char *q = memchr(p, '"', n), *z = memchr(p, '\0', q ? (size_t)(q - p) : n);
    return z ? (size_t)(z - p) : q ? (size_t)(q - p) : SIZE_MAX;
}

/* Finds the end of the line at buf[start..] (a '\n' or the block's end) and masks it if it
 * is short. Returns DS_OK with *len (bytes before the '\n') and *is_long, or DS_EDATA on a
 * quote or a NUL byte. A line near the block's end is masked from a copy padded with '\n',
 * so that the words never read past the block. */
static inline __attribute__((always_inline)) int next_line(scan_t *s, line_masks *m,
                                                           const char *buf, size_t size,
                                                           size_t start, uint64_t lineno,
                                                           size_t *len, int *is_long, int wide,
                                                           ds_err *err)
{
    size_t odd, n;
    const char *p = buf + start, *from = p;
    if (size - start < SHORT_LINE) {
        memset(s->tail, '\n', sizeof s->tail);
        memcpy(s->tail, p, size - start);
        from = s->tail;
    }
    __builtin_prefetch(p + PREFETCH_AHEAD);
    n = wide == 2 ? mask_line_512(s, from, &odd) : mask_line(from, m, &odd, wide);
    *is_long = n == SIZE_MAX;
    if (*is_long) {
        const char *nl = memchr(p, '\n', size - start);
        n = nl ? (size_t)(nl - p) : size - start;
        odd = first_odd(p, n);
    }
    if (odd != SIZE_MAX)
        return damage(s, p, lineno, start, odd, err);
    *len = n;
    return DS_OK;
}

/* The line loop, instantiated once per instruction set below: wide = 1 for AVX2 compares,
 * 2 for AVX-512 offsets; pdep = BMI2 selects. */
static inline __attribute__((always_inline)) int scan_lines_with(scan_t *s, const char *buf,
                                                                 size_t size, uint64_t first,
                                                                 scan_row_fn fn, void *ctx,
                                                                 int wide, int pdep,
                                                                 ds_err *err)
{
    uint64_t lineno = first;
    int rc = DS_OK;
    s->damaged = 0;
    int keep_masks = s->rest.ncols > 0;
    for (size_t start = 0; start < size && rc == DS_OK; lineno++) {
        line_masks m;
        size_t len = 0;
        int is_long = 0;
        rc = next_line(s, &m, buf, size, start, lineno, &len, &is_long, wide, err);
        if (rc != DS_OK)
            break;
        const char *line = buf + start;
        size_t cut = len - (len > 0 && line[len - 1] == '\r');
        unsigned nfields = 0;
        s->long_line = is_long;
        if (cut == 0)
            nfields = 0;
        else if (is_long)
            cut_long_line(s, line, cut, &nfields);
        else if (wide == 2) {
            cut_from_offsets(s, &s->eager, line, cut);
            nfields = s->total + 1;
        } else {
            cut_short_line(s, &s->eager, &m, line, cut, pdep);
            nfields = m.total + 1;
            if (keep_masks)
                s->m = m;
        }
        if (nfields > 0) {
            scan_row row = {line, cut, lineno, start, nfields, s->fields, buf + size, s};
            rc = fn(ctx, &row, err);
        }
        start += len + 1;
    }
    s->lines = lineno - first;
    return rc;
}

static int scan_block_base(scan_t *s, const char *buf, size_t size, uint64_t first,
                           scan_row_fn fn, void *ctx, ds_err *err)
{
    return scan_lines_with(s, buf, size, first, fn, ctx, 0, 0, err);
}

/* Chosen at run time by scan_new, so no -march flag is needed: POPCNT, which the bit
 * counting leans on, AVX2 (with it), which halves the compares per line, and BMI2's PDEP
 * where it is fast. */
#if SCAN_X86
__attribute__((target("popcnt"))) static int scan_block_popcnt(scan_t *s, const char *buf,
                                                               size_t size, uint64_t first,
                                                               scan_row_fn fn, void *ctx,
                                                               ds_err *err)
{
    return scan_lines_with(s, buf, size, first, fn, ctx, 0, 0, err);
}

__attribute__((target("avx2,popcnt"))) static int scan_block_avx2(scan_t *s, const char *buf,
                                                                  size_t size, uint64_t first,
                                                                  scan_row_fn fn, void *ctx,
                                                                  ds_err *err)
{
    return scan_lines_with(s, buf, size, first, fn, ctx, 1, 0, err);
}

__attribute__((target("avx2,popcnt,bmi"))) static int
scan_block_avx2_pdep(scan_t *s, const char *buf, size_t size, uint64_t first, scan_row_fn fn,
                     void *ctx, ds_err *err)
{
    return scan_lines_with(s, buf, size, first, fn, ctx, 1, 1, err);
}

__attribute__((target(SCAN_AVX512))) static int scan_block_avx512(scan_t *s, const char *buf,
                                                                  size_t size, uint64_t first,
                                                                  scan_row_fn fn, void *ctx,
                                                                  ds_err *err)
{
    return scan_lines_with(s, buf, size, first, fn, ctx, 2, 1, err);
}

static int isa_level(void)
{
    __builtin_cpu_init();
    if (!__builtin_cpu_supports("popcnt"))
        return ISA_BASE;
    if (!__builtin_cpu_supports("avx2"))
        return ISA_POPCNT;
    int pdep_fast = __builtin_cpu_supports("bmi2") && !__builtin_cpu_is("znver1") &&
                    !__builtin_cpu_is("znver2");
    if (pdep_fast && __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw") &&
        __builtin_cpu_supports("avx512vbmi2"))
        return ISA_AVX512;
    return pdep_fast ? ISA_AVX2_PDEP : ISA_AVX2;
}
#else
static int isa_level(void)
{
    return ISA_BASE;
}
#endif

void scan_cut_rest(const scan_row *row)
{
    scan_t *s = row->scan;
    if (s->long_line || s->rest.ncols == 0)
        return;
    if (s->isa == ISA_AVX512)
        cut_from_offsets(s, &s->rest, row->line, row->len);
    else if (s->isa == ISA_AVX2_PDEP)
        cut_short_line(s, &s->rest, &s->m, row->line, row->len, 1);
    else
        cut_short_line(s, &s->rest, &s->m, row->line, row->len, 0);
}

int scan_block(scan_t *s, const char *buf, size_t size, uint64_t first_lineno,
               scan_row_fn fn, void *ctx, ds_err *err)
{
#if SCAN_X86
    if (s->isa == ISA_AVX512)
        return scan_block_avx512(s, buf, size, first_lineno, fn, ctx, err);
    if (s->isa == ISA_AVX2_PDEP)
        return scan_block_avx2_pdep(s, buf, size, first_lineno, fn, ctx, err);
    if (s->isa == ISA_AVX2)
        return scan_block_avx2(s, buf, size, first_lineno, fn, ctx, err);
    if (s->isa == ISA_POPCNT)
        return scan_block_popcnt(s, buf, size, first_lineno, fn, ctx, err);
#endif
    return scan_block_base(s, buf, size, first_lineno, fn, ctx, err);
}

void scan_num_table_fill(scan_num_table *t)
{
    memset(t, 0, sizeof *t);
    for (unsigned n = 0; n <= 8; n++)
        for (unsigned neg = 0; neg <= 1; neg++)
            for (unsigned dot = 0; dot <= 8; dot++) {
                unsigned idx = (n * 2 + neg) * 9 + dot, first = neg;
                unsigned int_end = dot ? dot - 1 : n, dec = dot ? n - dot : 0;
                uint8_t *m = t->shuf[idx];
                memset(m, 0x80, 16); /* PSHUFB writes 0 there: a leading or trailing zero */
                if (dot && (dot - 1 < first || dot - 1 >= n))
                    continue; /* the '.' is the sign's byte or past the field */
                unsigned nint = int_end > first ? int_end - first : 0;
                if (n == 0 || first >= n || nint > 6 || dec > 2 || nint + dec == 0)
                    continue;
                for (unsigned i = 0; i < nint; i++)
                    m[5 - i] = (uint8_t)(int_end - 1 - i);
                for (unsigned i = 0; i < dec; i++)
                    m[6 + i] = (uint8_t)(dot + i);
                t->ok[idx] = 1;
            }
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
