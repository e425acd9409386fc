/* t.h: the test helpers (after redis's testhelp.h). A test is
 *
 *     TEST(test_agg_sums_are_exact_in_cents) { CHECK(x == 3, "x is %d", x); }
 *
 * in any tests/test_*.c file; tests register themselves and tests/run.c runs them all (or
 * those whose name contains argv[1]). A failed CHECK prints file:line: message and marks the
 * test failed; the runner's last line is "N passed, N failed". */
#ifndef DAMIRSTAT_T_H
#define DAMIRSTAT_T_H

#include <math.h>
#include <stdio.h>
#include <string.h>

void t_register(const char *name, void (*fn)(void));
void t_fail(const char *file, int line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* Path of the damirstat binary under test and of the repository root (absolute). */
const char *t_binary(void);
const char *t_root(void);
/* A fresh empty folder for this test, removed by the runner afterwards. */
const char *t_tmpdir(void);

#define TEST(name)                                                                     \
    static void name(void);                                                            \
    __attribute__((constructor)) static void name##_register(void)                     \
    {                                                                                  \
        t_register(#name, name);                                                       \
    }                                                                                  \
    static void name(void)

#define CHECK(cond, ...)                                                               \
    do {                                                                               \
        if (!(cond))                                                                   \
            t_fail(__FILE__, __LINE__, __VA_ARGS__);                                   \
    } while (0)

/* Relative closeness |got - want| <= rel * max(|want|, tiny); exact when want is 0. */
#define CHECK_NEAR(got, want, rel)                                                     \
    do {                                                                               \
        double t_got_ = (got), t_want_ = (want);                                       \
        double t_tol_ = (rel) * (fabs(t_want_) > 0 ? fabs(t_want_) : 1.0);            \
        if (!(fabs(t_got_ - t_want_) <= t_tol_))                                       \
            t_fail(__FILE__, __LINE__, "%s = %.17g, want %.17g (rel %g)", #got, t_got_, \
                   t_want_, (double)(rel));                                            \
    } while (0)

#define CHECK_STR(got, want)                                                           \
    do {                                                                               \
        const char *t_g_ = (got), *t_w_ = (want);                                      \
        if (!t_g_ || strcmp(t_g_, t_w_) != 0)                                          \
            t_fail(__FILE__, __LINE__, "%s = \"%s\", want \"%s\"", #got,               \
                   t_g_ ? t_g_ : "(null)", t_w_);                                      \
    } while (0)

#endif
