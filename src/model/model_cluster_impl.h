/* model_cluster_impl.h: clustered standard errors and the wild cluster bootstrap of a
 * least-squares fit (model_cluster.c), on the core's pieces. */
#ifndef DAMIRSTAT_MODEL_CLUSTER_IMPL_H
#define DAMIRSTAT_MODEL_CLUSTER_IMPL_H

#include "damirstat/model.h"
#include "model_ls_impl.h"

/* Replaces vb (p × p by original column) with the CR1 or CR2 covariance (f->se) over d's
 * clusters and fills df (p: each coefficient's t degrees of freedom) and f's cluster
 * members; then runs the wild bootstrap opt asks for into f->wild. DS_EDATA for CR2 or the
 * bootstrap with a fixed effect not nested within the clusters, an unknown bootstrap term,
 * or a failed GSL step. */
int clustered_fit(const model_data *d, const ls_work *ls, const model_options *opt, wide *vb,
                  double *df, model_fit *f, ds_err *err);

#endif
