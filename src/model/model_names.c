/* model_names: the one table of the model module's closed sets of names — fit methods and
 * standard-error kinds — as GNU datamash keeps its operations in field_operations[]: each
 * spelled once, with the label reports print and a line for help texts, looked up by name
 * and by value. Options, study files, reports and JSON all go through it. */
#include <assert.h>
#include <stdio.h>
#include <string.h>

#include "damirstat/model.h"

static const model_name names[] = {
    {MODEL_NAMES_METHOD, MODEL_OLS, "ols", "ols",
     "least squares, weighted with a weight column (R's lm)"},
    {MODEL_NAMES_METHOD, MODEL_HUBER, "huber", "huber",
     "M-estimation with Huber's weights, k = 1.345 (GSL's robust fit)"},
    {MODEL_NAMES_METHOD, MODEL_BISQUARE, "bisquare", "bisquare",
     "M-estimation with Tukey's bisquare weights, c = 4.685 (GSL's robust fit)"},
    {MODEL_NAMES_SE, MODEL_SE_CLASSICAL, "classical", "classical",
     "sigma² (X'X)⁻¹, as summary.lm"},
    {MODEL_NAMES_SE, MODEL_SE_HC0, "hc0", "HC0",
     "White's heteroskedasticity-consistent sandwich (sandwich::vcovHC)"},
    {MODEL_NAMES_SE, MODEL_SE_HC1, "hc1", "HC1", "HC0 times n / (n - k)"},
    {MODEL_NAMES_SE, MODEL_SE_HC2, "hc2", "HC2", "squared residuals divided by 1 - h"},
    {MODEL_NAMES_SE, MODEL_SE_HC3, "hc3", "HC3", "squared residuals divided by (1 - h)²"},
    {MODEL_NAMES_SE, MODEL_SE_CR1, "cr1", "CR1",
     "clustered, G/(G-1) (n-1)/(n-k), t on G - 1 df (fixest, Stata; the default with clusters)"},
    {MODEL_NAMES_SE, MODEL_SE_CR2, "cr2", "CR2",
     "clustered, Bell-McCaffrey, Satterthwaite df (clubSandwich, estimatr)"},
    {MODEL_NAMES_FAMILY, MODEL_GAUSSIAN, "gaussian", "gaussian",
     "least squares (lm); the default"},
    {MODEL_NAMES_FAMILY, MODEL_POISSON, "poisson", "poisson",
     "counts, log link, variance mu (glm, family = poisson)"},
    {MODEL_NAMES_FAMILY, MODEL_QUASIPOISSON, "quasipoisson", "quasipoisson",
     "counts, log link, variance phi mu with phi estimated (glm, family = quasipoisson)"},
    {MODEL_NAMES_FAMILY, MODEL_NEGBIN, "negbin", "Negative Binomial",
     "counts, log link, variance mu + mu²/theta with theta estimated (MASS::glm.nb)"},
    {MODEL_NAMES_SE, MODEL_SE_CONLEY, "conley", "Conley",
     "spatial HAC over centroid distances (conley:KM, Bartlett; conley-uniform:KM)"},
};

#define NNAMES (sizeof names / sizeof names[0])

const model_name *model_name_find(model_name_set set, const char *name)
{
    for (size_t i = 0; i < NNAMES; i++)
        if (names[i].set == set && strcmp(names[i].name, name) == 0)
            return &names[i];
    return NULL;
}

const model_name *model_name_of(model_name_set set, int value)
{
    for (size_t i = 0; i < NNAMES; i++)
        if (names[i].set == set && names[i].value == value)
            return &names[i];
    return NULL;
}

void model_name_list(model_name_set set, char *buf, size_t size)
{
    size_t count = 0, k = 0, len = 0;
    for (size_t i = 0; i < NNAMES; i++)
        count += names[i].set == set;
    if (size)
        buf[0] = '\0';
    for (size_t i = 0; i < NNAMES && len < size; i++) {
        if (names[i].set != set)
            continue;
        const char *sep = k == 0 ? "" : k + 1 == count ? " or " : ", ";
        int w = snprintf(buf + len, size - len, "%s%s", sep, names[i].name);
        len += w > 0 ? (size_t)w : 0;
        k++;
    }
}

/* The entry of a value the enums define: any other value is a bug of the caller. */
static const model_name *entry(model_name_set set, int value)
{
    const model_name *e = model_name_of(set, value);
    assert(e);
    return e;
}

const char *model_method_name(model_method m) { return entry(MODEL_NAMES_METHOD, (int)m)->name; }
const char *model_se_name(model_se se) { return entry(MODEL_NAMES_SE, (int)se)->name; }
const char *model_se_label(model_se se) { return entry(MODEL_NAMES_SE, (int)se)->label; }

const char *model_family_name(model_family fam)
{
    return entry(MODEL_NAMES_FAMILY, (int)fam)->name;
}

int model_family_parse(const char *s, model_family *out)
{
    const model_name *e = model_name_find(MODEL_NAMES_FAMILY, s);
    if (!e)
        return -1;
    *out = (model_family)e->value;
    return 0;
}

int model_method_parse(const char *s, model_method *out)
{
    const model_name *e = model_name_find(MODEL_NAMES_METHOD, s);
    if (!e)
        return -1;
    *out = (model_method)e->value;
    return 0;
}

int model_se_parse(const char *s, model_se *out)
{
    const model_name *e = model_name_find(MODEL_NAMES_SE, s);
    /* conley needs its cutoff (conley:200): conley_parse reads it, conley_apply sets it */
    if (!e || e->value == MODEL_SE_CONLEY)
        return -1;
    *out = (model_se)e->value;
    return 0;
}
