/* suggest: "did you mean" for every name a user types — commands, options, columns, study
 * keys and section kinds — and the list of the names there are, so that an unknown name is
 * answered with the one meant and what else could be written.
 *
 * Closeness is the optimal string alignment distance (insertions, deletions, substitutions,
 * and a swap of two neighbours each count one) over ASCII-case-folded bytes, so that
 * `ben_res_reg` finds BEN_RES_REG. A name is suggested only when it is a likely typo: at
 * most two edits, and no more than a third of the longer name's length. */
#ifndef DAMIRSTAT_SUGGEST_H
#define DAMIRSTAT_SUGGEST_H

#include <stddef.h>

/* Edit distance between a and b in bytes, ASCII letters compared without case. */
size_t suggest_distance(const char *a, const char *b);

/* The name in names[0..n) closest to typed when it is a likely typo of it (first one on a
 * tie), else NULL. An exact match is never "suggested": the caller found it already. */
const char *suggest_near(const char *typed, const char *const *names, size_t n);

/* Writes into buf (always terminated) the hint that follows "no column 'X'":
 *   ": did you mean 'NEAR'? (columns: a, b, c)"  with up to 12 names, in their order;
 *   " (56 columns; the closest: a, b, c, d, e, f, …)"  beyond, nearest first;
 * the "did you mean" part only when there is a likely typo. quote: put names in '…'.
 * what names the kind of thing listed ("columns", "keys"). Returns buf. */
char *suggest_hint(char *buf, size_t size, const char *typed, const char *const *names,
                   size_t n, const char *what, int quote);

#endif
