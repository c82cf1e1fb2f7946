/* ufunc.h - universal functions: @vectorize and @guvectorize.
 *
 * A ufunc is a kernel (a scalar function for @vectorize, a function of
 * core-dimension array views for @guvectorize) plus its loops: the eager
 * signatures of the decorator in order, or none (lazy: one loop per
 * combination of input types, made on demand). Calling it picks a loop by
 * NumPy's rules and applies the kernel over the broadcast outer dimensions.
 *
 * How a call becomes code (frontend/infer.c types it, see UfuncCall):
 *  - scalars in, no out: a plain call of the kernel specialized for the
 *    loop's input types, the result cast to the loop's output type;
 *  - @vectorize on arrays, target cpu: an element-wise node of the fused
 *    array-expression lowering (jit/lower_arrexpr.c), so f(a, b) * 2 is
 *    one loop, with the unit-stride fast path for contiguous operands;
 *  - everything else (target parallel, @guvectorize, the entry wrapper
 *    called from C): a loop function synthesized here as kernel-language
 *    source, parsed and specialized like user code. The outer loop of a
 *    parallel target is a prange loop.
 * A target is one row of ufunc_targets (ufunc.c) with its own loop
 * synthesizer; target='cuda' synthesizes a @cuda.jit kernel (one thread per
 * output element) and a host function that launches it. */
#ifndef JIT_UFUNC_H
#define JIT_UFUNC_H

#include "ast.h"
#include "types.h"

/* Inputs plus outputs of one ufunc; NumPy's limit is 32. */
#define UF_MAX_ARGS 16

typedef enum { UF_VECTORIZE, UF_GUVECTORIZE } UfuncFamily;

/* One loop of an eager ufunc: @vectorize "f8(f8, f8)" has ret f8 and
 * args {f8, f8}; @guvectorize "void(f8[:], f8[:], f8[:])" has ret NULL
 * and args for inputs then outputs. */
typedef struct UfuncSig {
    const Type *ret;
    const Type **args;
    int nargs;
    Pos pos;              /* the signature in the decorator */
} UfuncSig;

/* The core dimensions of one @guvectorize argument: "(m,n)" has ndim 2
 * and dims {"m", "n"}; "()" has ndim 0. */
typedef struct GuCore {
    int ndim;
    const char *dims[TY_MAX_NDIM];
} GuCore;

struct UfuncTarget;

typedef struct Ufunc {
    const FuncDef *kernel;
    UfuncFamily family;
    UfuncSig *sigs;        /* in the decorator's order; NULL when lazy */
    int nsigs;
    int nin, nout;         /* vectorize: nout = 1 */
    GuCore core[UF_MAX_ARGS];   /* guvectorize: inputs then outputs */
    const char *layout;    /* guvectorize: the layout text "(n),(n)->()" */
    const struct UfuncTarget *target;
    const char *identity;  /* identity= as source text ("0", "-1.5"), or NULL */
    Pos pos;               /* the decorator */
} Ufunc;

/* A typed call of a ufunc, stored in the callee name's Expr.sym (the call's
 * own Expr.sym is the TypedFunc it calls: the kernel, or the synthesized
 * loop when loopfn is set). */
typedef struct UfuncCall {
    const Ufunc *uf;
    const Type *loop[UF_MAX_ARGS];   /* the loop's input types (scalars) */
    const Type *ret;                 /* vectorize: the loop's output type */
    int has_out;                     /* an output array was passed (last argument) */
    struct TypedFunc *kernel;        /* the kernel specialized for the loop */
    struct TypedFunc *loopfn;        /* a synthesized loop to call instead, or NULL */
} UfuncCall;

/* What a synthesized loop is for (FuncDef.generated). */
enum {
    UF_GEN_NONE,
    UF_GEN_ENTRY,      /* the wrapper called from C: calls the ufunc once */
    UF_GEN_VLOOP,      /* a @vectorize outer loop: inner calls are element-wise (cpu) */
    UF_GEN_GULOOP,     /* a @guvectorize loop: calls of the kernel are plain calls */
    UF_GEN_CUDAK,      /* a target='cuda' @vectorize kernel: a @cuda.jit kernel (one
                          thread per element), launched by its loop function */
    UF_GEN_KIND = 0xf,         /* mask of the kinds above */
    UF_GEN_PARALLEL = 0x10,    /* or'ed in: a target='parallel' loop, whose prange runs on
                                  threads (the function is compiled as parallel=True) */
    UF_GEN_HOST = 0x20,        /* or'ed in: made for a call from the host (C, the CLI),
                                  whose ufunc calls select loops by NumPy's rule */
};

/* Everything a loop synthesizer needs about one call: the argument types
 * (inputs, then outputs when passed) and the chosen loop. */
typedef struct UfuncShape {
    const Ufunc *uf;
    const Type *args[UF_MAX_ARGS];
    int nargs;
    const Type *loop[UF_MAX_ARGS];   /* per kernel argument (gufunc: inputs and outputs) */
    const Type *ret;                 /* vectorize: the output element type */
} UfuncShape;

typedef struct UfuncTarget {
    const char *name;          /* as in target='...' */
    int parallel;              /* outer loops are prange loops */
    /* Kernel-language source of one function named `name` that computes
     * the call described by s (arguments x0.., outputs o0..); NULL with a
     * message in *err if the target cannot. NULL for a @vectorize call on
     * the cpu target means "inline as an array expression". */
    char *(*vectorize_loop)(Arena *a, const UfuncShape *s, const char *name, const char **err);
    char *(*guvectorize_loop)(Arena *a, const UfuncShape *s, const char *name, const char **err);
} UfuncTarget;

const UfuncTarget *ufunc_target(const char *name);

/* Parses a @guvectorize layout "(m,n),(n)->(m)" into core[] (inputs, then
 * outputs). Returns 0, or -1 with a message in *err. */
int ufunc_parse_layout(Arena *a, const char *text, GuCore *core, int *nin, int *nout, const char **err);

/* np.can_cast(from, to, casting) for scalar types; casting is "safe" or
 * "same_kind". mixed: the inputs mix integers and floats, and then (as in
 * Numba) any integer casts to any float. */
int ufunc_can_cast(const Type *from, const Type *to, int same_kind, int mixed);

/* The first eager signature whose inputs the element types `in` cast to
 * safely (and whose outputs cast same-kind to `out`, when given); -1 if
 * none. gufunc signatures are compared by their dtypes. Calls in kernels
 * follow Numba (mixed integer and float inputs: any integer casts to any
 * float); numpy_rule: a call from the host, which NumPy resolves without
 * that exception. */
int ufunc_select(const Ufunc *uf, const Type **in, const Type **out, int nout_given, int numpy_rule);

/* "float32(float32, float32), float64(float64, float64)" for messages. */
const char *ufunc_sigs_text(Arena *a, const Ufunc *uf);

/* Whether f's decorator looks like @vectorize/@guvectorize (by name only:
 * for the C API's argument-count check, which inference makes exact). */
int ufunc_decorated(const FuncDef *f);

/* Rewrites each module-level `vf = vectorize([...])(f)` (or guvectorize)
 * into a function vf: a copy of f carrying the maker as its decorator, so
 * that vf is a ufunc everywhere (kernels, jit_get, jit run) like a
 * decorated def. Run once at load; -1 when out of memory. */
int ufunc_expand_aliases(Arena *a, Module *m);

/* The entry wrapper's source: def name(x0, .., xN-1): return kernel(x0, ..). */
char *ufunc_entry_source(Arena *a, const Ufunc *uf, int nargs, const char *name);

/* f.reduce(x0) of a 1-D array for a two-input @vectorize whose loop takes
 * tin0, tin1 and gives tout: the first element (or the identity, for an
 * empty array; else ValueError) folded through the kernel. */
char *ufunc_reduce_source(Arena *a, const Ufunc *uf, const Type *tin0, const Type *tin1, const Type *tout,
                          const char *name);

/* Parses a synthesized function's source (text made by the functions
 * above) and returns its FuncDef, the last function of the source, with
 * every position set to pos and `generated` set to gen; the functions
 * before it (a target='cuda' kernel, generated UF_GEN_CUDAK) are in
 * *helpers; the imports it needs are in *imports. NULL on failure (a bug in
 * the synthesizer: the message is in *err). */
FuncDef *ufunc_parse_generated(Arena *a, const char *src, const char *file, Pos pos, int gen,
                               Import **imports, int *nimports, FuncDef ***helpers, int *nhelpers,
                               const char **err);

#endif
