/* out: output files that appear whole or not at all.
 *
 * A result file is written to a temp file in the target's folder (`NAME.tmp.XXXXXX`, the
 * name shortened when it would pass the 255-byte limit of a file name) and renamed over
 * NAME only when everything was written and flushed, so bad input or a full disk never
 * leaves a partial file behind. As `sed -i` and editors do, a NAME that is a symbolic link
 * is written through: the file it points to is replaced and the link kept; an existing
 * file keeps its mode (and owner when allowed). The path "-" (or NULL) means stdout,
 * checked with ferror/fflush; a device or a pipe is written directly.
 *
 * Live temp files are listed in a registry so that nothing is left behind when the run
 * ends early: SIGINT, SIGTERM, SIGHUP, SIGQUIT and SIGPIPE remove them (then kill the
 * process by the same signal, as if it were not caught), and so does any exit() (the
 * out-of-memory exit of the x* allocators). SIGXFSZ is ignored, so a file-size limit is a
 * write error ("File too large") like a full disk rather than a kill. */
#ifndef DAMIRSTAT_OUT_H
#define DAMIRSTAT_OUT_H

#include <stddef.h>
#include <stdio.h>

#include "damirstat/err.h"

typedef struct out out_t;

/* Opens path for writing (a temp file beside it, or stdout for "-"/NULL); *out receives the
 * handle, to be ended by out_commit or out_abort. DS_EIO if the folder is not writable. */
int out_open(const char *path, out_t **out, ds_err *err);

/* The stream to write to; valid until out_commit or out_abort. */
FILE *out_stream(out_t *o);

/* The temp file's path, for a writer that opens it by name (gnuplot): NULL for stdout,
 * a device or a pipe, which are written directly. Valid until out_commit or out_abort. */
const char *out_temp_path(const out_t *o);

/* Flushes and checks for write errors, then renames the temp file over the target. Frees o
 * in every case; on failure the temp file is removed and DS_EIO returned. */
int out_commit(out_t *o, ds_err *err);

/* Commits several outputs of one run together: every one is flushed and checked before
 * any is renamed, so a write error in one leaves all the old files in place. Frees them
 * all in every case. */
int out_commit_all(out_t *const *outs, size_t n, ds_err *err);

/* Discards what was written (removes the temp file; for stdout, drops what is buffered) and
 * frees o. Accepts NULL. */
void out_abort(out_t *o);

/* out_abort after a writer failed with rc: a write error (DS_EIO) is reworded to name the
 * output ("result.csv: write error: No space left on device") rather than what the writer
 * knew; other errors are kept. Returns rc. */
int out_fail(out_t *o, int rc, ds_err *err);

#endif
