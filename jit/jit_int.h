/* jit_int.h - the objects behind the public handles, shared by the files of
 * jit/ (api.c, pipeline.c, dispatch.c). */
#ifndef JIT_INT_H
#define JIT_INT_H

#include <ffi.h>
#include <pthread.h>

#include "../frontend/ast.h"
#include "../frontend/infer.h"
#include "../include/jit.h"
#include "cache.h"
#include "engine.h"

/* A host function known to a context: registered with jit_extern, or found
 * for a script's ExternalFunction in a loaded library or the process. Its
 * address is defined in the JIT as the symbol "jitx.NAME". */
typedef struct HostFn {
    char *name;
    char *sig;                /* as registered (NULL: resolved by lookup) */
    const Type *ret;          /* in the context's arena */
    const Type **args;
    int nargs;
    void *addr;
    int registered;           /* by jit_extern (the signature is binding) */
} HostFn;

struct jit_ctx {
    jit_options opts;
    Engine engine;
    int engine_ready;
    pthread_mutex_t lock;     /* compiles, the dispatch tables, counters */
    unsigned long serial;     /* makes every emitted symbol unique */
    Cache cache;              /* opened on first use */
    int cache_opened;
    char warnings[2048];
    Arena host_arena;         /* HostFn types */
    HostFn *hostfns;
    int nhostfns, caphostfns;
    void **libs;              /* jit_load_library handles, searched in order */
    int nlibs;
    struct Cuda *cuda;        /* the CUDA driver, opened on first use (targets/cuda.c) */
};

/* One compiled signature of a function. */
typedef struct Entry {
    const Type **args;        /* in the module's arena */
    int nargs;
    const Type *ret;
    const char *key;          /* mangled argument types */
    void *addr;               /* the C wrapper */
    ffi_cif cif;
    ffi_type **ffi_args;
    ffi_type *ffi_ret;
    ffi_type *tuple_elems[66];
    ffi_type tuple_type;
    double compile_ms[5];     /* infer, lower, optimize, codegen, total */
    int from_cache;           /* loaded from the disk cache */
    struct Entry *next;
} Entry;

struct jit_fn {
    jit_module *mod;
    const Module *ast;        /* the module def is typed in; NULL: mod->ast (a
                                 synthesized CUDA ufunc kernel has its own) */
    const FuncDef *def;
    Entry *entries;
    void *cfunc;              /* @cfunc: the C function made at load */
};

struct jit_module {
    jit_ctx *ctx;
    Arena arena;              /* AST, functions, entries' types */
    char *file;
    char *src;
    Module *ast;
    /* jit/prelude.py, parsed on first use (module_prelude) into its own
     * arena: a run whose code all comes from the disk cache never lexes it */
    Module *prelude;
    Arena prelude_arena;
    pthread_mutex_t prelude_lock;
    jit_fn *fns;
    int nfns;
    ExternFn *externs;        /* host functions its kernels may call */
    int nexterns;
    struct CudaKernel *cuda_kernels;   /* launched kernels' handles (targets/cuda.c) */
};

/* Phase timings of one compile, in milliseconds. */
typedef struct Timing {
    double infer, lower, optimize, codegen, total;
    int from_cache;
} Timing;

/* What to produce from a compile. */
typedef enum { OUT_CODE, OUT_IR, OUT_OPT_IR, OUT_ASM, OUT_PTX, OUT_REMARKS,
               OUT_CFUNC /* as OUT_CODE, never cached; *ret holds the declared C return type */ } OutKind;

/* Runs the pipeline for fn at argument types args (see pipeline.c). For
 * OUT_CODE returns the address of the C entry wrapper and fills *ret; for the
 * text outputs returns a malloc'd string. The caller holds ctx->lock. */
void *pipeline_run(jit_fn *fn, const Type **args, int nargs, OutKind out, const char *arch,
                   const Type **ret, Arena *keep, Timing *t, jit_error *err);

/* The kernel-language source of jit/prelude.py (build/gen/prelude.c). */
extern const char jit_prelude_src[];
extern const char jit_prelude_digest[];   /* SHA-256 of jit_prelude_src, hex */

/* Deep copy of a type into arena a (scalars are static and shared). */
const Type *type_copy(Arena *a, const Type *t);

/* Fills err from the first diagnostic and the rendered report. */
void diags_to_error(const Diags *d, jit_error *err);

/* PTX for a typed program (targets/nvptx.c). */
char *nvptx_emit(Program *p, Diags *d, const char *entry, const char *arch, int debug_info, jit_error *err);

/* targets/cuda.c: the CUDA driver and launches. */
typedef struct Cuda Cuda;
void cuda_describe(jit_ctx *ctx, char *buf, size_t n);    /* for sysinfo */
void cuda_free(jit_ctx *ctx);
int cuda_sim_enabled(const jit_ctx *ctx);
/* The PTX target of the device (sm_80 without one). */
const char *cuda_default_arch(jit_ctx *ctx);
/* Program.launch_ref: the run-time handle of a kernel launched from host
 * code (host is the jit_module). */
void *cuda_kernel_ref(void *host, const TypedFunc *k);
/* The launch configuration {grid x, y, z, block x, y, z} that a kernel's C
 * entry called on this thread uses (jit_cuda_launch); NULL: none. */
void cuda_set_config(const int64_t *dims);

/* The NumPy prelude of m, parsed on first use (thread-safe); NULL with err
 * set if it cannot be (out of memory, or a bug in the prelude). */
Module *module_prelude(jit_module *m, jit_error *err);

#endif
