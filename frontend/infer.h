/* infer.h - type inference: one FuncDef + argument types -> a TypedFunc.
 *
 * Requires: a parsed Module without syntax errors.
 * Produces: for each specialization a private copy of the function's AST in
 * which every Expr has a non-NULL ty and resolved sym (see ast.h), module
 * constants folded into literal nodes, keyword and default arguments of
 * calls between script functions rewritten into positional order, and a
 * variable table. Calls to other script functions specialize them too; all
 * specializations of one compile are collected in the Program. */
#ifndef JIT_INFER_H
#define JIT_INFER_H

#include "ast.h"
#include "builtins.h"
#include "types.h"
#include "ufunc.h"

/* A local variable (parameters first). Its type is the unification of every
 * value assigned to it. */
typedef struct Var {
    const char *name;
    const Type *ty;
    Pos pos;          /* first assignment (or the parameter) */
    Pos ty_pos;       /* where the type last widened, for messages */
    int is_param;
    int index;        /* position in TypedFunc.vars */
} Var;

/* cuda.threadIdx.x etc.: Expr.sym of such an EX_ATTR (ty int64).
 * which: 0 threadIdx, 1 blockIdx, 2 blockDim, 3 gridDim; axis 0..2. */
typedef struct CudaSreg {
    int which, axis;
} CudaSreg;

/* Options taken from a function's decorator. */
typedef struct FuncOpts {
    unsigned fastmath;    /* LLVMFastMathFlags bits; 0 = strict IEEE */
    int boundscheck;      /* 1 on, 0 off, -1 the context's default */
    int parallel;
    int cache;
    int cuda_kernel;      /* @cuda.jit (not device=True) */
    int cuda_device;      /* @cuda.jit(device=True) */
    int is_jit;           /* had a numba decorator at all */
    int numpy_errors;     /* error_model='numpy' (the default of ufunc kernels):
                             integer // and % by zero give 0 instead of raising */
    int cfunc;            /* @cfunc(sig): a C function made at load time */
} FuncOpts;

/* A host C function kernels call directly (types.ExternalFunction in the
 * script, or jit_extern from the host). */
typedef struct ExternFn {
    const char *name;      /* as the script calls it */
    const char *symbol;    /* the C symbol */
    const Type *ret;       /* ty_none for void */
    const Type **args;
    int nargs;
    Pos pos;               /* of the declaration (none for host-only) */
} ExternFn;

typedef enum { TF_INFERRING, TF_PENDING, TF_DONE, TF_FAILED } TFState;

typedef struct TypedFunc {
    const FuncDef *src;     /* the function as parsed */
    const struct Module *mod;  /* its module: the script's, or the prelude's */
    FuncDef *def;           /* this specialization's typed copy */
    const Type **args;
    int nargs;
    const Type *ret;        /* ty_none for procedures */
    Var **vars;
    int nvars;
    FuncOpts opts;
    const char *symbol;     /* unique LLVM name of the specialization */
    TFState state;
    int id;                 /* index in Program.funcs */
} TypedFunc;

typedef struct Program {
    Arena *arena;
    Diags *diags;
    const Module *mod;
    const Module *prelude;   /* NumPy functions written in the kernel language
                                (jit/prelude.py), or NULL */
    TypedFunc **funcs;       /* every specialization made, entry first */
    int nfuncs, capfuncs;
    const char *symbol_prefix;  /* prepended to symbols (unique per compile) */
    int depth;               /* nesting of infer_func, against runaway recursion */
    int desugar_serial;      /* names the hidden variables of desugared loops */
    unsigned default_fastmath;  /* fast-math flags every function gets (context option) */
    const ExternFn *externs;    /* host functions kernels may call */
    int nexterns;
    const Type *entry_cret;     /* @cfunc: the C return type of the entry's
                                   wrapper (NULL: the inferred one) */
    PtrVec ufuncs;           /* Ufunc descriptions read from decorators (ufunc.h) */
    PtrVec loops;            /* synthesized ufunc loops: GenLoop (infer.c) */
    Module *gen_mod;         /* the script's module plus the synthesized loops and
                                their imports; NULL until the first is made */
    int has_launch;          /* some function launches a @cuda.jit kernel */
    /* Makes the run-time handle of a launched kernel (see rt_cuda_launch);
     * set by the pipeline, NULL where launches cannot be compiled. */
    void *(*launch_ref)(void *host, const TypedFunc *kernel);
    void *launch_host;
} Program;

void infer_init(Program *p, Arena *a, Diags *d, const Module *m, const char *symbol_prefix);

/* Specializes f for args (which may come from another arena: they are
 * copied). Returns NULL if typing failed (errors in p->diags). */
TypedFunc *infer_entry(Program *p, const FuncDef *f, const Type **args, int nargs);

/* The ufunc f's @vectorize/@guvectorize decorator describes (read once per
 * Program; a bad decorator is reported into p->diags), or NULL. */
const Ufunc *infer_ufunc(Program *p, const FuncDef *f);

/* Reads f's decorator into options; reports bad decorator arguments. */
FuncOpts infer_func_opts(Program *p, const FuncDef *f);

/* Types from parameter annotations (NULL entries where unannotated) and from
 * an eager signature in the decorator (@njit("f8(f8[:])")). Returns the
 * number of parameters with known types, or -1 after an error. */
int infer_declared_sig(Program *p, const FuncDef *f, const Type **args);

/* The same, and the declared return type (*ret NULL when not declared). */
int infer_declared_sig_ret(Program *p, const FuncDef *f, const Type **args, const Type **ret);

/* Reads a module-level `name = types.ExternalFunction("sym", float64(float64))`
 * (or a signature string). Returns 1 and fills x when g is one, 0 when g is
 * something else, -1 after reporting a malformed declaration. */
int infer_extern_decl(Program *p, const Global *g, ExternFn *x);

/* Numba's result type of l op r for scalars; NULL if undefined. */
const Type *infer_arith_type(BinOp op, const Type *l, const Type *r);

/* Kinds of element-wise (ufunc) operations, for infer_ufunc_type. */
typedef enum {
    UF_ARITH,      /* + - * // % **: every numeric loop (no bool for - and **) */
    UF_DIV,        /* /: integer loops produce float64 */
    UF_BITWISE,    /* & | ^ << >>: bool and integer loops */
    UF_COMPARE,    /* comparisons: any loop, bool result */
    UF_FLOAT,      /* sqrt, exp, ...: float loops only */
    UF_PRED,       /* isnan, ...: any loop, bool result */
    UF_SAME,       /* abs, min, max, where: any loop */
} UfuncKind;

/* NumPy's (and Numba's) loop selection for an element-wise operation on
 * operands of the given element types: the first loop, in NumPy's type
 * order, to which every input casts safely (an integer may also go to any
 * float when the inputs mix kinds). *loop receives the loop's input type;
 * returns the result element type, or NULL if no loop matches. */
const Type *infer_ufunc_type(UfuncKind k, BinOp op, const Type **in, int n, const Type **loop);

/* The element type of e: its dtype if e is an array, else its type. */
static inline const Type *infer_elem_type(const Type *t)
{
    return t && t->kind == TY_ARRAY ? t->arr.dtype : t;
}

/* Finds a Var by name in tf; NULL if none. */
Var *infer_find_var(const TypedFunc *tf, const char *name);

#endif
