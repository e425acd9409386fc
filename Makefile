# damirstat — build, test, demo. `make help` lists the targets.

PREFIX ?= /usr/local
BUILD ?= build
BIN ?= damirstat
CC ?= cc

WARN = -Wall -Wextra -Wpedantic -Werror -Wshadow -Wstrict-prototypes \
       -Wmissing-prototypes -Wformat=2 -Wvla -Wcast-qual
OPT ?= -O2
# Lazily evaluated so that `make deps` works before pkg-config and the libraries exist.
PKG_CFLAGS = $(shell pkg-config --cflags gsl zlib jansson 2>/dev/null)
PKG_LIBS = $(shell pkg-config --libs gsl zlib jansson 2>/dev/null)
CPPFLAGS += -Iinclude -D_GNU_SOURCE
CFLAGS += -std=c17 $(OPT) $(WARN) -MMD -MP $(PKG_CFLAGS) $(EXTRA_CFLAGS)
LDLIBS += $(PKG_LIBS) -lisal -lcsv -lpthread -lm
LDFLAGS += $(EXTRA_LDFLAGS)

# One folder a stage (README, "Reading the source"); src/mpi/ is built only by `make mpi`.
STAGES := base scan table model stats plot gen study cli
SRC := $(foreach s,$(STAGES),$(wildcard src/$(s)/*.c))
OBJ := $(SRC:src/%.c=$(BUILD)/%.o)
LIB_OBJ := $(filter-out $(BUILD)/cli/main.o,$(OBJ))
TEST_SRC := $(wildcard tests/*.c)
TEST_OBJ := $(TEST_SRC:tests/%.c=$(BUILD)/tests/%.o)
TEST_BIN := $(BUILD)/tests/run

ASAN_FLAGS = -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer -g

.PHONY: layers all check test demo calibrate asan install uninstall clean deps help mpi man

all: $(BIN)

$(BIN): $(OBJ)
	$(CC) $(LDFLAGS) -o $@ $(OBJ) $(LDLIBS)

$(BUILD)/%.o: src/%.c
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(CFLAGS) -c -o $@ $<

$(BUILD)/tests/%.o: tests/%.c | $(BUILD)/tests
	$(CC) $(CPPFLAGS) -Itests $(CFLAGS) -c -o $@ $<

$(TEST_BIN): $(TEST_OBJ) $(LIB_OBJ)
	$(CC) $(LDFLAGS) -o $@ $(TEST_OBJ) $(LIB_OBJ) $(LDLIBS)

$(BUILD) $(BUILD)/tests:
	mkdir -p $@

# MPI is optional: `make mpi` builds damirstat-mpi from src/mpi/ and the same module objects
# with mpicc; the normal build never looks at src/mpi/. OpenMPI's headers are system headers
# here, so that our warnings stay about our code.
MPICC ?= mpicc
MPI_BIN ?= damirstat-mpi
MPI_SRC := $(wildcard src/mpi/*.c)
MPI_OBJ := $(MPI_SRC:src/mpi/%.c=$(BUILD)/mpi/%.o)
MPI_INC = $(patsubst %,-isystem %,$(shell $(MPICC) --showme:incdirs 2>/dev/null))

mpi: $(MPI_BIN)

$(MPI_BIN): $(MPI_OBJ) $(LIB_OBJ)
	$(MPICC) $(LDFLAGS) -o $@ $(MPI_OBJ) $(LIB_OBJ) $(LDLIBS)

$(BUILD)/mpi/%.o: src/mpi/%.c
	@mkdir -p $(@D)
	$(MPICC) $(CPPFLAGS) $(MPI_INC) $(CFLAGS) -c -o $@ $<

deps:
	@sh scripts/deps.sh

# The test command README gives. T=SUBSTRING runs only the matching tests.
check: deps
	@python3 scripts/check-layers.py
	@$(MAKE) --no-print-directory test

# The dependency arrows of src/ point one way (README, "Reading the source").
layers:
	@python3 scripts/check-layers.py

test: $(BIN) $(TEST_BIN)
	DAMIRSTAT=$(BIN) ./$(TEST_BIN) $(T)

asan: deps
	@$(MAKE) --no-print-directory BUILD=build-asan BIN=build-asan/damirstat OPT=-O1 \
	    EXTRA_CFLAGS="$(ASAN_FLAGS)" EXTRA_LDFLAGS="$(ASAN_FLAGS)" test \
	    ASAN_OPTIONS=halt_on_error=1:detect_leaks=1 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1

demo: deps
	@$(MAKE) --no-print-directory all
	@sh scripts/demo.sh

# Coverage of the planted slope by the 95 % CI over N=1000 generated datasets, of CR1, CR2
# and the wild cluster bootstrap with 13 clusters, and of planted λ and ρ by the spatial fits
# over SPATIAL_N=500 (tests/calibrate/; not in check).
SPATIAL_N ?= 500
CALIB_SPATIAL := $(BUILD)/calibrate/spatial_coverage
CALIBRATE_CLUSTER := $(BUILD)/calibrate/cluster_coverage

$(BUILD)/calibrate/%: tests/calibrate/%.c $(LIB_OBJ)
	@mkdir -p $(@D)
	$(CC) $(CPPFLAGS) $(CFLAGS) $(LDFLAGS) -o $@ $< $(LIB_OBJ) $(LDLIBS)

calibrate: $(BIN) $(CALIBRATE_CLUSTER) $(CALIB_SPATIAL)
	@sh scripts/calibrate.sh
	@./$(CALIBRATE_CLUSTER)
	@./$(CALIB_SPATIAL) $(SPATIAL_N)

# The manual page and the completion scripts are written by the binary from the option
# tables every --help comes from (damirstat --man, --completion bash|zsh), so they cannot
# drift from the commands; nothing beyond the build is needed to make them.
MAN := $(BUILD)/damirstat.1
COMPLETIONS := $(BUILD)/damirstat.bash $(BUILD)/_damirstat

man: $(MAN) $(COMPLETIONS)

$(MAN): $(BIN) | $(BUILD)
	$(abspath $(BIN)) --man > $@.tmp && mv $@.tmp $@

$(BUILD)/damirstat.bash: $(BIN) | $(BUILD)
	$(abspath $(BIN)) --completion bash > $@.tmp && mv $@.tmp $@

$(BUILD)/_damirstat: $(BIN) | $(BUILD)
	$(abspath $(BIN)) --completion zsh > $@.tmp && mv $@.tmp $@

# PREFIX/share/damirstat/ holds what a study or a map looks for once installed (fs.h): the
# reference tables with their sources and licences (external-data/SOURCES.md: the Licence
# Ouverte asks for attribution; the raw downloads stay in the repository), the studies,
# the documentation and README.md; and the real Open DAMIR lines that regions-real.study
# reads (tests/fixtures/open-damir, with their source), so that every study that needs no
# generated data runs once installed.
SHARE = $(DESTDIR)$(PREFIX)/share/damirstat

install: $(BIN) $(MAN) $(COMPLETIONS)
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/man/man1 \
	    $(DESTDIR)$(PREFIX)/share/bash-completion/completions \
	    $(DESTDIR)$(PREFIX)/share/zsh/site-functions $(SHARE)/docs $(SHARE)/studies
	install -m 755 $(BIN) $(DESTDIR)$(PREFIX)/bin/damirstat
	install -m 644 $(MAN) $(DESTDIR)$(PREFIX)/share/man/man1/damirstat.1
	install -m 644 $(BUILD)/damirstat.bash \
	    $(DESTDIR)$(PREFIX)/share/bash-completion/completions/damirstat
	install -m 644 $(BUILD)/_damirstat $(DESTDIR)$(PREFIX)/share/zsh/site-functions/_damirstat
	install -m 644 README.md external-data/SOURCES.md $(SHARE)/
	install -m 644 docs/*.md $(SHARE)/docs/
	install -m 644 studies/*.study $(SHARE)/studies/
	cd external-data && find . -path ./raw -prune -o -type f -print | while read -r f; do \
	    install -D -m 644 "$$f" "$(SHARE)/external-data/$$f" || exit 1; done
	install -d $(SHARE)/tests/fixtures/open-damir
	install -m 644 tests/fixtures/open-damir/A202501-head.csv \
	    tests/fixtures/open-damir/SOURCE.md $(SHARE)/tests/fixtures/open-damir/

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/damirstat $(DESTDIR)$(PREFIX)/share/man/man1/damirstat.1 \
	    $(DESTDIR)$(PREFIX)/share/bash-completion/completions/damirstat \
	    $(DESTDIR)$(PREFIX)/share/zsh/site-functions/_damirstat
	rm -rf $(SHARE)

clean:
	rm -rf build build-asan build-fuzz damirstat damirstat-mpi

help:
	@echo "make            build ./damirstat"
	@echo "make check      install missing Debian packages (as root) and run the tests"
	@echo "make demo       run the main job on the bundled data"
	@echo "make calibrate  CI coverage: planted slope (1,000), CR1/CR2/wild with 13 clusters, λ and ρ (500)"
	@echo "make layers     check that includes and calls between stages point one way"
	@echo "make asan       build with AddressSanitizer + UBSan and run the tests"
	@echo "make install    install to \$$(DESTDIR)\$$(PREFIX) (default /usr/local): the binary,"
	@echo "                man page, bash/zsh completion, and share/damirstat/ (data, studies, docs)"
	@echo "make man        write the man page and completion scripts into build/"
	@echo "make deps       install (as root) or name the missing Debian packages"
	@echo "make fuzz       run each fuzz harness FUZZ_SECONDS (60) with clang's libFuzzer"
	@echo "make fuzz-regress  replay the fuzz corpora and crashes under the sanitizers"
	@echo "make mpi        build ./damirstat-mpi with mpicc (needs OpenMPI)"
	@echo "make clean      remove build products"

# Fuzzing (a developer/CI target, never part of `make check`; needs clang and
# libclang-rt-14-dev, listed in scripts/fuzz-deps.txt). `make fuzz FUZZ_SECONDS=60` runs each
# harness of tests/fuzz/ in turn on a working copy of its corpus (new inputs stay in
# build-fuzz/, crashes go to build-fuzz/crashes/NAME/: copy one into tests/fuzz/crashes/NAME/
# once fixed); FUZZ=NAME runs one. `make fuzz-regress` replays the corpora and crashes with
# the sanitizers but without libFuzzer (make check replays them too, in the test runner).
FUZZ_CC ?= clang
FUZZ_SECONDS ?= 60
# Extra libFuzzer flags; CI passes -seed=1 so that its run is repeatable.
FUZZ_FLAGS ?=
FUZZ_NAMES := $(patsubst tests/fuzz/fuzz_%.c,%,$(filter-out tests/fuzz/fuzz_common.c,$(wildcard tests/fuzz/fuzz_*.c)))
FUZZ ?= $(FUZZ_NAMES)
FUZZ_DIR = build-fuzz
FUZZ_SAN = -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer -g -O1
FUZZ_CFLAGS = -std=c17 -D_GNU_SOURCE -Iinclude $(PKG_CFLAGS) $(FUZZ_SAN)
FUZZ_LIB_SRC = $(filter-out src/cli/%,$(SRC)) tests/fuzz/fuzz_common.c

.PHONY: fuzz fuzz-regress

$(FUZZ_DIR)/fuzz_%: tests/fuzz/fuzz_%.c tests/fuzz/libfuzzer.c $(FUZZ_LIB_SRC) $(wildcard include/damirstat/*.h src/*/*.h) tests/fuzz/fuzz.h
	@mkdir -p $(FUZZ_DIR)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer -DFUZZ_ENTRY=fuzz_$* -o $@ $< tests/fuzz/libfuzzer.c $(FUZZ_LIB_SRC) $(LDLIBS)

$(FUZZ_DIR)/replay_%: tests/fuzz/fuzz_%.c tests/fuzz/replay_main.c $(FUZZ_LIB_SRC) $(wildcard include/damirstat/*.h src/*/*.h) tests/fuzz/fuzz.h
	@mkdir -p $(FUZZ_DIR)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -DFUZZ_ENTRY=fuzz_$* -o $@ $< tests/fuzz/replay_main.c $(FUZZ_LIB_SRC) $(LDLIBS)

fuzz: $(FUZZ:%=$(FUZZ_DIR)/fuzz_%)
	@set -e; for n in $(FUZZ); do \
	    mkdir -p $(FUZZ_DIR)/corpus/$$n $(FUZZ_DIR)/crashes/$$n; \
	    echo "fuzz: $$n for $(FUZZ_SECONDS) s"; \
	    ASAN_OPTIONS=halt_on_error=1:detect_leaks=1 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
	    ./$(FUZZ_DIR)/fuzz_$$n $(FUZZ_DIR)/corpus/$$n tests/fuzz/corpus/$$n \
	        -max_total_time=$(FUZZ_SECONDS) $(FUZZ_FLAGS) -max_len=65536 -timeout=10 -rss_limit_mb=2048 \
	        -artifact_prefix=$(FUZZ_DIR)/crashes/$$n/ -print_final_stats=1; \
	done

fuzz-regress: $(FUZZ:%=$(FUZZ_DIR)/replay_%)
	@set -e; for n in $(FUZZ); do \
	    ASAN_OPTIONS=halt_on_error=1:detect_leaks=1 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
	    ./$(FUZZ_DIR)/replay_$$n tests/fuzz/corpus/$$n tests/fuzz/crashes/$$n; \
	done

-include $(OBJ:.o=.d) $(TEST_OBJ:.o=.d) $(MPI_OBJ:.o=.d)
