/* fuzz: the entry points of the fuzz harnesses in tests/fuzz/.
 *
 * Each harness is one function that takes any bytes and must neither crash, leak, read out
 * of bounds nor break one of the invariants it checks (a broken invariant calls
 * fuzz_fail, which aborts: libFuzzer and the replay then report it as a crash). The same
 * file builds three ways: into libFuzzer (libfuzzer.c: `make fuzz`), into a plain main()
 * that replays files and folders (replay_main.c: `make fuzz-regress`), and into the test
 * runner (tests/test_fuzz_replay.c), which replays tests/fuzz/corpus/NAME and
 * tests/fuzz/crashes/NAME on every `make check`. */
#ifndef DAMIRSTAT_FUZZ_H
#define DAMIRSTAT_FUZZ_H
#include <stddef.h>
#include <stdint.h>

int fuzz_bulk(const uint8_t *data, size_t size);   /* read → scan → query → agg */
int fuzz_table(const uint8_t *data, size_t size);  /* table_load_buffer_with */
int fuzz_where(const uint8_t *data, size_t size);  /* filter_parse / eval / canonical */
int fuzz_expr(const uint8_t *data, size_t size);   /* expr_parse / bind / eval */
int fuzz_gzip(const uint8_t *data, size_t size);   /* reader_open / reader_next */
int fuzz_formula(const uint8_t *data, size_t size); /* model_fit_formula */
int fuzz_study(const uint8_t *data, size_t size);  /* study_parse */

/* Aborts with a message: an invariant of the code under test does not hold. */
void fuzz_fail(const char *what) __attribute__((noreturn));

/* Writes data into an anonymous in-memory file; *path receives "/proc/self/fd/N" (the
 * caller closes *fd). -1 when that is not possible. */
int fuzz_memfile(const uint8_t *data, size_t size, char *path, size_t path_size, int *fd);
#endif
