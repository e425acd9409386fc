/* genrow: one month of DAMIR-shaped rows, as text, exactly as Open DAMIR publishes them.
 *
 * Owns the 56-column layout (plus BEN_RES_DPT right after BEN_RES_REG in department mode),
 * the code palettes (ages, sexes, PRS_NAT, specialties, rates, …) and the number format of
 * the real files (`;`, a trailing `;` on every line, `.81`, `-.57`, empty PRS_ACT_NBR).
 * It does not decide the planted effects: the caller (gen) hands it the planted GP rows of
 * the month with their exact quantities and amounts, and genrow surrounds them with
 * background rows (pharmacy, labs, nurses, specialists, hospitals, regularisations, …) drawn
 * from its own GSL random stream. Every random draw goes through gsl_ran_* on a
 * gsl_rng_mt19937 seeded from the month's seed, so a month is a pure function of its spec. */
#ifndef DAMIRSTAT_GENROW_H
#define DAMIRSTAT_GENROW_H

#include <stddef.h>
#include <stdint.h>

#include <gsl/gsl_randist.h>

#include "damirstat/err.h"
#include "damirstat/geo.h"
#include "damirstat/measure.h"

/* The GP consultation and visit codes whose rows carry the planted effect: the gp-visits
 * measure's (measure.h: G, C, GS, VG, V, VGS with PSE_SPE_SNDS = 1). */
#define GENROW_GP_CODES MEASURE_GP_CODES

/* Upper bound on one formatted line, so a caller's buffer never splits a row. */
#define GENROW_LINE_MAX 512

typedef struct genrow_dept {
    char code[GEO_CODE_MAX]; /* canonical department code, e.g. "01", "2A", "971" */
    int region;              /* BEN_RES_REG code (Open DAMIR scheme: 93 with Corsica, 5 DOM) */
} genrow_dept;

/* A planted GP row: its department (index into the month's depts), the number of acts
 * (PRS_ACT_QTE, negative for a regularisation) and the spending PRS_PAI_MNT in cents. */
typedef struct genrow_gp {
    uint32_t dept;
    int64_t acts;
    int64_t cents;
} genrow_gp;

typedef struct genrow_month {
    int yyyymm;                          /* FLX_ANN_MOI */
    int with_dept;                       /* 1: write BEN_RES_DPT */
    const genrow_dept *depts;
    size_t ndepts;
    const gsl_ran_discrete_t *residence; /* department of a background row, by population */
    const genrow_gp *gp;                 /* planted rows, written in this order */
    size_t ngp;
    uint64_t rows;                       /* all rows of the month, planted ones included */
    double inhabitants;                  /* population the rows stand for (sizes the cells) */
    unsigned long seed;                  /* seed of the month's gsl_rng_mt19937 */
} genrow_month;

/* Receives formatted text (whole lines); returns 0 or a DS_E* code with err filled. */
typedef int (*genrow_sink)(void *ctx, const char *data, size_t len, ds_err *err);

/* The header line (with its trailing `;` and newline) for the given mode. */
const char *genrow_header(int with_dept);

/* Writes the header and the month's rows through sink. DS_EUSAGE if ngp > rows. */
int genrow_write_month(const genrow_month *m, genrow_sink sink, void *ctx, ds_err *err);

/* Formats cents as Open DAMIR does (12.5, .81, -.57, 30, 0) into out (>= 24 bytes);
 * returns the length. */
size_t genrow_format_cents(int64_t cents, char *out);

#endif
