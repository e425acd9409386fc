/* suggest: edit distance, "did you mean" and the list of names beside an unknown one (see
 * suggest.h). Written by hand: the optimal string alignment distance is twenty lines, and
 * no library the project uses has it. */
#include "damirstat/suggest.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "damirstat/err.h"

static int fold(char c) { return tolower((unsigned char)c); }

size_t suggest_distance(const char *a, const char *b)
{
    size_t la = strlen(a), lb = strlen(b);
    /* three rows of the (la + 1) x (lb + 1) table: i - 2, i - 1 and i */
    size_t *d = xmalloc(3 * (lb + 1) * sizeof *d);
    size_t *prev2 = d, *prev = d + lb + 1, *cur = d + 2 * (lb + 1);
    for (size_t j = 0; j <= lb; j++)
        prev[j] = j;
    for (size_t i = 1; i <= la; i++) {
        cur[0] = i;
        for (size_t j = 1; j <= lb; j++) {
            size_t cost = fold(a[i - 1]) != fold(b[j - 1]);
            size_t best = prev[j - 1] + cost;
            if (prev[j] + 1 < best)
                best = prev[j] + 1;
            if (cur[j - 1] + 1 < best)
                best = cur[j - 1] + 1;
            if (i > 1 && j > 1 && fold(a[i - 1]) == fold(b[j - 2]) &&
                fold(a[i - 2]) == fold(b[j - 1]) && prev2[j - 2] + 1 < best)
                best = prev2[j - 2] + 1; /* two neighbours swapped */
            cur[j] = best;
        }
        size_t *t = prev2;
        prev2 = prev;
        prev = cur;
        cur = t;
    }
    size_t result = prev[lb];
    free(d);
    return result;
}

/* A likely typo: at most two edits, and few beside the length ("x" is not a typo of "y",
 * "methd" is one of "method"). */
static int likely_typo(const char *typed, const char *name, size_t d)
{
    size_t len = strlen(typed) > strlen(name) ? strlen(typed) : strlen(name);
    return d <= 2 && 3 * d <= len;
}

const char *suggest_near(const char *typed, const char *const *names, size_t n)
{
    const char *best = NULL;
    size_t best_d = (size_t)-1;
    for (size_t i = 0; i < n; i++) {
        if (strcmp(typed, names[i]) == 0)
            continue;
        size_t d = suggest_distance(typed, names[i]);
        if (d < best_d) {
            best_d = d;
            best = names[i];
        }
    }
    return best && likely_typo(typed, best, best_d) ? best : NULL;
}

enum { LIST_ALL = 12, LIST_CLOSEST = 6 };

typedef struct ranked {
    size_t d, i;
} ranked;

static int by_distance(const void *x, const void *y)
{
    const ranked *a = x, *b = y;
    if (a->d != b->d)
        return a->d < b->d ? -1 : 1;
    return (a->i > b->i) - (a->i < b->i);
}

/* Appends s to buf[0..size) as far as it fits. */
static void put(char *buf, size_t size, const char *s, int quote)
{
    size_t used = strlen(buf);
    if (used + 1 < size)
        snprintf(buf + used, size - used, quote ? "'%s'" : "%s", s);
}

char *suggest_hint(char *buf, size_t size, const char *typed, const char *const *names,
                   size_t n, const char *what, int quote)
{
    buf[0] = '\0';
    const char *near = suggest_near(typed, names, n);
    if (near) {
        put(buf, size, ": did you mean ", 0);
        put(buf, size, near, quote);
        put(buf, size, "?", 0);
    }
    if (n == 0)
        return buf;
    size_t shown = n <= LIST_ALL ? n : LIST_CLOSEST;
    ranked *order = xmalloc(n * sizeof *order);
    for (size_t i = 0; i < n; i++)
        order[i] = (ranked){n <= LIST_ALL ? 0 : suggest_distance(typed, names[i]), i};
    qsort(order, n, sizeof *order, by_distance);
    char head[64];
    if (n <= LIST_ALL)
        snprintf(head, sizeof head, " (%s: ", what);
    else
        snprintf(head, sizeof head, " (%zu %s; the closest: ", n, what);
    put(buf, size, head, 0);
    for (size_t k = 0; k < shown; k++) {
        if (k)
            put(buf, size, ", ", 0);
        put(buf, size, names[order[k].i], quote);
    }
    put(buf, size, shown < n ? ", …)" : ")", 0);
    free(order);
    return buf;
}
