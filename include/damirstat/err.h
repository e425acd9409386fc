/* err: error codes, error messages and the out-of-memory policy shared by every module.
 *
 * Functions that can fail return 0 or a negative DS_E* code and take a `ds_err *` last,
 * which they fill with a message a user can act on (`FILE:LINE:COL: COLUMN: expected …`).
 * Only main prints errors; library code never exits, prints or aborts on bad input.
 * Out of memory is the one exception: the x* allocators print and exit with status 3. */
#ifndef DAMIRSTAT_ERR_H
#define DAMIRSTAT_ERR_H

#include <stddef.h>

enum {
    DS_OK = 0,
    DS_EDATA = -1,  /* bad input data or a failed fit: exit status 1 */
    DS_EUSAGE = -2, /* bad command line: exit status 2 */
    DS_EIO = -3     /* I/O or system error: exit status 3 */
};

/* Exit statuses, as documented in `damirstat --help` and README. */
enum { DS_EXIT_OK = 0, DS_EXIT_DATA = 1, DS_EXIT_USAGE = 2, DS_EXIT_IO = 3 };

typedef struct ds_err {
    int code;        /* the DS_E* code of the first error set, DS_OK if none */
    char msg[1024];  /* what went wrong, without the "damirstat: " prefix */
} ds_err;

/* Clears err (code DS_OK, empty message). */
void ds_err_clear(ds_err *err);

/* Sets err to code and a printf-style message unless an error is already set (the first
 * error is the one the user needs); returns code so callers can `return ds_err_set(...)`.
 * err may be NULL. */
int ds_err_set(ds_err *err, int code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

/* ds_err_set with "PREFIX: WHAT", then the text and a caret under its byte col on the next
 * two lines; a text over 120 bytes is shown as a window around the caret, "..." where cut,
 * so that the message stays readable. */
int ds_err_caret(ds_err *err, int code, const char *prefix, const char *what, const char *text,
                 size_t col);

/* Maps a DS_E* code to the process exit status (0, 1, 2 or 3). */
int ds_exit_status(int code);

/* Allocators that never return NULL: on failure they print and exit(3). */
void *xmalloc(size_t size);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t size);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);

#endif
