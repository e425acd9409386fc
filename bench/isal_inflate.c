/* bench/isal_inflate.c: ISA-L's inflate alone on a gzip file (all members), output thrown
 * away: the floor that damirstat's gzip input is measured against (issue 3: "within 10 % of
 * the fastest decompressor on its own"). Same buffer sizes as src/scan/read.c: 256 KiB of input
 * at a time, 1 MiB of output. Prints the decompressed byte count.
 *
 *   cc -O2 -o isal_inflate bench/isal_inflate.c -lisal && ./isal_inflate FILE.gz */
#include <fcntl.h>
#include <isa-l/igzip_lib.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

enum { IN_BYTES = 256 << 10, OUT_BYTES = 1 << 20 };

/* Refills the input when it is used up; returns 0 at end of file. */
static int refill(int fd, struct inflate_state *s, unsigned char *in)
{
    if (s->avail_in > 0)
        return 1;
    ssize_t got = read(fd, in, IN_BYTES);
    if (got < 0) {
        perror("read");
        exit(3);
    }
    s->next_in = in;
    s->avail_in = (uint32_t)got;
    return got > 0;
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: isal_inflate FILE.gz\n");
        return 2;
    }
    int fd = open(argv[1], O_RDONLY);
    if (fd < 0) {
        perror(argv[1]);
        return 3;
    }
    unsigned char *in = malloc(IN_BYTES), *out = malloc(OUT_BYTES);
    struct inflate_state s;
    isal_inflate_init(&s);
    s.crc_flag = ISAL_GZIP;
    unsigned long long total = 0;
    int more = refill(fd, &s, in);
    while (more) {
        s.next_out = out;
        s.avail_out = OUT_BYTES;
        int rc = isal_inflate(&s);
        if (rc < 0) {
            fprintf(stderr, "%s: corrupt gzip data (ISA-L code %d)\n", argv[1], rc);
            return 1;
        }
        total += OUT_BYTES - s.avail_out;
        if (s.block_state == ISAL_BLOCK_FINISH) { /* a member ended: another may follow */
            if (!(more = refill(fd, &s, in)))
                break;
            unsigned char *next = s.next_in;
            uint32_t avail = s.avail_in;
            isal_inflate_reset(&s);
            s.crc_flag = ISAL_GZIP;
            s.next_in = next;
            s.avail_in = avail;
        } else if (s.avail_out == OUT_BYTES && !(more = refill(fd, &s, in))) {
            fprintf(stderr, "%s: truncated gzip data\n", argv[1]);
            return 1;
        }
    }
    printf("%llu\n", total);
    free(in);
    free(out);
    close(fd);
    return 0;
}
