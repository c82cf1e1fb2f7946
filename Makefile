# libjit - build, test, install.
#   make          build/libjit.a, build/libjit.so, build/jit
#   make deps     install missing Debian packages (and numba/numpy for oracles)
#   make demo     build and run examples/dtw.py
#   make test     every suite; last line "N passed, N failed"
#   make install  PREFIX=/usr/local DESTDIR=

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
# links the LLVM components it uses statically: process start-up drops from
# ~30 ms to ~10 ms (the shared library's relocations and static
# constructors; see docs/performance.md).
LLVM_LIBS   := -L$(LLVM_LIBDIR) -Wl,-rpath,$(LLVM_LIBDIR) -lLLVM-19
LLVM_STATIC := $(shell $(LLVM_CONFIG) --link-static --ldflags --libs $(LLVM_COMPONENTS) 2>/dev/null) \
               $(shell $(LLVM_CONFIG) --link-static --system-libs 2>/dev/null) -lstdc++
FFI_CFLAGS  := $(shell pkg-config --cflags libffi 2>/dev/null) \
               -DJIT_FFI_VERSION='"$(shell pkg-config --modversion libffi 2>/dev/null)"'
FFI_LIBS    := $(shell pkg-config --libs libffi 2>/dev/null || echo -lffi)
CHECK_LIBS  := $(shell pkg-config --libs check 2>/dev/null || echo -lcheck)

WARN    := -Wall -Wextra -Wno-unused-parameter -Wno-missing-field-initializers
CFLAGS  ?= -O2 -g
CFLAGS  += -std=c11 -D_GNU_SOURCE -fPIC $(WARN) -I. -Iinclude -I$(LLVM_INC) $(FFI_CFLAGS)
# Threads: LLVM's OpenMP runtime (libomp-19-dev), which unlike libgomp keeps
# working in a child after fork(); see runtime/parallel.c.
OMP_LIBS := -L$(LLVM_LIBDIR) -Wl,-rpath,$(LLVM_LIBDIR) -lomp
LDLIBS  := $(LLVM_LIBS) $(FFI_LIBS) $(OMP_LIBS) -ldl -lpthread -lm

LIB_SRC := $(wildcard frontend/*.c jit/*.c targets/*.c runtime/*.c)
LIB_OBJ := $(LIB_SRC:%.c=$(BUILD)/obj/%.o) $(BUILD)/obj/gen/prelude.o
CLI_OBJ := $(BUILD)/obj/cli/main.o
UNIT_SRC := $(wildcard tests/unit/*.c)
UNIT_BIN := $(BUILD)/tests/unit_tests

.PHONY: all deps demo test install clean unit bench bench-parallel bench-gpu
all: $(BUILD)/libjit.a $(BUILD)/libjit.so $(BUILD)/jit

$(BUILD)/obj/runtime/parallel.o: CFLAGS += -fopenmp

$(BUILD)/obj/%.o: %.c $(wildcard include/*.h frontend/*.h jit/*.h targets/*.h runtime/*.h)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -c $< -o $@

# The NumPy prelude ships inside the library as a C string.
$(BUILD)/gen/prelude.c: jit/prelude.py
	@mkdir -p $(dir $@)
	{ echo '/* generated from jit/prelude.py */'; echo 'const char jit_prelude_src[] ='; \
	  sed -e 's/\\/\\\\/g' -e 's/"/\\"/g' -e 's/^/"/' -e 's/$$/\\n"/' $<; echo ';'; } > $@

$(BUILD)/obj/gen/prelude.o: $(BUILD)/gen/prelude.c
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -c $< -o $@

$(BUILD)/libjit.a: $(LIB_OBJ)
	rm -f $@ && ar rcs $@ $^

$(BUILD)/libjit.so: $(LIB_OBJ) jit/exports.map
	$(CC) -shared -o $@ $(LIB_OBJ) -Wl,--version-script=jit/exports.map $(LDLIBS)

$(BUILD)/jit: $(CLI_OBJ) $(BUILD)/libjit.a
	$(CC) -no-pie -o $@ $(CLI_OBJ) $(BUILD)/libjit.a $(LLVM_STATIC) $(FFI_LIBS) $(OMP_LIBS) -ldl -lpthread -lm

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
	@$(MAKE) --no-print-directory all $(UNIT_BIN) $(BUILD)/tests/memcheck
	@sh tests/run.sh

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
