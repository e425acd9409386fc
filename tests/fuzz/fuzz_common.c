/* Helpers shared by the fuzz harnesses. */
#include "fuzz.h"

#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

void fuzz_fail(const char *what)
{
    fprintf(stderr, "fuzz: invariant broken: %s\n", what);
    abort();
}

int fuzz_memfile(const uint8_t *data, size_t size, char *path, size_t path_size, int *fd)
{
    *fd = memfd_create("fuzz", 0);
    if (*fd < 0)
        return -1;
    size_t done = 0;
    while (done < size) {
        ssize_t n = write(*fd, data + done, size - done);
        if (n <= 0) {
            close(*fd);
            return -1;
        }
        done += (size_t)n;
    }
    snprintf(path, path_size, "/proc/self/fd/%d", *fd);
    return 0;
}
