/* ast.h - the syntax tree of one kernel script, produced by parse.c.
 *
 * The tree is untyped; inference (infer.c) works on a per-signature copy
 * (ast_clone_func) and fills Expr.ty. All nodes live in the parse arena.
 * Every node carries the position of its first token. */
#ifndef JIT_AST_H
#define JIT_AST_H

#include <stdint.h>

#include "arena.h"
#include "diag.h"

struct Type;

/* Binary and unary operators (X-macro: enum name, Python spelling). */
#define AST_BINOPS(X) \
    X(OP_ADD, "+") X(OP_SUB, "-") X(OP_MUL, "*") X(OP_DIV, "/") \
    X(OP_FLOORDIV, "//") X(OP_MOD, "%") X(OP_POW, "**") \
    X(OP_BITAND, "&") X(OP_BITOR, "|") X(OP_BITXOR, "^") \
    X(OP_LSHIFT, "<<") X(OP_RSHIFT, ">>") X(OP_MATMUL, "@")

#define AST_CMPOPS(X) \
    X(CMP_EQ, "==") X(CMP_NE, "!=") X(CMP_LT, "<") X(CMP_LE, "<=") \
    X(CMP_GT, ">") X(CMP_GE, ">=") X(CMP_IS, "is") X(CMP_ISNOT, "is not") \
    X(CMP_IN, "in") X(CMP_NOTIN, "not in")

#define X(e, s) e,
typedef enum { AST_BINOPS(X) OP__COUNT } BinOp;
typedef enum { AST_CMPOPS(X) CMP__COUNT } CmpOp;
#undef X

typedef enum { UOP_NEG, UOP_POS, UOP_NOT, UOP_INVERT } UnOp;

const char *ast_binop_str(BinOp op);
const char *ast_cmpop_str(CmpOp op);

typedef enum {
    EX_INT,       /* ival: integer literal (fits int64; larger is a syntax error) */
    EX_FLOAT,     /* fval: float literal */
    EX_BOOL,      /* ival: 0 or 1 (True/False) */
    EX_NONE,      /* None */
    EX_STR,       /* str: string literal, escapes decoded, NUL-terminated
                     (adjacent literals concatenated) */
    EX_NAME,      /* name */
    EX_ATTR,      /* attr.obj . attr.name   (math.sqrt, a.shape, np.float32) */
    EX_CALL,      /* call.fn ( call.args[0..nargs), call.kw[0..nkw) ) */
    EX_SUBSCRIPT, /* sub.obj [ sub.index ]; a[i, j] has an EX_TUPLE index */
    EX_SLICE,     /* slice.lo : slice.hi : slice.step, each may be NULL;
                     only inside a subscript index */
    EX_BINOP,     /* bin.op, bin.l, bin.r */
    EX_UNARY,     /* un.op, un.x */
    EX_COMPARE,   /* cmp.n operands cmp.xs[0..n), cmp.ops[0..n-1):
                     a < b <= c is xs={a,b,c} ops={LT,LE} */
    EX_BOOLOP,    /* boolop.is_and, boolop.l, boolop.r (a or b or c nests left) */
    EX_IFEXP,     /* ifexp.body if ifexp.cond else ifexp.orelse */
    EX_TUPLE,     /* tuple.n items tuple.xs (also the parenthesis-free a, b) */
    EX_LIST,      /* tuple.n items tuple.xs: [a, b] (for np.array literals) */
} ExprKind;

typedef struct Expr Expr;

typedef struct Keyword {
    const char *name;
    Expr *value;
    Pos pos;
} Keyword;

struct Expr {
    ExprKind kind;
    Pos pos;
    const struct Type *ty;   /* filled by inference; NULL in the parse tree */
    const void *sym;         /* filled by inference: the Var of a local name,
                                the TypedFunc of a call to a script function,
                                the Builtin of a library call, the Const of a
                                folded module constant (see infer.h) */
    union {
        int64_t ival;
        double fval;
        const char *str;
        const char *name;
        struct { Expr *obj; const char *name; } attr;
        struct { Expr *fn; Expr **args; int nargs; Keyword *kw; int nkw;
                 int *order; /* set by inference when keywords were bound:
                                args[order[0]] is evaluated first, ... (the
                                order written); NULL: 0, 1, 2, ... */ } call;
        struct { Expr *obj; Expr *index; } sub;
        struct { Expr *lo, *hi, *step; } slice;
        struct { BinOp op; Expr *l, *r; } bin;
        struct { UnOp op; Expr *x; } un;
        struct { int n; Expr **xs; CmpOp *ops; } cmp;
        struct { int is_and; Expr *l, *r; } boolop;
        struct { Expr *cond, *body, *orelse; } ifexp;
        struct { int n; Expr **xs; } tuple;
    };
};

typedef enum {
    ST_EXPR,      /* expr.e */
    ST_ASSIGN,    /* assign.targets[0..ntargets) = assign.value
                     (a = b = v has two targets; a target may be an EX_TUPLE,
                     EX_NAME or EX_SUBSCRIPT); also `x: T = v` (annotation dropped) */
    ST_AUGASSIGN, /* aug.target aug.op= aug.value */
    ST_IF,        /* if_.cond, if_.then, if_.orelse (elif becomes an ST_IF
                     alone in orelse) */
    ST_WHILE,     /* while_.cond, while_.body, while_.orelse (runs when the loop
                     ends without break; empty if absent) */
    ST_FOR,       /* for_.target in for_.iter: for_.body, for_.orelse (as while) */
    ST_BREAK,
    ST_CONTINUE,
    ST_RETURN,    /* ret.value, NULL for bare return */
    ST_PASS,
    ST_RAISE,     /* raise_.exc (a call like ValueError("m") or a name), may be NULL */
    ST_ASSERT,    /* assert_.cond, assert_.msg (may be NULL) */
} StmtKind;

typedef struct Stmt Stmt;

/* A block: n statements. */
typedef struct Block {
    Stmt **stmts;
    int n;
} Block;

struct Stmt {
    StmtKind kind;
    Pos pos;
    union {
        struct { Expr *e; } expr;
        struct { Expr **targets; int ntargets; Expr *value; } assign;
        struct { Expr *target; BinOp op; Expr *value; } aug;
        struct { Expr *cond; Block then, orelse; } if_;
        struct { Expr *cond; Block body; Block orelse; } while_;
        struct { Expr *target; Expr *iter; Block body; Block orelse; } for_;
        struct { Expr *value; } ret;
        struct { Expr *exc; } raise_;
        struct { Expr *cond; Expr *msg; } assert_;
    };
};

typedef struct Param {
    const char *name;
    Expr *annot;      /* annotation expression or NULL */
    Expr *deflt;      /* default value or NULL */
    Pos pos;
} Param;

typedef struct FuncDef {
    const char *name;
    Pos pos;                /* of the `def` keyword */
    Param *params;
    int nparams;
    Expr *ret_annot;        /* `-> T` or NULL */
    Expr **decorators;      /* in source order, each the expression after @ */
    int ndecorators;
    Block body;
    const char *src_start;  /* source text of the whole def (decorators
                               included), for hashing; src_len bytes */
    int src_len;
    int stencil;            /* made by stencil_expand: 1 the driver of a
                               @stencil, 2 its parallel twin (NAME$par),
                               3 the driver writing into `out` (NAME$out),
                               4 its parallel twin (NAME$out$par) */
    int generated;          /* 0 for parsed code; a UF_GEN_* kind for a loop
                               synthesized by frontend/ufunc.c */
} FuncDef;

/* `import numpy as np` -> {alias "np", module "numpy", member NULL};
 * `from numba import njit as nj` -> {alias "nj", module "numba", member "njit"};
 * `import numba` -> {alias "numba", module "numba"};
 * `import numpy.linalg` -> alias "numpy", module "numpy" (only the top name
 * is bound, as in Python). */
typedef struct Import {
    const char *alias;
    const char *module;
    const char *member;
    Pos pos;
} Import;

/* A module-level assignment NAME = EXPR that is not a decorated alias.
 * Module constants must fold to numbers (checked by inference). */
typedef struct Global {
    const char *name;
    Expr *value;
    Pos pos;
} Global;

typedef struct Module {
    const char *file;
    const char *src;
    Import *imports;   int nimports;
    Global *globals;   int nglobals;
    FuncDef **funcs;   int nfuncs;
} Module;

/* Parses a whole script. Returns NULL only when out of memory; syntax errors
 * are reported into d (check d->count) and parsing continues at the next
 * statement where possible. Never crashes or hangs on any input. */
Module *parse_module(Arena *a, Diags *d, const char *file, const char *src, size_t len);

/* Replaces every @stencil function by kernel-language source: the kernel
 * NAME$kernel (relative indices made absolute), the driver NAME (the loop
 * nest over the interior), NAME$par (its outer loop a prange) and
 * NAME$out / NAME$out$par (writing into an `out` argument), see stencil.c. Reports malformed stencils into d; returns -1 if any. */
int stencil_expand(Arena *a, Diags *d, Module *m);

/* Deep copy of a function's body and parameters into arena a (for typing one
 * signature). */
FuncDef *ast_clone_func(Arena *a, const FuncDef *f);
/* Nodes built by the compiler itself (desugaring, stencils): NULL when the
 * arena is exhausted. ast_call's fn is a name; args are copied. */
Expr *ast_new_expr(Arena *a, ExprKind k, Pos pos);
Expr *ast_name(Arena *a, const char *name, Pos pos);
Expr *ast_call(Arena *a, const char *fn, Expr **args, int n, Pos pos);

/* Looks up a function by name; NULL if absent. */
FuncDef *ast_find_func(const Module *m, const char *name);

#endif
