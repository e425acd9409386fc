/* read_impl.h: what read.c and read_probe.c share. */
#ifndef DAMIRSTAT_READ_IMPL_H
#define DAMIRSTAT_READ_IMPL_H

#include "damirstat/err.h"

/* Whether path names standard input ("-"). */
int read_is_stdin(const char *path);

/* Opens path read-only (STDIN_FILENO for "-"); DS_EIO "PATH: cannot open: why". */
int read_open_fd(const char *path, int *fd, ds_err *err);

#endif
