/* out: output files that appear whole or not at all.
 *
 * A result file is written to `NAME.tmp.XXXXXX` in the same folder and renamed over NAME
 * only when everything was written and flushed, so bad input or a full disk never leaves a
 * partial file behind. The path "-" (or NULL) means stdout, checked with ferror/fflush. */
#ifndef DAMIRSTAT_OUT_H
#define DAMIRSTAT_OUT_H

#include <stdio.h>

#include "damirstat/err.h"

typedef struct out out_t;

/* Opens path for writing (a temp file beside it, or stdout for "-"/NULL); *out receives the
 * handle, to be ended by out_commit or out_abort. DS_EIO if the folder is not writable. */
int out_open(const char *path, out_t **out, ds_err *err);

/* The stream to write to; valid until out_commit or out_abort. */
FILE *out_stream(out_t *o);

/* Flushes and checks for write errors, then renames the temp file over the target. Frees o
 * in every case; on failure the temp file is removed and DS_EIO returned. */
int out_commit(out_t *o, ds_err *err);

/* Discards what was written (removes the temp file; for stdout, drops what is buffered) and
 * frees o. Accepts NULL. */
void out_abort(out_t *o);

/* out_abort after a writer failed with rc: a write error (DS_EIO) is reworded to name the
 * output ("result.csv: write error: No space left on device") rather than what the writer
 * knew; other errors are kept. Returns rc. */
int out_fail(out_t *o, int rc, ds_err *err);

#endif
