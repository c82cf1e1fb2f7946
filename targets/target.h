/* target.h - what differs between code generation targets.
 *
 * Lowering (jit/lower*.c) emits target-neutral IR and calls these hooks for
 * everything else; it never tests which target it is building for.
 * targets/cpu.c and targets/nvptx.c each define one Target. */
#ifndef JIT_TARGET_H
#define JIT_TARGET_H

#include <llvm-c/Core.h>

struct Lower;

typedef struct Target {
    const char *name;          /* "cpu", "nvptx" */
    const char *triple;        /* NULL: the host's */
    const char *datalayout;    /* NULL: the host target machine's */
    int default_boundscheck;   /* -1: the context's option; 0: off */
    int has_exceptions;        /* errors reach the host (CPU); the GPU only stops */
    int has_threads;           /* prange of parallel=True functions runs on threads */
    /* Calls the math function impl (see builtins.h: "llvm.NAME" or a libm
     * name) on n float arguments of LLVM type ft. */
    LLVMValueRef (*math)(struct Lower *L, const char *impl, LLVMValueRef *args, int n, LLVMTypeRef ft);
    /* Records an exception of kind with msg at line (the caller then unwinds). */
    void (*raise)(struct Lower *L, int kind, LLVMValueRef msg, int line);
    /* CUDA special registers: which is 0 tid, 1 ctaid, 2 ntid, 3 nctaid;
     * axis 0..2; returns i64. NULL on targets without them. */
    LLVMValueRef (*sreg)(struct Lower *L, int which, int axis);
    /* __syncthreads(); NULL on targets without it. */
    void (*barrier)(struct Lower *L);
    /* Pointer to the storage of one cuda.shared.array call site: n
     * elements of elem, one copy per block. NULL on targets without it. */
    LLVMValueRef (*shared_array)(struct Lower *L, LLVMTypeRef elem, int64_t n);
    /* The target that @cuda.jit functions lowered into this target's
     * module run on: the CPU's is the CUDA simulator (kernels launched from
     * host code, see jit/lower_cuda.c); NULL: this target itself. */
    const struct Target *kernel_target;
} Target;

/* Whether the math operation impl ("llvm.sqrt", ...) is exact in hardware. */
int target_exact_op(const char *impl);

extern const Target cpu_target;
extern const Target nvptx_target;
extern const Target cudasim_target;   /* targets/cpu.c */

#endif
