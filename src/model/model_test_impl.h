/* model_test_impl.h: joint Wald tests on a finished fit (model_test.c), run by model.c after
 * the fit kind: --test, and the robust F of a least-squares fit with a sandwich --se. */
#ifndef DAMIRSTAT_MODEL_TEST_IMPL_H
#define DAMIRSTAT_MODEL_TEST_IMPL_H

#include "damirstat/model.h"

/* The joint Wald test of the terms spec names (wald_select) with f's covariance into f's
 * test_* members: F on (q, df_residual) for least squares and quasipoisson, χ² on q for
 * poisson and negbin. DS_EUSAGE for a name no term has; DS_EDATA for an aliased term or a
 * covariance of the terms that is not of full rank. */
int model_fit_test(model_fit *f, const char *spec, ds_err *err);

/* A least-squares fit with an HC or CR1 --se: F of all terms but the intercept from the
 * sandwich (lmtest::waldtest(m, vcov = vcovHC(m, type))), on the terms' df, f_robust = 1.
 * Keeps the classical F when the sandwich is undefined (a hat value of 1), not of full rank
 * (more terms than clusters), or CR2 (whose F needs the HTZ correction). */
void model_fit_robust_f(model_fit *f);

#endif
