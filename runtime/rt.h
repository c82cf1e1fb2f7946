/* rt.h - the runtime that compiled kernels and the library call.
 *
 * Counted allocation (statistics and fault injection), refcounted array
 * memory, the per-thread pending error of a kernel call, printing, .npy I/O.
 * Symbols here are called from generated code by name (rt_*); the engine maps
 * each name to its address explicitly (see rt_symbols), so no dynamic symbol
 * lookup is needed. */
#ifndef JIT_RT_H
#define JIT_RT_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "../include/jit.h"

/* ---- counted allocation ---- */
void *rt_malloc(size_t n);
void *rt_calloc(size_t n, size_t size);
void *rt_realloc(void *p, size_t n);
void  rt_free(void *p);
char *rt_strdup(const char *s);

/* Allocation statistics since process start (atomics). */
typedef struct RtStats {
    int64_t allocs, frees;          /* all rt_malloc/rt_free */
    int64_t mi_allocs, mi_frees;    /* array buffers (MemInfo) */
} RtStats;
void rt_stats(RtStats *out);

/* Fault injection: after this many successful allocations, the next fails
 * (0 disables). Also read from JIT_FAULT_ALLOC at first allocation. */
void rt_fault_after(int64_t n);

/* ---- refcounted array memory ----
 * A MemInfo owns one buffer. Generated code calls rt_meminfo_incref and
 * rt_meminfo_decref (atomic; NULL-safe for host memory); the last decref
 * frees it. */
typedef struct RtMemInfo {
    int64_t refcnt;
    void *data;
    size_t size;
    /* NULL: data lies inside this block. Otherwise data is owned elsewhere
     * (CUDA device memory) and release(owner, data) frees it. */
    void (*release)(void *owner, void *data);
    void *owner;
} RtMemInfo;

RtMemInfo *rt_meminfo_alloc(int64_t nbytes);     /* NULL + pending MemoryError */
/* A MemInfo for memory allocated elsewhere; release frees it with the last
 * reference. NULL (MemoryError pending) if out of memory. */
RtMemInfo *rt_meminfo_external(void *data, size_t size, void (*release)(void *, void *), void *owner);
void rt_meminfo_free(RtMemInfo *mi);
void rt_meminfo_incref(RtMemInfo *mi);           /* NULL-safe */
void rt_meminfo_decref(RtMemInfo *mi);           /* NULL-safe */

/* ---- the pending error of the current kernel call (thread-local) ---- */
void rt_raise(int kind, const char *msg, const char *file, int line);
/* Formats "index %lld is out of bounds for axis %d with size %lld". */
void rt_raise_index(int64_t index, int64_t axis, int64_t size, const char *file, int line);
void rt_raise_alloc(int64_t count, const char *file, int line);
/* Moves a pending error raised inside the NumPy prelude ("<prelude>") to the
 * script's call site file:line. */
void rt_error_locate(const char *file, int line);
/* Takes the pending error into *err (if err) and clears it; returns its kind
 * or 0 if none is pending. */
int  rt_error_take(jit_error *err);
/* Called on entry to functions in a recursive cycle: 1 (with RecursionError
 * pending) when the thread's stack is nearly used up. */
int  rt_recursion_check(const char *file, int line);
/* Tells rt_recursion_check the lowest address of the stack the calling
 * thread now runs on (the CUDA simulator's coroutines); 0: the thread's own. */
void rt_stack_set(uintptr_t low);
/* Prefixes the pending error's message (the simulator names the thread). */
void rt_error_prefix(const char *prefix);
void rt_error_clear(void);

/* ---- parallel loops (parallel.c) ----
 * A prange body outlined by lowering: runs iterations [klo, khi) of the
 * loop's 0-based iteration space as chunk tid; 0, or 1 with an error pending. */
#define RT_MAX_THREADS 1024
typedef int32_t (*RtParBody)(void *ctx, int64_t klo, int64_t khi, int64_t tid);
/* The number of chunks (0 for an empty loop) a loop of n iterations is split into;
 * requested: the context's thread count, 0 for the default. 1 inside a
 * running parallel region. */
int64_t rt_par_threads(int64_t n, int32_t requested);
/* Runs the chunks on OpenMP threads; 0, or 1 with the error of the lowest
 * failing chunk pending in the calling thread. */
int32_t rt_par_run(RtParBody body, void *ctx, int64_t n, int64_t chunks);
/* JIT_NUM_THREADS, else OpenMP's default. */
int rt_default_threads(void);

/* ---- printing (print() in kernels) ----
 * Output goes to the FILE* of the thread's current call (set by the caller of
 * a kernel; stdout by default). */
void rt_set_output(FILE *f);
FILE *rt_get_output(void);
void rt_print_i64(int64_t v);
void rt_print_u64(uint64_t v);
void rt_print_f64(double v);
void rt_print_f32(float v);
void rt_print_bool(int v);
void rt_print_str(const char *s);
void rt_print_none(void);
void rt_print_sep(void);       /* " " */
void rt_print_end(void);       /* "\n" and flush */
/* Writes Python's repr of a double into buf (shortest round-trip). */
void rt_format_f64(char *buf, size_t n, double v);
void rt_format_f32(char *buf, size_t n, float v);

/* Python float repr of an array as numpy prints it: "[1. 2. 3.]". */
void rt_print_array(const jit_array *a);
void rt_print_array_repr(const jit_array *a);   /* array([...]), as inside a printed tuple */

/* Heap copy of a stack descriptor; takes over its reference (see box.c). */
jit_array *rt_array_box(const jit_array *a);

/* ---- CUDA (runtime/cudasim.c: the simulator; targets/cuda.c: launches) ----
 * Kernels compiled for the CPU read their thread's indices through
 * rt_cuda_sreg(which * 3 + axis) (which: 0 threadIdx, 1 blockIdx, 2 blockDim,
 * 3 gridDim), synchronize with rt_cuda_syncthreads and find their block's
 * cuda.shared.array storage with rt_cuda_shared(key of the call site). */
int64_t rt_cuda_sreg(int32_t code);
void rt_cuda_syncthreads(void);
void *rt_cuda_shared(const void *key, int64_t nbytes);
/* Runs tramp(argv) once per thread of the grid dims[0..2] x block dims[3..5]:
 * blocks one after another; within a block, each thread a coroutine with
 * its own stack when syncs (the kernel reaches syncthreads), else a plain
 * loop. 0, or 1 with the first failing thread's error pending. */
int rt_cudasim_run(int (*tramp)(void **), int syncs, const int64_t *dims, void **argv);
/* A launch from compiled host code (see jit/lower_cuda.c): on the simulator
 * when it is enabled (JIT_CUDA_SIM=1 or the context's cuda_sim), else on the
 * GPU through the driver. dims NULL: the configuration jit_cuda_launch set.
 * 0, or 1 with an error pending. */
int rt_cuda_launch(void *ref, int (*tramp)(void **), int32_t syncs, const int64_t *dims, void **argv,
                   const char *file, int32_t line);
/* A MemInfo of nbytes of device memory for cuda.device_array/to_device
 * (host memory under the simulator). NULL with an error pending. */
RtMemInfo *rt_cuda_alloc(void *host, int64_t nbytes, const char *file, int32_t line);

/* ---- .npy files ---- */
/* Reads a .npy file into a freshly allocated array (owner set, release with
 * jit_array_release). On error returns -1 and fills err (kind JIT_ERR_VALUE
 * or JIT_ERR_IO). */
int rt_npy_load(const char *path, jit_array **out, jit_error *err);
int rt_npy_save(const char *path, const jit_array *a, jit_error *err);

/* ---- symbol table for the engine ---- */
typedef struct RtSymbol {
    const char *name;
    void *addr;
} RtSymbol;
/* NULL-terminated table of every rt_* function generated code may call. */
const RtSymbol *rt_symbols(void);

/* ---- internal to runtime/ (not called by generated code) ---- */
/* Counts one MemInfo allocation (freed 0) or free (freed 1) in rt_stats;
 * the counters live in alloc.c with the other statistics. */
void rt_stats_meminfo(int freed);

/* Copies a message into a jit_error. */
void rt_error_set(jit_error *err, int kind, const char *file, int line, int col,
                  const char *fmt, ...) __attribute__((format(printf, 6, 7)));

#endif
