/* bench/sumtab.h: what the two C baselines of bench/aggregate.sh (strsep_sum.c, libcsv_sum.c)
 * share: the command line, the roles of the columns, the group table and the output. Only the
 * splitting of lines into fields differs between them. Header-only: each baseline is one
 * program built by `cc -O2 bench/NAME.c`.
 *
 *   PROG FILE KEYS SUMS [gp]
 *
 * KEYS: one or two column names joined by ','; SUMS: up to 8 column names joined by ',' (money
 * or counts: summed exactly in hundredths); gp: keep only the GP rows (PRS_NAT in 1109 1110 1111
 * 1209 1210 1211 and PSE_SPE_SNDS = 1). Prints KEY[,KEY2],SUM...,COUNT sorted by key, sums with
 * two decimals. Columns are found by header name. */
#ifndef BENCH_SUMTAB_H
#define BENCH_SUMTAB_H

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { MAX_KEYS = 2, MAX_SUMS = 8, MAX_COLS = 256, KEY_BYTES = 32 };
enum { ROLE_NONE, ROLE_KEY, ROLE_SUM, ROLE_NAT, ROLE_SPE };
/* Open addressing, kept under 3/4 full: the many-group query has about 6,321 groups. */
enum { TABLE_SLOTS = 1 << 16 };

struct sumtab_group {
    char key[MAX_KEYS * KEY_BYTES];
    int64_t sum[MAX_SUMS];
    int64_t count;
};

struct sumtab {
    char *key_names[MAX_KEYS], *sum_names[MAX_SUMS];
    int nkeys, nsums, gp;
    unsigned char role[MAX_COLS]; /* by column index, from the header */
    unsigned char slot[MAX_COLS]; /* which key or which sum */
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

/* Parses the command line and opens FILE; returns 0, or prints why and returns 2 (usage) or 3. */
static int sumtab_init(struct sumtab *t, int argc, char **argv, FILE **fp)
{
    memset(t, 0, sizeof *t);
    t->nkeys = argc >= 4 ? sumtab_split(argv[2], t->key_names, MAX_KEYS) : -1;
    t->nsums = argc >= 4 ? sumtab_split(argv[3], t->sum_names, MAX_SUMS) : -1;
    t->gp = argc == 5 && !strcmp(argv[4], "gp");
    if (t->nkeys < 1 || t->nsums < 1 || (argc == 5 && !t->gp) || argc > 5) {
        fprintf(stderr, "usage: %s FILE KEY[,KEY2] SUM[,SUM...] [gp]\n", argv[0]);
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

/* Gives column I of the header its role. */
static void sumtab_header_field(struct sumtab *t, int i, const char *name)
{
    if (i >= MAX_COLS)
        return;
    for (int k = 0; k < t->nkeys; k++)
        if (!strcmp(name, t->key_names[k]))
            t->role[i] = ROLE_KEY, t->slot[i] = (unsigned char)k;
    for (int s = 0; s < t->nsums; s++)
        if (!strcmp(name, t->sum_names[s]))
            t->role[i] = ROLE_SUM, t->slot[i] = (unsigned char)s;
    if (t->gp && !strcmp(name, "PRS_NAT"))
        t->role[i] = ROLE_NAT;
    if (t->gp && !strcmp(name, "PSE_SPE_SNDS"))
        t->role[i] = ROLE_SPE;
}

/* 0 when every named column was found in the header. */
static int sumtab_check_header(const struct sumtab *t)
{
    int found = 0, want = t->nkeys + t->nsums + (t->gp ? 2 : 0);
    for (int i = 0; i < MAX_COLS; i++)
        found += t->role[i] != ROLE_NONE;
    if (found != want)
        fprintf(stderr, "a named column is missing from the header\n");
    return found == want ? 0 : 1;
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
            int64_t c = g->sum[s], a = c < 0 ? -c : c;
            printf(",%s%lld.%02lld", c < 0 ? "-" : "", (long long)(a / 100), (long long)(a % 100));
        }
        printf(",%lld\n", (long long)g->count);
    }
}

#endif
