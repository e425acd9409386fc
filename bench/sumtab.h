/* bench/sumtab.h: what the two C baselines of bench/aggregate.sh (strsep_sum.c, libcsv_sum.c)
 * share: the command line, the roles of the columns, the group table and the output. Only the
 * splitting of lines into fields differs between them. Header-only: each baseline is one
 * program built by `cc -O2 bench/NAME.c`.
 *
 *   PROG FILE KEYS VALUES [gp]
 *
 * KEYS: one or two column names joined by ','; VALUES: up to 8 values joined by ',', each a
 * column or a difference or sum of columns ('PRS_PAI_MNT-PRS_REM_MNT'), summed exactly in
 * hundredths, or 'mean:', 'min:' or 'max:' before one (mean: the exact sum over the row count);
 * gp: keep only the GP rows (PRS_NAT in 1109 1110 1111 1209 1210 1211 and PSE_SPE_SNDS = 1).
 * Prints KEY[,KEY2],VALUE...,COUNT sorted by key: sums, minima and maxima with two decimals,
 * means with six. Columns are found by header name; a column is parsed once however many values
 * use it. */
#ifndef BENCH_SUMTAB_H
#define BENCH_SUMTAB_H

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { MAX_KEYS = 2, MAX_SUMS = 8, MAX_COLS = 256, KEY_BYTES = 32, MAX_TERMS = 4, MAX_USES = 4 };
enum { ROLE_NONE, ROLE_KEY, ROLE_SUM, ROLE_NAT, ROLE_SPE };
enum { KIND_SUM, KIND_MEAN, KIND_MIN, KIND_MAX };
/* Open addressing, kept under 3/4 full: the many-group query has about 6,321 groups. */
enum { TABLE_SLOTS = 1 << 16 };

struct sumtab_group {
    char key[MAX_KEYS * KEY_BYTES];
    int64_t sum[MAX_SUMS];
    int64_t count;
};

/* One value of the output: a kind and up to MAX_TERMS columns added (+1) or subtracted (-1). */
struct sumtab_value {
    int kind, nterms;
    char *term[MAX_TERMS];
    int sign[MAX_TERMS], found[MAX_TERMS];
};

struct sumtab {
    char *key_names[MAX_KEYS], *sum_names[MAX_SUMS];
    struct sumtab_value value[MAX_SUMS];
    int nkeys, nsums, gp, keys_found[MAX_KEYS];
    unsigned char role[MAX_COLS]; /* by column index, from the header */
    unsigned char slot[MAX_COLS]; /* which key (ROLE_KEY) */
    unsigned char nuse[MAX_COLS]; /* ROLE_SUM: the values this column enters, with its sign */
    unsigned char use_slot[MAX_COLS][MAX_USES];
    signed char use_sign[MAX_COLS][MAX_USES];
    struct sumtab_group *groups;  /* TABLE_SLOTS of them; count 0 = empty */
    size_t ngroups;
};

static int sumtab_split(char *list, char **names, int cap)
{
    int n = 0;
    for (char *tok = strtok(list, ","); tok; tok = strtok(NULL, ",")) /* names are never empty */
        if (n < cap)
            names[n++] = tok;
        else
            return -1;
    return n;
}

/* Parses one VALUES item ("[KIND:]COL[+-COL...]") into V; 0, or -1 when it is malformed. */
static int sumtab_parse_value(char *item, struct sumtab_value *v)
{
    static const char *const kinds[] = {"sum:", "mean:", "min:", "max:"};
    v->kind = KIND_SUM;
    for (int k = 0; k < 4; k++)
        if (!strncmp(item, kinds[k], strlen(kinds[k]))) {
            v->kind = k;
            item += strlen(kinds[k]);
        }
    int sign = 1;
    v->nterms = 0;
    for (char *p = item;;) {
        size_t len = strcspn(p, "+-");
        if (len == 0 || v->nterms == MAX_TERMS || (v->kind != KIND_SUM && v->nterms == 1))
            return -1; /* an empty name, too many terms, or arithmetic in a mean, min or max */
        v->term[v->nterms] = p;
        v->sign[v->nterms++] = sign;
        if (p[len] == '\0')
            return 0;
        sign = p[len] == '-' ? -1 : 1;
        p[len] = '\0';
        p += len + 1;
    }
}

/* Parses the command line and opens FILE; returns 0, or prints why and returns 2 (usage) or 3. */
static int sumtab_init(struct sumtab *t, int argc, char **argv, FILE **fp)
{
    memset(t, 0, sizeof *t);
    t->nkeys = argc >= 4 ? sumtab_split(argv[2], t->key_names, MAX_KEYS) : -1;
    t->nsums = argc >= 4 ? sumtab_split(argv[3], t->sum_names, MAX_SUMS) : -1;
    t->gp = argc == 5 && !strcmp(argv[4], "gp");
    int bad = t->nkeys < 1 || t->nsums < 1 || (argc == 5 && !t->gp) || argc > 5;
    for (int s = 0; !bad && s < t->nsums; s++)
        bad = sumtab_parse_value(t->sum_names[s], &t->value[s]) != 0;
    if (bad) {
        fprintf(stderr, "usage: %s FILE KEY[,KEY2] [KIND:]COL[+-COL...][,...] [gp]\n", argv[0]);
        return 2;
    }
    t->groups = calloc(TABLE_SLOTS, sizeof *t->groups);
    if (!t->groups) {
        perror("calloc");
        return 3;
    }
    if (!(*fp = fopen(argv[1], "rb"))) {
        perror(argv[1]);
        return 3;
    }
    return 0;
}

/* Gives column I of the header its role: a key, the GP filter's codes, or the terms it is in. */
static void sumtab_header_field(struct sumtab *t, int i, const char *name)
{
    if (i >= MAX_COLS)
        return;
    for (int k = 0; k < t->nkeys; k++)
        if (!strcmp(name, t->key_names[k]))
            t->role[i] = ROLE_KEY, t->slot[i] = (unsigned char)k, t->keys_found[k] = 1;
    for (int s = 0; s < t->nsums; s++)
        for (int j = 0; j < t->value[s].nterms; j++)
            if (!strcmp(name, t->value[s].term[j]) && t->nuse[i] < MAX_USES) {
                t->role[i] = ROLE_SUM;
                t->use_slot[i][t->nuse[i]] = (unsigned char)s;
                t->use_sign[i][t->nuse[i]++] = (signed char)t->value[s].sign[j];
                t->value[s].found[j] = 1;
            }
    if (t->gp && !strcmp(name, "PRS_NAT"))
        t->role[i] = ROLE_NAT;
    if (t->gp && !strcmp(name, "PSE_SPE_SNDS"))
        t->role[i] = ROLE_SPE;
}

/* 0 when every named column was found in the header. */
static int sumtab_check_header(const struct sumtab *t)
{
    int missing = 0;
    for (int k = 0; k < t->nkeys; k++)
        missing += !t->keys_found[k];
    for (int s = 0; s < t->nsums; s++)
        for (int j = 0; j < t->value[s].nterms; j++)
            missing += !t->value[s].found[j];
    if (missing)
        fprintf(stderr, "a named column is missing from the header\n");
    return missing ? 1 : 0;
}

/* Adds column I's value (CENTS) into the row's values VAL, with the sign of each use. */
static void sumtab_use(const struct sumtab *t, int i, int64_t cents, int64_t *val)
{
    for (int u = 0; u < t->nuse[i]; u++)
        val[t->use_slot[i][u]] += t->use_sign[i][u] * cents;
}

/* Adds a row's values VAL to group G (G->count is 0 when the group is new). */
static void sumtab_add(const struct sumtab *t, struct sumtab_group *g, const int64_t *val)
{
    for (int s = 0; s < t->nsums; s++) {
        int k = t->value[s].kind;
        if (k == KIND_SUM || k == KIND_MEAN)
            g->sum[s] += val[s];
        else if (g->count == 0 || (k == KIND_MIN ? val[s] < g->sum[s] : val[s] > g->sum[s]))
            g->sum[s] = val[s];
    }
    g->count++;
}

static int sumtab_is_gp(const char *nat, const char *spe)
{
    int n = atoi(nat);
    return (n == 1109 || n == 1110 || n == 1111 || n == 1209 || n == 1210 || n == 1211) &&
           atoi(spe) == 1;
}

/* Hundredths of a decimal field: exact for two decimals below 2^53 / 100. */
static int64_t sumtab_cents(const char *s)
{
    return llround(strtod(s, NULL) * 100);
}

/* The group of KEY (the key fields joined by ','), created when new; NULL when full. */
static struct sumtab_group *sumtab_find(struct sumtab *t, const char *key)
{
    uint32_t h = 2166136261u; /* FNV-1a */
    for (const char *p = key; *p; p++)
        h = (h ^ (unsigned char)*p) * 16777619u;
    for (size_t i = h & (TABLE_SLOTS - 1);; i = (i + 1) & (TABLE_SLOTS - 1)) {
        struct sumtab_group *g = &t->groups[i];
        if (g->count == 0) {
            if (t->ngroups >= TABLE_SLOTS / 4 * 3)
                return NULL;
            t->ngroups++;
            snprintf(g->key, sizeof g->key, "%s", key);
            return g;
        }
        if (!strcmp(g->key, key))
            return g;
    }
}

static int sumtab_by_key(const void *a, const void *b)
{
    const struct sumtab_group *x = a, *y = b;
    if (x->count == 0 || y->count == 0)
        return (x->count == 0) - (y->count == 0); /* empty slots last */
    return strcmp(x->key, y->key);
}

static void sumtab_print(struct sumtab *t)
{
    qsort(t->groups, TABLE_SLOTS, sizeof *t->groups, sumtab_by_key);
    for (size_t i = 0; i < t->ngroups; i++) {
        const struct sumtab_group *g = &t->groups[i];
        fputs(g->key, stdout);
        for (int s = 0; s < t->nsums; s++) {
            int64_t c = g->sum[s];
            if (t->value[s].kind == KIND_MEAN) { /* millionths, rounded half away from zero */
                __int128 a = (__int128)(c < 0 ? -c : c) * 10000;
                int64_t m = (int64_t)((2 * a + g->count) / (2 * g->count));
                printf(",%s%lld.%06lld", c < 0 && m ? "-" : "", (long long)(m / 1000000),
                       (long long)(m % 1000000));
                continue;
            }
            int64_t a = c < 0 ? -c : c;
            printf(",%s%lld.%02lld", c < 0 ? "-" : "", (long long)(a / 100), (long long)(a % 100));
        }
        printf(",%lld\n", (long long)g->count);
    }
}

#endif
