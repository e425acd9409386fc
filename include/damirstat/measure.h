/* measure: the measures of Open DAMIR that the project names, each defined once (its rows
 * and its columns) and cited to CNAM's code lists, so that `aggregate --measure`, the
 * generator, the help texts and the docs all mean the same thing by "GP visits".
 *
 * GP consultations and home visits are the PRS_NAT codes below with the executing doctor's
 * specialty PSE_SPE_SNDS = 1 (general medicine). Their labels in the SNDS code list of
 * natures of service (IR_NAT_V, CNAM; short code, label):
 *     1109 GS   CONSULTATION SPECIALISTE MEDECINE GENERALE
 *     1110 G    CONSULTATION MEDECINE GENERALE
 *     1111 C    CONSULTATION COTEE C
 *     1209 VGS  VISITE SPECIALISTE MEDECINE GENERALE
 *     1210 VG   VISITE MEDECINE GENERALE
 *     1211 V    VISITE COTEE V
 * (C and V before 2017; G, GS, VG, VGS from 2017.) Not GP acts: 1112 CS "CONSULTATION COTEE
 * CS" and 1212 VS "VISITE COTEE VS" are specialists' consultations and visits, and 1191/1192
 * are teleconsultations. PSE_SPE_SNDS: 1 "MEDECINE GENERALE" in Open DAMIR's own list
 * (Lexique open-DAMIR, PSE_SPE_SNDS); the SNDS list's 22 and 23 (specialists in general
 * medicine) do not occur in Open DAMIR. Sources: IR_NAT_V and IR_SPE_V of the SNDS
 * nomenclatures (Health Data Hub, schema-snds), and CNAM's Lexique open-DAMIR. */
#ifndef DAMIRSTAT_MEASURE_H
#define DAMIRSTAT_MEASURE_H

#include <stddef.h>

#define MEASURE_GP_CODES "1109,1110,1111,1209,1210,1211"
#define MEASURE_GP_WHERE "PRS_NAT in (" MEASURE_GP_CODES ") and PSE_SPE_SNDS = 1"

typedef struct measure {
    const char *name;  /* "gp-visits" */
    const char *what;  /* one line: what it is, in its units */
    const char *where; /* the rows (--where), or NULL for every row */
    const char *sums;  /* the --sum list: columns or exact expressions, comma-separated */
    const char *cite;  /* where its codes come from */
} measure;

/* The rows of m joined to where ("(M) and (WHERE)"; either alone when the other is NULL;
 * NULL when both are), as `aggregate --measure` and a study's measure = read them; the
 * caller frees. */
char *measure_where(const measure *m, const char *where);

/* The measure called name, or NULL. */
const measure *measure_find(const char *name);

/* measure_find, and when there is none the hint that follows "no measure 'X'" into hint
 * (": did you mean 'gp-visits'? (measures: …)", suggest.h). */
const measure *measure_find_hint(const char *name, char *hint, size_t size);

/* The i-th measure of the table (i < measure_count()), in the order `--measure list` shows. */
size_t measure_count(void);
const measure *measure_get(size_t i);

#endif
