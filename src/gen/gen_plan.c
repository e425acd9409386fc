/* Cutting the planted yearly totals of each department into GP rows spread over months. */
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "gen_impl.h"

/* Relative GP activity by calendar month: winter epidemics up, August down. Invented, but
 * shaped like the seasonal curve of GP consultations; it only moves rows between months. */
static const double season[12] = {1.18, 1.10, 1.08, 0.98, 0.92, 0.92,
                                  0.82, 0.72, 0.98, 1.05, 1.08, 1.12};

/* Splits total into n integer parts proportional to w (largest remainder: exact sum). */
static void apportion(uint64_t total, const double *w, size_t n, uint64_t *out)
{
    double sum = 0;
    for (size_t i = 0; i < n; i++)
        sum += w[i];
    uint64_t given = 0;
    double rest[12];
    for (size_t i = 0; i < n; i++) {
        double q = (double)total * w[i] / sum;
        out[i] = (uint64_t)floor(q);
        rest[i] = q - floor(q);
        given += out[i];
    }
    while (given < total) { /* the largest remainder first; ties to the earlier month */
        size_t best = 0;
        for (size_t i = 1; i < n; i++)
            if (rest[i] > rest[best])
                best = i;
        out[best]++;
        rest[best] = -1;
        given++;
    }
}

/* Splits total into n integer parts proportional to w, exactly (floor, then the remainder
 * one unit at a time). */
static void allocate_exact(int64_t total, const double *w, size_t n, int64_t *out)
{
    long double sum = 0;
    for (size_t i = 0; i < n; i++)
        sum += w[i];
    int64_t given = 0;
    for (size_t i = 0; i < n; i++) {
        out[i] = (int64_t)floorl((long double)total * w[i] / sum);
        given += out[i];
    }
    for (size_t i = 0; given != total; i = (i + 1) % n) {
        int64_t step = given < total ? 1 : -1;
        out[i] += step;
        given += step;
    }
}

/* One department-year: K rows (weights = season of their month) holding exactly acts and
 * cents. About 2 % of the rows after the first are regularisations (a few negative acts,
 * negative money); the others are positive and share the rest by a multinomial draw. */
static int split_dept_year(gsl_rng *r, size_t k, int64_t acts, int64_t cents,
                           const double *season_w, int64_t *row_acts, int64_t *row_cents,
                           const char *code, ds_err *err)
{
    double price = acts > 0 ? (double)cents / (double)acts : 0;
    int64_t neg_acts = 0, neg_cents = 0;
    size_t npos = 0;
    double *w = xmalloc(k * sizeof *w);
    size_t *pos = xmalloc(k * sizeof *pos);
    for (size_t j = 0; j < k; j++) {
        if (j > 0 && k >= 3 && gsl_ran_bernoulli(r, 0.02)) {
            int64_t a = -(1 + (int64_t)gsl_ran_poisson(r, 0.002 * (double)acts / (double)k));
            row_acts[j] = a;
            row_cents[j] = llround((double)a * price);
            neg_acts += a;
            neg_cents += row_cents[j];
            continue;
        }
        w[npos] = season_w[j] * gsl_ran_lognormal(r, 0, 0.5);
        pos[npos++] = j;
    }
    int64_t pos_acts = acts - neg_acts;
    if (pos_acts < (int64_t)npos || (uint64_t)(pos_acts - (int64_t)npos) > UINT_MAX) {
        free(w);
        free(pos);
        return ds_err_set(err, DS_EUSAGE,
                          "gen: department %s: %lld GP acts cannot fill %zu rows (check "
                          "--rows and the planted rates)", code, (long long)acts, npos);
    }
    unsigned int *n = xmalloc(npos * sizeof *n);
    int64_t *a = xmalloc(npos * sizeof *a), *c = xmalloc(npos * sizeof *c);
    gsl_ran_multinomial(r, npos, (unsigned int)(pos_acts - (int64_t)npos), w, n);
    for (size_t i = 0; i < npos; i++) {
        a[i] = 1 + (int64_t)n[i];
        w[i] = (double)a[i] * gsl_ran_lognormal(r, 0, 0.05); /* price jitter */
    }
    allocate_exact(cents - neg_cents, w, npos, c);
    for (size_t i = 0; i < npos; i++) {
        row_acts[pos[i]] = a[i];
        row_cents[pos[i]] = c[i];
    }
    free(n), free(a), free(c), free(w), free(pos);
    return DS_OK;
}

/* GP rows of months [m0, m1) (one calendar year), by month then by department. */
static int year_slots(gen_t *g, gsl_rng *r, size_t m0, size_t m1, uint64_t *gm,
                      uint32_t **slot_month, uint32_t **slot_dept, uint64_t *nslots,
                      ds_err *err)
{
    size_t nm = m1 - m0, ndepts = g->ndepts;
    double w[12];
    uint64_t rows = 0;
    for (size_t i = 0; i < nm; i++) {
        w[i] = (double)g->month_rows[m0 + i] * season[g->months[m0 + i] % 100 - 1];
        rows += g->month_rows[m0 + i];
    }
    uint64_t total = (uint64_t)llround(g->p.gp_share * (double)rows);
    if (total < ndepts) /* every department gets at least one planted row a year */
        total = ndepts;
    apportion(total, w, nm, gm);
    for (size_t i = 0; i < nm; i++)
        if (gm[i] > g->month_rows[m0 + i])
            return ds_err_set(err, DS_EUSAGE,
                              "gen: --rows %llu is too small: %zu departments need a planted "
                              "GP row each in %d", (unsigned long long)g->p.rows, ndepts,
                              g->months[m0] / 100);
    uint32_t *sm = xmalloc(total * sizeof *sm), *sd = xmalloc(total * sizeof *sd);
    uint32_t *perm = xmalloc(ndepts * sizeof *perm);
    uint64_t s = 0;
    for (size_t i = 0; i < nm; i++)
        for (uint64_t j = 0; j < gm[i]; j++)
            sm[s++] = (uint32_t)(m0 + i);
    gsl_ran_shuffle(r, sm, total, sizeof *sm);
    for (size_t d = 0; d < ndepts; d++)
        perm[d] = (uint32_t)d;
    gsl_ran_shuffle(r, perm, ndepts, sizeof *perm);
    for (s = 0; s < total; s++)
        sd[s] = s < ndepts ? perm[s] : (uint32_t)gsl_ran_discrete(r, g->residence);
    free(perm);
    *slot_month = sm, *slot_dept = sd, *nslots = total;
    return DS_OK;
}

static int plan_year(gen_t *g, gsl_rng *r, size_t y, size_t m0, size_t m1, ds_err *err)
{
    uint64_t gm[12], nslots = 0;
    uint32_t *sm = NULL, *sd = NULL;
    int rc = year_slots(g, r, m0, m1, gm, &sm, &sd, &nslots, err);
    if (rc)
        return rc;
    for (size_t i = m0; i < m1; i++)
        g->month_gp[i] = xmalloc((gm[i - m0] ? gm[i - m0] : 1) * sizeof(genrow_gp));
    /* group the slots by department (counting sort keeps slot order within one) */
    size_t *start = xcalloc(g->ndepts + 1, sizeof *start);
    uint64_t *order = xmalloc(nslots * sizeof *order);
    for (uint64_t s = 0; s < nslots; s++)
        start[sd[s] + 1]++;
    for (size_t d = 0; d < g->ndepts; d++)
        start[d + 1] += start[d];
    size_t *fill = xcalloc(g->ndepts, sizeof *fill);
    for (uint64_t s = 0; s < nslots; s++)
        order[start[sd[s]] + fill[sd[s]]++] = s;
    double *sw = xmalloc(nslots * sizeof *sw);
    int64_t *acts = xmalloc(nslots * sizeof *acts), *cents = xmalloc(nslots * sizeof *cents);
    double year_fraction = (double)(m1 - m0) / 12;
    for (size_t d = 0; d < g->ndepts && !rc; d++) {
        gen_dept *dp = &g->depts[d];
        size_t k = start[d + 1] - start[d];
        const uint64_t *ids = order + start[d];
        int64_t q = llround(dp->visits_planted * (double)dp->population * year_fraction);
        int64_t c = llround(dp->spending_planted * (double)dp->population * year_fraction * 100);
        for (size_t j = 0; j < k; j++)
            sw[j] = season[g->months[sm[ids[j]]] % 100 - 1];
        rc = split_dept_year(r, k, q, c, sw, acts, cents, dp->code, err);
        for (size_t j = 0; j < k && !rc; j++) {
            size_t m = sm[ids[j]];
            g->month_gp[m][g->month_ngp[m]++] = (genrow_gp){(uint32_t)d, acts[j], cents[j]};
        }
        g->year_acts[d * g->nyears + y] = q;
        g->year_cents[d * g->nyears + y] = c;
        dp->gp_acts += q, dp->gp_cents += c, dp->gp_rows += k;
    }
    free(start), free(order), free(fill), free(sw), free(acts), free(cents), free(sm), free(sd);
    return rc;
}

int gen_plan_rows(gen_t *g, gsl_rng *r, ds_err *err)
{
    size_t m0 = 0;
    for (size_t y = 0; y < g->nyears; y++) {
        size_t m1 = m0;
        while (m1 < g->nmonths && g->months[m1] / 100 == g->years[y])
            m1++;
        int rc = plan_year(g, r, y, m0, m1, err);
        if (rc)
            return rc;
        m0 = m1;
    }
    /* within a month the planted rows come in random order, not department by department */
    for (size_t m = 0; m < g->nmonths; m++)
        if (g->month_ngp[m] > 1)
            gsl_ran_shuffle(r, g->month_gp[m], g->month_ngp[m], sizeof(genrow_gp));
    return DS_OK;
}
