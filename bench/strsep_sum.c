/* bench/strsep_sum.c: the queries of bench/aggregate.sh as the loop a C programmer writes
 * first: getline, strsep on ';', strtod on the summed fields, a hash table of groups.
 * strsep, not strtok: strtok merges the empty fields of Open DAMIR lines (PRS_ACT_NBR is often
 * empty) and would read every later column one place off. Usage in bench/sumtab.h. */
#define _DEFAULT_SOURCE /* strsep, getline */
#include "sumtab.h"

/* Adds one data line (without its newline) to its group; 1 when the table is full. */
static int add_line(struct sumtab *t, char *line)
{
    char key[MAX_KEYS][KEY_BYTES] = {{0}};
    int64_t sum[MAX_SUMS] = {0};
    const char *nat = "", *spe = "";
    char *field, *p = line;
    for (int i = 0; (field = strsep(&p, ";")) && i < MAX_COLS; i++)
        switch (t->role[i]) {
        case ROLE_KEY: snprintf(key[t->slot[i]], KEY_BYTES, "%s", field); break;
        case ROLE_SUM: sumtab_use(t, i, sumtab_cents(field), sum); break;
        case ROLE_NAT: nat = field; break;
        case ROLE_SPE: spe = field; break;
        default: break;
        }
    if (t->gp && !sumtab_is_gp(nat, spe))
        return 0;
    char joined[sizeof t->groups[0].key];
    snprintf(joined, sizeof joined, t->nkeys == 2 ? "%s,%s" : "%s", key[0], key[1]);
    struct sumtab_group *g = sumtab_find(t, joined);
    if (!g)
        return 1;
    sumtab_add(t, g, sum);
    return 0;
}

int main(int argc, char **argv)
{
    static struct sumtab t;
    FILE *fp;
    int rc = sumtab_init(&t, argc, argv, &fp);
    if (rc)
        return rc;
    char *line = NULL;
    size_t cap = 0;
    ssize_t len;
    for (long row = 0; (len = getline(&line, &cap, fp)) > 0; row++) {
        if (line[len - 1] == '\n')
            line[len - 1] = '\0';
        if (row > 0) {
            if (add_line(&t, line)) {
                fprintf(stderr, "too many groups\n");
                return 1;
            }
            continue;
        }
        char *name, *p = line;
        for (int i = 0; (name = strsep(&p, ";")); i++)
            sumtab_header_field(&t, i, name);
        if (sumtab_check_header(&t))
            return 1;
    }
    sumtab_print(&t);
    free(line);
    fclose(fp);
    return 0;
}
