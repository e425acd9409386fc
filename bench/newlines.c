/* bench/newlines.c: counts the newlines of a file with read() and memchr, nothing else: the
 * floor under any tool that must look at every byte (issue 18 measures the every-row queries
 * against it). Same 1 MiB reads as a careful reader would use.
 *
 *   cc -O2 -o newlines bench/newlines.c && ./newlines FILE */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: newlines FILE\n");
        return 2;
    }
    int fd = open(argv[1], O_RDONLY);
    if (fd < 0) {
        perror(argv[1]);
        return 3;
    }
    static char buf[1 << 20];
    unsigned long long lines = 0;
    ssize_t got;
    while ((got = read(fd, buf, sizeof buf)) > 0)
        for (const char *p = buf, *end = buf + got; (p = memchr(p, '\n', (size_t)(end - p)));
             p++)
            lines++;
    if (got < 0) {
        perror("read");
        return 3;
    }
    printf("%llu\n", lines);
    close(fd);
    return 0;
}
