/* bench/libcsv_sum.c: the queries of bench/aggregate.sh as a plain libcsv loop, the baseline a
 * C programmer reaches for when the format might quote: fields come through callbacks, the
 * needed ones are copied, and each row is added at its end. Usage in bench/sumtab.h. */
#include <csv.h>

#include "sumtab.h"

struct state {
    struct sumtab t;
    long row, field;
    char key[MAX_KEYS][KEY_BYTES];
    int64_t sum[MAX_SUMS];
    char nat[16], spe[16];
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
    long i = st->field++;
    char text[64];
    if (i >= MAX_COLS)
        return;
    if (st->row == 0 || st->t.role[i] == ROLE_SUM)
        copy_field(text, sizeof text, s, len);
    if (st->row == 0) {
        sumtab_header_field(&st->t, (int)i, text);
        return;
    }
    switch (st->t.role[i]) {
    case ROLE_KEY: copy_field(st->key[st->t.slot[i]], KEY_BYTES, s, len); break;
    case ROLE_SUM: sumtab_use(&st->t, (int)i, sumtab_cents(text), st->sum); break;
    case ROLE_NAT: copy_field(st->nat, sizeof st->nat, s, len); break;
    case ROLE_SPE: copy_field(st->spe, sizeof st->spe, s, len); break;
    default: break;
    }
}

static void on_row(int c, void *data)
{
    (void)c;
    struct state *st = data;
    int64_t val[MAX_SUMS]; /* the row's values; the fields of the next row add into zeros */
    memcpy(val, st->sum, sizeof val);
    memset(st->sum, 0, sizeof st->sum);
    st->field = 0;
    if (st->row++ == 0) {
        st->bad = sumtab_check_header(&st->t);
        return;
    }
    if (st->t.gp && !sumtab_is_gp(st->nat, st->spe))
        return;
    char joined[sizeof st->t.groups[0].key];
    snprintf(joined, sizeof joined, st->t.nkeys == 2 ? "%s,%s" : "%s", st->key[0], st->key[1]);
    struct sumtab_group *g = sumtab_find(&st->t, joined);
    if (!g) {
        fprintf(stderr, "too many groups\n");
        st->bad = 1;
        return;
    }
    sumtab_add(&st->t, g, val);
}

int main(int argc, char **argv)
{
    static struct state st;
    FILE *fp;
    int rc = sumtab_init(&st.t, argc, argv, &fp);
    if (rc)
        return rc;
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
    sumtab_print(&st.t);
    fclose(fp);
    return 0;
}
