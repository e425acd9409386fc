/* scan_impl: word-at-a-time helpers for the per-row work of the scan stage (query.c), inline
 * so that the hot loop makes no call for them. Each reads 8 bytes from a field's start, which
 * the caller allows only when they lie before the block's end (scan_row.end). */
#ifndef DAMIRSTAT_SCAN_IMPL_H
#define DAMIRSTAT_SCAN_IMPL_H

#include <stdint.h>
#include <string.h>

#include "damirstat/scan.h"

#define SCAN_ONES 0x0101010101010101u
#define SCAN_HIGHS 0x8080808080808080u

/* The 8 bytes at p, byte i of the text in bits 8i..8i+7 (x86 and the other little-endian
 * machines we build on; a big-endian one swaps them). */
static inline uint64_t scan_load8(const char *p)
{
    uint64_t v;
    memcpy(&v, p, sizeof v);
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_BIG_ENDIAN__
    v = __builtin_bswap64(v);
#endif
    return v;
}

/* The low n bytes of a word set (1 <= n <= 8). */
static inline uint64_t scan_low_bytes(size_t n)
{
    return ~0ull >> (64 - 8 * n);
}

/* Parses a field into hundredths, as scan_cents does, eight bytes at a time when the field
 * is a plain amount: an optional '-', up to 6 integer digits, an optional '.' and up to 2
 * decimals ("2515.6", "-.57", "347"). Anything else, or a field too near the block's end,
 * goes to scan_cents. The eight digits (integer part, then two decimals, zero-padded on the
 * left) are combined by three multiplies, each adding pairs of neighbours (1 digit, then 2,
 * then 4), with no branch on the field's length or on where its '.' is. */
static inline int scan_cents_at(scan_field f, const char *end, int64_t *cents)
{
    size_t len = f.len;
    if (len == 0 || len > 8 || (size_t)(end - f.p) < 8)
        return scan_cents(f.p, f.len, cents);
    uint64_t v = scan_load8(f.p);
    int neg = (v & 0xff) == '-';
    v >>= 8 * neg;
    len -= (size_t)neg;
    if (len == 0)
        return scan_cents(f.p, f.len, cents);
    uint64_t keep = scan_low_bytes(len);
    uint64_t t = (v ^ (0x30 * SCAN_ONES)) & keep;            /* '0'..'9' -> 0..9, '.' -> 0x1e */
    uint64_t x = t ^ (0x1e * SCAN_ONES);
    uint64_t dot = (x - SCAN_ONES) & ~x & SCAN_HIGHS & keep;  /* lowest set byte: the '.' */
    size_t d = dot ? (size_t)__builtin_ctzll(dot) / 8 : len; /* integer digits */
    uint64_t digits = dot ? t & ~(0xffull << (8 * d)) : t;
    uint64_t bad = (((digits & 0x7f * SCAN_ONES) + 0x76 * SCAN_ONES) | digits) & SCAN_HIGHS;
    size_t decimals = len - d - (dot != 0);
    if (bad || d > 6 || decimals > 2 || d + decimals == 0)
        return scan_cents(f.p, f.len, cents);
    uint64_t whole = d ? t & scan_low_bytes(d) : 0;
    uint64_t frac = (t >> (8 * d) >> 8) & 0xffff;             /* zeros past the field */
    uint64_t w = (whole | frac << (8 * d)) << (8 * (6 - d));  /* 8 digits, first one low */
    w = (w * 10 + (w >> 8)) & 0x00ff00ff00ff00ffu;
    w = (w * 100 + (w >> 16)) & 0x0000ffff0000ffffu;
    w = (w * 10000 + (w >> 32)) & 0xffffffffu;
    *cents = neg ? -(int64_t)w : (int64_t)w;
    return SCAN_NUM_OK;
}

/* Plain amounts by table (SSSE3): the field's 16 bytes minus '0' go through one PSHUFB whose
 * mask, picked by the field's length, sign and '.' position, puts the integer digits
 * right-aligned in bytes 0..5 and the decimals in bytes 6..7 (zeros where absent); then
 * PMADDUBSW and PMADDWD add neighbours times 10 and 100, leaving two 4-digit halves. */
enum { SCAN_NUM_PATTERNS = 9 * 2 * 9 }; /* length 0..8, sign, no '.' or '.' at 0..7 */

typedef struct scan_num_table {
    uint8_t shuf[SCAN_NUM_PATTERNS][16];
    uint8_t ok[SCAN_NUM_PATTERNS]; /* 0: not a plain amount (the slow path judges it) */
} scan_num_table;

void scan_num_table_fill(scan_num_table *t);

#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>

__attribute__((target("ssse3,popcnt,bmi"))) static inline int
scan_cents_simd(scan_field f, const char *end, const scan_num_table *t, int64_t *cents)
{
    size_t n = f.len;
    if (n == 0 || n > 8 || (size_t)(end - f.p) < 16)
        return scan_cents(f.p, f.len, cents);
    __m128i v = _mm_loadu_si128((const __m128i *)(const void *)f.p);
    unsigned dots = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_set1_epi8('.')));
    dots &= (1u << n) - 1;
    unsigned neg = f.p[0] == '-';
    unsigned idx = ((unsigned)n * 2 + neg) * 9 + (dots ? (unsigned)_tzcnt_u32(dots) + 1 : 0);
    __m128i mask = _mm_loadu_si128((const __m128i *)(const void *)t->shuf[idx]);
    __m128i d = _mm_shuffle_epi8(_mm_sub_epi8(v, _mm_set1_epi8('0')), mask);
    __m128i digits_ok = _mm_cmpeq_epi8(_mm_min_epu8(d, _mm_set1_epi8(9)), d);
    if (!t->ok[idx] || _mm_movemask_epi8(digits_ok) != 0xffff)
        return scan_cents(f.p, f.len, cents);
    __m128i pairs = _mm_maddubs_epi16(d, _mm_set_epi8(1, 10, 1, 10, 1, 10, 1, 10, 1, 10, 1, 10,
                                                      1, 10, 1, 10));
    __m128i quads = _mm_madd_epi16(pairs, _mm_set_epi16(1, 100, 1, 100, 1, 100, 1, 100));
    uint64_t halves = (uint64_t)_mm_cvtsi128_si64(quads);
    int64_t value = (int64_t)((halves & 0xffffffffu) * 10000 + (halves >> 32));
    *cents = neg ? -value : value;
    return SCAN_NUM_OK;
}
#else
static inline int scan_cents_simd(scan_field f, const char *end, const scan_num_table *t,
                                  int64_t *cents)
{
    (void)t;
    return scan_cents_at(f, end, cents);
}
#endif

#endif
