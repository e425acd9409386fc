/* model: linear models on GSL — OLS, WLS, robust (Huber, bisquare), and their inference.
 *
 * Owns the R formula subset (`y ~ x1 + x2`, `- 1` / `0 +`, `I(expr)`, `log(x)`,
 * `factor(x)`, interactions `a:b` and `a*b`, absorbed fixed effects `y ~ x | fe1 + fe2`),
 * the numerically stable least-squares path (certified against NIST StRD), standard errors
 * (classical, HC0–HC3, clustered CR1/CR2 and the wild cluster bootstrap of cluster.h), tests
 * and intervals, and per-row diagnostics. Results are plain data.
 * Rows with a missing value in any variable of the model are dropped and counted.
 *
 * Numerics: terms are evaluated in long double; Householder QR in binary128 (__float128, in
 * software; long double where the compiler lacks it) on the design with centred, unit-norm
 * columns, with R's limited column pivoting; a column is aliased when less than 1e-9 of its
 * norm is independent of the earlier ones (R: 1e-7 on the raw design, which drops a Filip
 * term). LRE >= 10.8 on all eleven NIST StRD linear sets (tests/test_nist.c).
 * Definitions follow R: summary.lm, confint, logLik.lm (sigma counted as a parameter; with
 * weights + 0.5 Σ log w), hatvalues, rstandard, cooks.distance, sandwich::vcovHC.
 * GSL's error handler must be off (main and the test runner turn it off).
 *
 * Inside (src/model/, arrows one way, each FILE.c declared in FILE_impl.h): model_qr (wide
 * QR) ← model_ls, the least-squares core (design, solve, back-transform) ← model_infer (what
 * summary.lm reports, from the core's pieces) ← the fit kinds model_ols and model_robust
 * (which call the core, as gsl_multifit_robust calls gsl_multifit_linear) ← model.c, whose
 * model_fit_formula parses (model_formula), binds (model_data), starts the fit (model_fit)
 * and dispatches by method. A new fit kind (GLM, absorbed fixed effects, spatial ML) is a
 * new file beside model_ols.c with its _impl.h and a case in model.c's dispatcher, or its
 * own entry point built from the same parts; model_names holds every method and SE name. */
#ifndef DAMIRSTAT_MODEL_H
#define DAMIRSTAT_MODEL_H

#include <stddef.h>

#include "damirstat/err.h"
#include "damirstat/table.h"

typedef enum { MODEL_OLS, MODEL_HUBER, MODEL_BISQUARE } model_method;
/* MODEL_SE_CONLEY is set by conley_apply (conley.h) after the fit, never asked of
 * model_fit_formula. */
typedef enum {
    MODEL_SE_CLASSICAL, MODEL_SE_HC0, MODEL_SE_HC1, MODEL_SE_HC2, MODEL_SE_HC3,
    MODEL_SE_CR1, MODEL_SE_CR2, /* clustered (cluster.h): need cluster columns */
    MODEL_SE_CONLEY
} model_se;
/* The response's family: least squares (gaussian), or counts with a log link fitted by IRLS
 * as R's glm and MASS::glm.nb (glm.h). */
typedef enum { MODEL_GAUSSIAN, MODEL_POISSON, MODEL_QUASIPOISSON, MODEL_NEGBIN } model_family;

struct glm_fit;

typedef struct model_options {
    model_method method;
    model_se se;
    double level;        /* confidence level of the intervals, e.g. 0.95 */
    const char *weight;  /* column of weights (WLS), or NULL */
    /* NULL: every row of the table; else rows[r] != 0 for the rows to fit (R's subset =),
     * table_nrows entries. Rows left out are neither used nor counted as dropped. */
    const unsigned char *rows;
    /* Clustered standard errors by one or two columns (ncluster 0: none): CR1 unless se is
     * MODEL_SE_CR2 (one column). Rows with a missing cluster are dropped, as fixest does. */
    const char *cluster[2];
    size_t ncluster;
    /* The restricted wild cluster bootstrap of one coefficient (one cluster column):
     * wild_bootstrap draws (0: none) of the term wild_term (NULL: the first after the
     * intercept), seeded with seed. */
    size_t wild_bootstrap;
    const char *wild_term;
    unsigned long long seed;
    /* Count models and tests (glm.h, wald.h): */
    model_family family;  /* MODEL_GAUSSIAN: least squares */
    const char *offset;   /* an expression added to the linear predictor, "log(pop)", or NULL */
    int exp;              /* report exp(estimate) and exp of its interval (rate ratios) */
    const char *test;     /* terms to test jointly, "share_*" or "x1,x2", or NULL (wald.h) */
} model_options;

/* Fills opt with the defaults: OLS, classical SE, level 0.95, no weights. */
void model_options_default(model_options *opt);

typedef struct model_term {
    char *name;         /* as R prints it: "(Intercept)", "x", "I(x^2)", "log(pop)" */
    int aliased;        /* 1 if dropped for collinearity (R shows NA): other fields NAN */
    double estimate, std_error, t_value, p_value, ci_low, ci_high;
    double df;          /* of its t and interval: df_residual, G − 1 (CR1), Satterthwaite (CR2) */
} model_term;

/* An absorbed fixed effect (`| reg`): its column, levels, and rows alone in their level. */
typedef struct model_fe {
    char *name;
    size_t groups, singletons;
    int nested;         /* within the (first) cluster column: it counts 1 in CR1's k */
} model_fe;

/* The restricted wild cluster bootstrap of one coefficient (cluster.h). */
typedef struct model_wild {
    char *term;
    size_t reps;        /* draws made: the B asked, or 2^G under full enumeration */
    int enumerated;
    const char *weights; /* "rademacher" or "webb" */
    unsigned long long seed;
    double t, p_value, ci_low, ci_high; /* CR1 t of the null 0; p; the level interval */
} model_wild;

typedef struct model_fit {
    char *formula;      /* as given */
    char *response;     /* name of the response term */
    int has_intercept;
    size_t n;           /* rows used */
    size_t n_dropped;   /* rows dropped for a missing value */
    size_t p;           /* number of terms incl. intercept (aliased ones included) */
    size_t rank;        /* columns actually estimated */
    double df_residual;
    double sigma;       /* residual standard error */
    double r_squared, adj_r_squared;     /* uncentred when there is no intercept, as R */
    double f_statistic, f_df1, f_df2, f_p_value; /* NAN when undefined */
    double log_likelihood, aic, bic;
    double condition_number;             /* of the scaled design; > 1e10 warrants a warning */
    model_term *terms;  /* p terms */
    double *vcov;       /* p × p row-major covariance of the estimates (the --se kind) */
    /* Per used row (n entries): */
    size_t *rows;       /* row index in the source table */
    /* weights is NULL for an unweighted fit */
    double *y, *fitted, *residuals, *std_residuals, *leverage, *cooks_distance, *weights;
    /* Added after the first contract: */
    model_method method;
    model_se se;
    double level;
    size_t n_domain;    /* of n_dropped, rows where a term was out of its domain (log(0), x/0) */
    double aliased_tol; /* pivoting tolerance used on the centred, unit-norm design (1e-9) */
    double min_pivot_ratio; /* smallest such ratio among the estimated columns */
    double *robust_weights; /* final IRLS weights of a huber/bisquare fit (n), else NULL */
    /* huber/bisquare: sigma is GSL's robust scale (sigma_rob, like MASS::rlm's s); the
     * standard errors use GSL's final sigma, a blend with the OLS sigma (DuMouchel & O'Brien,
     * as MATLAB's robustfit), given here. NAN for OLS. */
    double sigma_for_se;
    size_t n_zero_weight; /* complete rows left out for a weight of 0 (not in n, as R's lm) */
    /* huber/bisquare: IRLS iterations GSL ran, and 0 when it stopped at its limit without
     * converging (bisquare can alternate between two iterates forever); 1 for OLS. */
    size_t robust_iterations;
    int robust_converged;
    /* hc2/hc3: rows whose hat value is 1 to within √ε (a term only one row informs, such as
     * a dummy for one department); their ω_i is 0/0 and, as in sandwich::vcovHC (NaN), the
     * standard errors are NAN. 0 otherwise. */
    size_t hc_leverage_one;
    /* Clustered standard errors (ncluster 0: none): the columns and their numbers of
     * groups; CR1's factor G/(G−1)·(n−1)/(n−k) with fixest's k (the slopes, the fixed
     * effects' parameters, a fixed effect nested within the clusters counting 1), and
     * whether a two-way covariance had negative eigenvalues set to 0. */
    size_t ncluster;
    char *cluster[2];
    size_t cluster_groups[2];
    double cluster_adjustment;
    size_t cluster_k;
    int cluster_psd_fixed;
    /* p flags (NULL without clusters): term j is non-zero in one group of a clustering
     * column only (a dummy of a factor nested in the clusters): its clustered standard
     * error rests on that one cluster and means little. */
    unsigned char *one_cluster;
    /* Absorbed fixed effects (nfe 0: none), the parameters they take (Σ levels − (nfe − 1),
     * in df_residual), rows alone in a level (kept, as fixest up to 0.12), and R² of the demeaned
     * model (fixest's within R²; r_squared is that of the model with dummies). */
    size_t nfe;
    model_fe *fe;
    size_t fe_parameters, fe_singletons;
    double within_r_squared;
    model_wild *wild;   /* the wild cluster bootstrap asked for, else NULL */
    /* Count models (--family): the IRLS fit with its deviances, dispersion and theta (NULL
     * for least squares); sigma, R² and F are then NAN. */
    model_family family;
    char *offset;          /* the offset expression, or NULL */
    int exp;               /* the report shows rate ratios */
    struct glm_fit *glm;   /* owned */
    /* --test: the joint Wald test of the terms it names with the fit's covariance (test_q
     * = 0 without one). F on (q, df) for least squares and quasipoisson, chi² on q for
     * poisson and negbin. With a robust --se on a least-squares fit, f_statistic is the
     * robust Wald F of all terms (f_robust = 1), as lmtest::waldtest(m, vcov = …). */
    char *test;            /* the terms as asked */
    size_t test_q;
    double test_statistic, test_df1, test_df2, test_p_value;
    int test_is_f, f_robust;
    double f_classical, f_classical_p_value; /* summary.lm's F when f_robust, else NAN */
    char *f_robust_note;   /* why a robust --se kept the classical F (owned), else NULL */
    /* se == MODEL_SE_CONLEY: the cutoff in km and the kernel (conley_kernel) of conley.h. */
    double conley_cutoff_km;
    int conley_kernel;
    /* Borrowed, set by the caller of spatial_run (spatial.h) for the writers: the spatial
     * model and LM tests of this fit, reported with it ("spatial", "lm_tests"); NULL
     * otherwise. model_fit_free leaves it alone. */
    const struct spatial_result *spatial;
} model_fit;

/* The closed sets of names — fit methods and standard-error kinds — spelled once, in one
 * table (model_names.c, as datamash's field_operations[]), looked up by name or by value. */
typedef enum { MODEL_NAMES_METHOD, MODEL_NAMES_SE, MODEL_NAMES_FAMILY } model_name_set;

typedef struct model_name {
    model_name_set set;
    int value;               /* a model_method, model_se or model_family */
    const char *name;        /* as options and study files spell it: "bisquare", "hc3" */
    const char *label;       /* as reports print it: "bisquare", "HC3" */
    const char *description; /* one line for help texts */
} model_name;

/* The entry of set spelled name, or NULL. */
const model_name *model_name_find(model_name_set set, const char *name);
/* The entry of set with that value, or NULL for a value outside the set. */
const model_name *model_name_of(model_name_set set, int value);
/* The names of set for a message, "ols, huber or bisquare", into buf (cut to size). */
void model_name_list(model_name_set set, char *buf, size_t size);

/* Shorthands: "ols", "huber", "bisquare"; "classical", "hc0" … "hc3"; the SE kind as reports
 * print it, "classical", "HC0" … "HC3"; "gaussian", "poisson", "quasipoisson", "negbin". The
 * parsers return 0 and set *out, or -1 for an unknown name. */
const char *model_method_name(model_method m);
const char *model_se_name(model_se se);
const char *model_se_label(model_se se);
int model_method_parse(const char *s, model_method *out);
int model_se_parse(const char *s, model_se *out);
const char *model_family_name(model_family fam);
int model_family_parse(const char *s, model_family *out);

/* Fits formula on t. DS_EDATA for an unknown column, empty data, n <= p, an all-missing or
 * zero-variance regressor, a formula parse error (with caret), or a failed GSL step. On
 * success *out is owned by the caller (model_fit_free). Warnings (aliased terms, ill
 * conditioning) are recorded in the fit, not printed. */
int model_fit_formula(const table_t *t, const char *formula, const model_options *opt,
                      model_fit **out, ds_err *err);

/* model_fit_formula of "y ~ x" for two columns of t, each name backquoted unless it is a
 * plain identifier (the line a scatter figure draws). */
int model_fit_line(const table_t *t, const char *y, const char *x, const model_options *opt,
                   model_fit **out, ds_err *err);

/* The model matrix of f, fitted from t with opt by model_fit_formula: f->n rows (f->rows)
 * by f->rank columns, row-major, the aliased terms left out, each row times √w for a
 * weighted fit (so that √w times the residuals is orthogonal to it, as spdep's lm.morantest
 * takes it). DS_EDATA if t and opt no longer give f's rows, or when the fit absorbed fixed
 * effects (their dummies are not built: write them as factor()). Caller frees *x. */
int model_fit_design(const table_t *t, const model_fit *f, const model_options *opt,
                     double **x, ds_err *err);
/* As model_fit_design, and for a fit with absorbed fixed effects the regressors with the
 * fixed effects partialled out (the within transformation the fit used): the design of a
 * sandwich covariance of the slopes (Conley), not of lm.morantest, which needs the dummies. */
int model_fit_design_within(const table_t *t, const model_fit *f, const model_options *opt,
                            double **x, ds_err *err);

void model_fit_free(model_fit *f); /* accepts NULL */

/* "y ~ x + share_*": outside parentheses, a word ending in '*' stands for every column of t
 * starting with what precedes it, joined with " + " (18 age shares need not be spelled out);
 * a prefix no column has is kept, so that the fit names it in its error. Returns a new
 * string (free it). */
char *model_formula_expand(const char *formula, const table_t *t);

/* Parses formula without data: DS_OK, or the parse error (with caret) that model_fit_formula
 * would give. Lets a command tell a mistyped formula (a usage error) from bad data. */
int model_formula_check(const char *formula, ds_err *err);

/* R's summary.lm test for an essentially perfect fit: the residual variance is negligible
 * beside the fitted values' (mean² + variance) · 1e-30, as when the response is a copy of a
 * regressor. Standard errors, t, p and R² then mean nothing. */
int model_essentially_perfect(const model_fit *f);

/* The warnings a fit carries (aliased terms, undefined HC standard errors, no convergence,
 * perfect fit, ill conditioning, domain drops), one line each after prefix, to fp; returns
 * how many. Shared by `fit` (stderr) and `run` (stderr and the report). */
size_t model_warnings(FILE *fp, const model_fit *f, const char *prefix, const char *suffix);

#endif
