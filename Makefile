# damirstat — build, test, demo. `make help` lists the targets.

PREFIX ?= /usr/local
BUILD ?= build
BIN ?= damirstat
CC ?= cc

WARN = -Wall -Wextra -Wpedantic -Werror -Wshadow -Wstrict-prototypes \
       -Wmissing-prototypes -Wformat=2 -Wvla -Wcast-qual
OPT ?= -O2
# Lazily evaluated so that `make deps` works before pkg-config and the libraries exist.
PKG_CFLAGS = $(shell pkg-config --cflags gsl zlib 2>/dev/null)
PKG_LIBS = $(shell pkg-config --libs gsl zlib 2>/dev/null)
CPPFLAGS += -Iinclude -D_GNU_SOURCE
CFLAGS += -std=c17 $(OPT) $(WARN) -MMD -MP $(PKG_CFLAGS) $(EXTRA_CFLAGS)
LDLIBS += $(PKG_LIBS) -lisal -lcsv -lpthread -lm
LDFLAGS += $(EXTRA_LDFLAGS)

SRC := $(wildcard src/*.c)
OBJ := $(SRC:src/%.c=$(BUILD)/%.o)
LIB_OBJ := $(filter-out $(BUILD)/main.o,$(OBJ))
TEST_SRC := $(wildcard tests/*.c)
TEST_OBJ := $(TEST_SRC:tests/%.c=$(BUILD)/tests/%.o)
TEST_BIN := $(BUILD)/tests/run

ASAN_FLAGS = -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer -g

.PHONY: all check test demo calibrate asan install uninstall clean deps help mpi

all: $(BIN)

$(BIN): $(OBJ)
	$(CC) $(LDFLAGS) -o $@ $(OBJ) $(LDLIBS)

$(BUILD)/%.o: src/%.c | $(BUILD)
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

$(BUILD)/mpi/%.o: src/mpi/%.c | $(BUILD)/mpi
	$(MPICC) $(CPPFLAGS) $(MPI_INC) $(CFLAGS) -c -o $@ $<

$(BUILD)/mpi:
	mkdir -p $@

deps:
	@sh scripts/deps.sh

# The test command README gives. T=SUBSTRING runs only the matching tests.
check: deps
	@$(MAKE) --no-print-directory test

test: $(BIN) $(TEST_BIN)
	DAMIRSTAT=$(BIN) ./$(TEST_BIN) $(T)

asan: deps
	@$(MAKE) --no-print-directory BUILD=build-asan BIN=build-asan/damirstat OPT=-O1 \
	    EXTRA_CFLAGS="$(ASAN_FLAGS)" EXTRA_LDFLAGS="$(ASAN_FLAGS)" test \
	    ASAN_OPTIONS=halt_on_error=1:detect_leaks=1 UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1

demo: deps
	@$(MAKE) --no-print-directory all
	@sh scripts/demo.sh

# Coverage of the planted slope by the 95 % CI over N=1000 generated datasets (not in check).
calibrate: $(BIN)
	@sh scripts/calibrate.sh

install: $(BIN)
	install -d $(DESTDIR)$(PREFIX)/bin
	install -m 755 $(BIN) $(DESTDIR)$(PREFIX)/bin/damirstat
	install -d $(DESTDIR)$(PREFIX)/share/damirstat
	install -m 644 external-data/departements-carte.txt external-data/departements-contiguite.csv \
	    external-data/departements.csv external-data/medecins-departements.csv \
	    external-data/synthetic-activite-physique.csv $(DESTDIR)$(PREFIX)/share/damirstat/
	if [ -f docs/damirstat.1 ]; then install -d $(DESTDIR)$(PREFIX)/share/man/man1 && \
	    install -m 644 docs/damirstat.1 $(DESTDIR)$(PREFIX)/share/man/man1/damirstat.1; fi

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/damirstat $(DESTDIR)$(PREFIX)/share/man/man1/damirstat.1
	rm -rf $(DESTDIR)$(PREFIX)/share/damirstat

clean:
	rm -rf build build-asan damirstat damirstat-mpi

help:
	@echo "make            build ./damirstat"
	@echo "make check      install missing Debian packages (as root) and run the tests"
	@echo "make demo       run the main job on the bundled data"
	@echo "make calibrate  CI coverage of the planted slope over 1,000 generated datasets"
	@echo "make asan       build with AddressSanitizer + UBSan and run the tests"
	@echo "make install    install to \$$(DESTDIR)\$$(PREFIX) (default /usr/local)"
	@echo "make deps       install (as root) or name the missing Debian packages"
	@echo "make mpi        build ./damirstat-mpi with mpicc (needs OpenMPI)"
	@echo "make clean      remove build products"

-include $(OBJ:.o=.d) $(TEST_OBJ:.o=.d) $(MPI_OBJ:.o=.d)
