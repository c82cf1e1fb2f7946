/* lower.h - typed AST -> LLVM IR.
 *
 * Requires: every TypedFunc of a Program inferred without errors.
 * Produces: one LLVM module holding an internal function per specialization
 * and, for the entry, an exported wrapper (see lower_module). Leaves no
 * unterminated block; the module passes LLVMVerifyModule.
 *
 * Internal calling convention (all specializations):
 *     i32 @sym(ptr %out, <args>)     0: returned normally, *out holds the
 *                                    result; 1: an exception is pending in
 *                                    the runtime's thread-local error.
 * Values: bool is i1 (i8 in memory), ints iN, floats float/double; an array
 * of rank N is the struct {ptr meminfo, ptr data, [N x i64] shape,
 * [N x i64] strides} passed by value (meminfo NULL for host memory);
 * tuples are structs of their elements.
 *
 * Array references: every local slot holding an array owns one reference;
 * arguments are borrowed; arrays returned by calls are owned temporaries,
 * released at the end of the statement that made them. */
#ifndef JIT_LOWER_H
#define JIT_LOWER_H

#include <llvm-c/Core.h>

#include "../frontend/infer.h"
#include "../targets/target.h"

/* Most loops nest a few deep; this bounds the break/continue stack. */
#define LOWER_MAX_LOOPS 64
/* Chunks of a parallel loop at most: runtime/rt.h's RT_MAX_THREADS (the
 * reduction partials are a stack buffer of this many slots). */
#define LOWER_MAX_THREADS 1024

typedef struct Lower {
    LLVMContextRef C;
    LLVMModuleRef M;
    LLVMBuilderRef B;
    const Target *target;
    Program *prog;
    Diags *diags;
    const char *file;
    int default_boundscheck;

    /* per function */
    TypedFunc *tf;
    LLVMValueRef fn;
    LLVMValueRef out;             /* %out */
    LLVMValueRef *slots;          /* alloca per Var */
    LLVMBasicBlockRef ret_bb;     /* release locals, return 0 */
    LLVMBasicBlockRef unwind_bb;  /* release locals, return 1 */
    LLVMBasicBlockRef entry_bb;
    PtrVec temps;                 /* allocas of owned array temporaries (Type* in temp_types) */
    PtrVec temp_types;
    int temp_mark;                /* first temp of the current statement */
    LLVMValueRef last_temp;       /* the value lw_temp took last (lw_store_var may take it over) */
    struct { LLVMBasicBlockRef brk, cont; } loops[LOWER_MAX_LOOPS];
    int nloops;
    unsigned fmf;                 /* fast-math flags of this function */
    int boundscheck;
    /* index expressions proven in bounds (and non-negative) by the loop
     * versioning of lower_stmt.c: no wraparound, no check */
    const Expr **proven;
    int nproven;
    /* `x % d` expressions (int64) whose dividend the same versioning proved
     * to stay in [-d, 2d) with d > 0: no divide, no ZeroDivisionError.
     * mod_shift[i]: NULL, or an i64 slot holding what x % d - x is in the
     * current segment of the loop (d, 0 or -d). */
    const Expr **mod_proven;
    LLVMValueRef *mod_shift;
    int nmod_proven;
    int used_barrier;             /* this function called syncthreads() */
    int device_alloc;             /* lw_new_array takes CUDA device memory */
    const Target *host_target;    /* the module's target (L->target may be
                                     its kernel_target for @cuda.jit code) */
    char *kernel_barrier;         /* per TypedFunc: syncthreads() reachable */
    int in_parallel;              /* building an outlined prange body */
    int elementwise;              /* lowering an array expression's element
                                     operation: NumPy's rules (integer
                                     division by zero gives 0) */
    int nprange;                  /* outlined bodies so far (for their names) */
    struct NarrowVars *narrow;    /* lower_narrow.c: value ranges of the
                                     int64 locals of narrow_tf (lazily) */
    const TypedFunc *narrow_tf;
    int narrow_off;               /* > 0: lowering a tree that must stay wide */

    /* source positions (lower_debug.c); all NULL when not asked for */
    struct LowerDebug *dbg;
    void *dib;                    /* LLVMDIBuilderRef */
    LLVMMetadataRef di_cu, di_file, di_scope;   /* di_scope: the current
                                                   function's DISubprogram */

    /* cached types */
    LLVMTypeRef i1, i8, i32, i64, f32, f64, ptr, voidt;
} Lower;

/* Source positions in the IR: a line table (DISubprogram per function,
 * a DILocation on every instruction of a statement, and one on each loop's
 * llvm.loop metadata, which is where LLVM's loop remarks take theirs).
 * Code of the NumPy prelude gets a file of its own per specialization,
 * "<prelude#ID>", so a remark about one of its loops can be moved to the
 * script's call site (lower_debug_where). */
typedef struct LowerCallSite {
    int caller, callee;           /* TypedFunc ids */
    Pos pos;                      /* of the call */
    const char *name;             /* the callee as written: "np.sum", "a.sum" */
} LowerCallSite;

typedef struct LowerDebug {
    int directives_only;          /* in: only .file/.loc (what ptxas takes
                                     without -g: no DWARF sections) */
    PtrVec sites;                 /* out: LowerCallSite* of every call of
                                     a prelude function */
} LowerDebug;

/* Lowers every specialization of prog into module M (created in C).
 * entry_name: the exported wrapper's name for prog->funcs[0] ("" for none).
 * dbg: source positions wanted (NULL: none; the IR is then exactly what it
 * is without this option).
 * Returns 0, or -1 with errors in d. */
int lower_module(Program *prog, Diags *d, const Target *target, LLVMContextRef C,
                 LLVMModuleRef M, const char *entry_name, int boundscheck, LowerDebug *dbg);

/* A remark's position "FILE:LINE:COL" as the user should see it: prelude
 * positions ("<prelude#ID>:L:C") become the script's call site of that
 * NumPy function. Writes the file, line and column to use into *file,
 * *line, *col, and into note (size n) a suffix naming the function ("in
 * np.sum") or "". Returns 0 if the position was one of ours. */
int lower_debug_where(const LowerDebug *dbg, const Program *prog, const char *rfile, int rline, int rcol,
                      const char **file, int *line, int *col, char *note, size_t n);

/* ---- shared between the lower_*.c files ---- */

/* The file name errors raised inside jit/prelude.py code carry until the
 * script's call site takes them over (rt_error_locate). */
#define LW_PRELUDE_FILE "<prelude>"
static inline int lw_in_prelude(const Lower *L, const TypedFunc *tf)
{
    return tf->mod && tf->mod == L->prog->prelude;
}
LLVMTypeRef lw_type(Lower *L, const Type *t);        /* value type */
LLVMTypeRef lw_mem_type(Lower *L, const Type *t);    /* in-memory type (bool: i8) */
LLVMValueRef lw_expr(Lower *L, Expr *e);
LLVMValueRef lw_cast(Lower *L, LLVMValueRef v, const Type *from, const Type *to);
LLVMValueRef lw_binop_values(Lower *L, BinOp op, LLVMValueRef l, const Type *lt, LLVMValueRef r,
                             const Type *rt, const Type *res, int line);
LLVMValueRef lw_truth(Lower *L, LLVMValueRef v, const Type *t);
LLVMValueRef lw_fm(Lower *L, LLVMValueRef inst);     /* applies fast-math flags */
LLVMValueRef lw_const_i64(Lower *L, int64_t v);
LLVMValueRef lw_cstr(Lower *L, const char *s);       /* pointer to a constant string */
LLVMValueRef lw_alloca(Lower *L, LLVMTypeRef t, const char *name);  /* in the entry block */
LLVMBasicBlockRef lw_block(Lower *L, const char *name);
/* Emits `raise kind(msg)` at line and jumps to the unwind block; the builder
 * is left in a fresh unreachable block. */
void lw_raise(Lower *L, int kind, const char *msg, int line);
/* if (!ok) raise kind(msg): builder continues in the ok block. */
void lw_check(Lower *L, LLVMValueRef ok, int kind, const char *msg, int line);
/* llvm.assume(cond): a fact the optimizer may use (it must hold). */
void lw_assume(Lower *L, LLVMValueRef cond);
/* Calls a runtime function by name, declaring it on first use. */
LLVMValueRef lw_call_rt(Lower *L, const char *name, LLVMTypeRef ret, LLVMValueRef *args, int n);
LLVMValueRef lw_call_fn(Lower *L, const char *name, LLVMTypeRef ret, LLVMTypeRef *ptys,
                        LLVMValueRef *args, int n);
/* Whether evaluating e can neither raise nor have side effects. */
int lw_is_pure(const Lower *L, const Expr *e);
/* lower_narrow.c: an int64 expression whose values provably fit in 8, 16 or
 * 32 bits, computed in that width and sign-extended; NULL if it does not. */
LLVMValueRef lw_narrow(Lower *L, Expr *e);
/* a OP b compared in a narrow width when both operands' values provably fit
 * (va, vb: their lowered values); NULL if they do not. */
LLVMValueRef lw_narrow_compare(Lower *L, CmpOp op, Expr *a, LLVMValueRef va, Expr *b, LLVMValueRef vb);

/* arrays (lower_array.c) */
LLVMTypeRef lw_array_type(Lower *L, int ndim);
LLVMValueRef lw_array_field(Lower *L, LLVMValueRef arr, int field, int index);
LLVMValueRef lw_element_ptr(Lower *L, Expr *sub);    /* address of a[i, j] */
LLVMValueRef lw_view(Lower *L, Expr *sub);           /* a[1:-1], a[i, :]: a borrowed view */
void lw_incref(Lower *L, LLVMValueRef v, const Type *t);
void lw_decref(Lower *L, LLVMValueRef v, const Type *t);
LLVMValueRef lw_alloc_array(Lower *L, Expr *call, const Builtin *b);
/* [lo, hi): the bytes an array value's elements occupy. */
void lw_byte_range(Lower *L, LLVMValueRef arr, const Type *t, LLVMValueRef *lo, LLVMValueRef *hi);
/* Records an owned array returned by a call, to release at statement end. */
void lw_temp(Lower *L, LLVMValueRef v, const Type *t);
void lw_release_temps(Lower *L, int from);
/* Builds a stack jit_array describing an array value (for the runtime). */
LLVMValueRef lw_to_jit_array(Lower *L, LLVMValueRef arr, const Type *t);

/* array expressions (lower_arrexpr.c) */
int lw_is_elementwise(const Expr *e);
LLVMValueRef lw_array_expr(Lower *L, Expr *e);      /* a new array (an owned temporary) */
void lw_store_into(Lower *L, LLVMValueRef dst, const Type *dt, Expr *src);    /* dst[...] = src */
/* dst[...] = src for an array value already evaluated (no overlap check:
 * dst must be new memory). */
void lw_copy_value(Lower *L, LLVMValueRef dst, const Type *dt, LLVMValueRef src, const Type *st, Pos pos);
void lw_update_into(Lower *L, LLVMValueRef dst, const Type *dt, BinOp op, Expr *target, Expr *src, Pos pos);
/* A new uninitialized C-contiguous array of type t with the given
 * dimensions (checked, MemoryError on failure), registered
 * as a temporary. */
LLVMValueRef lw_new_array(Lower *L, const Type *t, LLVMValueRef *dims, int line);
LLVMValueRef lw_compare_values(Lower *L, CmpOp op, LLVMValueRef l, const Type *lt, LLVMValueRef r, const Type *rt);
/* A scalar builtin (math, predicates, abs, minimum/maximum) on values of
 * type `in` giving type `out`. */
LLVMValueRef lw_scalar_builtin(Lower *L, const Builtin *b, LLVMValueRef *v, int n, const Type *in, const Type *out);

LLVMValueRef lw_reshape(Lower *L, Expr *call);        /* a view with a new shape */
LLVMValueRef lw_array_literal(Lower *L, Expr *call);  /* np.array([...]) */
LLVMValueRef lw_flat(Lower *L, Expr *call);           /* 1-D C view, copying if strided */
LLVMValueRef lw_carray(Lower *L, Expr *call);         /* carray/farray over a C pointer */

/* calls (lower_call.c) */
LLVMValueRef lw_range_len(Lower *L, LLVMValueRef range);
LLVMValueRef lw_call(Lower *L, Expr *e);
/* Calls a specialization with argument values already of its parameter
 * types; an exception it raises unwinds the caller (one raised in prelude
 * code is moved to the script line given). */
LLVMValueRef lw_call_typed(Lower *L, TypedFunc *callee, LLVMValueRef *vals, int line);
LLVMValueRef lw_attr(Lower *L, Expr *e);

/* CUDA (lower_cuda.c) */
LLVMValueRef lw_cuda_launch(Lower *L, Expr *e);          /* kernel[b, t](args) */
LLVMValueRef lw_cuda_array(Lower *L, Expr *e);           /* cuda.shared/local.array */
LLVMValueRef lw_cuda_atomic(Lower *L, Expr *e, const Builtin *b);
LLVMValueRef lw_cuda_mem(Lower *L, Expr *e, const Builtin *b);
/* The entry of a kernel compiled for the CPU: a C wrapper that launches it
 * on the simulator with the configuration jit_cuda_launch set. */
void lw_cuda_launch_wrapper(Lower *L, TypedFunc *tf, const char *name, LLVMValueRef (*unbox)(Lower *, LLVMValueRef,
                            const Type *), LLVMTypeRef (*ctype)(Lower *, const Type *));
/* Sets the "syncthreads reachable" flag globals once every body is built. */
void lw_cuda_finish(Lower *L);

/* source positions (lower_debug.c); every one a no-op without L->dbg */
void lw_dbg_begin(Lower *L);                 /* the compile unit */
void lw_dbg_end(Lower *L);                   /* finalizes the debug info */
/* Gives fn a DISubprogram (in tf's file; tf NULL: the current function's)
 * and puts the builder at pos in it. */
void lw_dbg_func(Lower *L, LLVMValueRef fn, const char *name, TypedFunc *tf, Pos pos);
void lw_dbg_none(Lower *L);                  /* code of no function of the source (wrappers) */
void lw_dbg_at(Lower *L, Pos pos);           /* what the builder makes next is at pos */
LLVMMetadataRef lw_dbg_here(Lower *L);       /* the builder's location (restore with lw_dbg_set) */
Pos lw_dbg_pos(Lower *L);                    /* the same as a Pos ({0, 0}: none) */
void lw_dbg_set(Lower *L, LLVMMetadataRef scope, LLVMMetadataRef loc);
/* The back edge br closes a loop: llvm.loop metadata with the loop's
 * position (the builder's current one), and, cold, no vectorizing or
 * unrolling (the checked copy of a versioned loop). */
void lw_loop(Lower *L, LLVMValueRef br, int cold);
/* Notes a call of a prelude function (for remarks in it). */
void lw_dbg_call(Lower *L, TypedFunc *callee, Expr *call);

/* statements (lower_stmt.c) */
void lw_block_stmts(Lower *L, Block *b);
/* The range loop s over [start, stop) by step, with its bounds-check-free
 * version where provable. */
void lw_for_bounds(Lower *L, Stmt *s, LLVMValueRef start, LLVMValueRef stop, LLVMValueRef step, int known,
                   int64_t kstep);
/* Releases every array held in a local slot or a temporary. */
void lw_release_locals(Lower *L);

/* parallel loops (lower_par.c): a prange loop of a parallel=True function
 * outlined and run on threads; 0 when s is not such a loop (lower it as a
 * range loop), 1 when done (or refused with an error in L->diags). */
int lw_prange(Lower *L, Stmt *s, LLVMValueRef start, LLVMValueRef stop, LLVMValueRef step, int known,
              int64_t kstep);
/* Whether loops of the current function may run on threads (parallel=True,
 * a CPU target, not already inside an outlined body). */
int lw_par_available(const Lower *L);
/* Emits the loop over [lo, hi) using the values caps[0..ncaps) (which hold,
 * during the call, the captured values as seen inside the outlined body). */
typedef void (*LwParBody)(Lower *L, void *data, LLVMValueRef lo, LLVMValueRef hi);
/* Runs body over [0, n) on threads in chunks of at least grain iterations.
 * Every value the body reads from the enclosing function must be in caps. */
void lw_par_for(Lower *L, LLVMValueRef n, LLVMValueRef grain, LLVMValueRef *caps, int ncaps, LwParBody body, void *data);
void lw_store_var(Lower *L, Var *v, LLVMValueRef val, const Type *from);

#endif
