/* json: the few pieces of JSON output every command writes alike, so that numbers and
 * strings look the same in an aggregate, a fit, a correlation or a study's results.json.
 * Numbers carry 17 significant digits (they read back to the same double); JSON has no NaN
 * or infinity, so those are written null. */
#ifndef DAMIRSTAT_JSON_H
#define DAMIRSTAT_JSON_H

#include <stddef.h>
#include <stdio.h>

void json_number(FILE *fp, double v);
/* A string, quoted and escaped: valid UTF-8 passes through, control characters are escaped,
 * and a byte that is not part of valid UTF-8 is written \ufffd (the replacement character). */
void json_string(FILE *fp, const char *s);
void json_string_n(FILE *fp, const char *s, size_t n);
/* "key":number, followed by a comma when comma is non-zero. */
void json_member_number(FILE *fp, const char *key, double v, int comma);

#endif
