/* geo: French departments and regions, their codes and names.
 *
 * Owns the canonical department key: `1`, `01`, `001` → `01`; `2A`, `2B`; `20` for Corsica
 * before its split (or aggregated); `971`…`976`. Names match without regard to case, accents,
 * hyphens, apostrophes and spaces (`Côte-d'Or`, `COTE D OR`, `cote d or`). Regions come in
 * three schemes: the 2016 INSEE regions, the pre-2016 (22 + DOM) regions, and the codes Open
 * DAMIR uses in BEN_RES_REG (2016 codes, but 93 = PACA and Corsica, 5 = overseas, 99 =
 * unknown). The tables are compiled in (INSEE COG; see external-data/SOURCES.md). */
#ifndef DAMIRSTAT_GEO_H
#define DAMIRSTAT_GEO_H

#include <stddef.h>

#include "damirstat/err.h"

#define GEO_CODE_MAX 4 /* longest canonical code ("971") plus NUL */

typedef enum {
    GEO_REGION_2016,     /* INSEE regions since 2016: 11 … 94; overseas 01 … 06 */
    GEO_REGION_PRE2016,  /* INSEE regions 1982–2015: 11 … 94; overseas 01 … 06 */
    GEO_REGION_OPENDAMIR /* BEN_RES_REG: 2016 codes, 93 incl. Corsica, 5 overseas, 99 unknown */
} geo_region_scheme;

/* Canonicalises a department code (len bytes, surrounding spaces ignored) into out.
 * Returns 0, or DS_EDATA with a message naming the text if it is not a department. */
int geo_dept_canon(const char *s, size_t len, char out[GEO_CODE_MAX], ds_err *err);

/* Finds a department by name (or `NN - Name`, `NN-Name` labels, whose code must agree
 * with the name); "Réunion" and "Corse" (→ 20) are accepted too. 0 or DS_EDATA. */
int geo_dept_by_name(const char *name, char out[GEO_CODE_MAX], ds_err *err);

/* Official name of a canonical code (UTF-8, e.g. "Côte-d'Or"), or NULL if unknown.
 * "20" is named "Corse" and has Corsica's regions (94, 94, Open DAMIR 93). */
const char *geo_dept_name(const char *code);

/* Region of a canonical department code in a scheme, or -1 if unknown. */
int geo_dept_region(const char *code, geo_region_scheme scheme);

/* Name of a region code in a scheme, or NULL if unknown. */
const char *geo_region_name(int region, geo_region_scheme scheme);

/* Canonicalises a region code of a scheme ("084" → 84); 0 or DS_EDATA. */
int geo_region_canon(const char *s, size_t len, geo_region_scheme scheme, int *out,
                     ds_err *err);

/* The 101 departments in code order (01 … 95 with 2A, 2B after 19, then 971 … 976):
 * geo_dept_count() and the i-th canonical code. */
size_t geo_dept_count(void);
const char *geo_dept_code_at(size_t i);

/* Path of a geographic reference file shipped in external-data/ (map outlines, contiguity):
 * external-data/NAME under the working folder, else beside the binary or one folder up, else
 * in the installed share folder (fs_share_dir()/external-data/NAME). Returns a malloc'd path the
 * caller frees, or NULL with DS_EIO naming the file. */
char *geo_data_path(const char *name, ds_err *err);

/* 1 for the five overseas departments (971 … 976). */
int geo_dept_is_overseas(const char *code);

#endif
