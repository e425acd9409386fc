/* agg_impl: what the table (agg.c) and its printing (agg_out.c) share. */
#ifndef DAMIRSTAT_AGG_IMPL_H
#define DAMIRSTAT_AGG_IMPL_H

#include <stddef.h>

/* Orders two codes: integers numerically, before other codes, which compare bytewise. */
int agg_cmp_code(const char *a, size_t na, const char *b, size_t nb);

#endif
