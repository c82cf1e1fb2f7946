/* engine.h - the host code generator: one target machine for the host CPU
 * (name and features from LLVM), the O-level pass pipeline, and an ORC
 * LLJIT that turns optimized modules into callable code. One Engine per
 * jit_ctx; callers serialize access (the context's compile lock). */
#ifndef JIT_ENGINE_H
#define JIT_ENGINE_H

#include <llvm-c/LLJIT.h>
#include <llvm-c/Orc.h>
#include <llvm-c/TargetMachine.h>

#include "../include/jit.h"

typedef struct Engine {
    LLVMOrcLLJITRef jit;
    LLVMOrcJITDylibRef jd;
    LLVMTargetMachineRef tm;     /* for the pass pipeline and `jit asm` */
    char *triple, *cpu, *features;
    char **linked;               /* names of the objects linked (engine_add_object) */
    int nlinked;
    /* Threads of parallel loops, 0 for the default: generated code reads it
     * through the absolute symbol __jit_num_threads, so a change applies to
     * code already compiled (and loaded from the disk cache). */
    int32_t num_threads;
    /* The perf map (perfmap.h): on when perf_map is set; the caller names
     * what it adds next (the script, the entry's symbol and its text
     * "FUNC(ARGTYPES)"), under the compile lock. */
    int perf_map;
    const char *perf_file, *perf_entry, *perf_entry_text;
} Engine;

int engine_init(Engine *e, jit_error *err);
void engine_free(Engine *e);

/* Sets the module's triple and data layout to the host's. */
void engine_prepare_module(Engine *e, LLVMModuleRef m);

/* Runs default<O{level}> for the host machine. */
int engine_optimize(Engine *e, LLVMModuleRef m, int level, jit_error *err);

/* Compiles the module to object code for the host and links it into the
 * JIT; the module is consumed (its context stays the caller's). */
int engine_add(Engine *e, LLVMModuleRef m, jit_error *err);

/* Address of a symbol added earlier (compiles it on first lookup). */
void *engine_lookup(Engine *e, const char *name, jit_error *err);

/* Native assembly of the module (malloc'd). */
char *engine_asm(Engine *e, LLVMModuleRef m, jit_error *err);

/* Native object code of the module (rt_malloc'd). */
int engine_emit_object(Engine *e, LLVMModuleRef m, void **obj, size_t *len, jit_error *err);

/* Links object code into the JIT (from the cache or engine_emit_object);
 * an object of the same name linked before is not linked again. */
int engine_add_object(Engine *e, const void *obj, size_t len, const char *name, jit_error *err);

/* Defines name as an absolute address (a host function kernels call). */
int engine_define_symbol(Engine *e, const char *name, void *addr, jit_error *err);

/* Address of a defined symbol, or NULL (no error reported). */
void *engine_find(Engine *e, const char *name);

/* Runs the pass pipeline `passes` with tm (used by the NVPTX path too). */
int engine_run_passes(LLVMModuleRef m, const char *passes, LLVMTargetMachineRef tm, jit_error *err);

/* Makes LLVM report which loops it vectorized or unrolled and why others
 * were not, as remarks (process-wide; see pipeline.c OUT_REMARKS). */
void engine_enable_remarks(void);

/* Message of an LLVMErrorRef into err (consumes it). */
void engine_llvm_error(LLVMErrorRef e, const char *what, jit_error *err);

#endif
