# iso20k — see README.md. `make demo` builds and runs the demo pack; `make check` runs all tests.
# Both install missing Debian packages first (`make deps`).

BIN     ?= iso20k
PREFIX  ?= /usr/local
DESTDIR ?=
BUILD   ?= build
CC      ?= cc

PKGS      := cairo yaml-0.1 xlsxwriter libcrypto libzip expat freexl libpng libjpeg
WARN      := -Wall -Wextra -Wpedantic -Wshadow -Wformat=2 -Wstrict-prototypes \
             -Wmissing-prototypes -Wno-unused-parameter
ifneq ($(CI),)
WARN      += -Werror
endif
OPT       ?= -O2 -g
CFLAGS_ALL = -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE $(OPT) $(WARN) -Iinclude \
             $(shell pkg-config --cflags $(PKGS) 2>/dev/null) $(EXTRA_CFLAGS) $(CFLAGS)
LDLIBS_ALL = $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lhpdf -lz -lm -pthread $(EXTRA_LDFLAGS) $(LDFLAGS)

ifeq ($(V),1)
Q :=
else
Q := @
endif

# Debian packages the build, the demo and the tests need.
DEB_PKGS := gcc make pkg-config libcairo2-dev libhpdf-dev libxlsxwriter-dev libyaml-dev \
            libcmocka-dev libssl-dev fonts-dejavu-core poppler-utils zlib1g-dev unzip python3 \
            libzip-dev libexpat1-dev libfreexl-dev libpng-dev libjpeg-dev

# … and what only the tests need (LibreOffice recalculates the workbook's formulas; groff
# renders the man page; clang builds the fuzz targets; python3-jsonschema validates every JSON
# the suite writes against docs/iso20k.schema.json).
DEB_PKGS_CHECK := $(DEB_PKGS) libreoffice-calc-nogui groff-base clang python3-jsonschema

SRC      := $(sort $(wildcard src/*/*.c))
LIB_SRC  := $(filter-out src/app/main.c,$(SRC))
OBJ      := $(SRC:%.c=$(BUILD)/%.o)
LIB_OBJ  := $(LIB_SRC:%.c=$(BUILD)/%.o)
TEST_SRC := $(sort $(wildcard tests/unit/test_*.c))
TEST_BIN := $(TEST_SRC:tests/unit/%.c=$(BUILD)/tests/%)

# Fuzz targets (libFuzzer, clang): tests/fuzz/fuzz_NAME.c over the library built with ASan/UBSan.
FUZZ_NAMES := csv time profile config side pipeline xlsx ods xls xml xes registers theme
FUZZ_BUILD := build/fuzz
FUZZ_BIN   := $(FUZZ_NAMES:%=$(FUZZ_BUILD)/fuzz_%)
FUZZ_OBJ   := $(LIB_SRC:%.c=$(FUZZ_BUILD)/%.o)
FUZZ_CFLAGS = -std=c11 -D_POSIX_C_SOURCE=200809L -D_DEFAULT_SOURCE -g -O1 -fno-omit-frame-pointer \
             -Iinclude $(shell pkg-config --cflags $(PKGS) 2>/dev/null) -fsanitize=address,undefined \
             -fno-sanitize-recover=undefined
FUZZ_SECONDS ?= 300

.PHONY: all deps check demo bench bench-check asan valgrind install uninstall clean format format-check fuzz fuzz-build fuzz-deps faults
all: $(BIN)

# Installs only what is missing; `apt-get update` runs once, and only then.
deps:
	@missing=""; for p in $(or $(PKGS_WANTED),$(DEB_PKGS)); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  echo "deps: installing$$missing"; \
	  if [ "$$(id -u)" -ne 0 ]; then SUDO=sudo; else SUDO=; fi; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing >/dev/null; \
	fi

$(BIN): $(OBJ)
	@mkdir -p $(dir $@)
	@echo "  LD      $@"
	$(Q)$(CC) -o $@ $(OBJ) $(LDLIBS_ALL)

$(BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	@echo "  CC      $<"
	$(Q)$(CC) $(CFLAGS_ALL) -MMD -MP -c -o $@ $<

$(FUZZ_BUILD)/src/%.o: src/%.c
	@mkdir -p $(dir $@)
	@echo "  CLANG   $<"
	$(Q)clang $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link -MMD -MP -c -o $@ $<

$(FUZZ_BUILD)/fuzz_%: tests/fuzz/fuzz_%.c tests/fuzz/fuzz_common.h $(FUZZ_OBJ)
	@mkdir -p $(dir $@)
	@echo "  FUZZ    $<"
	$(Q)clang $(FUZZ_CFLAGS) -fsanitize=fuzzer -o $@ $< $(FUZZ_OBJ) $(LDLIBS_ALL)

# The fault-injection build (ISO20K_FAIL_ALLOC / ISO20K_FAIL_IO, see core/util.h) with ASan,
# UBSan and LeakSanitizer, and the sweep that fails the Nth allocation and output operation.
FAULTS_BIN := build/faults/iso20k
$(FAULTS_BIN): $(SRC) $(wildcard src/*/*.h include/*/*.h)
	@mkdir -p $(dir $@)
	@echo "  FAULTS  $@"
	$(Q)$(CC) $(CFLAGS_ALL) -O1 -DISO20K_FAULTS -fsanitize=address,undefined -fno-sanitize-recover=undefined \
	  -fno-omit-frame-pointer -o $@ $(SRC) $(LDLIBS_ALL) -fsanitize=address,undefined
faults: $(FAULTS_BIN)
	$(Q)tests/faults/sweep.sh $(abspath $(FAULTS_BIN)) tests/out/faults $(or $(FAULT_RUNS),300)

fuzz-build: $(FUZZ_BIN)
$(FUZZ_BIN): | fuzz-deps
fuzz-deps:
	$(Q)$(MAKE) --no-print-directory deps PKGS_WANTED="$(DEB_PKGS) clang"

# Fuzzes each target for FUZZ_SECONDS (longer for the CSV reader and the config loader), from
# its seed corpus, keeping what it finds in build/fuzz/corpus/NAME; crashes land in build/fuzz/.
fuzz: fuzz-build
	$(Q)tests/fuzz/run.sh fuzz $(FUZZ_SECONDS) $(FUZZ_BIN)

$(BUILD)/tests/%: tests/unit/%.c $(LIB_OBJ)
	@mkdir -p $(dir $@)
	@echo "  CC      $<"
	$(Q)$(CC) $(CFLAGS_ALL) -DTESTING -o $@ $< $(LIB_OBJ) $(LDLIBS_ALL) -lcmocka

-include $(OBJ:.o=.d) $(FUZZ_OBJ:.o=.d)

demo: deps
	$(Q)$(MAKE) --no-print-directory $(BIN)
	./iso20k pack -c inputs/demo/review.yaml -o output --as-of 2026-11-01T06:00:00
	./iso20k pack --kind readiness -c inputs/demo/review.yaml -o output --as-of 2026-11-01T06:00:00
	@ls -l output

# The fuzz targets and the fault-injection build are always sanitized, whatever BUILD is: make
# asan sets SANITIZED_EXTRAS= so that it does not run the same corpora and sweep a second time.
SANITIZED_EXTRAS ?= yes
check:
	$(Q)$(MAKE) --no-print-directory deps PKGS_WANTED="$(DEB_PKGS_CHECK)"
	$(Q)$(MAKE) --no-print-directory $(BIN) $(TEST_BIN)
	$(Q)$(if $(SANITIZED_EXTRAS),$(MAKE) --no-print-directory fuzz-build $(FAULTS_BIN),:)
	$(Q)$(ASAN_ENV) ISO20K=$(abspath $(BIN)) $(if $(SANITIZED_EXTRAS),FUZZ_BINS="$(FUZZ_BIN)" FAULTS_BIN=$(abspath $(FAULTS_BIN))) \
	  tests/run.sh $(TEST_BIN)

# Benchmarks print figures (see bench/); they assert nothing and are not part of `check`.
bench:
	$(Q)$(MAKE) --no-print-directory deps PKGS_WANTED="$(DEB_PKGS) time python3-pandas python3-matplotlib python3-xlsxwriter"
	$(Q)$(MAKE) --no-print-directory $(BIN)
	$(Q)ISO20K=$(abspath $(BIN)) bench/run.sh

# Fails when the instructions `iso20k metrics` executes on the fixed 100,000-ticket input grow by
# more than 10 % over the count recorded in bench/RESULTS.md (callgrind: stable where wall time
# on a shared machine is not). Not part of `check`.
bench-check:
	$(Q)$(MAKE) --no-print-directory deps PKGS_WANTED="$(DEB_PKGS) valgrind"
	$(Q)$(MAKE) --no-print-directory $(BIN)
	$(Q)ISO20K=$(abspath $(BIN)) bench/check.sh

# The suite under AddressSanitizer and UBSan, built apart in build/asan (./iso20k untouched).
asan:
	$(Q)$(MAKE) --no-print-directory BUILD=build/asan BIN=build/asan/iso20k \
	  OPT="-O1 -g -fno-omit-frame-pointer" \
	  EXTRA_CFLAGS="-fsanitize=address,undefined -fno-sanitize-recover=undefined" \
	  EXTRA_LDFLAGS="-fsanitize=address,undefined" \
	  ASAN_ENV="ASAN_OPTIONS=detect_leaks=1 LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp:print_suppressions=0" \
	  SANITIZED_EXTRAS= check

# test_realdata is left out: the real 141,712-event log takes over ten minutes under valgrind; make
# asan runs it under AddressSanitizer; the same readers run under valgrind on the demo and the
# bad-input corpus (tests/e2e/valgrind.sh).
VALGRIND_BIN := $(filter-out $(BUILD)/tests/test_realdata,$(TEST_BIN))
valgrind: deps
	$(Q)$(MAKE) --no-print-directory $(BIN) $(VALGRIND_BIN)
	$(Q)VALGRIND="valgrind -q --error-exitcode=99 --leak-check=full --suppressions=$(CURDIR)/tests/valgrind.supp" ISO20K=$(abspath $(BIN)) \
	  tests/run.sh $(VALGRIND_BIN)

# The binary, its man page, the themes, the demo inputs and registers (which `iso20k init` points
# its starter config at) and the scheduling examples. The binary needs none of them to run.
DEMO_FILES := review.yaml readiness.yaml roi.yaml theme.yaml logo.png tickets.csv outages.csv surveys.csv
DEMO_REGISTERS := $(wildcard inputs/demo/registers/*.csv)
install: iso20k
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/man/man1 \
	  $(DESTDIR)$(PREFIX)/share/iso20k/themes $(DESTDIR)$(PREFIX)/share/iso20k/examples/demo \
	  $(DESTDIR)$(PREFIX)/share/iso20k/examples/demo/registers \
	  $(DESTDIR)$(PREFIX)/share/iso20k/examples/scheduling
	install -m 755 iso20k $(DESTDIR)$(PREFIX)/bin/iso20k
	install -m 644 docs/iso20k.1 $(DESTDIR)$(PREFIX)/share/man/man1/iso20k.1
	install -m 644 themes/*.yaml $(DESTDIR)$(PREFIX)/share/iso20k/themes/
	install -m 644 docs/iso20k.schema.json $(DESTDIR)$(PREFIX)/share/iso20k/
	install -m 644 $(addprefix inputs/demo/,$(DEMO_FILES)) $(DESTDIR)$(PREFIX)/share/iso20k/examples/demo/
	install -m 644 $(DEMO_REGISTERS) $(DESTDIR)$(PREFIX)/share/iso20k/examples/demo/registers/
	install -m 644 docs/scheduling/* $(DESTDIR)$(PREFIX)/share/iso20k/examples/scheduling/

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/iso20k $(DESTDIR)$(PREFIX)/share/man/man1/iso20k.1
	rm -rf $(DESTDIR)$(PREFIX)/share/iso20k

# Every C file of the tree, formatted by .clang-format; format-check fails on any difference.
FORMAT_FILES = $(wildcard src/*/*.c src/*/*.h include/*/*.h tests/unit/*.c tests/unit/*.h tests/fuzz/*.c tests/fuzz/*.h)
format:
	clang-format -i $(FORMAT_FILES)

format-check:
	$(Q)$(MAKE) --no-print-directory deps PKGS_WANTED="clang-format"
	$(Q)clang-format --dry-run --Werror $(FORMAT_FILES)

clean:
	rm -rf build iso20k tests/out output
