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

/* The codes of a scheme's regions, in code order: geo_region_count(scheme) of them (99,
 * Open DAMIR's "unknown", included). */
size_t geo_region_count(geo_region_scheme scheme);
int geo_region_code_at(geo_region_scheme scheme, size_t i);

/* What a key column holds: departments or regions. Codes 11 … 94 are both department and
 * region codes, so a key is read as regions only when something says so. */
typedef enum { GEO_LEVEL_UNKNOWN, GEO_LEVEL_DEPT, GEO_LEVEL_REGION } geo_level;

/* The level a key column's name says (case ignored): regions for BEN_RES_REG and names
 * starting with reg or region (reg, reg_2016, reg_open_damir, region); departments for
 * BEN_RES_DPT and names starting with dep, dpt or departement, and codep; UNKNOWN for any
 * other (code, key, id). *scheme: GEO_REGION_OPENDAMIR for BEN_RES_REG and names with
 * open_damir, else GEO_REGION_2016. */
geo_level geo_level_of_name(const char *name, geo_region_scheme *scheme);

/* The level n codes hold: DEPT when one is no region code (2A, 12, 971); REGION when one is no department code (99); UNKNOWN when every code
 * is both (11, 24, … 93): the caller must then be told. *scheme: Open DAMIR when a code is
 * 5 or 99, else 2016. Codes that are neither (a label row) are ignored. */
geo_level geo_level_of_codes(const char *const *codes, size_t n, geo_region_scheme *scheme);

/* Path of a geographic reference file shipped in external-data/ (map outlines, contiguity):
 * external-data/NAME under the working folder, else beside the binary or one folder up, else
 * in the installed share folder (fs_share_dir()/external-data/NAME). Returns a malloc'd path the
 * caller frees, or NULL with DS_EIO naming the file. */
char *geo_data_path(const char *name, ds_err *err);

/* 1 for the five overseas departments (971 … 976). */
int geo_dept_is_overseas(const char *code);

#endif
