#include "damirstat/agg.h"
#include "damirstat/json.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

struct agg {
    size_t nkeys, nsums;
    const char *const *sum_names;
    size_t n, cap;          /* groups stored, and room for them */
    uint64_t *hash;         /* per group */
    uint64_t *packed;       /* per group: its key's bytes in one word when <= 8 of them */
    size_t *key_off, *key_len;
    uint64_t *count;
    int64_t *pos, *neg;     /* nsums per group */
    char *keys;             /* all keys, back to back */
    size_t keys_len, keys_cap;
    uint32_t *slots;        /* open addressing: group index + 1, 0 = empty */
    size_t nslots;          /* a power of two, kept at least twice n */
    char *scratch;          /* the row's joined key */
    size_t scratch_cap;
    size_t overflowed;      /* the sum that overflowed last */
};

agg_t *agg_new(size_t nkeys, size_t nsums, const char *const *sum_names)
{
    agg_t *a = xcalloc(1, sizeof *a);
    a->nkeys = nkeys;
    a->nsums = nsums;
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
    free(a->hash);
    free(a->packed);
    free(a->key_off);
    free(a->key_len);
    free(a->count);
    free(a->pos);
    free(a->neg);
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
    free(a->slots);
    a->nslots *= 2;
    a->slots = xcalloc(a->nslots, sizeof *a->slots);
    for (size_t g = 0; g < a->n; g++) {
        size_t i = a->hash[g] & (a->nslots - 1);
        while (a->slots[i])
            i = (i + 1) & (a->nslots - 1);
        a->slots[i] = (uint32_t)(g + 1);
    }
}

static void grow_groups(agg_t *a)
{
    a->cap = a->cap ? 2 * a->cap : 64;
    a->hash = xrealloc(a->hash, a->cap * sizeof *a->hash);
    a->packed = xrealloc(a->packed, a->cap * sizeof *a->packed);
    a->key_off = xrealloc(a->key_off, a->cap * sizeof *a->key_off);
    a->key_len = xrealloc(a->key_len, a->cap * sizeof *a->key_len);
    a->count = xrealloc(a->count, a->cap * sizeof *a->count);
    a->pos = xrealloc(a->pos, a->cap * (a->nsums + 1) * sizeof *a->pos);
    a->neg = xrealloc(a->neg, a->cap * (a->nsums + 1) * sizeof *a->neg);
}

static size_t insert(agg_t *a, const char *key, size_t len, uint64_t h, size_t slot)
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
    a->hash[g] = h;
    a->packed[g] = len <= 8 ? pack_key(key, len) : 0;
    a->count[g] = 0;
    memset(a->pos + g * a->nsums, 0, a->nsums * sizeof *a->pos);
    memset(a->neg + g * a->nsums, 0, a->nsums * sizeof *a->neg);
    a->slots[slot] = (uint32_t)(g + 1);
    if (2 * a->n > a->nslots)
        rehash(a);
    return g;
}

/* The group of a key of at most 8 bytes, given packed; key is needed only to insert. */
static inline size_t find_short(agg_t *a, uint64_t packed, const char *key, size_t len)
{
    uint64_t h = hash_packed(packed, len);
    size_t i = h & (a->nslots - 1);
    for (;;) {
        uint32_t s = a->slots[i];
        if (!s)
            return insert(a, key, len, h, i);
        size_t g = s - 1;
        if (a->packed[g] == packed && a->key_len[g] == len)
            return g;
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
        uint32_t s = a->slots[i];
        if (!s)
            return insert(a, key, len, h, i);
        size_t g = s - 1;
        if (a->hash[g] == h && a->key_len[g] == len && memcmp(a->keys + a->key_off[g], key, len) == 0)
            return g;
        i = (i + 1) & (a->nslots - 1);
    }
}

static int overflow(agg_t *a, size_t j, ds_err *err)
{
    a->overflowed = j;
    return ds_err_set(err, DS_EDATA, "sum of %s overflows 64-bit cents", a->sum_names[j]);
}

static int add_sums(agg_t *a, size_t g, const int64_t *pos, const int64_t *neg, ds_err *err)
{
    int64_t *gp = a->pos + g * a->nsums, *gn = a->neg + g * a->nsums;
    for (size_t j = 0; j < a->nsums; j++)
        if (__builtin_add_overflow(gp[j], pos[j], &gp[j]) ||
            __builtin_add_overflow(gn[j], neg[j], &gn[j]))
            return overflow(a, j, err);
    return DS_OK;
}

static inline int add_row(agg_t *a, size_t g, const int64_t *cents, ds_err *err)
{
    a->count[g]++;
    int64_t *gp = a->pos + g * a->nsums, *gn = a->neg + g * a->nsums;
    for (size_t j = 0; j < a->nsums; j++) {
        int64_t *acc = cents[j] >= 0 ? &gp[j] : &gn[j];
        if (__builtin_add_overflow(*acc, cents[j], acc))
            return overflow(a, j, err);
    }
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

size_t agg_overflowed(const agg_t *a) { return a->overflowed; }

int agg_add_group(agg_t *a, const agg_group *grp, ds_err *err)
{
    size_t g = find(a, grp->key, grp->key_len);
    if (__builtin_add_overflow(a->count[g], grp->count, &a->count[g]))
        return ds_err_set(err, DS_EDATA, "count overflows 64 bits");
    return add_sums(a, g, grp->pos, grp->neg, err);
}

int agg_merge(agg_t *into, const agg_t *from, ds_err *err)
{
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

agg_group agg_get(const agg_t *a, size_t g)
{
    return (agg_group){a->keys + a->key_off[g], a->key_len[g], a->pos + g * a->nsums,
                       a->neg + g * a->nsums, a->count[g]};
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

static int cmp_code(const char *a, size_t na, const char *b, size_t nb)
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
        int c = cmp_code(a, la, b, lb);
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
    agg_t *b = agg_new(a->nkeys, a->nsums, a->sum_names);
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

static void put_csv_field(FILE *fp, const char *p, size_t n)
{
    if (!memchr(p, ',', n) && !memchr(p, '"', n)) {
        fwrite(p, 1, n, fp);
        return;
    }
    fputc('"', fp);
    for (size_t i = 0; i < n; i++) {
        if (p[i] == '"')
            fputc('"', fp);
        fputc(p[i], fp);
    }
    fputc('"', fp);
}

static void put_key(FILE *fp, agg_format fmt, const char *p, size_t n)
{
    if (fmt == AGG_CSV)
        put_csv_field(fp, p, n);
    else
        fwrite(p, 1, n, fp);
}

/* Name of printed column c: the by-codes, sum_NAME…, then count. *prefix is "sum_" for a sum. */
static const char *column_name(const agg_t *a, const agg_meta *m, size_t c, const char **prefix)
{
    *prefix = c >= a->nkeys && c < a->nkeys + a->nsums ? "sum_" : "";
    return c < a->nkeys ? m->by[c] : c < a->nkeys + a->nsums ? m->sums[c - a->nkeys] : "count";
}

static void write_header(const agg_t *a, FILE *fp, agg_format fmt, const agg_meta *m)
{
    const char *sep = fmt == AGG_TSV ? "\t" : ",";
    size_t ncols = a->nkeys + a->nsums + (m->count != 0);
    for (size_t c = 0; c < ncols; c++) {
        const char *prefix, *name = column_name(a, m, c, &prefix);
        fprintf(fp, "%s%s%s", c ? sep : "", prefix, name);
    }
    fputs("\n", fp);
}

static void write_row(const agg_t *a, FILE *fp, agg_format fmt, const agg_meta *m, size_t g)
{
    agg_group grp = agg_get(a, g);
    const char *sep = fmt == AGG_TSV ? "\t" : ",";
    const char *p = grp.key, *end = grp.key + grp.key_len;
    int first = 1;
    for (size_t k = 0; k < a->nkeys; k++, first = 0) {
        const char *e = memchr(p, AGG_KEY_SEP, (size_t)(end - p));
        if (!e)
            e = end;
        fputs(first ? "" : sep, fp);
        put_key(fp, fmt, p, (size_t)(e - p));
        p = e + 1;
    }
    char num[32];
    for (size_t j = 0; j < a->nsums; j++, first = 0) {
        agg_format_cents(agg_total(&grp, j), num);
        fprintf(fp, "%s%s", first ? "" : sep, num);
    }
    if (m->count)
        fprintf(fp, "%s%" PRIu64, first ? "" : sep, grp.count);
    fputs("\n", fp);
}

/* Sorted groups, with one total row of zeros when a query without --by matched nothing (as
 * SQL's SELECT sum(...), count(*) gives one row). */
static int prepare(agg_t *a, ds_err *err)
{
    if (a->nkeys == 0 && a->n == 0) {
        int64_t *zeros = xcalloc(a->nsums + 1, sizeof *zeros);
        agg_group none = {"", 0, zeros, zeros, 0};
        int rc = agg_add_group(a, &none, err);
        free(zeros);
        if (rc)
            return rc;
    }
    agg_sort(a);
    return DS_OK;
}

/* One group as an array: the codes as strings, the sums as exact decimals, the count. */
static void json_row(json_w *w, const agg_t *a, const agg_meta *m, size_t g)
{
    agg_group grp = agg_get(a, g);
    const char *p = grp.key, *end = grp.key + grp.key_len;
    json_array(w, JSON_INLINE);
    for (size_t k = 0; k < a->nkeys; k++) {
        const char *e = memchr(p, AGG_KEY_SEP, (size_t)(end - p));
        if (!e)
            e = end;
        json_str_n(w, p, (size_t)(e - p));
        p = e + 1;
    }
    char num[32];
    for (size_t j = 0; j < a->nsums; j++) {
        agg_format_cents(agg_total(&grp, j), num);
        json_raw(w, num);
    }
    if (m->count)
        json_uint(w, grp.count);
    json_end(w);
}

int agg_json(json_w *w, agg_t *a, const agg_meta *m, ds_err *err)
{
    int rc = prepare(a, err);
    if (rc)
        return rc;
    json_object(w, JSON_LINES);
    json_member_str(w, "schema", AGG_SCHEMA);
    json_member_str(w, "query", m->query);
    json_member_uint(w, "rows_read", m->rows_read);
    json_member_uint(w, "rows_skipped", m->rows_skipped);
    json_key(w, "columns");
    json_array(w, JSON_INLINE);
    size_t ncols = a->nkeys + a->nsums + (m->count != 0);
    for (size_t c = 0; c < ncols; c++) {
        const char *prefix, *base = column_name(a, m, c, &prefix);
        size_t len = strlen(prefix) + strlen(base) + 1;
        char *name = xmalloc(len);
        snprintf(name, len, "%s%s", prefix, base);
        json_str(w, name);
        free(name);
    }
    json_end(w);
    json_key(w, "rows");
    json_array(w, JSON_LINES);
    for (size_t g = 0; g < a->n; g++)
        json_row(w, a, m, g);
    json_end(w);
    json_end(w);
    return DS_OK;
}

int agg_write(agg_t *a, FILE *fp, agg_format fmt, const agg_meta *meta, ds_err *err)
{
    int rc;
    if (fmt == AGG_JSON) {
        json_w w;
        json_init(&w, fp);
        rc = agg_json(&w, a, meta, err);
        putc('\n', fp);
    } else if ((rc = prepare(a, err)) == DS_OK) {
        write_header(a, fp, fmt, meta);
        for (size_t g = 0; g < a->n; g++)
            write_row(a, fp, fmt, meta, g);
    }
    if (rc)
        return rc;
    if (ferror(fp))
        return ds_err_set(err, DS_EIO, "write error");
    return DS_OK;
}
