/* jit.h - libjit: compile Numba-style Python kernels to native code.
 *
 * The only header a host application includes. All names start with jit_.
 *
 *   jit_ctx    options and the compiler engine; create one per application
 *              (several may coexist). Thread-safe.
 *   jit_module a loaded kernel script.
 *   jit_fn     a function of a module, compiled lazily per signature.
 *
 * Every call that can fail takes a jit_error* (may be NULL) and returns NULL
 * or -1 on failure. The library never prints unless a kernel calls print(),
 * never exits and never aborts on bad input. */
#ifndef JIT_H
#define JIT_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#ifdef __cplusplus
extern "C" {
#endif

#define JIT_VERSION_STRING "0.1.0"
#define JIT_MAX_NDIM 8

/* Element types, in the order of NumPy's kinds. */
typedef enum jit_dtype {
    JIT_BOOL, JIT_INT8, JIT_INT16, JIT_INT32, JIT_INT64,
    JIT_UINT8, JIT_UINT16, JIT_UINT32, JIT_UINT64,
    JIT_FLOAT32, JIT_FLOAT64,
} jit_dtype;

typedef enum jit_error_kind {
    JIT_OK = 0,
    JIT_ERR_SYNTAX = 1,      /* malformed script */
    JIT_ERR_TYPE,            /* type error in a script or wrong argument types */
    JIT_ERR_UNSUPPORTED,     /* construct libjit does not compile */
    JIT_ERR_NAME,            /* unknown name / function not found */
    JIT_ERR_VALUE,           /* ValueError (kernel or bad input data) */
    JIT_ERR_INDEX,           /* IndexError */
    JIT_ERR_ZERO_DIVISION,   /* ZeroDivisionError */
    JIT_ERR_RUNTIME,         /* RuntimeError */
    JIT_ERR_ASSERTION,       /* AssertionError */
    JIT_ERR_MEMORY,          /* MemoryError / allocation failure */
    JIT_ERR_IO,              /* file could not be read or written */
    JIT_ERR_ARGUMENT,        /* misuse of the API: NULL, wrong count, bad signature text */
    JIT_ERR_CUDA,            /* no driver/device or a driver error */
    JIT_ERR_INTERNAL,        /* a bug in libjit or LLVM failure */
    JIT_ERR_RECURSION,       /* RecursionError */
    JIT_ERR_OVERFLOW,        /* OverflowError */
} jit_error_kind;

typedef struct jit_error {
    jit_error_kind kind;
    int line, col;           /* 0 when there is no source position */
    char file[256];
    char message[1024];
    char *report;            /* all diagnostics rendered with source lines
                                and carets, or NULL; free with jit_error_clear */
} jit_error;

void jit_error_clear(jit_error *err);
/* Python's name of the kind: "SyntaxError", "TypingError", "IndexError", ... */
const char *jit_error_kind_name(jit_error_kind kind);

/* An N-d array over memory with NumPy's layout: byte strides. */
typedef struct jit_array {
    void *data;
    jit_dtype dtype;
    int ndim;
    int64_t shape[JIT_MAX_NDIM];
    int64_t strides[JIT_MAX_NDIM];   /* in bytes */
    void *base;                      /* libjit-owned memory, NULL for host memory */
} jit_array;

/* Wraps host memory (no copy). strides NULL means C-contiguous. */
jit_array jit_array_wrap(void *data, jit_dtype dtype, int ndim,
                         const int64_t *shape, const int64_t *strides);
/* Allocates a zeroed C-contiguous array owned by libjit (release it). */
jit_array *jit_array_new(jit_dtype dtype, int ndim, const int64_t *shape, jit_error *err);
/* Releases an array returned by libjit (jit_array_new, a kernel's return
 * value, jit_npy_load). NULL-safe. */
void jit_array_release(jit_array *a);
int64_t jit_array_size(const jit_array *a);
size_t jit_dtype_size(jit_dtype t);
const char *jit_dtype_name(jit_dtype t);

/* Reads/writes a NumPy .npy file (little-endian bool/int/uint/float, C or
 * Fortran order). */
jit_array *jit_npy_load(const char *path, jit_error *err);
int jit_npy_save(const char *path, const jit_array *a, jit_error *err);

/* Tagged values for dynamic calls. */
typedef enum jit_tag {
    JIT_V_NONE, JIT_V_BOOL, JIT_V_INT, JIT_V_FLOAT, JIT_V_FLOAT32,
    JIT_V_SCALAR,      /* any dtype in .dtype, value in .i / .u / .f */
    JIT_V_ARRAY, JIT_V_TUPLE,
} jit_tag;

typedef struct jit_value {
    jit_tag tag;
    jit_dtype dtype;           /* for JIT_V_SCALAR (and set on returns) */
    union {
        int64_t i;             /* BOOL, INT, signed SCALARs */
        uint64_t u;            /* unsigned SCALARs */
        double f;              /* FLOAT, FLOAT32 (converted), float SCALARs */
        jit_array *arr;        /* ARRAY: borrowed in args, owned in returns */
        struct { int n; struct jit_value *items; } tuple;
    };
} jit_value;

static inline jit_value jit_int(int64_t v) { jit_value x = {JIT_V_INT, JIT_INT64, {.i = v}}; return x; }
static inline jit_value jit_float(double v) { jit_value x = {JIT_V_FLOAT, JIT_FLOAT64, {.f = v}}; return x; }
static inline jit_value jit_float32(float v) { jit_value x = {JIT_V_FLOAT32, JIT_FLOAT32, {.f = v}}; return x; }
static inline jit_value jit_bool(int v) { jit_value x = {JIT_V_BOOL, JIT_BOOL, {.i = !!v}}; return x; }
static inline jit_value jit_arr(jit_array *a) { jit_value x = {JIT_V_ARRAY, JIT_FLOAT64, {.arr = a}}; if (a) x.dtype = a->dtype; return x; }
/* Frees what a returned value owns (arrays, tuple items). */
void jit_value_release(jit_value *v);
/* Writes the value as Python prints it (numbers as repr, arrays as NumPy). */
void jit_value_print(FILE *out, const jit_value *v);

typedef struct jit_options {
    int opt_level;          /* 0..3, default 3 */
    int boundscheck;        /* 1: check indices (default), 0: off */
    int fastmath;           /* 1: fastmath for every function (default 0:
                               per decorator) */
    FILE *output;           /* where kernels' print() writes; NULL = stdout */
    int verify;             /* run the IR verifier after lowering (default 1) */
    int cache;              /* 1: keep compiled code in the disk cache for every
                               function (default 0: only @njit(cache=True);
                               JIT_CACHE=1 in the environment also sets it) */
    const char *cache_dir;  /* NULL: $JIT_CACHE_DIR, $XDG_CACHE_HOME/libjit or
                               ~/.cache/libjit */
    int cuda_sim;           /* 1: @cuda.jit kernels run on the CPU simulator
                               (also JIT_CUDA_SIM=1 in the environment) */
    int num_threads;        /* threads for prange loops of parallel=True
                               functions; 0: $JIT_NUM_THREADS, else OpenMP's
                               default ($OMP_NUM_THREADS, else every core) */
    int debug_info;         /* 1: source positions (a DWARF line table) in the
                               code, for jit_asm's .loc lines, jit_ptx and
                               tools; default 0, or JIT_DEBUG_INFO=1 in the
                               environment (jit_remarks always has them) */
    int perf_map;           /* 1: name the compiled functions for profilers:
                               append "START SIZE NAME" lines to
                               /tmp/perf-PID.map (perf's map of JIT code) as
                               code is linked; default 0, or JIT_PERF_MAP=1 in
                               the environment. An unwritable file gives one
                               warning (jit_warnings), never an error. */
} jit_options;

typedef struct jit_ctx jit_ctx;
typedef struct jit_module jit_module;
typedef struct jit_fn jit_fn;

jit_options jit_options_default(void);
jit_ctx *jit_ctx_new(const jit_options *opts, jit_error *err);   /* opts may be NULL */
void jit_ctx_free(jit_ctx *ctx);

jit_module *jit_load_file(jit_ctx *ctx, const char *path, jit_error *err);
jit_module *jit_load_string(jit_ctx *ctx, const char *name, const char *src, jit_error *err);
/* Frees the module and its jit_fn handles; code returned by jit_compile stays
 * callable until jit_ctx_free. */
void jit_module_free(jit_module *m);

/* Type-checks every function whose signature is known (annotations or eager
 * signatures) and reports every error in err->report. 0 if clean. */
int jit_check(jit_module *m, jit_error *err);

jit_fn *jit_get(jit_module *m, const char *name, jit_error *err);
const char *jit_fn_name(const jit_fn *fn);
int jit_fn_nparams(const jit_fn *fn);

/* Dynamic call: compiles fn for the argument types on first use, then calls
 * it. ret may be NULL; on success *ret owns what it holds (release it). */
int jit_call(jit_fn *fn, const jit_value *args, int nargs, jit_value *ret, jit_error *err);

/* Launches the @cuda.jit kernel fn on a grid of grid[0] x grid[1] x grid[2]
 * blocks of block[0] x block[1] x block[2] threads, compiled for the argument
 * types on first use. On the GPU (through the driver, loaded on first use)
 * or on the CPU simulator when enabled (jit_options.cuda_sim or
 * JIT_CUDA_SIM=1). Synchronous: arrays (host memory) are copied to the
 * device and back. Without a driver and without the simulator it fails with
 * JIT_ERR_CUDA; in the simulator an exception in a thread (IndexError, ...)
 * fails it with that error. */
int jit_cuda_launch(jit_fn *fn, const int64_t grid[3], const int64_t block[3], const jit_value *args, int nargs,
                    jit_error *err);

/* Static compile: returns a plain C function pointer for the signature text
 * ("f64(f64[:], i64)"; Numba's spellings work too). Scalars are passed and
 * returned as C scalars (bool as int8_t), arrays as const jit_array*; a
 * returned array is a jit_array* the caller releases. If the kernel raises,
 * the pointer returns 0 and jit_last_error() reports the error. */
void *jit_compile(jit_fn *fn, const char *sig, jit_error *err);
/* Takes the error raised by the calling thread's last call through a
 * jit_compile pointer; returns 0 if there was none. */
int jit_last_error(jit_error *err);

/* ---- C interop ----
 *
 * @cfunc("float64(float64, float64)") functions are compiled when their
 * module loads, to plain C functions (numbers and C pointers; bool as a
 * byte). A @cfunc cannot raise into C: if it raises, it returns 0 (void:
 * nothing) and the error stays pending for the calling thread, where
 * jit_last_error() takes it. The pointer stays valid until jit_ctx_free. */
void *jit_cfunc(jit_module *m, const char *name, jit_error *err);

/* Registers a host C function kernels call by name, before loading the
 * modules that use it: sig is its C signature ("void(int64, float64)",
 * "f8(CPointer(f8), i8)"). A script may also declare it
 * (`name = types.ExternalFunction("name", float64(float64))`); the two
 * signatures must then be the same. Calls are direct machine calls. */
int jit_extern(jit_ctx *ctx, const char *name, void *fn, const char *sig, jit_error *err);
/* dlopens a shared library whose functions scripts declare with
 * types.ExternalFunction (searched before the process itself). */
int jit_load_library(jit_ctx *ctx, const char *path, jit_error *err);

/* Text of the compiled code for a signature (malloc'd; free with jit_free).
 * optimized 0 gives the IR as lowered. */
char *jit_ir(jit_fn *fn, const char *sig, int optimized, jit_error *err);
char *jit_asm(jit_fn *fn, const char *sig, jit_error *err);
/* LLVM's optimization remarks for the signature: which loops were
 * vectorized (width, interleave) and why others were not. The first call
 * switches remarks on for the whole process. */
char *jit_remarks(jit_fn *fn, const char *sig, jit_error *err);
char *jit_ptx(jit_fn *fn, const char *sig, const char *arch, jit_error *err);
void jit_free(void *p);

/* Warnings the context gathered (e.g. an unusable cache directory), one
 * per line, or "" - the library never prints them itself. */
const char *jit_warnings(jit_ctx *ctx);

/* Compile statistics of a function: calls to compiled entries are not
 * counted; fills n entries' total compile milliseconds and cache hits. */
int jit_fn_stats(const jit_fn *fn, int *entries, double *compile_ms, int *cache_hits);

/* Threads for the prange loops of parallel=True functions compiled in this
 * context, from the next loop on (also for jit_compile'd pointers, which read
 * the context's setting); n <= 0 restores the default. Returns the count now
 * in effect. Safe to call while other threads run kernels. */
int jit_set_num_threads(jit_ctx *ctx, int n);
int jit_get_num_threads(jit_ctx *ctx);

const char *jit_version(void);
/* Multi-line report: versions, host CPU and features, threads, CUDA. */
char *jit_sysinfo(jit_ctx *ctx);

#ifdef __cplusplus
}
#endif
#endif
