/* json: the two pieces of JSON output that the statistics commands (corr, moran) share, so
 * that every number and string is written by the same rules. */
#ifndef DAMIRSTAT_JSON_H
#define DAMIRSTAT_JSON_H

#include <stdio.h>

/* s as a JSON string: quotes, backslash and control characters escaped; UTF-8 passes. */
void json_string(FILE *fp, const char *s);

/* v with 17 significant digits (reads back to the same double), `null` when not finite. */
void json_number(FILE *fp, double v);

#endif
