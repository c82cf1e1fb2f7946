# libjit - build, test, install.
#   make          build/libjit.a, build/libjit.so, build/jit
#   make deps     install missing Debian packages (and numba/numpy for oracles)
#   make demo     build and run examples/dtw.py
#   make test     every suite; last line "N passed, N failed"
#   make install  PREFIX=/usr/local DESTDIR=
#   make fuzz     libFuzzer targets (clang), FUZZ_SECONDS each (docs/reliability.md)
#   make asan     the whole suite built with AddressSanitizer + UBSan (build-asan/)
#   make tsan     the threaded tests under ThreadSanitizer (build-tsan/)

PREFIX      ?= /usr/local
DESTDIR     ?=
LLVM_CONFIG ?= llvm-config-19
CC          ?= cc
BUILD       ?= build

LLVM_INC    := $(shell $(LLVM_CONFIG) --includedir 2>/dev/null)
LLVM_LIBDIR := $(shell $(LLVM_CONFIG) --libdir 2>/dev/null)
LLVM_COMPONENTS := core orcjit native nativecodegen passes analysis target \
                   bitreader bitwriter linker ipo nvptx
# libjit.so, the tests and embedders link the shared libLLVM. The jit command
# links the LLVM components it uses statically: the shared library's
# relocations and static constructors cost ~10 ms per process (see
# docs/performance.md, "Start-up").
LLVM_LIBS   := -L$(LLVM_LIBDIR) -Wl,-rpath,$(LLVM_LIBDIR) -lLLVM-19
LLVM_STATIC := $(shell $(LLVM_CONFIG) --link-static --ldflags --libs $(LLVM_COMPONENTS) 2>/dev/null) \
               $(filter-out -lz -lzstd,$(shell $(LLVM_CONFIG) --link-static --system-libs 2>/dev/null))
FFI_CFLAGS  := $(shell pkg-config --cflags libffi 2>/dev/null) \
               -DJIT_FFI_VERSION='"$(shell pkg-config --modversion libffi 2>/dev/null)"'
FFI_LIBS    := $(shell pkg-config --libs libffi 2>/dev/null || echo -lffi)
# The jit command also takes the C++ runtime, libgcc, zlib, zstd and libffi
# from their static archives where the compiler finds them (the -dev
# packages ship them): the dynamic loader is then left with libc and libm
# to map and relocate, which halves the instructions of a process start
# (docs/performance.md, "Start-up"). A missing archive falls back to the
# shared library; sanitizer builds keep them all shared.
static_a = $(or $(filter /%,$(shell $(CC) -print-file-name=$(1) 2>/dev/null)),$(2))
ifeq ($(SAN_FLAGS),)
CLI_SYSLIBS := $(call static_a,libz.a,-lz) $(call static_a,libzstd.a,-lzstd) \
               $(call static_a,libffi.a,$(FFI_LIBS)) $(call static_a,libstdc++.a,-lstdc++) -static-libgcc
else
CLI_SYSLIBS := -lz -lzstd $(FFI_LIBS) -lstdc++
endif
# lld, where installed (tools/deps.sh installs it), links build/jit with
# cli/startup.order (tools/startup_order.sh): the ~2700 functions that run at
# start-up and on the disk cache's path sit together, and a cached `jit run`
# faults in ~25 pages of code instead of ~180. Without lld: GNU ld, no order.
LLD := $(shell command -v ld.lld 2>/dev/null)
ifeq ($(SAN_FLAGS),)
ifneq ($(LLD),)
CLI_LD := -fuse-ld=lld -Wl,--symbol-ordering-file=cli/startup.order -Wl,--no-warn-symbol-ordering
endif
endif
CHECK_LIBS  := $(shell pkg-config --libs check 2>/dev/null || echo -lcheck)

WARN    := -Wall -Wextra -Wno-unused-parameter -Wno-missing-field-initializers
CFLAGS  ?= -O2 -g
# Sanitizer or coverage flags for compiling and linking (make asan/tsan/fuzz set it).
SAN_FLAGS ?=
CFLAGS  += $(SAN_FLAGS) -std=c11 -D_GNU_SOURCE -fPIC $(WARN) -I. -Iinclude -I$(LLVM_INC) $(FFI_CFLAGS)
# Threads: LLVM's OpenMP runtime (libomp-19-dev), which unlike libgomp keeps
# working in a child after fork(). runtime/parallel.c loads it with dlopen
# on the first parallel loop, not at process start (docs/performance.md).
# Sanitizer builds link it at start as before: LeakSanitizer's scan at exit
# crashes on the worker threads of a libomp loaded with dlopen (dynamic TLS).
OMP_LIB := $(LLVM_LIBDIR)/libomp.so.5
ifneq ($(SAN_FLAGS),)
OMP_START := -L$(LLVM_LIBDIR) -Wl,-rpath,$(LLVM_LIBDIR) -Wl,--push-state,--no-as-needed -lomp -Wl,--pop-state
endif
LDLIBS  := $(SAN_FLAGS) $(LLVM_LIBS) $(FFI_LIBS) $(OMP_START) -ldl -lpthread -lm

LIB_SRC := $(wildcard frontend/*.c jit/*.c targets/*.c runtime/*.c)
LIB_OBJ := $(LIB_SRC:%.c=$(BUILD)/obj/%.o) $(BUILD)/obj/gen/prelude.o
CLI_OBJ := $(BUILD)/obj/cli/main.o $(BUILD)/obj/cli/args.o
UNIT_SRC := $(wildcard tests/unit/*.c)
UNIT_BIN := $(BUILD)/tests/unit_tests

.PHONY: all deps demo test install clean unit bench bench-parallel bench-gpu fuzz fuzz-bins replay-bins asan tsan
all: $(BUILD)/libjit.a $(BUILD)/libjit.so $(BUILD)/jit

$(BUILD)/obj/runtime/parallel.o: CFLAGS += -DJIT_LIBOMP='"$(OMP_LIB)"'

$(BUILD)/obj/%.o: %.c $(wildcard include/*.h frontend/*.h jit/*.h targets/*.h runtime/*.h cli/*.h)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -c $< -o $@

# The NumPy prelude ships inside the library as a C string, with its SHA-256
# for the disk cache's keys (not hashed again by every process).
$(BUILD)/gen/prelude.c: jit/prelude.py Makefile
	@mkdir -p $(dir $@)
	{ echo '/* generated from jit/prelude.py */'; echo 'const char jit_prelude_src[] ='; \
	  sed -e 's/\\/\\\\/g' -e 's/"/\\"/g' -e 's/^/"/' -e 's/$$/\\n"/' $<; echo ';'; \
	  echo "const char jit_prelude_digest[] = \"$$(sha256sum < $< | cut -c1-64)\";"; } > $@

$(BUILD)/obj/gen/prelude.o: $(BUILD)/gen/prelude.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -c $< -o $@

$(BUILD)/libjit.a: $(LIB_OBJ)
	rm -f $@ && ar rcs $@ $^

$(BUILD)/libjit.so: $(LIB_OBJ) jit/exports.map
	$(CC) -shared -o $@ $(LIB_OBJ) -Wl,--version-script=jit/exports.map $(LDLIBS)

$(BUILD)/jit: $(CLI_OBJ) $(BUILD)/libjit.a cli/startup.order
	$(CC) -no-pie $(SAN_FLAGS) $(CLI_LD) -o $@ $(CLI_OBJ) $(BUILD)/libjit.a $(LLVM_STATIC) $(CLI_SYSLIBS) $(OMP_START) -ldl -lpthread -lm

$(UNIT_BIN): $(UNIT_SRC) $(BUILD)/libjit.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -o $@ $(UNIT_SRC) $(BUILD)/libjit.a $(CHECK_LIBS) $(LDLIBS)

$(BUILD)/tests/memcheck: tests/memcheck.c $(BUILD)/libjit.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -o $@ tests/memcheck.c $(BUILD)/libjit.a $(LDLIBS)

deps:
	@sh tools/deps.sh

demo: deps
	@$(MAKE) --no-print-directory all
	$(BUILD)/jit run examples/dtw.py

unit: $(UNIT_BIN)

test: deps
	@$(MAKE) --no-print-directory all $(UNIT_BIN) $(BUILD)/tests/memcheck replay-bins
	@JIT_BUILD=$(BUILD) sh tests/run.sh

# ---- hardening (docs/reliability.md)
# Fuzz targets: tests/fuzz/fuzz_<t>.c, one LLVMFuzzerTestOneInput each. The
# replay drivers run them over tests/fuzz/corpus/<t> and the crash
# regressions tests/fuzz/crashes/<t> with the ordinary compiler, in make test.
FUZZ_TARGETS := script npy cache sig cli
FUZZ_DEPS    := tests/fuzz/fuzz_tmp.h cli/args.c cli/args.h
REPLAY_BINS  := $(FUZZ_TARGETS:%=$(BUILD)/fuzz/replay_%)
replay-bins: $(REPLAY_BINS)
$(BUILD)/fuzz/replay_%: tests/fuzz/fuzz_%.c tests/fuzz/replay.c $(FUZZ_DEPS) $(BUILD)/libjit.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -o $@ tests/fuzz/fuzz_$*.c tests/fuzz/replay.c cli/args.c $(BUILD)/libjit.a $(LDLIBS)

# make fuzz: libFuzzer (clang's -fsanitize=fuzzer) with ASan and UBSan, each
# target for FUZZ_SECONDS, 1 s per input at most, on a copy of its corpus
# (tests/fuzz/run.sh; new finds land in build-fuzz/corpus/<t>).
FUZZ_CC      ?= clang
FUZZ_BUILD   ?= build-fuzz
FUZZ_SECONDS ?= 180
FUZZ_SAN     := -fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
fuzz:
	@$(MAKE) --no-print-directory BUILD=$(FUZZ_BUILD) CC=$(FUZZ_CC) SAN_FLAGS="$(FUZZ_SAN)" fuzz-bins
	FUZZ_BUILD=$(FUZZ_BUILD) FUZZ_SECONDS=$(FUZZ_SECONDS) sh tests/fuzz/run.sh $(FUZZ_TARGETS)
fuzz-bins: $(FUZZ_TARGETS:%=$(BUILD)/fuzz/fuzz_%)
$(BUILD)/fuzz/fuzz_%: tests/fuzz/fuzz_%.c $(FUZZ_DEPS) $(BUILD)/libjit.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -fsanitize=fuzzer -o $@ tests/fuzz/fuzz_$*.c cli/args.c $(BUILD)/libjit.a $(LDLIBS)

# make asan: everything built with AddressSanitizer + UBSan in build-asan, and
# the whole suite run on it (valgrind off: it cannot run ASan binaries).
# tests/sanitizers/*.supp name what is suppressed and why.
ASAN_BUILD ?= build-asan
ASAN_FLAGS := -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
# allocator_may_return_null: the tests ask for impossible sizes on purpose
# and check for MemoryError; without it the sanitizer's allocator aborts.
SAN_ENV    := ASAN_OPTIONS=detect_leaks=1:abort_on_error=0:detect_odr_violation=0:allocator_may_return_null=1 \
              LSAN_OPTIONS=suppressions=$(CURDIR)/tests/sanitizers/lsan.supp:print_suppressions=0 \
              UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
asan:
	@$(MAKE) --no-print-directory BUILD=$(ASAN_BUILD) SAN_FLAGS="$(ASAN_FLAGS)" all \
	    $(ASAN_BUILD)/tests/unit_tests $(ASAN_BUILD)/tests/memcheck replay-bins
	$(SAN_ENV) JIT_BUILD=$(ASAN_BUILD) JIT_VALGRIND=0 sh tests/run.sh

# make tsan: the unit tests that start threads (host threads compiling and
# calling at once, prange, refcounts, thread-local errors and print buffers)
# under ThreadSanitizer. die_after_fork=0: one test runs a parallel kernel in
# a child after fork() (libomp supports that; TSan only warns it cannot
# follow). Archer (libarcher.so, LLVM's OpenMP tool for TSan) makes libomp's
# synchronization visible to TSan.
TSAN_BUILD ?= build-tsan
tsan:
	@$(MAKE) --no-print-directory BUILD=$(TSAN_BUILD) SAN_FLAGS="-fsanitize=thread" $(TSAN_BUILD)/tests/unit_tests
	TSAN_OPTIONS="halt_on_error=1 allocator_may_return_null=1 die_after_fork=0 suppressions=$(CURDIR)/tests/sanitizers/tsan.supp" \
	    OMP_TOOL_LIBRARIES=$(LLVM_LIBDIR)/libarcher.so CK_FORK=no \
	    sh tests/sanitizers/tsan.sh $(TSAN_BUILD)/tests/unit_tests

bench: deps all
	@sh bench/run.sh

# prange kernels with 1 thread and every core, against Numba's parallel=True
bench-parallel: deps all
	@sh bench/parallel.sh

# on a machine with an NVIDIA GPU and numba-cuda: libjit vs numba-cuda kernels
bench-gpu: all
	@sh bench/gpu/run.sh

install: all
	install -d $(DESTDIR)$(PREFIX)/lib $(DESTDIR)$(PREFIX)/include $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/lib/pkgconfig
	install -m 644 $(BUILD)/libjit.a $(DESTDIR)$(PREFIX)/lib/
	install -m 755 $(BUILD)/libjit.so $(DESTDIR)$(PREFIX)/lib/
	install -m 644 include/jit.h $(DESTDIR)$(PREFIX)/include/
	install -m 755 $(BUILD)/jit $(DESTDIR)$(PREFIX)/bin/
	sed -e 's|@PREFIX@|$(PREFIX)|g' -e 's|@LLVM_LIBDIR@|$(LLVM_LIBDIR)|g' \
	    -e 's|@VERSION@|0.1.0|g' libjit.pc.in > $(DESTDIR)$(PREFIX)/lib/pkgconfig/libjit.pc

clean:
	rm -rf $(BUILD)
