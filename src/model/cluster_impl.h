/* cluster_impl.h: what cluster.c, cluster_cr2.c and wildboot.c share. */
#ifndef DAMIRSTAT_CLUSTER_IMPL_H
#define DAMIRSTAT_CLUSTER_IMPL_H

#include "damirstat/cluster.h"

/* v = B M B (p × p), M in long double. */
void cluster_sandwich(const double *bread, const long double *meat, size_t p, double *v);
/* Codes of the intersection of two groupings of n rows into out; returns their number. */
size_t cluster_intersect(const size_t *g1, const size_t *g2, size_t n, size_t *out);
/* DS_EDATA unless each of the nway groupings covers n rows with 2 groups or more. */
int cluster_check_ids(const cluster_ids *ids, size_t nway, size_t n, ds_err *err);

#endif
