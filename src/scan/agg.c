#include "damirstat/agg.h"
#include "agg_impl.h"

#include <assert.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

/* A slot of the open-addressing table holds what a lookup compares, so that finding a
 * group reads one slot and then the group's block: with thousands of groups (department x
 * PRS_NAT) each is an L2 access, and a chain of two per lookup cost a quarter of the run. */
typedef struct slot {
    uint64_t key;   /* the key's bytes when len <= 8, else its hash */
    uint32_t group; /* group index + 1; 0 = empty */
    uint32_t len;   /* key length (keys are shorter than 4 GB: lines are) */
} slot;

struct agg {
    size_t nkeys, nsums, next;
    const char *const *sum_names;
    agg_ext_kind *ext_kind; /* next of them */
    size_t n, cap;          /* groups stored, and room for them */
    size_t width;           /* int64s in a group's block: count, pos[nsums], neg[nsums],
                             * ext[next] */
    int64_t *block;         /* width per group */
    size_t *key_off, *key_len;
    char *keys;             /* all keys, back to back */
    size_t keys_len, keys_cap;
    slot *slots;
    size_t nslots;          /* a power of two, kept at least twice n */
    char *scratch;          /* the row's joined key */
    size_t scratch_cap;
    size_t overflowed;      /* the sum that overflowed last */
    int overflowed_neg;     /* and whether its negative part did */
};

agg_t *agg_new(size_t nkeys, size_t nsums, const char *const *sum_names)
{
    return agg_new_ext(nkeys, nsums, sum_names, 0, NULL);
}

agg_t *agg_new_ext(size_t nkeys, size_t nsums, const char *const *sum_names, size_t next,
                   const agg_ext_kind *kinds)
{
    agg_t *a = xcalloc(1, sizeof *a);
    a->next = next;
    a->ext_kind = xcalloc(next + 1, sizeof *a->ext_kind);
    if (next)
        memcpy(a->ext_kind, kinds, next * sizeof *kinds);
    a->nkeys = nkeys;
    a->nsums = nsums;
    a->width = 1 + 2 * nsums + next;
    a->sum_names = sum_names;
    a->nslots = 64;
    a->slots = xcalloc(a->nslots, sizeof *a->slots);
    a->scratch_cap = 256;
    a->scratch = xmalloc(a->scratch_cap);
    a->keys_cap = 256;
    a->keys = xmalloc(a->keys_cap);
    return a;
}

void agg_free(agg_t *a)
{
    if (!a)
        return;
    free(a->block);
    free(a->key_off);
    free(a->key_len);
    free(a->ext_kind);
    free(a->keys);
    free(a->slots);
    free(a->scratch);
    free(a);
}

/* Keys of up to 8 bytes (region "11", department "2A", "75\x1f2") are the common case:
 * they are packed into one word, hashed with one multiply and compared in one instruction.
 * Longer keys use FNV-1a. */
static inline uint64_t pack_key(const char *p, size_t n)
{
    uint64_t v = 0;
    for (size_t i = 0; i < n; i++)
        v |= (uint64_t)(unsigned char)p[i] << (8 * i);
    return v;
}

static inline uint64_t hash_packed(uint64_t v, size_t n)
{
    uint64_t h = (v ^ ((uint64_t)n << 59)) * 0x9e3779b97f4a7c15u;
    return h ^ (h >> 31);
}

static uint64_t hash_key(const char *p, size_t n)
{
    if (n <= 8)
        return hash_packed(pack_key(p, n), n);
    uint64_t h = 0xcbf29ce484222325u;
    for (size_t i = 0; i < n; i++)
        h = (h ^ (unsigned char)p[i]) * 0x100000001b3u;
    return h ^ (h >> 29);
}

static void rehash(agg_t *a)
{
    slot *old = a->slots;
    size_t nold = a->nslots;
    a->nslots *= 2;
    a->slots = xcalloc(a->nslots, sizeof *a->slots);
    for (size_t k = 0; k < nold; k++) {
        if (!old[k].group)
            continue;
        uint64_t h = old[k].len <= 8 ? hash_packed(old[k].key, old[k].len) : old[k].key;
        size_t i = h & (a->nslots - 1);
        while (a->slots[i].group)
            i = (i + 1) & (a->nslots - 1);
        a->slots[i] = old[k];
    }
    free(old);
}

static void grow_groups(agg_t *a)
{
    a->cap = a->cap ? 2 * a->cap : 64;
    a->block = xrealloc(a->block, a->cap * a->width * sizeof *a->block);
    a->key_off = xrealloc(a->key_off, a->cap * sizeof *a->key_off);
    a->key_len = xrealloc(a->key_len, a->cap * sizeof *a->key_len);
}

/* A group's block: its count, then pos[], neg[], ext[]. */
static inline int64_t *block_of(const agg_t *a, size_t g)
{
    return a->block + g * a->width;
}

static size_t insert(agg_t *a, const char *key, size_t len, uint64_t h, size_t at)
{
    if (a->n == a->cap)
        grow_groups(a);
    if (a->keys_len + len > a->keys_cap) {
        a->keys_cap = 2 * (a->keys_len + len) + 256;
        a->keys = xrealloc(a->keys, a->keys_cap);
    }
    size_t g = a->n++;
    memcpy(a->keys + a->keys_len, key, len);
    a->key_off[g] = a->keys_len;
    a->key_len[g] = len;
    a->keys_len += len;
    int64_t *b = block_of(a, g), *ext = b + 1 + 2 * a->nsums;
    memset(b, 0, (1 + 2 * a->nsums) * sizeof *b);
    for (size_t i = 0; i < a->next; i++) /* the identity of each: min of nothing is +inf */
        ext[i] = a->ext_kind[i] == AGG_EXT_MIN   ? INT64_MAX
                 : a->ext_kind[i] == AGG_EXT_MAX ? INT64_MIN
                                                 : 0;
    a->slots[at] = (slot){len <= 8 ? pack_key(key, len) : h, (uint32_t)(g + 1), (uint32_t)len};
    if (2 * a->n > a->nslots)
        rehash(a);
    return g;
}

/* The group of a key of at most 8 bytes, given packed; key is needed only to insert (NULL:
 * unpacked from packed). */
static inline size_t find_short(agg_t *a, uint64_t packed, const char *key, size_t len)
{
    uint64_t h = hash_packed(packed, len);
    size_t i = h & (a->nslots - 1);
    for (;;) {
        slot s = a->slots[i];
        if (!s.group) {
            char bytes[8];
            for (size_t k = 0; k < len && !key; k++)
                bytes[k] = (char)(packed >> (8 * k));
            return insert(a, key ? key : bytes, len, h, i);
        }
        if (s.key == packed && s.len == len)
            return s.group - 1;
        i = (i + 1) & (a->nslots - 1);
    }
}

/* The group of key, created empty if new. */
static size_t find(agg_t *a, const char *key, size_t len)
{
    if (len <= 8)
        return find_short(a, pack_key(key, len), key, len);
    uint64_t h = hash_key(key, len);
    size_t i = h & (a->nslots - 1);
    for (;;) {
        slot s = a->slots[i];
        if (!s.group)
            return insert(a, key, len, h, i);
        size_t g = s.group - 1;
        if (s.key == h && s.len == len && memcmp(a->keys + a->key_off[g], key, len) == 0)
            return g;
        i = (i + 1) & (a->nslots - 1);
    }
}

/* The negative part may not reach INT64_MIN: the range is symmetric, so that every total
 * prints within +-92233720368547758.07 and negates. */
static int overflow(agg_t *a, size_t j, int neg, ds_err *err)
{
    a->overflowed = j;
    a->overflowed_neg = neg;
    return ds_err_set(err, DS_EDATA, "sum of %s: its %s amounts add up beyond the 64-bit cents "
                      "range (+-92233720368547758.07)", a->sum_names[j],
                      neg ? "negative" : "positive");
}

static int add_sums(agg_t *a, size_t g, const int64_t *pos, const int64_t *neg, ds_err *err)
{
    int64_t *gp = block_of(a, g) + 1, *gn = gp + a->nsums;
    for (size_t j = 0; j < a->nsums; j++) {
        if (__builtin_add_overflow(gp[j], pos[j], &gp[j]))
            return overflow(a, j, 0, err);
        if (__builtin_add_overflow(gn[j], neg[j], &gn[j]) || gn[j] == INT64_MIN)
            return overflow(a, j, 1, err);
    }
    return DS_OK;
}

/* Folds values v[0..next) into group g's extra accumulators: min, max, or a count (adding
 * a row's 0 or 1, or a merged group's count). */
static void add_ext(agg_t *a, size_t g, const int64_t *v)
{
    int64_t *e = block_of(a, g) + 1 + 2 * a->nsums;
    for (size_t i = 0; i < a->next; i++) {
        switch (a->ext_kind[i]) {
        case AGG_EXT_MIN: e[i] = v[i] < e[i] ? v[i] : e[i]; break;
        case AGG_EXT_MAX: e[i] = v[i] > e[i] ? v[i] : e[i]; break;
        default: e[i] += v[i]; break; /* no more than the rows: cannot overflow */
        }
    }
}

static inline int add_row(agg_t *a, size_t g, const int64_t *cents, ds_err *err)
{
    int64_t *b = block_of(a, g), *gp = b + 1, *gn = gp + a->nsums;
    b[0]++; /* the count: no more than the rows, far below 2^63 */
    for (size_t j = 0; j < a->nsums; j++) {
        int64_t *acc = cents[j] >= 0 ? &gp[j] : &gn[j];
        if (__builtin_add_overflow(*acc, cents[j], acc) || *acc == INT64_MIN)
            return overflow(a, j, cents[j] < 0, err);
    }
    if (a->next)
        add_ext(a, g, cents + a->nsums);
    return DS_OK;
}

int agg_add(agg_t *a, const scan_field *keys, const int64_t *cents, ds_err *err)
{
    size_t len = a->nkeys ? a->nkeys - 1 : 0;
    for (size_t k = 0; k < a->nkeys; k++)
        len += keys[k].len;
    if (a->nkeys == 1 && len <= 8) {
        size_t g = find_short(a, pack_key(keys[0].p, len), keys[0].p, len);
        return add_row(a, g, cents, err);
    }
    if (len > a->scratch_cap) {
        a->scratch_cap = 2 * len;
        a->scratch = xrealloc(a->scratch, a->scratch_cap);
    }
    char *q = a->scratch;
    for (size_t k = 0; k < a->nkeys; k++) {
        if (k)
            *q++ = AGG_KEY_SEP;
        memcpy(q, keys[k].p, keys[k].len);
        q += keys[k].len;
    }
    return add_row(a, find(a, a->scratch, len), cents, err);
}

int agg_add_packed(agg_t *a, uint64_t packed, size_t len, const int64_t *cents, ds_err *err)
{
    return add_row(a, find_short(a, packed, NULL, len), cents, err);
}

size_t agg_overflowed(const agg_t *a) { return a->overflowed; }
int agg_overflowed_negative(const agg_t *a) { return a->overflowed_neg; }

int agg_add_group(agg_t *a, const agg_group *grp, ds_err *err)
{
    size_t g = find(a, grp->key, grp->key_len);
    uint64_t *count = (uint64_t *)(void *)block_of(a, g);
    if (__builtin_add_overflow(*count, grp->count, count))
        return ds_err_set(err, DS_EDATA, "count overflows 64 bits");
    if (a->next && grp->ext)
        add_ext(a, g, grp->ext);
    return add_sums(a, g, grp->pos, grp->neg, err);
}

int agg_merge(agg_t *into, const agg_t *from, ds_err *err)
{
    assert(into->nkeys == from->nkeys && into->nsums == from->nsums &&
           into->next == from->next); /* tables of the same query */
    for (size_t g = 0; g < from->n; g++) {
        agg_group grp = agg_get(from, g);
        int rc = agg_add_group(into, &grp, err);
        if (rc)
            return rc;
    }
    return DS_OK;
}

size_t agg_ngroups(const agg_t *a)
{
    return a->n;
}

size_t agg_nkeys(const agg_t *a) { return a->nkeys; }
size_t agg_nsums(const agg_t *a) { return a->nsums; }
size_t agg_next(const agg_t *a) { return a->next; }
agg_ext_kind agg_ext(const agg_t *a, size_t i) { return a->ext_kind[i]; }

agg_group agg_get(const agg_t *a, size_t g)
{
    const int64_t *b = block_of(a, g);
    return (agg_group){a->keys + a->key_off[g], a->key_len[g], b + 1, b + 1 + a->nsums,
                       (uint64_t)b[0], b + 1 + 2 * a->nsums};
}

int64_t agg_total(const agg_group *g, size_t j)
{
    return g->pos[j] + g->neg[j]; /* opposite signs: cannot overflow */
}

/* An integer code ("01", "-3", "2024"), parsed for ordering; 0 if it is not one. */
static int code_as_int(const char *p, size_t n, int64_t *v)
{
    size_t i = n > 0 && p[0] == '-';
    if (i == n || n - i > 18)
        return 0;
    int64_t x = 0;
    for (; i < n; i++) {
        if ((unsigned)(p[i] - '0') > 9)
            return 0;
        x = x * 10 + (p[i] - '0');
    }
    *v = p[0] == '-' ? -x : x;
    return 1;
}

int agg_cmp_code(const char *a, size_t na, const char *b, size_t nb)
{
    int64_t x, y;
    int ia = code_as_int(a, na, &x), ib = code_as_int(b, nb, &y);
    if (ia && ib && x != y)
        return x < y ? -1 : 1;
    if (ia != ib)
        return ia ? -1 : 1;
    int c = memcmp(a, b, na < nb ? na : nb);
    return c ? c : (na > nb) - (na < nb);
}

static int cmp_keys(const char *a, size_t na, const char *b, size_t nb)
{
    for (;;) {
        const char *ea = memchr(a, AGG_KEY_SEP, na), *eb = memchr(b, AGG_KEY_SEP, nb);
        size_t la = ea ? (size_t)(ea - a) : na, lb = eb ? (size_t)(eb - b) : nb;
        int c = agg_cmp_code(a, la, b, lb);
        if (c || !ea || !eb)
            return c ? c : (ea != NULL) - (eb != NULL);
        a += la + 1, na -= la + 1;
        b += lb + 1, nb -= lb + 1;
    }
}

/* Sorting an index array (glibc's qsort_r passes the table) then rebuilding the table in
 * that order keeps agg_get(a, i) the i-th group in key order. */
static int cmp_groups(const void *x, const void *y, void *ctx)
{
    const agg_t *a = ctx;
    size_t g = *(const size_t *)x, h = *(const size_t *)y;
    return cmp_keys(a->keys + a->key_off[g], a->key_len[g], a->keys + a->key_off[h],
                    a->key_len[h]);
}

static void permute(agg_t *a, const size_t *order)
{
    agg_t *b = agg_new_ext(a->nkeys, a->nsums, a->sum_names, a->next, a->ext_kind);
    for (size_t i = 0; i < a->n; i++) {
        agg_group grp = agg_get(a, order[i]);
        agg_add_group(b, &grp, NULL); /* same totals: cannot overflow */
    }
    agg_t tmp = *a;
    *a = *b;
    *b = tmp;
    agg_free(b);
}

void agg_sort(agg_t *a)
{
    size_t *order = xmalloc((a->n + 1) * sizeof *order);
    for (size_t i = 0; i < a->n; i++)
        order[i] = i;
    qsort_r(order, a->n, sizeof *order, cmp_groups, a);
    permute(a, order);
    free(order);
}

int agg_format_cents(int64_t cents, char *buf)
{
    uint64_t mag = cents < 0 ? 0 - (uint64_t)cents : (uint64_t)cents;
    return sprintf(buf, "%s%" PRIu64 ".%02u", cents < 0 ? "-" : "", mag / 100,
                   (unsigned)(mag % 100));
}
