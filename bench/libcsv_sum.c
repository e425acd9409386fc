/* libcsv_sum: the GP-visits query of bench/aggregate.sh as a plain libcsv loop, the
 * baseline a C programmer would write first.
 *
 *   libcsv_sum FILE KEY     sums PRS_ACT_QTE and counts rows by column KEY where
 *                           PRS_NAT is a GP code (1109 1110 1111 1209 1210 1211) and
 *                           PSE_SPE_SNDS = 1; prints KEY,sum,count sorted by KEY.
 *
 * Columns are found by header name; FILE is `;`-separated (the trailing `;` of Open DAMIR
 * lines makes one empty last field, which is ignored). Built by bench/aggregate.sh. */
#include <csv.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_GROUPS 1024

struct group {
    char key[16];
    int64_t sum;
    int64_t count;
};

struct state {
    const char *key_name;
    long row, field;
    long c_nat, c_spe, c_key, c_qte;
    char nat[16], spe[16], key[16], qte[32];
    struct group groups[MAX_GROUPS];
    size_t ngroups;
    int bad;
};

static void copy_field(char *dst, size_t cap, const char *s, size_t len)
{
    if (len >= cap)
        len = cap - 1;
    memcpy(dst, s, len);
    dst[len] = '\0';
}

static void on_field(void *s, size_t len, void *data)
{
    struct state *st = data;
    const char *f = s;
    long i = st->field++;
    if (st->row == 0) {
        char name[64];
        copy_field(name, sizeof name, f, len);
        if (!strcmp(name, "PRS_NAT")) st->c_nat = i;
        if (!strcmp(name, "PSE_SPE_SNDS")) st->c_spe = i;
        if (!strcmp(name, "PRS_ACT_QTE")) st->c_qte = i;
        if (!strcmp(name, st->key_name)) st->c_key = i;
        return;
    }
    if (i == st->c_nat) copy_field(st->nat, sizeof st->nat, f, len);
    else if (i == st->c_spe) copy_field(st->spe, sizeof st->spe, f, len);
    else if (i == st->c_key) copy_field(st->key, sizeof st->key, f, len);
    else if (i == st->c_qte) copy_field(st->qte, sizeof st->qte, f, len);
}

static int is_gp(const char *nat)
{
    static const char *const codes[] = {"1109", "1110", "1111", "1209", "1210", "1211"};
    for (size_t i = 0; i < 6; i++)
        if (!strcmp(nat, codes[i]))
            return 1;
    return 0;
}

static void on_row(int c, void *data)
{
    (void)c;
    struct state *st = data;
    if (st->row++ == 0) {
        if (st->c_nat < 0 || st->c_spe < 0 || st->c_key < 0 || st->c_qte < 0) {
            fprintf(stderr, "libcsv_sum: a needed column is missing\n");
            st->bad = 1;
        }
    } else if (is_gp(st->nat) && !strcmp(st->spe, "1")) {
        size_t g = 0;
        while (g < st->ngroups && strcmp(st->groups[g].key, st->key))
            g++;
        if (g == st->ngroups) {
            if (g == MAX_GROUPS) {
                st->bad = 1;
                return;
            }
            strcpy(st->groups[st->ngroups++].key, st->key);
        }
        st->groups[g].sum += strtoll(st->qte, NULL, 10);
        st->groups[g].count++;
    }
    st->field = 0;
    st->nat[0] = st->spe[0] = st->key[0] = st->qte[0] = '\0';
}

static int by_key(const void *a, const void *b)
{
    return strcmp(((const struct group *)a)->key, ((const struct group *)b)->key);
}

int main(int argc, char **argv)
{
    if (argc != 3) {
        fprintf(stderr, "usage: libcsv_sum FILE KEY\n");
        return 2;
    }
    FILE *fp = strcmp(argv[1], "-") ? fopen(argv[1], "rb") : stdin;
    if (!fp) {
        perror(argv[1]);
        return 3;
    }
    static struct state st;
    st.key_name = argv[2];
    st.c_nat = st.c_spe = st.c_key = st.c_qte = -1;
    struct csv_parser p;
    csv_init(&p, 0);
    csv_set_delim(&p, ';');
    static char buf[1 << 20];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, fp)) > 0 && !st.bad)
        if (csv_parse(&p, buf, n, on_field, on_row, &st) != n) {
            fprintf(stderr, "libcsv_sum: %s\n", csv_strerror(csv_error(&p)));
            return 1;
        }
    csv_fini(&p, on_field, on_row, &st);
    csv_free(&p);
    if (st.bad)
        return 1;
    qsort(st.groups, st.ngroups, sizeof st.groups[0], by_key);
    for (size_t g = 0; g < st.ngroups; g++)
        printf("%s,%lld,%lld\n", st.groups[g].key, (long long)st.groups[g].sum,
               (long long)st.groups[g].count);
    return 0;
}
