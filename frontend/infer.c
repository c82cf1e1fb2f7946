/* infer.c - type inference for one function specialization.
 *
 * Input: a FuncDef and argument types. Output: a TypedFunc (see infer.h).
 *
 * Algorithm: Python scoping first (every name assigned anywhere in the body
 * is a local), then a fixpoint over the body in which each assignment widens
 * its variable's type by Numba's unification, until nothing changes. Errors
 * are only reported in the last ("final") pass, when every variable has its
 * final type; that pass also fills Expr.ty and Expr.sym and folds module
 * constants. A recursive call sees the callee's return type as it stands, so
 * the base case's return type propagates through the iterations. */
#include "infer.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../runtime/rt.h"

/* Fixpoint passes before giving up: unification only widens and a variable
 * can widen a handful of times at most, so this is never reached by a
 * well-typed program. */
#define INFER_MAX_PASSES 32
/* Specializations nested deeper than this are a runaway (e.g. a recursion
 * that changes argument types on every call). */
#define INFER_MAX_DEPTH 64

typedef struct Infer {
    Program *p;
    const Module *mod;   /* the module whose names this function sees */
    TypedFunc *fn;
    int final;        /* report errors, fill ty/sym */
    int changed;      /* a variable or the return type widened this pass */
    int unknown;      /* something could not be typed yet this pass */
    int expr_depth;   /* nesting of ty_expr, against runaway trees */
    int depth_reported;
    int loop_depth;
} Infer;

/* A folded module-level constant. */
typedef struct Const {
    const Type *ty;
    int64_t i;
    double f;
} Const;

static const Type *ty_expr(Infer *I, Expr *e);
static void ty_block(Infer *I, Block *b);

#define ERR(I, kind, pos, ...) \
    do { if ((I)->final) diag_error((I)->p->diags, kind, pos, __VA_ARGS__); } while (0)

static const char *S(Infer *I, const Type *t) { return ty_str_of(I->p->arena, t); }

/* ---------- variables ---------- */

/* The length of a variable's name as the user wrote it (without the
 * version suffix "#n", see version_variables). */
static int shown_len(const char *name) { return (int)strcspn(name, "#"); }

Var *infer_find_var(const TypedFunc *tf, const char *name)
{
    for (int i = 0; i < tf->nvars; i++)
        if (!strcmp(tf->vars[i]->name, name))
            return tf->vars[i];
    return NULL;
}

static Var *add_var(Program *p, TypedFunc *tf, const char *name, Pos pos)
{
    Var *v = infer_find_var(tf, name);
    if (v)
        return v;
    v = arena_alloc(p->arena, sizeof *v);
    Var **vars = arena_array(p->arena, (size_t)tf->nvars + 1, sizeof *vars);
    if (!v || !vars)
        return NULL;
    if (tf->nvars)
        memcpy(vars, tf->vars, (size_t)tf->nvars * sizeof *vars);
    v->name = name;
    v->pos = pos;
    v->index = tf->nvars;
    vars[tf->nvars++] = v;
    tf->vars = vars;
    return v;
}

static void collect_target(Program *p, TypedFunc *tf, Expr *t)
{
    if (t->kind == EX_NAME)
        add_var(p, tf, t->name, t->pos);
    else if (t->kind == EX_TUPLE)
        for (int i = 0; i < t->tuple.n; i++)
            collect_target(p, tf, t->tuple.xs[i]);
}

/* Python scoping: a name bound anywhere in the body is local. */
static void collect_locals(Program *p, TypedFunc *tf, Block *b)
{
    for (int i = 0; i < b->n; i++) {
        Stmt *s = b->stmts[i];
        switch (s->kind) {
        case ST_ASSIGN:
            for (int k = 0; k < s->assign.ntargets; k++)
                collect_target(p, tf, s->assign.targets[k]);
            break;
        case ST_AUGASSIGN: collect_target(p, tf, s->aug.target); break;
        case ST_FOR:
            collect_target(p, tf, s->for_.target);
            collect_locals(p, tf, &s->for_.body);
            collect_locals(p, tf, &s->for_.orelse);
            break;
        case ST_IF:
            collect_locals(p, tf, &s->if_.then);
            collect_locals(p, tf, &s->if_.orelse);
            break;
        case ST_WHILE:
            collect_locals(p, tf, &s->while_.body);
            collect_locals(p, tf, &s->while_.orelse);
            break;
        default: break;
        }
    }
}

/* Widens v's type with t (Numba's unification). */
static void assign_var(Infer *I, Var *v, const Type *t, Pos pos)
{
    if (!t || !v)
        return;
    if (!v->ty) {
        v->ty = t;
        v->ty_pos = pos;
        I->changed = 1;
        return;
    }
    if (ty_equal(v->ty, t))
        return;
    const Type *u = ty_unify(I->p->arena, v->ty, t);
    if (!u || t->kind == TY_NONE || v->ty->kind == TY_NONE) {
        ERR(I, DK_TYPE, pos, "cannot assign %s to '%.*s': it was %s at line %d",
            S(I, t), shown_len(v->name), v->name, S(I, v->ty), v->ty_pos.line);
        return;
    }
    if (!ty_equal(u, v->ty)) {
        v->ty = u;
        v->ty_pos = pos;
        I->changed = 1;
    }
}

/* ---------- module scope: imports, constants, functions ---------- */

static int fold_const(Infer *I, Expr *e, Const *out, int depth);

static const Global *find_global(const Module *m, const char *name)
{
    for (int i = m->nglobals - 1; i >= 0; i--)
        if (!strcmp(m->globals[i].name, name))
            return &m->globals[i];
    return NULL;
}

static const Import *find_import(const Module *m, const char *name)
{
    for (int i = m->nimports - 1; i >= 0; i--)
        if (!strcmp(m->imports[i].alias, name))
            return &m->imports[i];
    return NULL;
}

/* Canonical module names: numpy, math, numba, numba.cuda. */
static const char *qualify(Infer *I, const char *module, const char *member)
{
    if (!member)
        return module;
    return arena_printf(I->p->arena, "%s.%s", module, member);
}

static const char *exc_classes[] = {
    "ValueError", "IndexError", "ZeroDivisionError", "RuntimeError", "AssertionError",
    "MemoryError", "TypeError", "OverflowError", "KeyError", "NotImplementedError",
    "ArithmeticError", "Exception", NULL,
};

/* The type of a qualified name like "numpy.float32", "math.sqrt", "numba",
 * "numba.cuda.grid": module, dtype, builtin or exception class. NULL if the
 * name means nothing. Constants are handled by fold_qualified. */
static const Type *type_of_qualified(Infer *I, const char *q)
{
    Arena *a = I->p->arena;
    if (!strcmp(q, "numpy") || !strcmp(q, "math") || !strcmp(q, "numba") ||
        !strcmp(q, "numba.cuda") || !strcmp(q, "numba.cuda.threadIdx") ||
        !strcmp(q, "numba.cuda.blockIdx") || !strcmp(q, "numba.cuda.blockDim") ||
        !strcmp(q, "numba.cuda.gridDim") || !strcmp(q, "numba.cuda.shared") ||
        !strcmp(q, "numba.cuda.local") || !strcmp(q, "numba.cuda.atomic"))
        return ty_named(a, TY_MODULE, q);
    if (builtin_find(q))
        return ty_named(a, TY_BUILTIN, q);
    const char *dot = strrchr(q, '.');
    const char *last = dot ? dot + 1 : q;
    if (!strncmp(q, "numpy.", 6) || !strncmp(q, "numba.", 6)) {
        if (strchr(q + 6, '.') == NULL) {
            const Type *s = ty_scalar_from_name(last);
            if (s && strcmp(last, "float") && strcmp(last, "int"))
                return ty_dtype(a, s);
        }
    }
    if (!dot) {
        for (int i = 0; exc_classes[i]; i++)
            if (!strcmp(q, exc_classes[i]))
                return ty_named(a, TY_EXCCLASS, q);
    }
    /* Decorators and names that are valid in the script but not values in a
     * kernel still resolve, so the error can name them. */
    if (!strncmp(q, "numba.", 6) || !strncmp(q, "numpy.", 6) || !strncmp(q, "math.", 5))
        return ty_named(a, TY_BUILTIN, q);
    return NULL;
}

static int fold_qualified(const char *q, Const *c)
{
    static const struct { const char *name; double v; } consts[] = {
        {"math.pi", M_PI}, {"math.e", M_E}, {"math.tau", 2 * M_PI},
        {"math.inf", INFINITY}, {"math.nan", NAN}, {"numpy.pi", M_PI},
        {"numpy.e", M_E}, {"numpy.inf", INFINITY}, {"numpy.nan", NAN},
        {"numpy.NaN", NAN}, {"numpy.Inf", INFINITY},
    };
    for (size_t i = 0; i < sizeof consts / sizeof consts[0]; i++)
        if (!strcmp(q, consts[i].name)) {
            c->ty = ty_float64;
            c->f = consts[i].v;
            return 1;
        }
    return 0;
}

/* Module paths are short (numba.cuda.local.array): a longer attribute chain
 * is a value's (a.T.T...), and is not walked at every level, which made a
 * 10^5-long chain quadratic and its recursion as deep as the chain. */
#define QUALIFIED_MAX_DEPTH 8

/* The qualified name an expression like np.float32 / math.sqrt / numba.cuda.grid
 * denotes through the imports, or NULL. */
static const char *qualified_name(Infer *I, const Expr *e)
{
    int depth = 0;
    for (const Expr *b = e; b->kind == EX_ATTR; b = b->attr.obj)
        if (++depth > QUALIFIED_MAX_DEPTH)
            return NULL;
    if (e->kind == EX_NAME) {
        if (e->name[0] == '$')
            return e->name + 1;   /* a synthesized qualified name: "$numba.cuda" */
        if (infer_find_var(I->fn, e->name))
            return NULL;
        const Import *im = find_import(I->mod, e->name);
        if (!im)
            return NULL;
        return qualify(I, im->module, im->member);
    }
    if (e->kind == EX_ATTR) {
        const char *base = qualified_name(I, e->attr.obj);
        return base ? qualify(I, base, e->attr.name) : NULL;
    }
    return NULL;
}

/* Python builtins usable in kernels (not shadowed by the script). */
static const Type *python_builtin(Infer *I, const char *name)
{
    if (name[0] == '_' && I->mod != I->p->prelude)
        return NULL;   /* the prelude's intrinsics are not part of the language */
    if (builtin_find(name))
        return ty_named(I->p->arena, TY_BUILTIN, name);
    for (int i = 0; exc_classes[i]; i++)
        if (!strcmp(name, exc_classes[i]))
            return ty_named(I->p->arena, TY_EXCCLASS, name);
    return NULL;
}

/* Evaluates a module-level constant expression. Returns 1 and fills c when
 * e folds to a number. depth guards against `A = B; B = A` cycles. */
static int fold_const(Infer *I, Expr *e, Const *c, int depth)
{
    if (depth > 32)
        return 0;
    memset(c, 0, sizeof *c);
    switch (e->kind) {
    case EX_INT: c->ty = ty_int64; c->i = e->ival; return 1;
    case EX_BOOL: c->ty = ty_bool; c->i = e->ival; return 1;
    case EX_FLOAT: c->ty = ty_float64; c->f = e->fval; return 1;
    case EX_NAME: {
        const Import *im = find_import(I->mod, e->name);
        if (im)
            return im->member ? fold_qualified(qualify(I, im->module, im->member), c) : 0;
        const Global *g = find_global(I->mod, e->name);
        return g ? fold_const(I, g->value, c, depth + 1) : 0;
    }
    case EX_ATTR: {
        const char *q = qualified_name(I, e);
        return q ? fold_qualified(q, c) : 0;
    }
    case EX_UNARY: {
        Const x;
        if (!fold_const(I, e->un.x, &x, depth + 1))
            return 0;
        *c = x;
        if (e->un.op == UOP_NEG) {
            if (ty_is_float(x.ty))
                c->f = -x.f;
            else {
                c->ty = ty_int64;
                c->i = (int64_t)(0 - (uint64_t)x.i);
            }
        } else if (e->un.op == UOP_NOT) {
            c->ty = ty_bool;
            c->i = ty_is_float(x.ty) ? x.f == 0 : x.i == 0;
        } else if (e->un.op == UOP_INVERT) {
            if (ty_is_float(x.ty))
                return 0;
            c->ty = ty_int64;
            c->i = ~x.i;
        }
        return 1;
    }
    case EX_BINOP: {
        Const l, r;
        if (!fold_const(I, e->bin.l, &l, depth + 1) || !fold_const(I, e->bin.r, &r, depth + 1))
            return 0;
        int fl = ty_is_float(l.ty) || ty_is_float(r.ty);
        double lf = ty_is_float(l.ty) ? l.f : (double)l.i;
        double rf = ty_is_float(r.ty) ? r.f : (double)r.i;
        switch (e->bin.op) {
        case OP_ADD: case OP_SUB: case OP_MUL:
            if (fl) {
                c->ty = ty_promote(l.ty, r.ty);
                if (!ty_is_float(c->ty))
                    c->ty = ty_float64;
                c->f = e->bin.op == OP_ADD ? lf + rf : e->bin.op == OP_SUB ? lf - rf : lf * rf;
            } else {
                c->ty = ty_int64;
                uint64_t a = (uint64_t)l.i, b = (uint64_t)r.i;
                c->i = (int64_t)(e->bin.op == OP_ADD ? a + b : e->bin.op == OP_SUB ? a - b : a * b);
            }
            return 1;
        case OP_DIV:
            c->ty = (ty_equal(l.ty, ty_float32) && ty_equal(r.ty, ty_float32)) ? ty_float32 : ty_float64;
            c->f = lf / rf;
            if (c->ty == ty_float32)
                c->f = (float)c->f;
            return 1;
        case OP_POW:
            if (fl || r.i < 0) {
                c->ty = ty_float64;
                c->f = pow(lf, rf);
            } else {
                c->ty = ty_int64;
                int64_t acc = 1;
                for (int64_t k = 0; k < r.i && k < 64; k++)
                    acc = (int64_t)((uint64_t)acc * (uint64_t)l.i);
                c->i = acc;
            }
            return 1;
        case OP_FLOORDIV: case OP_MOD:
            if (fl) {
                if (rf == 0)
                    return 0;
                double q = floor(lf / rf);
                c->ty = ty_float64;
                c->f = e->bin.op == OP_FLOORDIV ? q : lf - q * rf;
            } else {
                if (r.i == 0 || (l.i == INT64_MIN && r.i == -1))
                    return 0;
                int64_t q = l.i / r.i, m = l.i % r.i;
                if (m != 0 && ((m < 0) != (r.i < 0))) {
                    q -= 1;
                    m += r.i;
                }
                c->ty = ty_int64;
                c->i = e->bin.op == OP_FLOORDIV ? q : m;
            }
            return 1;
        case OP_LSHIFT: case OP_RSHIFT: case OP_BITAND: case OP_BITOR: case OP_BITXOR:
            if (fl)
                return 0;
            c->ty = ty_int64;
            switch (e->bin.op) {
            case OP_LSHIFT: c->i = (r.i < 0 || r.i > 63) ? 0 : (int64_t)((uint64_t)l.i << r.i); break;
            case OP_RSHIFT: c->i = (r.i < 0 || r.i > 63) ? (l.i < 0 ? -1 : 0) : l.i >> r.i; break;
            case OP_BITAND: c->i = l.i & r.i; break;
            case OP_BITOR: c->i = l.i | r.i; break;
            default: c->i = l.i ^ r.i; break;
            }
            return 1;
        default:
            return 0;
        }
    }
    case EX_CALL: {
        /* np.float32(0.5), float(3), int(2.5) */
        if (e->call.nargs != 1 || e->call.nkw)
            return 0;
        Const x;
        if (!fold_const(I, e->call.args[0], &x, depth + 1))
            return 0;
        const Type *to = NULL;
        const char *q = qualified_name(I, e->call.fn);
        if (q) {
            const Type *t = type_of_qualified(I, q);
            if (t && t->kind == TY_DTYPE)
                to = t->dtype.of;
        } else if (e->call.fn->kind == EX_NAME && !find_global(I->mod, e->call.fn->name)) {
            const char *n = e->call.fn->name;
            to = !strcmp(n, "float") ? ty_float64 : !strcmp(n, "int") ? ty_int64 : NULL;
        }
        if (!to)
            return 0;
        double xf = ty_is_float(x.ty) ? x.f : (double)x.i;
        c->ty = to;
        if (ty_is_float(to))
            c->f = to->kind == TY_FLOAT32 ? (double)(float)xf : xf;
        else if (ty_is_float(x.ty)) {
            if (!(xf > -9.3e18 && xf < 9.3e18))
                return 0;
            c->i = (int64_t)xf;
        } else
            c->i = x.i;
        return 1;
    }
    default:
        return 0;
    }
}

/* Rewrites e in place into the literal of c. */
static const Type *make_literal(Expr *e, const Const *c)
{
    if (ty_is_float(c->ty)) {
        e->kind = EX_FLOAT;
        e->fval = c->f;
    } else {
        e->kind = c->ty->kind == TY_BOOL ? EX_BOOL : EX_INT;
        e->ival = c->i;
    }
    e->ty = c->ty;
    return c->ty;
}

static const ExternFn *find_extern(const Program *p, const char *name)
{
    for (int i = 0; i < p->nexterns; i++)
        if (!strcmp(p->externs[i].name, name))
            return &p->externs[i];
    return NULL;
}

/* A name not bound locally: a module function, constant, import or builtin. */
static const Type *ty_global_name(Infer *I, Expr *e)
{
    const Module *m = I->mod;
    const char *name = e->name;
    if (name[0] == '$')
        return ty_named(I->p->arena, TY_BUILTIN, name + 1);
    FuncDef *f = ast_find_func(m, name);
    const Global *g = find_global(m, name);
    if (f && !g)
        return ty_named(I->p->arena, TY_FUNC, name);
    if (g) {
        Const c = {0};
        if (fold_const(I, g->value, &c, 0))
            return I->final ? make_literal(e, &c) : c.ty;
        /* f_fast = njit(f) / jit(nopython=True)(f): an alias of f */
        Expr *v = g->value;
        while (v->kind == EX_CALL && v->call.nargs == 1) {
            Expr *a = v->call.args[0];
            if (a->kind == EX_NAME && ast_find_func(m, a->name))
                return ty_named(I->p->arena, TY_FUNC, a->name);
            v = v->call.fn;
        }
        if (I->mod == I->p->mod && find_extern(I->p, name))
            return ty_named(I->p->arena, TY_EXTERN, name);
        ERR(I, DK_TYPE, e->pos, "module variable '%s' (line %d) is not a numeric constant; "
            "kernels can only read numeric module constants", name, g->pos.line);
        return NULL;
    }
    const Import *im = find_import(m, name);
    if (im) {
        const char *q = qualify(I, im->module, im->member);
        Const c = {0};
        if (fold_qualified(q, &c))
            return I->final ? make_literal(e, &c) : c.ty;
        const Type *t = type_of_qualified(I, q);
        if (!t && strncmp(q, "numpy", 5) && strncmp(q, "numba", 5) && strncmp(q, "math", 4))
            ERR(I, DK_UNSUPPORTED, e->pos, "module '%s' cannot be used in kernels; kernels may use "
                "numba, numpy and math", im->module);
        else if (!t)
            ERR(I, DK_NAME, e->pos, "'%s' (imported as '%s') is not supported in kernels", q, name);
        return t;
    }
    const Type *b = python_builtin(I, name);
    if (b)
        return b;
    if (I->mod == I->p->mod && find_extern(I->p, name))
        return ty_named(I->p->arena, TY_EXTERN, name);   /* registered by the host */
    if (!strcmp(name, "zip") || !strcmp(name, "enumerate")) {
        ERR(I, DK_UNSUPPORTED, e->pos, "%s() is only supported directly as the iterable of a for loop "
            "(not nested, not stored)", name);
        return NULL;
    }
    ERR(I, DK_NAME, e->pos, "name '%s' is not defined", name);
    return NULL;
}

/* ---------- expressions ---------- */

static const Type *ty_name(Infer *I, Expr *e)
{
    Var *v = infer_find_var(I->fn, e->name);
    if (!v)
        return ty_global_name(I, e);
    e->sym = v;
    if (!v->ty) {
        I->unknown = 1;
        ERR(I, DK_NAME, e->pos, "local variable '%.*s' is used before it is assigned", shown_len(e->name), e->name);
    }
    return v->ty;
}

static const CudaSreg cuda_sregs[4][3] = {
    {{0, 0}, {0, 1}, {0, 2}}, {{1, 0}, {1, 1}, {1, 2}}, {{2, 0}, {2, 1}, {2, 2}}, {{3, 0}, {3, 1}, {3, 2}},
};

static const CudaSreg *cuda_sreg(const char *q)
{
    static const char *regs[4] = {"threadIdx", "blockIdx", "blockDim", "gridDim"};
    if (strncmp(q, "numba.cuda.", 11))
        return NULL;
    q += 11;
    for (int w = 0; w < 4; w++) {
        size_t n = strlen(regs[w]);
        if (!strncmp(q, regs[w], n) && q[n] == '.' && q[n + 1] >= 'x' && q[n + 1] <= 'z' && !q[n + 2])
            return &cuda_sregs[w][q[n + 1] - 'x'];
    }
    return NULL;
}

static const Type *ty_attr(Infer *I, Expr *e)
{
    const char *q = qualified_name(I, e);
    if (q && cuda_sreg(q)) {
        e->sym = cuda_sreg(q);
        return ty_int64;
    }
    if (q) {
        Const c = {0};
        if (fold_qualified(q, &c))
            return I->final ? make_literal(e, &c) : c.ty;
        const Type *t = type_of_qualified(I, q);
        if (!t && strncmp(q, "numpy", 5) && strncmp(q, "numba", 5) && strncmp(q, "math", 4))
            ERR(I, DK_UNSUPPORTED, e->pos, "module '%.*s' cannot be used in kernels; kernels may use "
                "numba, numpy and math", (int)strcspn(q, "."), q);
        else if (!t)
            ERR(I, DK_NAME, e->pos, "'%s' is not supported in kernels", q);
        return t;
    }
    const Type *o = ty_expr(I, e->attr.obj);
    if (!o)
        return NULL;
    const char *n = e->attr.name;
    if (o->kind == TY_ARRAY) {
        if (!strcmp(n, "dtype"))
            return ty_dtype(I->p->arena, o->arr.dtype);
        if (!strcmp(n, "T"))
            return o->arr.ndim == 1 ? o : ty_array(I->p->arena, o->arr.dtype, o->arr.ndim, 'A');
        char mname[64];
        snprintf(mname, sizeof mname, "array.%s", n);
        if (builtin_find(mname))
            return ty_named(I->p->arena, TY_BUILTIN, arena_strdup(I->p->arena, mname));
        if (!strcmp(n, "shape")) {
            const Type *el[TY_MAX_NDIM];
            for (int i = 0; i < o->arr.ndim; i++)
                el[i] = ty_int64;
            return ty_tuple(I->p->arena, o->arr.ndim, el);
        }
        if (!strcmp(n, "size") || !strcmp(n, "ndim"))
            return ty_int64;
    }
    ERR(I, DK_TYPE, e->pos, "%s has no attribute '%s'", S(I, o), n);
    return NULL;
}

/* The index of a tuple subscript must be a constant integer. */
static int const_index(Infer *I, Expr *x, int64_t *out)
{
    Const c = {0};
    if (!fold_const(I, x, &c, 0) || !ty_is_int(c.ty))
        return 0;
    *out = c.i;
    return 1;
}

/* One part of a slice (lo, hi or step): an integer or absent. */
static int slice_part_ok(Infer *I, Expr *x)
{
    if (!x || x->kind == EX_NONE) {
        if (x)
            x->ty = ty_none;
        return 1;
    }
    const Type *t = ty_expr(I, x);
    if (!t)
        return 0;
    if (!ty_is_int(t) && !ty_is_bool(t)) {
        ERR(I, DK_TYPE, x->pos, "slice indices must be integers, not %s", S(I, t));
        return 0;
    }
    return 1;
}

/* a[i, j], a[i], a[1:-1], a[:, j], a[::2]: integers select, slices keep a
 * dimension; fewer indices than dimensions keep the rest whole. The result
 * is the element when every dimension is selected, otherwise a view. A view
 * stays C-contiguous when it keeps whole trailing rows: leading integers,
 * then at most one unit-step slice. */
static const Type *ty_array_index(Infer *I, Expr *e, const Type *o)
{
    Expr *ix = e->sub.index;
    int n = ix->kind == EX_TUPLE ? ix->tuple.n : 1;
    Expr **xs = ix->kind == EX_TUPLE ? ix->tuple.xs : &ix;
    if (ix->kind == EX_TUPLE)
        ix->ty = NULL;
    int ok = 1, nint = 0, contiguous = o->arr.layout == 'C', seen_slice = 0;
    for (int i = 0; i < n; i++) {
        Expr *x = xs[i];
        if (x->kind == EX_SLICE) {
            ok &= slice_part_ok(I, x->slice.lo) & slice_part_ok(I, x->slice.hi) &
                  slice_part_ok(I, x->slice.step);
            int unit = !x->slice.step || (x->slice.step->kind == EX_INT && x->slice.step->ival == 1);
            int whole = !x->slice.lo && !x->slice.hi && unit;
            if (seen_slice && !whole)
                contiguous = 0;
            if (!unit)
                contiguous = 0;
            seen_slice = 1;
            x->ty = ty_none;
            continue;
        }
        const Type *t = ty_expr(I, x);
        if (!t) {
            ok = 0;
            continue;
        }
        if (!ty_is_int(t) && !ty_is_bool(t)) {
            ERR(I, DK_TYPE, x->pos, "array index must be an integer, not %s", S(I, t));
            ok = 0;
        }
        if (seen_slice)
            contiguous = 0;
        nint++;
    }
    if (!ok)
        return NULL;
    if (n > o->arr.ndim) {
        ERR(I, DK_TYPE, e->pos, "too many indices for %s: %d given", S(I, o), n);
        return NULL;
    }
    if (nint == o->arr.ndim)
        return o->arr.dtype;
    return ty_array(I->p->arena, o->arr.dtype, o->arr.ndim - nint, contiguous ? 'C' : 'A');
}

static const Type *ty_subscript(Infer *I, Expr *e)
{
    const Type *o = ty_expr(I, e->sub.obj);
    Expr *ix = e->sub.index;
    if (!o) {
        ty_expr(I, ix);
        return NULL;
    }
    if (o->kind == TY_TUPLE) {
        int64_t k;
        if (!const_index(I, ix, &k)) {
            /* a run-time index needs every element to have one type */
            const Type *t = ty_expr(I, ix);
            int uniform = o->tup.n > 0;
            for (int i = 1; i < o->tup.n && uniform; i++)
                uniform = ty_equal(o->tup.elems[i], o->tup.elems[0]);
            if (t && ty_is_int(t) && uniform)
                return o->tup.elems[0];
            if (t)
                ERR(I, DK_TYPE, ix->pos, "%s can only be indexed by a constant integer (its elements differ "
                    "in type)", S(I, o));
            return NULL;
        }
        ty_expr(I, ix);
        if (k < 0)
            k += o->tup.n;
        if (k < 0 || k >= o->tup.n) {
            ERR(I, DK_TYPE, ix->pos, "tuple index out of range (%s has %d elements)", S(I, o), o->tup.n);
            return NULL;
        }
        if (I->final) {
            /* lowering reads the element number from a plain literal */
            ix->kind = EX_INT;
            ix->ival = k;
            ix->ty = ty_int64;
        }
        return o->tup.elems[k];
    }
    if (o->kind == TY_RANGE) {
        const Type *t = ty_expr(I, ix);
        if (t && !ty_is_int(t))
            ERR(I, DK_TYPE, ix->pos, "range indices must be integers, not %s", S(I, t));
        return t && ty_is_int(t) ? ty_int64 : NULL;
    }
    if (o->kind == TY_FUNC) {
        ty_expr(I, ix);
        ERR(I, DK_UNSUPPORTED, e->pos, "launching a kernel as %s[blocks, threads](...) is not supported yet; "
            "compile it to PTX with jit ptx", o->func.name);
        return NULL;
    }
    if (o->kind == TY_CPOINTER && o->ptr.to) {
        /* p[i]: the i-th element after the address, unchecked as in C */
        const Type *t = ty_expr(I, ix);
        if (t && !ty_is_int(t)) {
            ERR(I, DK_TYPE, ix->pos, "pointer index must be an integer, not %s", S(I, t));
            return NULL;
        }
        return t ? o->ptr.to : NULL;
    }
    if (o->kind != TY_ARRAY) {
        ty_expr(I, ix);
        ERR(I, DK_TYPE, e->pos, "%s is not subscriptable", S(I, o));
        return NULL;
    }
    return ty_array_index(I, e, o);
}

/* Numba's result type of a binary arithmetic operator on two scalars (it
 * differs from NumPy's promotion: integer arithmetic happens in 64 bits,
 * unsigned only when both operands are unsigned). NULL if not defined. */
const Type *infer_arith_type(BinOp op, const Type *l, const Type *r)
{
    if (!ty_is_scalar(l) || !ty_is_scalar(r) || op == OP_MATMUL)
        return NULL;
    int lf = ty_is_float(l), rf = ty_is_float(r);
    if (lf || rf) {
        if (op == OP_BITAND || op == OP_BITOR || op == OP_BITXOR || op == OP_LSHIFT || op == OP_RSHIFT)
            return NULL;
        if (lf && rf)
            return ty_promote(l, r);
        const Type *f = lf ? l : r, *i = lf ? r : l;
        if (f->kind == TY_FLOAT64)
            return ty_float64;
        /* float32 ** int stays float32; float32 with a small int too */
        if (op == OP_POW && lf)
            return ty_float32;
        int small = i->kind == TY_BOOL || i->kind == TY_INT8 || i->kind == TY_UINT8 || i->kind == TY_INT16;
        return small ? ty_float32 : ty_float64;
    }
    if (l->kind == TY_BOOL && r->kind == TY_BOOL &&
        (op == OP_BITAND || op == OP_BITOR || op == OP_BITXOR))
        return ty_bool;
    if (op == OP_DIV)
        return ty_float64;
    return ty_is_unsigned(l) && ty_is_unsigned(r) ? &ty_scalars[TY_UINT64] : ty_int64;
}

static const Type *arith_result(Infer *I, BinOp op, const Type *l, const Type *r, Pos pos)
{
    const Type *t = infer_arith_type(op, l, r);
    if (!t) {
        if (op == OP_MATMUL)
            ERR(I, DK_UNSUPPORTED, pos, "the @ operator needs arrays (np.dot); not supported yet");
        else
            ERR(I, DK_TYPE, pos, "unsupported operand types for %s: %s and %s", ast_binop_str(op),
                S(I, l), S(I, r));
    }
    return t;
}

/* ---------- element-wise operations on arrays (ufunc typing) ---------- */

/* NumPy's loop order: ? b B h H i I l L f d (q/Q are l/L on LP64). */
static const TypeKind ufunc_order[] = {
    TY_BOOL, TY_INT8, TY_UINT8, TY_INT16, TY_UINT16, TY_INT32, TY_UINT32, TY_INT64, TY_UINT64,
    TY_FLOAT32, TY_FLOAT64,
};

/* np.can_cast(from, to, 'safe'). */
static int can_cast_safe(const Type *from, const Type *to)
{
    if (from->kind == to->kind || from->kind == TY_BOOL)
        return 1;
    if (to->kind == TY_BOOL)
        return 0;
    int fb = ty_bits(from), tb = ty_bits(to);
    if (ty_is_float(from))
        return ty_is_float(to) && tb >= fb;
    if (ty_is_float(to))
        return to->kind == TY_FLOAT64 || fb <= 16;
    if (ty_is_signed(from))
        return ty_is_signed(to) && tb >= fb;
    return ty_is_signed(to) ? tb > fb : tb >= fb;   /* from unsigned */
}

static int loop_allowed(UfuncKind k, BinOp op, TypeKind t)
{
    int is_float = t == TY_FLOAT32 || t == TY_FLOAT64;
    switch (k) {
    case UF_ARITH:
        if (t == TY_BOOL)
            return op == OP_ADD || op == OP_MUL;
        return 1;
    case UF_BITWISE:
        return !is_float && (t != TY_BOOL || (op != OP_LSHIFT && op != OP_RSHIFT));
    case UF_FLOAT:
        return is_float;
    default:
        return 1;
    }
}

const Type *infer_ufunc_type(UfuncKind k, BinOp op, const Type **in, int n, const Type **loop)
{
    int kinds = 0;   /* bit 0: bool, 1: integer, 2: float */
    for (int i = 0; i < n; i++) {
        if (!ty_is_scalar(in[i]))
            return NULL;
        kinds |= ty_is_float(in[i]) ? 4 : ty_is_int(in[i]) ? 2 : 1;
    }
    int mixed = (kinds & 4) && (kinds & 2);
    for (size_t j = 0; j < sizeof ufunc_order / sizeof ufunc_order[0]; j++) {
        const Type *t = &ty_scalars[ufunc_order[j]];
        if (!loop_allowed(k, op, t->kind))
            continue;
        int ok = 1;
        for (int i = 0; i < n && ok; i++)
            ok = can_cast_safe(in[i], t) || (mixed && ty_is_int(in[i]) && ty_is_float(t));
        if (!ok)
            continue;
        if (loop)
            *loop = t;
        if (k == UF_COMPARE || k == UF_PRED)
            return ty_bool;
        if (k == UF_DIV && !ty_is_float(t))
            return ty_float64;
        return t;
    }
    return NULL;
}

static UfuncKind binop_ufunc(BinOp op)
{
    switch (op) {
    case OP_DIV: return UF_DIV;
    case OP_BITAND: case OP_BITOR: case OP_BITXOR: case OP_LSHIFT: case OP_RSHIFT: return UF_BITWISE;
    default: return UF_ARITH;
    }
}

/* The array type of an element-wise operation on operands ts (arrays or
 * scalars); NULL with an error if NumPy has no loop for them. */
static const Type *elementwise(Infer *I, UfuncKind k, BinOp op, const Type **ts, int n, Pos pos,
                               const char *what)
{
    const Type *el[4];
    int nd = 0;
    for (int i = 0; i < n; i++) {
        el[i] = infer_elem_type(ts[i]);
        if (ts[i]->kind == TY_ARRAY && ts[i]->arr.ndim > nd)
            nd = ts[i]->arr.ndim;
        if (!ty_is_scalar(el[i])) {
            ERR(I, DK_TYPE, pos, "%s is not defined for %s", what, S(I, ts[i]));
            return NULL;
        }
    }
    const Type *r = infer_ufunc_type(k, op, el, n, NULL);
    if (!r) {
        ERR(I, DK_TYPE, pos, "%s is not defined for %s%s%s", what, S(I, ts[0]), n > 1 ? " and " : "",
            n > 1 ? S(I, ts[1]) : "");
        return NULL;
    }
    return ty_array(I->p->arena, r, nd, 'C');
}

static int any_array(const Type **ts, int n)
{
    for (int i = 0; i < n; i++)
        if (ts[i] && ts[i]->kind == TY_ARRAY)
            return 1;
    return 0;
}

static int truthy(Infer *I, const Type *t, Pos pos)
{
    if (!t)
        return 0;
    if (ty_is_scalar(t) || t->kind == TY_NONE)
        return 1;
    ERR(I, DK_TYPE, pos, "the truth value of %s is not defined in kernels", S(I, t));
    return 0;
}

static const Type *ty_binop(Infer *I, Expr *e)
{
    const Type *l = ty_expr(I, e->bin.l), *r = ty_expr(I, e->bin.r);
    if (!l || !r)
        return NULL;
    const Type *ts[2] = {l, r};
    if (l->kind == TY_TUPLE && r->kind == TY_TUPLE && e->bin.op == OP_ADD) {
        int n = l->tup.n + r->tup.n;
        const Type **el = arena_array(I->p->arena, (size_t)n + 1, sizeof *el);
        if (!el)
            return NULL;
        for (int i = 0; i < n; i++)
            el[i] = i < l->tup.n ? l->tup.elems[i] : r->tup.elems[i - l->tup.n];
        return ty_tuple(I->p->arena, n, el);
    }
    if (any_array(ts, 2)) {
        if (e->bin.op == OP_MATMUL) {
            ERR(I, DK_UNSUPPORTED, e->pos, "the @ operator is not supported yet; use np.dot");
            return NULL;
        }
        char what[32];
        snprintf(what, sizeof what, "operator %s", ast_binop_str(e->bin.op));
        return elementwise(I, binop_ufunc(e->bin.op), e->bin.op, ts, 2, e->pos, what);
    }
    Const c = {0};
    /* Numba types int ** <negative literal> as a float */
    if (e->bin.op == OP_POW && ty_is_int(l) && ty_is_int(r) && fold_const(I, e->bin.r, &c, 0) &&
        ty_is_int(c.ty) && c.i < 0)
        return ty_float64;
    return arith_result(I, e->bin.op, l, r, e->pos);
}

static const Type *ty_unary(Infer *I, Expr *e)
{
    const Type *t = ty_expr(I, e->un.x);
    if (!t)
        return NULL;
    if (t->kind == TY_ARRAY) {
        if (e->un.op == UOP_NOT) {
            ERR(I, DK_TYPE, e->pos, "the truth value of an array is ambiguous; use ~ or np.logical_not");
            return NULL;
        }
        return elementwise(I, e->un.op == UOP_INVERT ? UF_BITWISE : UF_ARITH,
                           e->un.op == UOP_NEG ? OP_SUB : OP_ADD, &t, 1, e->pos, "unary operator");
    }
    if (e->un.op == UOP_NOT)
        return truthy(I, t, e->pos) ? ty_bool : NULL;
    if (!ty_is_scalar(t)) {
        ERR(I, DK_TYPE, e->pos, "bad operand type for unary operator: %s", S(I, t));
        return NULL;
    }
    if (e->un.op == UOP_INVERT && ty_is_float(t)) {
        ERR(I, DK_TYPE, e->pos, "bad operand type for unary ~: %s", S(I, t));
        return NULL;
    }
    if (ty_is_float(t))
        return t;
    if (e->un.op == UOP_INVERT && ty_is_bool(t))
        return ty_bool;
    /* like binary operators, unary ones work on 64-bit integers */
    return ty_is_unsigned(t) ? &ty_scalars[TY_UINT64] : ty_int64;
}

static const Type *ty_compare(Infer *I, Expr *e)
{
    if (e->cmp.n == 2) {
        const Type *ts[2] = {ty_expr(I, e->cmp.xs[0]), ty_expr(I, e->cmp.xs[1])};
        if (!ts[0] || !ts[1])
            return NULL;
        if (any_array(ts, 2)) {
            if (e->cmp.ops[0] > CMP_GE) {
                ERR(I, DK_UNSUPPORTED, e->pos, "'%s' is not supported on arrays", ast_cmpop_str(e->cmp.ops[0]));
                return NULL;
            }
            return elementwise(I, UF_COMPARE, OP_ADD, ts, 2, e->pos, "comparison");
        }
    }
    int ok = 1;
    const Type *prev = NULL;
    for (int i = 0; i < e->cmp.n; i++) {
        const Type *t = ty_expr(I, e->cmp.xs[i]);
        if (!t) {
            ok = 0;
            prev = NULL;
            continue;
        }
        if (i > 0 && prev) {
            CmpOp op = e->cmp.ops[i - 1];
            if (op == CMP_IN || op == CMP_NOTIN) {
                ERR(I, DK_UNSUPPORTED, e->pos, "'in' is not supported in kernels");
                ok = 0;
            } else if (op == CMP_IS || op == CMP_ISNOT) {
                if (prev->kind != TY_NONE && t->kind != TY_NONE) {
                    ERR(I, DK_UNSUPPORTED, e->pos, "'is' is only supported with None");
                    ok = 0;
                }
            } else if (!ty_is_scalar(prev) || !ty_is_scalar(t)) {
                ERR(I, DK_TYPE, e->pos, "cannot compare %s and %s", S(I, prev), S(I, t));
                ok = 0;
            }
        }
        prev = t;
    }
    return ok ? ty_bool : NULL;
}

static const Type *ty_join(Infer *I, const Type *a, const Type *b, Pos pos)
{
    if (!a || !b)
        return NULL;
    if (ty_equal(a, b))
        return a;
    const Type *u = ty_unify(I->p->arena, a, b);
    if (!u)
        ERR(I, DK_TYPE, pos, "the branches have incompatible types %s and %s", S(I, a), S(I, b));
    return u;
}

static const Type *ty_tuple_expr(Infer *I, Expr *e)
{
    const Type **el = arena_array(I->p->arena, (size_t)e->tuple.n + 1, sizeof *el);
    int ok = el != NULL;
    for (int i = 0; i < e->tuple.n; i++) {
        const Type *t = ty_expr(I, e->tuple.xs[i]);
        if (!t)
            ok = 0;
        else if (el)
            el[i] = t;
    }
    return ok ? ty_tuple(I->p->arena, e->tuple.n, el) : NULL;
}

/* ----- calls ----- */

/* Prelude functions are specialized per fast-math setting of their caller,
 * and per parallel=True (their prange loops run on threads in a parallel
 * caller, as Numba's parallel np.sum does): fm holds the caller's fast-math
 * flags, plus SPEC_PARALLEL (above every LLVM fast-math bit). */
#define SPEC_PARALLEL 0x80000000u
static TypedFunc *specialize(Program *p, const Module *m, const FuncDef *f, const Type **args, int nargs, Pos pos,
                             unsigned fm);
static int is_cuda_kernel(Infer *I, const FuncDef *f);

/* Puts keyword and default arguments of a call to script function f into
 * positional order, rewriting the call node. */
static int bind_args(Infer *I, Expr *e, const FuncDef *f)
{
    int n = f->nparams;
    if (e->call.nargs > n) {
        ERR(I, DK_TYPE, e->pos, "%s() takes %d argument%s but %d were given", f->name, n,
            n == 1 ? "" : "s", e->call.nargs);
        return 0;
    }
    if (e->call.nkw == 0 && e->call.nargs == n)
        return 1;
    Expr **args = arena_array(I->p->arena, (size_t)n + 1, sizeof *args);
    int *order = arena_array(I->p->arena, (size_t)n + 1, sizeof *order);
    int norder = 0;
    if (!args || !order)
        return 0;
    for (int i = 0; i < e->call.nargs; i++) {
        args[i] = e->call.args[i];
        order[norder++] = i;
    }
    for (int k = 0; k < e->call.nkw; k++) {
        Keyword *kw = &e->call.kw[k];
        int idx = -1;
        for (int i = 0; i < n; i++)
            if (!strcmp(f->params[i].name, kw->name))
                idx = i;
        if (idx < 0) {
            ERR(I, DK_TYPE, kw->pos, "%s() got an unexpected keyword argument '%s'", f->name, kw->name);
            return 0;
        }
        if (args[idx]) {
            ERR(I, DK_TYPE, kw->pos, "%s() got multiple values for argument '%s'", f->name, kw->name);
            return 0;
        }
        args[idx] = kw->value;
        order[norder++] = idx;   /* keywords are evaluated as written */
    }
    for (int i = 0; i < n; i++) {
        if (args[i])
            continue;
        if (!f->params[i].deflt) {
            ERR(I, DK_TYPE, e->pos, "%s() missing required argument '%s'", f->name, f->params[i].name);
            return 0;
        }
        /* A default is a constant expression of the module; give the call
         * its own copy to type (the callee's scope is the module's too). */
        Expr *d = arena_alloc(I->p->arena, sizeof *d);
        if (!d)
            return 0;
        *d = *f->params[i].deflt;
        args[i] = d;
        order[norder++] = i;
    }
    e->call.args = args;
    e->call.nargs = n;
    e->call.nkw = 0;
    e->call.order = order;
    return 1;
}

/* ----- universal functions (@vectorize, @guvectorize; see ufunc.h) ----- */

static const Type *annot_type(Program *p, Expr *a);
static const char *decorator_name(Program *p, Expr *d);

/* One signature of the decorator's list: "f8(f8, f8)" or float64(float64, float64). */
static int ufunc_sig(Program *p, Expr *s, UfuncSig *sg)
{
    sg->pos = s->pos;
    if (s->kind == EX_STR) {
        const char *err = NULL;
        int n = ty_parse_sig(p->arena, s->str, &sg->ret, &sg->args, &err);
        if (n < 0) {
            diag_error(p->diags, DK_TYPE, s->pos, "%s", err ? err : "bad signature");
            return -1;
        }
        sg->nargs = n;
        if (sg->ret && sg->ret->kind == TY_NONE)
            sg->ret = NULL;
        return 0;
    }
    if (s->kind == EX_CALL && s->call.nkw == 0) {
        int void_ret = s->call.fn->kind == EX_NAME &&
                       (!strcmp(s->call.fn->name, "void") || !strcmp(s->call.fn->name, "none"));
        sg->ret = void_ret ? NULL : annot_type(p, s->call.fn);
        sg->nargs = s->call.nargs;
        sg->args = arena_array(p->arena, (size_t)sg->nargs + 1, sizeof *sg->args);
        if ((void_ret || sg->ret) && sg->args) {
            for (int k = 0; k < sg->nargs; k++)
                if (!(sg->args[k] = annot_type(p, s->call.args[k]))) {
                    diag_error(p->diags, DK_TYPE, s->call.args[k]->pos, "unsupported type in signature");
                    return -1;
                }
            return 0;
        }
    }
    diag_error(p->diags, DK_TYPE, s->pos, "a ufunc signature must be a string like 'float64(float64, float64)' "
               "or a type call like float64(float64, float64)");
    return -1;
}

/* Checks an eager signature against the kernel and the layout. */
static int ufunc_check_sig(Program *p, Ufunc *uf, UfuncSig *sg)
{
    const char *name = uf->kernel->name;
    if (sg->nargs != uf->kernel->nparams) {
        diag_error(p->diags, DK_TYPE, sg->pos, "signature has %d arguments but '%s' takes %d", sg->nargs, name,
                   uf->kernel->nparams);
        return -1;
    }
    if (uf->family == UF_VECTORIZE) {
        if (!sg->ret || !ty_is_scalar(sg->ret)) {
            diag_error(p->diags, DK_TYPE, sg->pos, "a @vectorize signature returns a number, like "
                       "'float64(float64, float64)'");
            return -1;
        }
        for (int i = 0; i < sg->nargs; i++)
            if (!ty_is_scalar(sg->args[i])) {
                diag_error(p->diags, DK_TYPE, sg->pos, "a @vectorize signature takes numbers, not %s (use "
                           "@guvectorize for array arguments)", ty_str_of(p->arena, sg->args[i]));
                return -1;
            }
        return 0;
    }
    if (sg->ret) {
        diag_error(p->diags, DK_TYPE, sg->pos, "a @guvectorize signature returns void; outputs are the last "
                   "arguments");
        return -1;
    }
    for (int i = 0; i < sg->nargs; i++) {
        const Type *t = sg->args[i];
        int c = uf->core[i].ndim, is_out = i >= uf->nin;
        int nd = t->kind == TY_ARRAY ? t->arr.ndim : 0;
        int ok = ty_is_scalar(t) ? c == 0 && !is_out
                                 : t->kind == TY_ARRAY && (nd == c || (c == 0 && nd == 1 && is_out));
        if (!ok) {
            diag_error(p->diags, DK_TYPE, sg->pos, "argument %d of the signature is %s but the layout '%s' gives "
                       "it %d core dimension%s%s", i + 1, ty_str_of(p->arena, t), uf->layout, c, c == 1 ? "" : "s",
                       is_out && c == 0 ? " (a scalar output is a 1-element array: write out[0])" : "");
            return -1;
        }
    }
    return 0;
}

/* Reads a @vectorize/@guvectorize decorator into uf; -1 after an error. */
static int ufunc_read(Program *p, Expr *d, Ufunc *uf)
{
    Expr *sigs = NULL, *layout = NULL;
    const char *target = "cpu";
    if (d->kind == EX_CALL) {
        int np = d->call.nargs;
        Expr **a = d->call.args;
        if (uf->family == UF_GUVECTORIZE && np == 1 && a[0]->kind == EX_STR)
            layout = a[0];          /* @guvectorize('(n)->()'): lazy */
        else {
            sigs = np > 0 ? a[0] : NULL;
            layout = np > 1 ? a[1] : NULL;
        }
        if (np > (uf->family == UF_GUVECTORIZE ? 2 : 1)) {
            diag_error(p->diags, DK_TYPE, a[np - 1]->pos, "too many arguments to the decorator");
            return -1;
        }
        for (int k = 0; k < d->call.nkw; k++) {
            Keyword *kw = &d->call.kw[k];
            if (!strcmp(kw->name, "target")) {
                if (kw->value->kind != EX_STR) {
                    diag_error(p->diags, DK_TYPE, kw->value->pos, "target must be a string: 'cpu', 'parallel' or 'cuda'");
                    return -1;
                }
                target = kw->value->str;
            } else if (!strcmp(kw->name, "signature") && uf->family == UF_GUVECTORIZE)
                layout = kw->value;
            else if (!strcmp(kw->name, "identity")) {
                /* a number (for reduce of an empty array); None and
                 * "reorderable" mean no identity */
                Expr *v = kw->value;
                int neg = v->kind == EX_UNARY && v->un.op == UOP_NEG;
                Expr *x = neg ? v->un.x : v;
                if (x->kind == EX_INT)
                    uf->identity = arena_printf(p->arena, "%s%lld", neg ? "-" : "", (long long)x->ival);
                else if (x->kind == EX_FLOAT)
                    uf->identity = arena_printf(p->arena, "%s%.17g", neg ? "-" : "", x->fval);
                else if (x->kind == EX_BOOL)
                    uf->identity = x->ival ? "1" : "0";
            }
        }
    }
    uf->target = ufunc_target(target);
    if (!uf->target) {
        diag_error(p->diags, DK_UNSUPPORTED, d->pos, "ufunc target '%s' is not supported (use 'cpu', "
                   "'parallel' or 'cuda')", target);
        return -1;
    }
    uf->nin = uf->kernel->nparams;
    uf->nout = 1;
    if (uf->kernel->nparams < 1 || uf->kernel->nparams >= UF_MAX_ARGS) {
        diag_error(p->diags, DK_UNSUPPORTED, uf->kernel->pos, "a ufunc takes 1 to %d arguments; '%s' takes %d",
                   UF_MAX_ARGS - 1, uf->kernel->name, uf->kernel->nparams);
        return -1;
    }
    if (uf->family == UF_GUVECTORIZE) {
        if (!layout || layout->kind != EX_STR) {
            diag_error(p->diags, DK_TYPE, layout ? layout->pos : d->pos, "@guvectorize needs a layout string "
                       "like '(n),(n)->()' after its signatures");
            return -1;
        }
        const char *err = NULL;
        if (ufunc_parse_layout(p->arena, layout->str, uf->core, &uf->nin, &uf->nout, &err) < 0) {
            diag_error(p->diags, DK_TYPE, layout->pos, "bad gufunc layout '%s': %s", layout->str, err);
            return -1;
        }
        uf->layout = layout->str;
        if (uf->nin + uf->nout != uf->kernel->nparams || uf->nout < 1) {
            diag_error(p->diags, DK_TYPE, layout->pos, "layout '%s' has %d inputs and %d outputs but '%s' takes "
                       "%d arguments (the outputs are the last ones)", layout->str, uf->nin, uf->nout,
                       uf->kernel->name, uf->kernel->nparams);
            return -1;
        }
    }
    if (!sigs)
        return 0;
    Expr **xs = &sigs;
    int n = 1;
    if (sigs->kind == EX_LIST || sigs->kind == EX_TUPLE) {
        xs = sigs->tuple.xs;
        n = sigs->tuple.n;
    }
    uf->sigs = arena_array(p->arena, (size_t)n + 1, sizeof *uf->sigs);
    if (!uf->sigs)
        return -1;
    for (int k = 0; k < n; k++) {
        if (ufunc_sig(p, xs[k], &uf->sigs[k]) < 0 || ufunc_check_sig(p, uf, &uf->sigs[k]) < 0)
            return -1;
        uf->nsigs++;
    }
    return 0;
}

/* The ufunc f is, or NULL for a plain function. Read once per Program; a
 * bad decorator is reported once and makes every call fail. */
typedef struct UfuncEntry {
    const FuncDef *f;
    Ufunc *uf;   /* NULL: not a ufunc */
    int bad;
} UfuncEntry;

static UfuncEntry *ufunc_entry(Program *p, const FuncDef *f)
{
    for (int i = 0; i < p->ufuncs.len; i++) {
        UfuncEntry *u = p->ufuncs.items[i];
        if (u->f == f)
            return u;
    }
    UfuncEntry *u = arena_alloc(p->arena, sizeof *u);
    if (!u || vec_push(p->arena, &p->ufuncs, u) < 0)
        return NULL;
    u->f = f;
    for (int i = 0; i < f->ndecorators; i++) {
        const char *q = decorator_name(p, f->decorators[i]);
        int fam = !q ? -1 : !strcmp(q, "numba.vectorize") ? UF_VECTORIZE
                          : !strcmp(q, "numba.guvectorize") ? UF_GUVECTORIZE : -1;
        if (fam < 0)
            continue;
        u->uf = arena_alloc(p->arena, sizeof *u->uf);
        if (!u->uf)
            return NULL;
        u->uf->kernel = f;
        u->uf->family = (UfuncFamily)fam;
        u->uf->pos = f->decorators[i]->pos;
        u->bad = ufunc_read(p, f->decorators[i], u->uf) < 0;
        break;
    }
    return u;
}

const Ufunc *infer_ufunc(Program *p, const FuncDef *f)
{
    UfuncEntry *u = ufunc_entry(p, f);
    return u && !u->bad ? u->uf : NULL;
}

/* A synthesized loop function, made once per key and compile. */
typedef struct GenLoop {
    const char *key;
    FuncDef *f;
} GenLoop;

/* Adds a synthesized function (and its imports, the first time) to the
 * module that synthesized code sees: the script's own, extended. */
static int gen_add(Program *p, FuncDef *f, Import *im, int nim)
{
    Module *g = p->gen_mod;
    if (!g) {
        g = arena_alloc(p->arena, sizeof *g);
        if (!g)
            return -1;
        *g = *p->mod;
        p->gen_mod = g;
    }
    for (int i = 0; i < nim; i++) {
        if (find_import(g, im[i].alias))
            continue;
        Import *all = arena_array(p->arena, (size_t)g->nimports + 2, sizeof *all);
        if (!all)
            return -1;
        if (g->nimports)
            memcpy(all, g->imports, (size_t)g->nimports * sizeof *all);
        all[g->nimports++] = im[i];
        g->imports = all;
    }
    FuncDef **fs = arena_array(p->arena, (size_t)g->nfuncs + 2, sizeof *fs);
    if (!fs)
        return -1;
    if (g->nfuncs)
        memcpy(fs, g->funcs, (size_t)g->nfuncs * sizeof *fs);
    fs[g->nfuncs] = f;
    g->funcs = fs;
    g->nfuncs++;
    return 0;
}

/* The function for key, synthesized from src on first use. */
static FuncDef *gen_loop(Program *p, const char *key, const char *src, Pos pos, int gen)
{
    for (int i = 0; i < p->loops.len; i++) {
        GenLoop *l = p->loops.items[i];
        if (!strcmp(l->key, key))
            return l->f;
    }
    Import *im = NULL;
    int nim = 0, nhelp = 0;
    FuncDef **help = NULL;
    const char *err = NULL;
    FuncDef *f = ufunc_parse_generated(p->arena, src, p->diags->file, pos, gen, &im, &nim, &help, &nhelp, &err);
    GenLoop *l = arena_alloc(p->arena, sizeof *l);
    for (int i = 0; f && i < nhelp; i++)
        if (gen_add(p, help[i], im, nim) < 0)
            f = NULL;
    if (!f || !l || gen_add(p, f, im, nim) < 0 || vec_push(p->arena, &p->loops, l) < 0) {
        diag_error(p->diags, DK_UNSUPPORTED, pos, "%s", err ? err : "out of memory");
        return NULL;
    }
    l->key = key;
    l->f = f;
    return f;
}

/* Specializes the loop the target synthesizes for this call; NULL when the
 * target computes it inline (a @vectorize array expression on the cpu). */
static TypedFunc *ufunc_loop_fn(Infer *I, Expr *e, const UfuncShape *s, int *failed)
{
    Program *p = I->p;
    const Ufunc *uf = s->uf;
    const char *name = arena_printf(p->arena, "_uf_%s_%d", uf->kernel->name, p->loops.len);
    const char *err = NULL;
    char *src = uf->family == UF_VECTORIZE ? uf->target->vectorize_loop(p->arena, s, name, &err)
                                           : uf->target->guvectorize_loop(p->arena, s, name, &err);
    if (!src) {
        if (err) {
            ERR(I, DK_TYPE, e->pos, "%s", err);
            *failed = 1;
        }
        return NULL;
    }
    /* the key: everything the source depends on, i.e. the source itself
     * without its (serial) name */
    int host = I->fn->src->generated & UF_GEN_HOST;
    const char *key = arena_printf(p->arena, "%s|%d|%s", uf->kernel->name, host, strstr(src, "(x0"));
    int gen = (uf->family == UF_VECTORIZE ? UF_GEN_VLOOP : UF_GEN_GULOOP) |
              (uf->target->parallel ? UF_GEN_PARALLEL : 0) | host;
    FuncDef *f = gen_loop(p, key, src, e->pos, gen);
    if (!f) {
        *failed = 1;
        return NULL;
    }
    TypedFunc *tf = specialize(p, p->gen_mod, f, (const Type **)s->args, s->nargs, e->pos, I->fn->opts.fastmath);
    if (!tf)
        *failed = 1;
    return tf;
}

static const char *arg_types_text(Infer *I, const Type **at, int n)
{
    const char *s = "";
    for (int i = 0; i < n; i++)
        s = arena_printf(I->p->arena, "%s%s%s", s, i ? ", " : "", S(I, at[i]));
    return s;
}

/* out=... becomes the last positional argument. */
static int ufunc_bind_out(Infer *I, Expr *e, const Ufunc *uf)
{
    if (!e->call.nkw)
        return 1;
    Keyword *kw = &e->call.kw[0];
    if (e->call.nkw > 1 || strcmp(kw->name, "out") || e->call.nargs != uf->nin || uf->nout != 1) {
        ERR(I, DK_TYPE, kw->pos, "%s() takes its inputs and %s only", uf->kernel->name,
            uf->nout == 1 ? "out=" : "its output arrays as positional arguments");
        return 0;
    }
    Expr **args = arena_array(I->p->arena, (size_t)e->call.nargs + 2, sizeof *args);
    if (!args)
        return 0;
    memcpy(args, e->call.args, (size_t)e->call.nargs * sizeof *args);
    args[e->call.nargs] = kw->value;
    e->call.args = args;
    e->call.nargs++;
    e->call.nkw = 0;
    return 1;
}

/* A call of a ufunc: picks the loop, specializes the kernel for it and,
 * where the target synthesizes one, the loop function (see ufunc.h). */
static const Type *ty_ufunc_call(Infer *I, Expr *e, UfuncEntry *ue)
{
    const Ufunc *uf = ue->uf;
    const char *name = uf->kernel->name;
    if (ue->bad || !ufunc_bind_out(I, e, uf)) {
        I->unknown = 1;
        return NULL;
    }
    int nin = uf->nin, n = e->call.nargs, nout = n - nin;
    int host = (I->fn->src->generated & UF_GEN_HOST) != 0;   /* NumPy's loop selection */
    if (n < nin || n > nin + uf->nout || (nout > 0 && nout < uf->nout)) {
        ERR(I, DK_TYPE, e->pos, "%s() takes %d input%s and optionally %s%d output array%s (%d argument%s given)",
            name, nin, nin == 1 ? "" : "s", uf->nout > 1 ? "all " : "", uf->nout, uf->nout == 1 ? "" : "s", n,
            n == 1 ? "" : "s");
        return NULL;
    }
    UfuncShape *s = arena_alloc(I->p->arena, sizeof *s);
    UfuncCall *uc = arena_alloc(I->p->arena, sizeof *uc);
    if (!s || !uc)
        return NULL;
    s->uf = uf;
    s->nargs = n;
    const Type *in[UF_MAX_ARGS], *out[UF_MAX_ARGS];
    int ok = 1, nd = 0;
    for (int i = 0; i < n; i++) {
        const Type *t = ty_expr(I, e->call.args[i]);
        if (!t) {
            ok = 0;
            continue;
        }
        s->args[i] = t;
        const Type *el = infer_elem_type(t);
        if (!ty_is_scalar(el) || (i >= nin && t->kind != TY_ARRAY)) {
            ERR(I, DK_TYPE, e->call.args[i]->pos, "%s of %s() must be %s, not %s", i >= nin ? "an output" :
                "an input", name, i >= nin ? "an array" : "a number or an array of numbers", S(I, t));
            ok = 0;
            continue;
        }
        if (i < nin)
            in[i] = el;
        else
            out[i - nin] = el;
        if (t->kind == TY_ARRAY && i < nin && t->arr.ndim > nd)
            nd = t->arr.ndim;
    }
    if (!ok)
        return NULL;
    /* the loop */
    if (uf->nsigs) {
        int k = ufunc_select(uf, in, out, nout, host);
        if (k < 0) {
            ERR(I, DK_TYPE, e->pos, "no signature of ufunc '%s' matches the argument types (%s) under NumPy's "
                "casting rules; its signatures are %s", name, arg_types_text(I, s->args, n),
                ufunc_sigs_text(I->p->arena, uf));
            return NULL;
        }
        const UfuncSig *sg = &uf->sigs[k];
        for (int i = 0; i < sg->nargs; i++)
            s->loop[i] = infer_elem_type(sg->args[i]);
        s->ret = sg->ret;
    } else {
        if (uf->family == UF_GUVECTORIZE && nout == 0) {
            ERR(I, DK_TYPE, e->pos, "'%s' is a @guvectorize without signatures: pass its output array%s (or "
                "give the decorator a list of signatures)", name, uf->nout == 1 ? "" : "s");
            return NULL;
        }
        for (int i = 0; i < nin; i++)
            s->loop[i] = in[i];
        for (int i = 0; i < nout; i++)
            s->loop[nin + i] = out[i];
    }
    uc->uf = uf;
    uc->has_out = nout > 0;
    memcpy(uc->loop, s->loop, sizeof uc->loop);
    if (!I->final && I->p->diags->count)
        return NULL;
    int failed = 0;
    if (uf->family == UF_GUVECTORIZE) {
        uc->loopfn = ufunc_loop_fn(I, e, s, &failed);
        if (!uc->loopfn) {
            I->unknown = 1;
            return NULL;
        }
        e->sym = uc->loopfn;
        e->call.fn->sym = uc;
        return uc->loopfn->ret;
    }
    /* @vectorize: the kernel for the loop's input types */
    uc->kernel = specialize(I->p, I->mod, uf->kernel, s->loop, nin, e->pos, I->fn->opts.fastmath);
    if (!uc->kernel) {
        I->unknown = 1;
        return NULL;
    }
    if (!uc->kernel->ret) {
        I->unknown = 1;
        return NULL;
    }
    if (!ty_is_scalar(uc->kernel->ret)) {
        ERR(I, DK_TYPE, e->pos, "the kernel of @vectorize '%s' must return a number, not %s", name,
            S(I, uc->kernel->ret));
        return NULL;
    }
    uc->ret = s->ret ? s->ret : uc->kernel->ret;
    s->ret = uc->ret;
    e->sym = uc->kernel;
    e->call.fn->sym = uc;
    if (nd == 0 && nout == 0)
        return uc->ret;     /* scalars in, scalar out */
    const Type *rt = nout ? s->args[nin] : ty_array(I->p->arena, uc->ret, nd, 'C');
    if (nout && rt->arr.ndim < nd) {
        ERR(I, DK_TYPE, e->call.args[nin]->pos, "the output array of %s() has %d dimension%s but the inputs "
            "broadcast to %d", name, rt->arr.ndim, rt->arr.ndim == 1 ? "" : "s", nd);
        return NULL;
    }
    if ((I->fn->src->generated & UF_GEN_KIND) != UF_GEN_VLOOP) {
        uc->loopfn = ufunc_loop_fn(I, e, s, &failed);
        if (failed) {
            I->unknown = 1;
            return NULL;
        }
        if (uc->loopfn)
            e->sym = uc->loopfn;
    }
    return rt;
}

/* f.reduce(a): a 1-D array folded through a two-input @vectorize. */
static const Type *ty_ufunc_method(Infer *I, Expr *e, UfuncEntry *ue)
{
    const Ufunc *uf = ue->uf;
    const char *m = e->call.fn->attr.name, *name = uf->kernel->name;
    if (ue->bad) {
        I->unknown = 1;
        return NULL;
    }
    if (strcmp(m, "reduce")) {
        ERR(I, DK_UNSUPPORTED, e->call.fn->pos, "ufunc method '%s.%s' is not supported (only reduce of a 1-D array)",
            name, m);
        return NULL;
    }
    if (uf->family != UF_VECTORIZE || uf->nin != 2 || e->call.nargs != 1 || e->call.nkw) {
        ERR(I, DK_UNSUPPORTED, e->pos, "only %s.reduce(a) of a 1-D array is supported, for a @vectorize with "
            "two inputs", name);
        return NULL;
    }
    const Type *t = ty_expr(I, e->call.args[0]);
    if (!t)
        return NULL;
    if (t->kind != TY_ARRAY || t->arr.ndim != 1 || !ty_is_scalar(t->arr.dtype)) {
        ERR(I, DK_UNSUPPORTED, e->call.args[0]->pos, "%s.reduce() takes a 1-D array, not %s", name, S(I, t));
        return NULL;
    }
    /* the loop NumPy would use for (dtype, dtype) */
    const Type *in[2] = {t->arr.dtype, t->arr.dtype}, *tin0 = in[0], *tin1 = in[1], *tout = NULL;
    if (uf->nsigs) {
        int k = ufunc_select(uf, in, NULL, 0, 0);
        if (k < 0) {
            ERR(I, DK_TYPE, e->pos, "no signature of ufunc '%s' matches the argument types (%s, %s) under NumPy's "
                "casting rules; its signatures are %s", name, S(I, in[0]), S(I, in[1]),
                ufunc_sigs_text(I->p->arena, uf));
            return NULL;
        }
        tin0 = uf->sigs[k].args[0];
        tin1 = uf->sigs[k].args[1];
        tout = uf->sigs[k].ret;
    } else {
        TypedFunc *k = specialize(I->p, I->mod, uf->kernel, in, 2, e->pos, I->fn->opts.fastmath);
        if (!k || !k->ret) {
            I->unknown = 1;
            return NULL;
        }
        tout = k->ret;
        if (!ty_is_scalar(tout)) {
            ERR(I, DK_TYPE, e->pos, "the kernel of @vectorize '%s' must return a number, not %s", name, S(I, tout));
            return NULL;
        }
    }
    Program *p = I->p;
    const char *fname = arena_printf(p->arena, "_uf_%s_%d", name, p->loops.len);
    char *src = ufunc_reduce_source(p->arena, uf, tin0, tin1, tout, fname);
    FuncDef *f = src ? gen_loop(p, arena_printf(p->arena, "reduce|%s|%s", name, strstr(src, "(x0")), src, e->pos,
                                UF_GEN_VLOOP) : NULL;
    TypedFunc *tf = f ? specialize(p, p->gen_mod, f, &t, 1, e->pos, I->fn->opts.fastmath) : NULL;
    if (!tf) {
        I->unknown = 1;
        return NULL;
    }
    e->sym = tf;
    if (I->final)
        e->call.fn->ty = ty_named(p->arena, TY_FUNC, f->name);
    return tf->ret;
}

/* The synthesized wrapper through which C and the CLI call ufunc f. */
static TypedFunc *ufunc_entry_fn(Program *p, const Ufunc *uf, const Type **args, int nargs)
{
    const char *name = arena_printf(p->arena, "_uf_entry_%s", uf->kernel->name);
    char *src = ufunc_entry_source(p->arena, uf, nargs, name);
    FuncDef *f = src ? gen_loop(p, arena_printf(p->arena, "entry|%s|%d", uf->kernel->name, nargs), src,
                                uf->kernel->pos, UF_GEN_ENTRY | UF_GEN_HOST) : NULL;
    return f ? specialize(p, p->gen_mod, f, args, nargs, uf->kernel->pos, 0) : NULL;
}

static const Type *ty_call_func(Infer *I, Expr *e, const char *name)
{
    const FuncDef *f = ast_find_func(I->mod, name);
    if (f && f->stencil == 1 && e->call.fn->kind == EX_NAME) {
        /* stencil(a, out=o) writes into o: the driver taking `out` */
        for (int k = 0; k < e->call.nkw; k++)
            if (!strcmp(e->call.kw[k].name, "out")) {
                const FuncDef *o = ast_find_func(I->mod, arena_printf(I->p->arena, "%s$out", name));
                if (o) {
                    e->call.fn->name = o->name;
                    f = o;
                    name = o->name;
                }
            }
    }
    if (f && (f->stencil == 1 || f->stencil == 3) && I->fn->opts.parallel) {
        /* @njit(parallel=True) code runs a stencil's outer loop as a prange */
        const FuncDef *par = ast_find_func(I->mod, arena_printf(I->p->arena, "%s$par", name));
        f = par ? par : f;
    }
    if (f) {
        UfuncEntry *ue = ufunc_entry(I->p, f);
        /* a gufunc's own loop calls its kernel directly */
        if (ue && ue->uf && !((I->fn->src->generated & UF_GEN_KIND) == UF_GEN_GULOOP && ue->uf->kernel == f))
            return ty_ufunc_call(I, e, ue);
    }
    if (!f || !bind_args(I, e, f))
        return NULL;
    if (I->mod != I->p->prelude && is_cuda_kernel(I, f)) {
        ERR(I, DK_TYPE, e->pos, "'%s' is a @cuda.jit kernel: launch it as %s[blocks, threads](...)", name, name);
        return NULL;
    }
    const Type **args = arena_array(I->p->arena, (size_t)e->call.nargs + 1, sizeof *args);
    int ok = args != NULL;
    for (int i = 0; i < e->call.nargs; i++) {
        const Type *t = ty_expr(I, e->call.args[i]);
        if (!t)
            ok = 0;
        else if (args)
            args[i] = t;
    }
    if (!ok)
        return NULL;
    if (!I->final && I->p->diags->count)
        return NULL;
    TypedFunc *tf = specialize(I->p, I->mod, f, args, e->call.nargs, e->pos, I->fn->opts.fastmath);
    if (!tf) {
        I->unknown = 1;
        return NULL;
    }
    e->sym = tf;
    if (!tf->ret) {
        I->unknown = 1;
        ERR(I, DK_TYPE, e->pos, "cannot determine the return type of recursive function '%s'; "
            "give it a base case that returns a value", name);
    }
    return tf->ret;
}

static const Type *float_of(const Type *t)
{
    return t->kind == TY_FLOAT32 ? ty_float32 : ty_float64;
}

static int want_args(Infer *I, Expr *e, const char *name, int lo, int hi)
{
    int n = e->call.nargs;
    if (n < lo || n > hi) {
        if (lo == hi)
            ERR(I, DK_TYPE, e->pos, "%s() takes %d argument%s (%d given)", name, lo, lo == 1 ? "" : "s", n);
        else
            ERR(I, DK_TYPE, e->pos, "%s() takes %d to %d arguments (%d given)", name, lo, hi, n);
        return 0;
    }
    return 1;
}

/* np.empty(shape, dtype) etc.: shape is an int or a tuple of ints; dtype a
 * dtype object, positional or keyword. */
static const Type *ty_alloc(Infer *I, Expr *e, const Builtin *b, const Type **at)
{
    int full = b->id == BI_NP_full;
    Expr *dtype_e = NULL;
    int npos = e->call.nargs;
    if (!want_args(I, e, b->name, full ? 2 : 1, full ? 3 : 2))
        return NULL;
    if (npos == (full ? 3 : 2))
        dtype_e = e->call.args[npos - 1];
    for (int k = 0; k < e->call.nkw; k++) {
        if (strcmp(e->call.kw[k].name, "dtype")) {
            ERR(I, DK_TYPE, e->call.kw[k].pos, "%s() got an unexpected keyword argument '%s'", b->name,
                e->call.kw[k].name);
            return NULL;
        }
        dtype_e = e->call.kw[k].value;
    }
    const Type *sh = at[0];
    int ndim = 0;
    if (ty_is_int(sh))
        ndim = 1;
    else if (sh->kind == TY_TUPLE) {
        ndim = sh->tup.n;
        for (int i = 0; i < ndim; i++)
            if (!ty_is_int(sh->tup.elems[i]))
                ndim = -1;
    }
    if (ndim < 1 || ndim > TY_MAX_NDIM) {
        ERR(I, DK_TYPE, e->call.args[0]->pos, "%s() shape must be an integer or a tuple of 1 to %d integers, not %s",
            b->name, TY_MAX_NDIM, S(I, sh));
        return NULL;
    }
    const Type *dt = ty_float64;
    if (full && !dtype_e)
        dt = at[1]->kind == TY_BOOL ? ty_bool : ty_is_float(at[1]) ? ty_float64 : ty_int64;
    if (dtype_e) {
        const Type *d = ty_expr(I, dtype_e);
        if (!d)
            return NULL;
        if (d->kind == TY_BUILTIN && (!strcmp(d->builtin.name, "float") || !strcmp(d->builtin.name, "int") ||
                                      !strcmp(d->builtin.name, "bool")))
            d = ty_dtype(I->p->arena, ty_scalar_from_name(d->builtin.name));
        if (d->kind != TY_DTYPE) {
            ERR(I, DK_TYPE, dtype_e->pos, "dtype must be a NumPy type like np.float32, not %s", S(I, d));
            return NULL;
        }
        dt = d->dtype.of;
    }
    if (full && !ty_is_scalar(at[1])) {
        ERR(I, DK_TYPE, e->call.args[1]->pos, "np.full() fill value must be a number, not %s", S(I, at[1]));
        return NULL;
    }
    return ty_array(I->p->arena, dt, ndim, 'C');
}

/* carray(ptr, shape[, dtype]) / farray(...): Numba's view of C memory as an
 * array. shape is an integer or a tuple of integers; dtype is needed for a
 * voidptr and must agree with a typed pointer. */
static const Type *ty_carray(Infer *I, Expr *e, const Builtin *b, const Type **at)
{
    const char *name = b->id == BI_CARRAY ? "carray" : "farray";
    Expr *dtype_e = e->call.nargs == 3 ? e->call.args[2] : NULL;
    if (!want_args(I, e, name, 2, 3))
        return NULL;
    for (int k = 0; k < e->call.nkw; k++) {
        if (strcmp(e->call.kw[k].name, "dtype") || dtype_e) {
            ERR(I, DK_TYPE, e->call.kw[k].pos, "%s() got an unexpected keyword argument '%s'", name,
                e->call.kw[k].name);
            return NULL;
        }
        dtype_e = e->call.kw[k].value;
    }
    if (at[0]->kind != TY_CPOINTER) {
        ERR(I, DK_TYPE, e->call.args[0]->pos, "%s() needs a C pointer (CPointer or voidptr), not %s", name,
            S(I, at[0]));
        return NULL;
    }
    int ndim = 0;
    const Type *sh = at[1];
    if (ty_is_int(sh))
        ndim = 1;
    else if (sh->kind == TY_TUPLE && sh->tup.n >= 1 && sh->tup.n <= TY_MAX_NDIM) {
        ndim = sh->tup.n;
        for (int i = 0; i < sh->tup.n; i++)
            if (!ty_is_int(sh->tup.elems[i]))
                ndim = 0;
    }
    if (!ndim) {
        ERR(I, DK_TYPE, e->call.args[1]->pos, "%s() shape must be an integer or a tuple of 1 to %d integers, not %s",
            name, TY_MAX_NDIM, S(I, sh));
        return NULL;
    }
    const Type *dt = at[0]->ptr.to;
    if (dtype_e) {
        const Type *d = ty_expr(I, dtype_e);
        if (!d)
            return NULL;
        if (d->kind != TY_DTYPE) {
            ERR(I, DK_TYPE, dtype_e->pos, "dtype must be a NumPy type like np.float32, not %s", S(I, d));
            return NULL;
        }
        if (dt && !ty_equal(dt, d->dtype.of)) {
            ERR(I, DK_TYPE, dtype_e->pos, "mismatching dtype '%s' for pointer %s", S(I, d->dtype.of), S(I, at[0]));
            return NULL;
        }
        dt = d->dtype.of;
    }
    if (!dt) {
        ERR(I, DK_TYPE, e->pos, "%s() of a voidptr needs the element type: %s(ptr, shape, dtype)", name, name);
        return NULL;
    }
    return ty_array(I->p->arena, dt, ndim, b->id == BI_CARRAY || ndim == 1 ? 'C' : 'A');
}

/* A call of a host C function: arguments convert to the declared C types
 * (numbers to numbers, pointers only to the same pointer or voidptr). */
static const Type *ty_call_extern(Infer *I, Expr *e, const char *name)
{
    const ExternFn *x = find_extern(I->p, name);
    if (!x)
        return NULL;
    if (e->call.nkw) {
        ERR(I, DK_TYPE, e->call.kw[0].pos, "%s() takes no keyword arguments", name);
        return NULL;
    }
    if (e->call.nargs != x->nargs) {
        ERR(I, DK_TYPE, e->pos, "%s() takes %d argument%s (%d given)", name, x->nargs, x->nargs == 1 ? "" : "s",
            e->call.nargs);
        return NULL;
    }
    int ok = 1;
    for (int i = 0; i < e->call.nargs; i++) {
        const Type *t = ty_expr(I, e->call.args[i]), *want = x->args[i];
        if (!t) {
            ok = 0;
            continue;
        }
        int fits = want->kind == TY_CPOINTER
                       ? t->kind == TY_CPOINTER && (!want->ptr.to || ty_equal(t, want))
                       : ty_is_scalar(t) && ty_is_scalar(want);
        if (!fits) {
            ERR(I, DK_TYPE, e->call.args[i]->pos, "argument %d of %s() must be %s, not %s", i + 1, name,
                S(I, want), S(I, t));
            ok = 0;
        }
    }
    e->sym = x;
    return ok ? x->ret : NULL;
}

/* A NumPy function or array method written in the kernel language (the
 * prelude): specialized like a script function, preferring the variant
 * named after the arguments' dimensions (dot_2_1). */
static const Type *ty_call_prelude(Infer *I, Expr *e, const Builtin *b, const Type **at)
{
    const Module *pm = I->p->prelude;
    if (!pm) {
        ERR(I, DK_UNSUPPORTED, e->pos, "%s() needs the NumPy prelude, which is not loaded", b->name);
        return NULL;
    }
    char name[128];
    int w = snprintf(name, sizeof name, "%s", b->impl);
    for (int i = 0; i < e->call.nargs && w > 0 && (size_t)w < sizeof name; i++)
        w += snprintf(name + w, sizeof name - (size_t)w, "_%d", at[i]->kind == TY_ARRAY ? at[i]->arr.ndim : 0);
    const FuncDef *f = ast_find_func(pm, name);
    if (!f)
        f = ast_find_func(pm, b->impl);
    if (!f) {
        ERR(I, DK_UNSUPPORTED, e->pos, "%s() is not supported for these arguments", b->name);
        return NULL;
    }
    if (!bind_args(I, e, f))
        return NULL;
    const Type **args = arena_array(I->p->arena, (size_t)e->call.nargs + 1, sizeof *args);
    if (!args)
        return NULL;
    for (int i = 0; i < e->call.nargs; i++)
        if (!(args[i] = ty_expr(I, e->call.args[i])))
            return NULL;
    TypedFunc *tf = specialize(I->p, pm, f, args, e->call.nargs, e->pos,
                               I->fn->opts.fastmath | (I->fn->opts.parallel ? SPEC_PARALLEL : 0));
    if (!tf) {
        I->unknown = 1;
        ERR(I, DK_TYPE, e->pos, "%s() is not supported for arguments (%s%s%s)", b->name,
            S(I, args[0]), e->call.nargs > 1 ? ", " : "", e->call.nargs > 1 ? S(I, args[1]) : "");
        return NULL;
    }
    e->sym = tf;
    if (I->final)
        e->call.fn->ty = ty_named(I->p->arena, TY_FUNC, f->name);
    return tf->ret;
}

/* a.reshape(2, 3), a.reshape((2, 3)), np.reshape(a, (2, -1)): a view of a
 * C-contiguous array with as many dimensions as the shape has. */
static const Type *ty_reshape(Infer *I, Expr *e, const Type **at)
{
    int n = e->call.nargs;
    if (n < 2 || at[0]->kind != TY_ARRAY) {
        ERR(I, DK_TYPE, e->pos, "reshape() needs an array and a shape");
        return NULL;
    }
    int nd = 0;
    if (n == 2 && at[1]->kind == TY_TUPLE) {
        nd = at[1]->tup.n;
        for (int i = 0; i < nd; i++)
            if (!ty_is_int(at[1]->tup.elems[i]))
                nd = -1;
    } else {
        nd = n - 1;
        for (int i = 1; i < n; i++)
            if (!ty_is_int(at[i]))
                nd = -1;
    }
    if (nd < 1 || nd > TY_MAX_NDIM) {
        ERR(I, DK_TYPE, e->pos, "reshape() shape must be integers or a tuple of 1 to %d integers", TY_MAX_NDIM);
        return NULL;
    }
    if (at[0]->arr.layout != 'C') {
        ERR(I, DK_UNSUPPORTED, e->pos, "reshape() of a non-contiguous %s is not supported; copy it first",
            S(I, at[0]));
        return NULL;
    }
    return ty_array(I->p->arena, at[0]->arr.dtype, nd, 'C');
}

/* The element type of a literal list (nested lists for more dimensions);
 * fills dims with the sizes, checking every row has the same length. */
static const Type *list_type(Infer *I, Expr *x, int depth, int *dims, int *nd)
{
    if (x->kind != EX_LIST && x->kind != EX_TUPLE) {
        if (depth != *nd && *nd >= 0) {
            ERR(I, DK_TYPE, x->pos, "np.array(): nested lists must have the same depth");
            return NULL;
        }
        *nd = depth;
        const Type *t = ty_expr(I, x);
        if (t && !ty_is_scalar(t)) {
            ERR(I, DK_TYPE, x->pos, "np.array() of lists of %s is not supported", S(I, t));
            return NULL;
        }
        return t;
    }
    if (depth >= TY_MAX_NDIM || x->tuple.n == 0) {
        ERR(I, DK_TYPE, x->pos, "np.array(): lists must be non-empty and at most %d deep", TY_MAX_NDIM);
        return NULL;
    }
    if (dims[depth] >= 0 && dims[depth] != x->tuple.n) {
        ERR(I, DK_TYPE, x->pos, "np.array(): rows of different lengths (%d and %d)", dims[depth], x->tuple.n);
        return NULL;
    }
    dims[depth] = x->tuple.n;
    const Type *t = NULL;
    for (int i = 0; i < x->tuple.n; i++) {
        const Type *u = list_type(I, x->tuple.xs[i], depth + 1, dims, nd);
        if (!u)
            return NULL;
        t = t ? ty_promote(t, u) : u;
    }
    x->ty = t;
    return t;
}

static const Type *ty_array_literal(Infer *I, Expr *e)
{
    e->call.fn->ty = ty_named(I->p->arena, TY_BUILTIN, "numpy.array");
    e->sym = builtin_find("numpy.array");
    if (e->call.nargs != 1) {
        ERR(I, DK_TYPE, e->pos, "np.array() takes one list or array");
        return NULL;
    }
    Expr *x = e->call.args[0];
    const Type *dt = NULL;
    for (int k = 0; k < e->call.nkw; k++) {
        if (strcmp(e->call.kw[k].name, "dtype")) {
            ERR(I, DK_TYPE, e->call.kw[k].pos, "np.array() got an unexpected keyword argument '%s'", e->call.kw[k].name);
            return NULL;
        }
        const Type *d = ty_expr(I, e->call.kw[k].value);
        if (!d || d->kind != TY_DTYPE) {
            ERR(I, DK_TYPE, e->call.kw[k].pos, "dtype must be a NumPy type like np.float32");
            return NULL;
        }
        dt = d->dtype.of;
    }
    if (x->kind != EX_LIST) {
        const Type *t = ty_expr(I, x);
        if (!t)
            return NULL;
        if (t->kind != TY_ARRAY) {
            ERR(I, DK_TYPE, x->pos, "np.array() of %s is not supported", S(I, t));
            return NULL;
        }
        return ty_array(I->p->arena, dt ? dt : t->arr.dtype, t->arr.ndim, 'C');
    }
    int dims[TY_MAX_NDIM + 1], nd = -1;
    for (int i = 0; i <= TY_MAX_NDIM; i++)
        dims[i] = -1;
    const Type *t = list_type(I, x, 0, dims, &nd);
    if (!t)
        return NULL;
    return ty_array(I->p->arena, dt ? dt : t, nd, 'C');
}

static const Type *ty_call_builtin(Infer *I, Expr *e, const Builtin *b)
{
    const char *name = b->name;
    int n = e->call.nargs;
    const Type **at = arena_array(I->p->arena, (size_t)n + 1, sizeof *at);
    int ok = at != NULL;
    for (int i = 0; i < n; i++) {
        const Type *t = ty_expr(I, e->call.args[i]);
        if (!t)
            ok = 0;
        else if (at)
            at[i] = t;
    }
    if (!ok)
        return NULL;
    e->sym = b;
    if (b->id == BI_ROUND && n == 2 && ty_is_scalar(at[0]) && ty_is_int(at[1])) {
        /* round(x, ndigits) is kernel code in the prelude */
        static const Builtin round_f = {BI_ROUND, "round", R_PRELUDE, "round_ndigits"};
        static const Builtin round_i = {BI_ROUND, "round", R_PRELUDE, "round_int"};
        return ty_call_prelude(I, e, ty_is_float(at[0]) ? &round_f : &round_i, at);
    }
    switch (b->rule) {
    case R_PRELUDE: return ty_call_prelude(I, e, b, at);
    case R_RESHAPE: return ty_reshape(I, e, at);
    case R_FLAT:
        if (!want_args(I, e, name, 1, 1))
            return NULL;
        if (at[0]->kind != TY_ARRAY) {
            ERR(I, DK_TYPE, e->pos, "%s() needs an array", name);
            return NULL;
        }
        return ty_array(I->p->arena, at[0]->arr.dtype, 1, 'C');
    case R_SUMZERO: {
        if (!want_args(I, e, name, 1, 1))
            return NULL;
        const Type *d = infer_elem_type(at[0]);
        if (!ty_is_scalar(d))
            return NULL;
        return ty_is_float(d) ? d : ty_is_unsigned(d) ? &ty_scalars[TY_UINT64] : ty_int64;
    }
    case R_DTYPEOF:
        if (I->fn->src->stencil && n == 1 && !ty_is_scalar(at[0])) {
            /* the dtype of a stencil's output is its kernel's return type */
            ERR(I, DK_TYPE, e->pos, "a stencil kernel must return a number, not %s", S(I, at[0]));
            return ty_dtype(I->p->arena, ty_float64);   /* reported once: the output still gets a type */
        }
        if (!want_args(I, e, name, 1, 1) || !ty_is_scalar(infer_elem_type(at[0])))
            return NULL;
        return ty_dtype(I->p->arena, infer_elem_type(at[0]));
    case R_CARRAY:
        return ty_carray(I, e, b, at);
    default:
        break;
    }
    if (e->call.nkw && b->rule != R_ALLOC && b->rule != R_PRINT) {
        ERR(I, DK_TYPE, e->call.kw[0].pos, "%s() takes no keyword arguments", name);
        return NULL;
    }
    if (any_array(at, n) && n >= 1 && n <= 3 &&
        (((b->rule == R_FLOAT1 || b->rule == R_FLOAT2 || b->rule == R_PRED) && !strncmp(name, "numpy.", 6)) ||
         b->rule == R_WHERE || b->id == BI_NP_abs || b->id == BI_NP_absolute || b->id == BI_NP_minimum ||
         b->id == BI_NP_maximum)) {
        UfuncKind k = b->rule == R_FLOAT1 || b->rule == R_FLOAT2 ? UF_FLOAT : b->rule == R_PRED ? UF_PRED : UF_SAME;
        int want = b->rule == R_FLOAT1 || b->rule == R_PRED || b->rule == R_ABS ? 1 : b->rule == R_WHERE ? 3 : 2;
        if (!want_args(I, e, name, want, want))
            return NULL;
        if (b->rule == R_WHERE) {
            /* the condition selects; the values decide the type */
            const Type *el[2] = {infer_elem_type(at[1]), infer_elem_type(at[2])};
            const Type *dt = ty_is_scalar(el[0]) && ty_is_scalar(el[1])
                                 ? infer_ufunc_type(UF_SAME, OP_ADD, el, 2, NULL) : NULL;
            if (!dt || !ty_is_scalar(infer_elem_type(at[0]))) {
                ERR(I, DK_TYPE, e->pos, "np.where() takes a condition and two values of numbers or arrays");
                return NULL;
            }
            int nd = 0;
            for (int i = 0; i < 3; i++)
                if (at[i]->kind == TY_ARRAY && at[i]->arr.ndim > nd)
                    nd = at[i]->arr.ndim;
            return ty_array(I->p->arena, dt, nd, 'C');
        }
        return elementwise(I, k, OP_ADD, at, n, e->pos, name);
    }
    if (b->rule == R_WHERE) {
        if (!want_args(I, e, name, 3, 3))
            return NULL;
        if (!ty_is_scalar(at[0]) || !ty_is_scalar(at[1]) || !ty_is_scalar(at[2])) {
            ERR(I, DK_TYPE, e->pos, "np.where() takes arrays or numbers");
            return NULL;
        }
        return ty_join(I, at[1], at[2], e->pos);
    }
    for (int i = 0; i < n && b->rule != R_PRINT && b->rule != R_LEN && b->rule != R_ALLOC; i++)
        if (!ty_is_scalar(at[i])) {
            if (at[i]->kind == TY_ARRAY && !strncmp(name, "numpy.", 6))
                ERR(I, DK_UNSUPPORTED, e->call.args[i]->pos, "%s() on arrays is not supported yet", name);
            else
                ERR(I, DK_TYPE, e->call.args[i]->pos, "%s() argument must be a number, not %s", name,
                    S(I, at[i]));
            return NULL;
        }
    switch (b->rule) {
    case R_RANGE:
        if (!want_args(I, e, name, 1, 3))
            return NULL;
        for (int i = 0; i < n; i++)
            if (!ty_is_int(at[i]) && !ty_is_bool(at[i])) {
                ERR(I, DK_TYPE, e->call.args[i]->pos, "%s() arguments must be integers, not %s",
                    name, S(I, at[i]));
                return NULL;
            }
        return ty_range;
    case R_LEN:
        if (!want_args(I, e, name, 1, 1))
            return NULL;
        if (at[0]->kind != TY_ARRAY && at[0]->kind != TY_TUPLE && at[0]->kind != TY_RANGE) {
            ERR(I, DK_TYPE, e->pos, "object of type %s has no len()", S(I, at[0]));
            return NULL;
        }
        return ty_int64;
    case R_PRINT:
        for (int i = 0; i < n; i++)
            if (!ty_is_scalar(at[i]) && at[i]->kind != TY_STR && at[i]->kind != TY_NONE &&
                at[i]->kind != TY_ARRAY && at[i]->kind != TY_TUPLE) {
                ERR(I, DK_TYPE, e->call.args[i]->pos, "cannot print %s", S(I, at[i]));
                return NULL;
            }
        if (e->call.nkw) {
            ERR(I, DK_UNSUPPORTED, e->call.kw[0].pos, "print() keyword arguments are not supported");
            return NULL;
        }
        return ty_none;
    case R_ABS:
        if (!want_args(I, e, name, 1, 1))
            return NULL;
        return ty_is_bool(at[0]) ? ty_int64 : at[0];
    case R_MINMAX: {
        if (b->id == BI_NP_minimum || b->id == BI_NP_maximum) {
            if (!want_args(I, e, name, 2, 2))
                return NULL;
            return ty_promote(at[0], at[1]);
        }
        if (n < 2) {
            ERR(I, DK_UNSUPPORTED, e->pos, "%s() needs at least 2 numbers in kernels", name);
            return NULL;
        }
        const Type *t = at[0];
        for (int i = 1; i < n; i++)
            t = ty_promote(t, at[i]);
        return t;
    }
    case R_CAST:
        if (!want_args(I, e, name, 1, 1))
            return NULL;
        return ty_scalar_from_name(b->impl);
    case R_FLOAT1:
        if (!want_args(I, e, name, 1, 1))
            return NULL;
        return float_of(at[0]);
    case R_FLOAT2:
        if (!want_args(I, e, name, 2, 2))
            return NULL;
        return at[0]->kind == TY_FLOAT32 && at[1]->kind == TY_FLOAT32 ? ty_float32 : ty_float64;
    case R_ROUND:
        if (!want_args(I, e, name, 1, 1))
            return NULL;
        return ty_int64;
    case R_PRED:
        if (!want_args(I, e, name, 1, 1))
            return NULL;
        return ty_bool;
    case R_ALLOC:
        return ty_alloc(I, e, b, at);
    case R_CUDA_GRID: {
        int64_t k;
        if (!want_args(I, e, name, 1, 1))
            return NULL;
        if (!const_index(I, e->call.args[0], &k) || k < 1 || k > 3) {
            ERR(I, DK_TYPE, e->call.args[0]->pos, "%s() takes a constant 1, 2 or 3", name);
            return NULL;
        }
        if (k == 1)
            return ty_int64;
        const Type *el[3] = {ty_int64, ty_int64, ty_int64};
        return ty_tuple(I->p->arena, (int)k, el);
    }
    case R_CUDA_SYNC:
        if (!want_args(I, e, name, 0, 0))
            return NULL;
        return ty_none;
    default:
        break;   /* handled above */
    }
    return NULL;
}

/* a.sum(x) becomes the call "$array.sum"(a, x) once, so that every later
 * pass and the lowering see an ordinary call with the array first. */
static void rewrite_method_call(Infer *I, Expr *e, const Type *f)
{
    Expr *fn = e->call.fn;
    Expr **args = arena_array(I->p->arena, (size_t)e->call.nargs + 2, sizeof *args);
    Expr *name = arena_alloc(I->p->arena, sizeof *name);
    if (!args || !name)
        return;
    args[0] = fn->attr.obj;
    for (int i = 0; i < e->call.nargs; i++)
        args[i + 1] = e->call.args[i];
    name->kind = EX_NAME;
    name->pos = fn->pos;
    name->name = arena_printf(I->p->arena, "$%s", f->builtin.name);
    e->call.args = args;
    e->call.nargs++;
    e->call.fn = name;
}

static const Type *ty_array_literal(Infer *I, Expr *e);

/* ---------- CUDA: launches, shared/local arrays, atomics, device memory ---------- */

/* f's options without reporting its decorators' errors again (its own
 * specialization reports them). */
static int is_cuda_kernel(Infer *I, const FuncDef *f)
{
    Diags d;
    diag_init(&d, I->p->arena, I->p->diags->file, I->p->diags->src);
    Program q = *I->p;
    q.diags = &d;
    return infer_func_opts(&q, f).cuda_kernel;
}

static int in_cuda_code(Infer *I)
{
    return I->fn->opts.cuda_kernel || I->fn->opts.cuda_device;
}

/* A grid or block dimension of a launch: an int or a tuple of 1 to 3 ints. */
static int launch_dim_ok(Infer *I, Expr *x, const char *what)
{
    const Type *t = ty_expr(I, x);
    if (!t)
        return 0;
    int ok = ty_is_int(t);
    if (t->kind == TY_TUPLE && t->tup.n >= 1 && t->tup.n <= 3) {
        ok = 1;
        for (int i = 0; i < t->tup.n; i++)
            ok &= ty_is_int(t->tup.elems[i]);
    }
    if (!ok)
        ERR(I, DK_TYPE, x->pos, "the %s of a launch must be an int or a tuple of 1 to 3 ints, not %s", what, S(I, t));
    return ok;
}

/* kernel[blocks, threads](args): specializes the kernel for the argument
 * types; the call is a statement of type None (launches are synchronous). */
static const Type *ty_cuda_launch(Infer *I, Expr *e, const Type *kt)
{
    Expr *fn = e->call.fn, *cfg = fn->sub.index;
    const FuncDef *f = ast_find_func(I->mod, kt->func.name);
    if (!f)
        return NULL;
    if (!is_cuda_kernel(I, f)) {
        ERR(I, DK_TYPE, fn->pos, "'%s' is not a @cuda.jit kernel: only kernels are launched with [blocks, threads]",
            f->name);
        return NULL;
    }
    if (in_cuda_code(I)) {
        ERR(I, DK_UNSUPPORTED, fn->pos, "a kernel cannot launch another kernel (dynamic parallelism is not supported)");
        return NULL;
    }
    int n = cfg->kind == EX_TUPLE ? cfg->tuple.n : 1;
    if (n != 2) {
        ERR(I, DK_UNSUPPORTED, cfg->pos, "a launch takes [blocks, threads]%s",
            n > 2 ? " (streams and dynamic shared memory are not supported)" : "");
        return NULL;
    }
    int ok = launch_dim_ok(I, cfg->tuple.xs[0], "grid (blocks)");
    ok &= launch_dim_ok(I, cfg->tuple.xs[1], "block (threads)");
    if (!ok || !bind_args(I, e, f))
        return NULL;
    const Type **args = arena_array(I->p->arena, (size_t)e->call.nargs + 1, sizeof *args);
    if (!args)
        return NULL;
    for (int i = 0; i < e->call.nargs; i++) {
        args[i] = ty_expr(I, e->call.args[i]);
        if (!args[i])
            ok = 0;
        else if (!ty_is_scalar(args[i]) && args[i]->kind != TY_ARRAY) {
            ERR(I, DK_UNSUPPORTED, e->call.args[i]->pos, "kernel arguments must be numbers or arrays, not %s",
                S(I, args[i]));
            ok = 0;
        }
    }
    if (!ok || (!I->final && I->p->diags->count))
        return NULL;
    TypedFunc *tf = specialize(I->p, I->mod, f, args, e->call.nargs, e->pos, I->fn->opts.fastmath);
    if (!tf) {
        I->unknown = 1;
        return NULL;
    }
    e->sym = tf;
    fn->ty = ty_none;
    I->p->has_launch = 1;
    return ty_none;
}

/* A dtype argument: np.float32, float32, float, int, bool. */
static const Type *dtype_arg(Infer *I, Expr *x, const char *fname)
{
    const Type *d = ty_expr(I, x);
    if (!d)
        return NULL;
    if (d->kind == TY_BUILTIN && (!strcmp(d->builtin.name, "float") || !strcmp(d->builtin.name, "int") ||
                                  !strcmp(d->builtin.name, "bool")))
        return ty_scalar_from_name(d->builtin.name);
    if (d->kind != TY_DTYPE) {
        ERR(I, DK_TYPE, x->pos, "%s() dtype must be a NumPy type like float32, not %s", fname, S(I, d));
        return NULL;
    }
    return d->dtype.of;
}

/* cuda.shared.array(shape, dtype) / cuda.local.array: the shape is known at
 * compile time (the memory is laid out statically, as in CUDA C). The
 * arguments are put in positional order (shape, dtype) for the lowering. */
static const Type *ty_cuda_array(Infer *I, Expr *e, const Builtin *b)
{
    const char *name = b->id == BI_CUDA_shared_array ? "cuda.shared.array" : "cuda.local.array";
    Expr *arg[2] = {e->call.nargs > 0 ? e->call.args[0] : NULL, e->call.nargs > 1 ? e->call.args[1] : NULL};
    for (int k = 0; k < e->call.nkw; k++) {
        int i = !strcmp(e->call.kw[k].name, "shape") ? 0 : !strcmp(e->call.kw[k].name, "dtype") ? 1 : -1;
        if (i < 0 || arg[i]) {
            ERR(I, DK_TYPE, e->call.kw[k].pos, "%s() got an unexpected keyword argument '%s'", name, e->call.kw[k].name);
            return NULL;
        }
        arg[i] = e->call.kw[k].value;
    }
    if (e->call.nargs > 2 || !arg[0] || !arg[1]) {
        ERR(I, DK_TYPE, e->pos, "%s() takes a shape and a dtype", name);
        return NULL;
    }
    if (!in_cuda_code(I)) {
        ERR(I, DK_UNSUPPORTED, e->pos, "%s() is only available in @cuda.jit functions", name);
        return NULL;
    }
    Expr *sh = arg[0];
    int nd = sh->kind == EX_TUPLE ? sh->tuple.n : 1;
    Expr **xs = sh->kind == EX_TUPLE ? sh->tuple.xs : &arg[0];
    int64_t total = 1;
    if (nd < 1 || nd > TY_MAX_NDIM) {
        ERR(I, DK_TYPE, sh->pos, "%s() shape must have 1 to %d dimensions", name, TY_MAX_NDIM);
        return NULL;
    }
    for (int k = 0; k < nd; k++) {
        int64_t v;
        if (!const_index(I, xs[k], &v) || v < 0) {
            ERR(I, DK_TYPE, xs[k]->pos, "%s() shape must be made of constant non-negative integers", name);
            return NULL;
        }
        total = v && total > INT64_MAX / v ? INT64_MAX : total * v;
        ty_expr(I, xs[k]);
    }
    if (sh->kind == EX_TUPLE)
        ty_expr(I, sh);
    const Type *dt = dtype_arg(I, arg[1], name);
    if (!dt)
        return NULL;
    /* 48 KiB is CUDA's static shared memory per block; local arrays live
     * in the thread's stack frame */
    int64_t limit = b->id == BI_CUDA_shared_array ? 48 * 1024 : 512 * 1024;
    if (total > limit / ty_size(dt)) {
        ERR(I, DK_TYPE, sh->pos, "%s() of %lld elements of %s exceeds the %lld KiB a %s can hold", name,
            (long long)total, ty_scalar_name(dt), (long long)(limit / 1024),
            b->id == BI_CUDA_shared_array ? "block's static shared memory" : "thread's local memory");
        return NULL;
    }
    if (I->final) {
        Expr **pos = arena_array(I->p->arena, 3, sizeof *pos);
        if (pos) {
            pos[0] = arg[0];
            pos[1] = arg[1];
            e->call.args = pos;
            e->call.nargs = 2;
            e->call.nkw = 0;
        }
    }
    e->sym = b;
    return ty_array(I->p->arena, dt, nd, 'C');
}

/* cuda.atomic.add(ary, idx, val): idx an int (1-D) or a tuple of ints. */
static const Type *ty_cuda_atomic(Infer *I, Expr *e, const Builtin *b)
{
    if (!want_args(I, e, b->name, 3, 3))
        return NULL;
    const Type *at = ty_expr(I, e->call.args[0]);
    const Type *it = ty_expr(I, e->call.args[1]);
    const Type *vt = ty_expr(I, e->call.args[2]);
    if (!at || !it || !vt)
        return NULL;
    if (!in_cuda_code(I)) {
        ERR(I, DK_UNSUPPORTED, e->pos, "%s() is only available in @cuda.jit functions", b->name + 6);
        return NULL;
    }
    if (at->kind != TY_ARRAY) {
        ERR(I, DK_TYPE, e->call.args[0]->pos, "%s() needs an array, not %s", b->name + 6, S(I, at));
        return NULL;
    }
    const Type *dt = at->arr.dtype;
    TypeKind k = dt->kind;
    if (k != TY_INT32 && k != TY_INT64 && k != TY_UINT32 && k != TY_UINT64 && k != TY_FLOAT32 && k != TY_FLOAT64) {
        ERR(I, DK_TYPE, e->call.args[0]->pos, "%s() works on arrays of int32, int64, uint32, uint64, float32 or "
            "float64, not %s", b->name + 6, ty_scalar_name(dt));
        return NULL;
    }
    int n = it->kind == TY_TUPLE ? it->tup.n : 1;
    int ok = n == at->arr.ndim;
    for (int i = 0; ok && i < n; i++)
        ok = ty_is_int(it->kind == TY_TUPLE ? it->tup.elems[i] : it);
    if (!ok) {
        ERR(I, DK_TYPE, e->call.args[1]->pos, "%s() index must be %d integer%s for %s, not %s", b->name + 6,
            at->arr.ndim, at->arr.ndim == 1 ? "" : "s", S(I, at), S(I, it));
        return NULL;
    }
    if (!ty_is_scalar(vt)) {
        ERR(I, DK_TYPE, e->call.args[2]->pos, "%s() value must be a number, not %s", b->name + 6, S(I, vt));
        return NULL;
    }
    e->sym = b;
    return dt;
}

static const Type *ty_cuda_mem(Infer *I, Expr *e, const Builtin *b)
{
    I->p->has_launch = 1;   /* device memory: see rt_cuda_alloc */
    if (in_cuda_code(I)) {
        ERR(I, DK_UNSUPPORTED, e->pos, "%s() is host code: it cannot be called in a @cuda.jit function",
            b->id == BI_ARR_copy_to_host ? "copy_to_host" : b->name + 6);
        return NULL;
    }
    int n = e->call.nargs;
    const Type **at = arena_array(I->p->arena, (size_t)n + 1, sizeof *at);
    if (!at)
        return NULL;
    for (int i = 0; i < n; i++)
        if (!(at[i] = ty_expr(I, e->call.args[i])))
            return NULL;
    e->sym = b;
    if (b->id == BI_CUDA_device_array)
        return ty_alloc(I, e, b, at);
    const char *name = b->id == BI_ARR_copy_to_host ? "copy_to_host" : "cuda.to_device";
    if (!want_args(I, e, name, 1, 1) || e->call.nkw) {
        if (e->call.nkw)
            ERR(I, DK_UNSUPPORTED, e->pos, "%s() takes no keyword arguments (streams are not supported)", name);
        return NULL;
    }
    if (at[0]->kind != TY_ARRAY) {
        ERR(I, DK_TYPE, e->call.args[0]->pos, "%s() needs an array, not %s", name, S(I, at[0]));
        return NULL;
    }
    return ty_array(I->p->arena, at[0]->arr.dtype, at[0]->arr.ndim, 'C');
}

static const Type *ty_call(Infer *I, Expr *e)
{
    if (e->call.fn->kind == EX_SUBSCRIPT) {
        const Type *kt = ty_expr(I, e->call.fn->sub.obj);
        if (kt && kt->kind == TY_FUNC)
            return ty_cuda_launch(I, e, kt);
    }
    Expr *fe = e->call.fn;
    if (fe->kind == EX_ATTR && fe->attr.obj->kind == EX_NAME && !infer_find_var(I->fn, fe->attr.obj->name)) {
        /* a method of a ufunc: add.reduce(a) */
        const FuncDef *f = ast_find_func(I->mod, fe->attr.obj->name);
        UfuncEntry *ue = f ? ufunc_entry(I->p, f) : NULL;
        if (ue && ue->uf)
            return ty_ufunc_method(I, e, ue);
    }
    if (e->call.fn->kind == EX_ATTR || e->call.fn->kind == EX_NAME) {
        const char *q = qualified_name(I, e->call.fn);
        if (q && !strcmp(q, "numpy.array"))
            return ty_array_literal(I, e);
    }
    const Type *f = ty_expr(I, e->call.fn);
    if (f && f->kind == TY_BUILTIN && e->call.fn->kind == EX_ATTR && !strncmp(f->builtin.name, "array.", 6)) {
        rewrite_method_call(I, e, f);
        f = ty_expr(I, e->call.fn);
    }
    if (!f) {
        for (int i = 0; i < e->call.nargs; i++)
            ty_expr(I, e->call.args[i]);
        return NULL;
    }
    switch (f->kind) {
    case TY_FUNC:
        return ty_call_func(I, e, f->func.name);
    case TY_EXTERN:
        return ty_call_extern(I, e, f->builtin.name);
    case TY_BUILTIN: {
        const Builtin *b = builtin_find(f->builtin.name);
        if (!b) {
            ERR(I, DK_UNSUPPORTED, e->pos, "%s() is not supported in kernels", f->builtin.name);
            return NULL;
        }
        if (b->rule == R_CUDA_ARRAY)
            return ty_cuda_array(I, e, b);
        if (b->rule == R_CUDA_ATOMIC)
            return ty_cuda_atomic(I, e, b);
        if (b->rule == R_CUDA_MEM)
            return ty_cuda_mem(I, e, b);
        return ty_call_builtin(I, e, b);
    }
    case TY_DTYPE: {
        if (e->call.nargs != 1 || e->call.nkw) {
            ERR(I, DK_TYPE, e->pos, "%s() takes one number", ty_scalar_name(f->dtype.of));
            return NULL;
        }
        const Type *t = ty_expr(I, e->call.args[0]);
        if (t && !ty_is_scalar(t)) {
            ERR(I, DK_UNSUPPORTED, e->pos, "%s() of %s is not supported", ty_scalar_name(f->dtype.of), S(I, t));
            return NULL;
        }
        return t ? f->dtype.of : NULL;
    }
    case TY_EXCCLASS:
        for (int i = 0; i < e->call.nargs; i++) {
            const Type *t = ty_expr(I, e->call.args[i]);
            if (t && t->kind != TY_STR && !ty_is_scalar(t))
                ERR(I, DK_UNSUPPORTED, e->call.args[i]->pos, "exception arguments must be strings or numbers");
        }
        return f;
    default:
        ERR(I, DK_TYPE, e->pos, "%s is not callable", S(I, f));
        return NULL;
    }
}

static const Type *ty_expr_kind(Infer *I, Expr *e)
{
    switch (e->kind) {
    case EX_INT: return ty_int64;
    case EX_FLOAT: return e->ty && e->ty->kind == TY_FLOAT32 ? ty_float32 : ty_float64;
    case EX_BOOL: return ty_bool;
    case EX_NONE: return ty_none;
    case EX_STR: return ty_str;
    case EX_NAME: return ty_name(I, e);
    case EX_ATTR: return ty_attr(I, e);
    case EX_CALL: return ty_call(I, e);
    case EX_SUBSCRIPT: return ty_subscript(I, e);
    case EX_BINOP: return ty_binop(I, e);
    case EX_UNARY: return ty_unary(I, e);
    case EX_COMPARE: return ty_compare(I, e);
    case EX_BOOLOP: {
        const Type *l = ty_expr(I, e->boolop.l), *r = ty_expr(I, e->boolop.r);
        if (!truthy(I, l, e->boolop.l->pos) || !truthy(I, r, e->boolop.r->pos))
            return NULL;
        return ty_join(I, l, r, e->pos);
    }
    case EX_IFEXP: {
        const Type *c = ty_expr(I, e->ifexp.cond);
        const Type *a = ty_expr(I, e->ifexp.body), *b = ty_expr(I, e->ifexp.orelse);
        if (!truthy(I, c, e->ifexp.cond->pos))
            return NULL;
        return ty_join(I, a, b, e->pos);
    }
    case EX_TUPLE: return ty_tuple_expr(I, e);
    case EX_LIST:
        ERR(I, DK_UNSUPPORTED, e->pos, "lists are not supported in kernels");
        return NULL;
    case EX_SLICE:
        ERR(I, DK_UNSUPPORTED, e->pos, "slicing is not supported yet");
        return NULL;
    }
    return NULL;
}

/* Deeper expression trees are refused: every later walk (typing, lowering,
 * LLVM's own) recurses over them, and a 10^5-term a + a + ... would end in a
 * stack overflow instead of an error. */
#define INFER_MAX_EXPR_DEPTH 3000

static const Type *ty_expr(Infer *I, Expr *e)
{
    if (I->expr_depth >= INFER_MAX_EXPR_DEPTH) {
        if (I->final && !I->depth_reported) {
            I->depth_reported = 1;
            ERR(I, DK_UNSUPPORTED, e->pos, "expression nested too deeply (more than %d levels); split it into "
                "several statements", INFER_MAX_EXPR_DEPTH);
        }
        I->unknown = 1;
        return NULL;
    }
    I->expr_depth++;
    const Type *t = ty_expr_kind(I, e);
    I->expr_depth--;
    if (!t)
        I->unknown = 1;
    if (I->final || t)
        e->ty = t;
    return t;
}

/* ---------- statements ---------- */

static void assign_target(Infer *I, Expr *t, const Type *vt, Pos pos)
{
    switch (t->kind) {
    case EX_NAME: {
        Var *v = infer_find_var(I->fn, t->name);
        t->sym = v;
        if (vt && (vt->kind == TY_MODULE || vt->kind == TY_BUILTIN || vt->kind == TY_FUNC ||
                   vt->kind == TY_STR || vt->kind == TY_EXCCLASS || vt->kind == TY_DTYPE)) {
            ERR(I, DK_UNSUPPORTED, pos, "cannot store %s in a variable", S(I, vt));
            return;
        }
        assign_var(I, v, vt, pos);
        if (I->final)
            t->ty = v ? v->ty : NULL;
        return;
    }
    case EX_TUPLE:
        if (!vt)
            return;
        if (vt->kind != TY_TUPLE || vt->tup.n != t->tuple.n) {
            ERR(I, DK_TYPE, pos, "cannot unpack %s into %d targets", S(I, vt), t->tuple.n);
            return;
        }
        for (int i = 0; i < t->tuple.n; i++)
            assign_target(I, t->tuple.xs[i], vt->tup.elems[i], pos);
        if (I->final)
            t->ty = vt;
        return;
    case EX_SUBSCRIPT: {
        const Type *et = ty_expr(I, t);
        if (!et || !vt)
            return;
        if (et->kind == TY_ARRAY) {
            /* a[1:3] = x: x broadcasts into the view */
            if (!ty_is_scalar(infer_elem_type(vt)) || (vt->kind == TY_ARRAY && vt->arr.ndim > et->arr.ndim))
                ERR(I, DK_TYPE, pos, "cannot store %s into %s", S(I, vt), S(I, et));
        } else if (!ty_is_scalar(vt)) {
            ERR(I, DK_TYPE, pos, "cannot store %s into an element of type %s", S(I, vt), S(I, et));
        }
        return;
    }
    default:
        ERR(I, DK_SYNTAX, t->pos, "cannot assign to this expression");
    }
}

static void ty_for(Infer *I, Stmt *s)
{
    Expr *it = s->for_.iter;
    const Type *t = ty_expr(I, it);
    if (t && t->kind != TY_RANGE) {
        ERR(I, DK_UNSUPPORTED, it->pos, "cannot iterate over %s", S(I, t));
        t = NULL;
    }
    Expr *tg = s->for_.target;
    if (tg->kind != EX_NAME) {
        ERR(I, DK_UNSUPPORTED, tg->pos, "the loop variable of a range loop must be a name");
    } else if (t && it->kind == EX_CALL) {
        /* The loop variable has the promoted type of the range arguments
         * (int64 for literals), as in Numba. */
        const Type *vt = ty_int64;
        for (int i = 0; i < it->call.nargs; i++)
            if (it->call.args[i]->ty && ty_is_unsigned(it->call.args[i]->ty) &&
                it->call.args[i]->ty->kind == TY_UINT64)
                vt = ty_promote(vt, it->call.args[i]->ty);
        assign_target(I, tg, vt, tg->pos);
    }
    I->loop_depth++;
    ty_block(I, &s->for_.body);
    I->loop_depth--;
    ty_block(I, &s->for_.orelse);
}

static void ty_return(Infer *I, Stmt *s)
{
    TypedFunc *fn = I->fn;
    const Type *t = s->ret.value ? ty_expr(I, s->ret.value) : ty_none;
    if (!t)
        return;
    if (fn->opts.cuda_kernel && t->kind != TY_NONE) {
        ERR(I, DK_TYPE, s->pos, "a @cuda.jit kernel cannot return a value");
        return;
    }
    if (t->kind == TY_STR || t->kind == TY_MODULE || t->kind == TY_BUILTIN || t->kind == TY_FUNC ||
        t->kind == TY_RANGE || t->kind == TY_DTYPE || t->kind == TY_EXCCLASS) {
        ERR(I, DK_UNSUPPORTED, s->pos, "cannot return %s from a kernel", S(I, t));
        return;
    }
    if (!fn->ret) {
        fn->ret = t;
        I->changed = 1;
        return;
    }
    if (ty_equal(fn->ret, t))
        return;
    const Type *u = (fn->ret->kind == TY_NONE || t->kind == TY_NONE) ? NULL : ty_unify(I->p->arena, fn->ret, t);
    if (!u) {
        ERR(I, DK_TYPE, s->pos, "'%s' returns %s here but %s elsewhere", fn->src->name, S(I, t),
            S(I, fn->ret));
        return;
    }
    if (!ty_equal(u, fn->ret)) {
        fn->ret = u;
        I->changed = 1;
    }
}

static void ty_raise(Infer *I, Stmt *s)
{
    Expr *x = s->raise_.exc;
    if (!x) {
        ERR(I, DK_UNSUPPORTED, s->pos, "bare 'raise' is not supported in kernels");
        return;
    }
    const Type *t = ty_expr(I, x);
    if (t && t->kind != TY_EXCCLASS)
        ERR(I, DK_TYPE, x->pos, "exceptions must be exception classes like ValueError, not %s", S(I, t));
}

static void ty_stmt(Infer *I, Stmt *s)
{
    switch (s->kind) {
    case ST_EXPR: {
        ty_expr(I, s->expr.e);
        break;
    }
    case ST_ASSIGN: {
        const Type *vt = ty_expr(I, s->assign.value);
        for (int k = 0; k < s->assign.ntargets; k++)
            assign_target(I, s->assign.targets[k], vt, s->pos);
        break;
    }
    case ST_AUGASSIGN: {
        Expr *t = s->aug.target;
        if (t->kind != EX_NAME && t->kind != EX_SUBSCRIPT) {
            ERR(I, DK_SYNTAX, t->pos, "illegal target for augmented assignment");
            break;
        }
        const Type *lt = ty_expr(I, t), *rt = ty_expr(I, s->aug.value);
        if (!lt || !rt)
            break;
        if (lt->kind == TY_ARRAY || rt->kind == TY_ARRAY) {
            /* in place, as NumPy does: the target keeps its type */
            const Type *ts[2] = {lt, rt};
            const Type *r = elementwise(I, binop_ufunc(s->aug.op), s->aug.op, ts, 2, s->pos, "augmented assignment");
            if (r && lt->kind != TY_ARRAY)
                ERR(I, DK_TYPE, s->pos, "cannot update %s in place with %s", S(I, lt), S(I, rt));
            else if (r && r->arr.ndim > lt->arr.ndim)
                ERR(I, DK_TYPE, s->pos, "cannot broadcast %s into %s", S(I, rt), S(I, lt));
            else if (r && ty_is_float(r->arr.dtype) && !ty_is_float(lt->arr.dtype))
                ERR(I, DK_TYPE, s->pos, "cannot update %s in place with a %s result (NumPy's same_kind "
                    "casting rule)", S(I, lt), ty_scalar_name(r->arr.dtype));
            break;
        }
        const Type *res = arith_result(I, s->aug.op, lt, rt, s->pos);
        if (res && t->kind == EX_NAME)
            assign_var(I, (Var *)t->sym, res, s->pos);
        break;
    }
    case ST_IF:
        truthy(I, ty_expr(I, s->if_.cond), s->if_.cond->pos);
        ty_block(I, &s->if_.then);
        ty_block(I, &s->if_.orelse);
        break;
    case ST_WHILE:
        truthy(I, ty_expr(I, s->while_.cond), s->while_.cond->pos);
        I->loop_depth++;
        ty_block(I, &s->while_.body);
        I->loop_depth--;
        ty_block(I, &s->while_.orelse);
        break;
    case ST_FOR:
        ty_for(I, s);
        break;
    case ST_BREAK: case ST_CONTINUE:
        if (!I->loop_depth)
            ERR(I, DK_SYNTAX, s->pos, "'%s' outside loop", s->kind == ST_BREAK ? "break" : "continue");
        break;
    case ST_RETURN: ty_return(I, s); break;
    case ST_PASS: break;
    case ST_RAISE: ty_raise(I, s); break;
    case ST_ASSERT: {
        truthy(I, ty_expr(I, s->assert_.cond), s->assert_.cond->pos);
        if (s->assert_.msg) {
            const Type *t = ty_expr(I, s->assert_.msg);
            if (t && t->kind != TY_STR && !ty_is_scalar(t))
                ERR(I, DK_UNSUPPORTED, s->assert_.msg->pos, "assert message must be a string");
        }
        break;
    }
    }
}

static void ty_block(Infer *I, Block *b)
{
    for (int i = 0; i < b->n; i++)
        ty_stmt(I, b->stmts[i]);
}

/* Whether any return statement in the block gives a value. */
static int has_value_return(const Block *b)
{
    for (int i = 0; i < b->n; i++) {
        const Stmt *s = b->stmts[i];
        if (s->kind == ST_RETURN && s->ret.value)
            return 1;
        if (s->kind == ST_IF && (has_value_return(&s->if_.then) || has_value_return(&s->if_.orelse)))
            return 1;
        if (s->kind == ST_WHILE && has_value_return(&s->while_.body))
            return 1;
        if (s->kind == ST_FOR && has_value_return(&s->for_.body))
            return 1;
    }
    return 0;
}

/* Whether a break leaves this loop body (not counting nested loops). */
static int has_break(const Block *b)
{
    for (int i = 0; i < b->n; i++) {
        const Stmt *s = b->stmts[i];
        if (s->kind == ST_BREAK)
            return 1;
        if (s->kind == ST_IF && (has_break(&s->if_.then) || has_break(&s->if_.orelse)))
            return 1;
    }
    return 0;
}

/* Whether control can fall off the end of the block (conservative). */
static int falls_through(const Block *b)
{
    for (int i = 0; i < b->n; i++) {
        const Stmt *s = b->stmts[i];
        if (s->kind == ST_RETURN || s->kind == ST_RAISE)
            return 0;
        if (s->kind == ST_IF && !falls_through(&s->if_.then) && s->if_.orelse.n &&
            !falls_through(&s->if_.orelse))
            return 0;
        if (s->kind == ST_WHILE && s->while_.cond->kind == EX_BOOL && s->while_.cond->ival &&
            !has_break(&s->while_.body))
            return 0;   /* while True without break: ends only by return or raise */
    }
    return 1;
}

/* ---------- decorators ---------- */

static unsigned fastmath_flag(const char *name)
{
    static const struct { const char *n; unsigned f; } flags[] = {
        {"reassoc", 1 << 0}, {"nnan", 1 << 1}, {"ninf", 1 << 2}, {"nsz", 1 << 3},
        {"arcp", 1 << 4}, {"contract", 1 << 5}, {"afn", 1 << 6}, {"fast", 0x7f},
    };
    for (size_t i = 0; i < sizeof flags / sizeof flags[0]; i++)
        if (!strcmp(flags[i].n, name))
            return flags[i].f;
    return 0;
}

static void decorator_kwarg(Program *p, FuncOpts *o, Keyword *kw)
{
    Infer I0 = {.p = p, .mod = p->mod, .final = 1};
    Infer *I = &I0;
    Const c = {0};
    int is_const = fold_const(I, kw->value, &c, 0);
    int truth = is_const && (ty_is_float(c.ty) ? c.f != 0 : c.i != 0);
    if (!strcmp(kw->name, "fastmath")) {
        Expr *v = kw->value;
        if (is_const)
            o->fastmath = truth ? 0x7f : 0;
        else if (v->kind == EX_LIST || v->kind == EX_TUPLE) {
            for (int i = 0; i < v->tuple.n; i++) {
                Expr *x = v->tuple.xs[i];
                unsigned f = x->kind == EX_STR ? fastmath_flag(x->str) : 0;
                if (!f)
                    diag_error(p->diags, DK_TYPE, x->pos,
                               "unknown fastmath flag; use nnan ninf nsz arcp contract afn reassoc");
                o->fastmath |= f;
            }
        } else
            diag_error(p->diags, DK_TYPE, v->pos, "fastmath must be True, False or a set of flag names");
    } else if (!strcmp(kw->name, "error_model")) {
        Expr *v = kw->value;
        if (v->kind != EX_STR || (strcmp(v->str, "numpy") && strcmp(v->str, "python")))
            diag_error(p->diags, DK_TYPE, v->pos, "error_model must be 'python' or 'numpy'");
        else
            o->numpy_errors = !strcmp(v->str, "numpy");
    } else if (!strcmp(kw->name, "boundscheck")) {
        o->boundscheck = kw->value->kind == EX_NONE ? -1 : truth;
    } else if (!strcmp(kw->name, "parallel")) {
        o->parallel = truth;
    } else if (!strcmp(kw->name, "cache")) {
        o->cache = truth;
    } else if (!strcmp(kw->name, "device")) {
        if (o->cuda_kernel && truth) {
            o->cuda_kernel = 0;
            o->cuda_device = 1;
        }
    } else if (!strcmp(kw->name, "nopython") || !strcmp(kw->name, "nogil") ||
               !strcmp(kw->name, "inline") ||
               !strcmp(kw->name, "forceobj") || !strcmp(kw->name, "looplift") ||
               !strcmp(kw->name, "debug") || !strcmp(kw->name, "target") ||
               !strcmp(kw->name, "locals") || !strcmp(kw->name, "signature_or_function") ||
               !strcmp(kw->name, "identity") || !strcmp(kw->name, "writable_args") ||
               !strcmp(kw->name, "is_dynamic") || !strcmp(kw->name, "signature")) {
        /* accepted: compiled code is always nopython and never holds a lock */
    } else {
        diag_error(p->diags, DK_TYPE, kw->pos, "unknown decorator option '%s'", kw->name);
    }
}

/* The qualified name of a decorator's callee: "numba.njit", "numba.cuda.jit". */
static const char *decorator_name(Program *p, Expr *d)
{
    Infer I0 = {.p = p, .mod = p->mod, .final = 0};
    TypedFunc none = {0};
    I0.fn = &none;
    Expr *callee = d->kind == EX_CALL ? d->call.fn : d;
    return qualified_name(&I0, callee);
}

FuncOpts infer_func_opts(Program *p, const FuncDef *f)
{
    FuncOpts o = {.boundscheck = -1};
    if (f->generated == UF_GEN_CUDAK)
        o.cuda_kernel = 1;   /* a target='cuda' ufunc's kernel (no decorator) */
    if (f->stencil == 2 || f->stencil == 4)
        o.parallel = 1;   /* a stencil called from parallel code */
    for (int i = 0; i < f->ndecorators; i++) {
        Expr *d = f->decorators[i];
        const char *q = decorator_name(p, d);
        if (!q) {
            diag_error(p->diags, DK_UNSUPPORTED, d->pos, "unknown decorator");
            continue;
        }
        if (!strcmp(q, "numba.cuda.jit"))
            o.cuda_kernel = 1;
        else if (!strcmp(q, "numba.njit") || !strcmp(q, "numba.jit") || !strcmp(q, "numba.generated_jit"))
            o.is_jit = 1;
        else if (!strcmp(q, "numba.cfunc")) {
            o.is_jit = 1;
            o.cfunc = 1;
        } else if (!strcmp(q, "numba.vectorize") || !strcmp(q, "numba.guvectorize")) {
            o.is_jit = 1;
            o.numpy_errors = 1;   /* Numba compiles ufunc kernels with error_model='numpy' */
        } else if (!strcmp(q, "numba.stencil")) {
            o.is_jit = 1;
        } else {
            diag_error(p->diags, DK_UNSUPPORTED, d->pos, "unsupported decorator '%s'", q);
            continue;
        }
        if (d->kind == EX_CALL)
            for (int k = 0; k < d->call.nkw; k++)
                decorator_kwarg(p, &o, &d->call.kw[k]);
    }
    return o;
}

/* The last part of the name a type expression spells through the imports
 * ("float64" for types.float64, np.float64 or an imported float64); NULL if
 * it names something else. */
static const char *annot_last_name(Program *p, Infer *I, Expr *a)
{
    if (a->kind == EX_NAME) {
        const Import *im = find_import(p->mod, a->name);
        if (im)
            return im->member;
        return find_global(p->mod, a->name) ? NULL : a->name;
    }
    const char *q = a->kind == EX_ATTR ? qualified_name(I, a) : NULL;
    const char *dot = q ? strrchr(q, '.') : NULL;
    return dot ? dot + 1 : NULL;
}

/* An annotation expression as a type: float64, np.float32, float32[:],
 * float64[:, ::1], int, "f8[:]" strings. */
static const Type *annot_type(Program *p, Expr *a)
{
    Infer I0 = {.p = p, .mod = p->mod, .final = 0};
    TypedFunc none = {0};
    I0.fn = &none;
    if (a->kind == EX_STR) {
        const Type **args = NULL, *ret = NULL;
        const char *err = NULL;
        char *txt = arena_printf(p->arena, "(%s)", a->str);
        if (ty_parse_sig(p->arena, txt, &ret, &args, &err) == 1)
            return args[0];
        return NULL;
    }
    if (a->kind == EX_NAME || a->kind == EX_ATTR) {
        /* float64, np.float32, types.intc, voidptr */
        const char *last = annot_last_name(p, &I0, a);
        if (last && !strcmp(last, "voidptr"))
            return ty_cpointer(p->arena, NULL);
        return last ? ty_scalar_from_name(last) : NULL;
    }
    if (a->kind == EX_CALL && a->call.nargs == 1 && !a->call.nkw) {
        /* types.CPointer(types.float64) */
        const char *last = annot_last_name(p, &I0, a->call.fn);
        const Type *to = last && !strcmp(last, "CPointer") ? annot_type(p, a->call.args[0]) : NULL;
        return to && ty_is_scalar(to) ? ty_cpointer(p->arena, to) : NULL;
    }
    if (a->kind == EX_SUBSCRIPT) {
        const Type *dt = annot_type(p, a->sub.obj);
        Expr *ix = a->sub.index;
        int n = ix->kind == EX_TUPLE ? ix->tuple.n : 1;
        Expr **xs = ix->kind == EX_TUPLE ? ix->tuple.xs : &ix;
        if (!dt || n > TY_MAX_NDIM)
            return NULL;
        char layout = 'A';
        for (int i = 0; i < n; i++) {
            if (xs[i]->kind != EX_SLICE || xs[i]->slice.lo || xs[i]->slice.hi)
                return NULL;
            if (xs[i]->slice.step) {
                if (i != n - 1 || xs[i]->slice.step->kind != EX_INT || xs[i]->slice.step->ival != 1)
                    return NULL;
                layout = 'C';
            }
        }
        return ty_array(p->arena, dt, n, layout);
    }
    return NULL;
}

int infer_declared_sig(Program *p, const FuncDef *f, const Type **args)
{
    const Type *ret;
    return infer_declared_sig_ret(p, f, args, &ret);
}

/* A signature written with type objects: float64(float64[:], int64),
 * void(CPointer(float64)). Returns the argument count, -1 after an error,
 * -2 when s is not one. */
static int object_sig(Program *p, Expr *s, const Type **args, int maxargs, const Type **ret)
{
    if (s->kind != EX_CALL || s->call.nkw)
        return -2;
    int void_ret = s->call.fn->kind == EX_NAME &&
                   (!strcmp(s->call.fn->name, "void") || !strcmp(s->call.fn->name, "none"));
    if (s->call.fn->kind == EX_ATTR && !strcmp(s->call.fn->attr.name, "void"))
        void_ret = 1;   /* types.void */
    const Type *r = void_ret ? ty_none : annot_type(p, s->call.fn);
    if (!r)
        return -2;
    if (s->call.nargs > maxargs)
        return s->call.nargs;   /* the caller reports the count */
    for (int k = 0; k < s->call.nargs; k++)
        if (!(args[k] = annot_type(p, s->call.args[k]))) {
            diag_error(p->diags, DK_TYPE, s->call.args[k]->pos, "unsupported type in signature");
            return -1;
        }
    *ret = r;
    return s->call.nargs;
}

int infer_declared_sig_ret(Program *p, const FuncDef *f, const Type **args, const Type **ret_out)
{
    int known = 0;
    *ret_out = NULL;
    for (int i = 0; i < f->nparams; i++) {
        args[i] = NULL;
        Expr *a = f->params[i].annot;
        if (!a)
            continue;
        args[i] = annot_type(p, a);
        if (!args[i]) {
            diag_error(p->diags, DK_TYPE, a->pos, "unsupported type annotation for '%s'", f->params[i].name);
            return -1;
        }
        known++;
    }
    /* @njit("f8(f8[:])") or @njit(float64(float64[:])): eager signature */
    for (int i = 0; i < f->ndecorators; i++) {
        Expr *d = f->decorators[i];
        if (d->kind != EX_CALL || d->call.nargs < 1)
            continue;
        Expr *s = d->call.args[0];
        if (s->kind == EX_LIST && s->tuple.n >= 1)
            s = s->tuple.xs[0];
        int n = object_sig(p, s, args, f->nparams, ret_out);
        if (n >= 0 && n != f->nparams) {
            diag_error(p->diags, DK_TYPE, s->pos, "signature has %d arguments but '%s' takes %d", n, f->name,
                       f->nparams);
            return -1;
        }
        if (n != -2)
            return n;
        if (s->kind != EX_STR)
            continue;
        const Type **sa = NULL, *ret = NULL;
        const char *err = NULL;
        n = ty_parse_sig(p->arena, s->str, &ret, &sa, &err);
        *ret_out = ret;
        if (n < 0) {
            diag_error(p->diags, DK_TYPE, s->pos, "%s", err ? err : "bad signature");
            return -1;
        }
        if (n != f->nparams) {
            diag_error(p->diags, DK_TYPE, s->pos, "signature has %d arguments but '%s' takes %d", n,
                       f->name, f->nparams);
            return -1;
        }
        for (int k = 0; k < n; k++)
            args[k] = sa[k];
        return n;
    }
    return known;
}

/* ---------- versions of variables in straight-line code ----------
 * Numba types every assignment of a variable separately (its IR is in SSA
 * form) and unifies only where control flow joins. So `x = 1; print(x);
 * x = 2.5` prints 1, then 2.5. The same here: an assignment to a name in
 * the function's outermost block (not inside if/while/for) starts a new
 * version of the variable, named "x#1", "x#2", ...; every later use refers
 * to it. Assignments nested in blocks keep the version they see, so
 * joins still unify. */

typedef struct Versions {
    const char **from, **to;
    int *ver;
    int n, cap;
    int depth;
    const char **seen;   /* every name met in nested statements so far */
    int nseen, capseen;
    Arena *arena;
} Versions;

static void note_seen(Versions *v, const char *name)
{
    for (int i = 0; i < v->nseen; i++)
        if (!strcmp(v->seen[i], name))
            return;
    if (v->nseen == v->capseen) {
        int cap = v->capseen ? v->capseen * 2 : 32;
        const char **ns = arena_array(v->arena, (size_t)cap, sizeof *ns);
        if (!ns)
            return;
        if (v->nseen)
            memcpy(ns, v->seen, (size_t)v->nseen * sizeof *ns);
        v->seen = ns;
        v->capseen = cap;
    }
    v->seen[v->nseen++] = name;
}

static const char *current_name(Versions *v, const char *name)
{
    note_seen(v, name);
    for (int i = 0; i < v->n; i++)
        if (!strcmp(v->from[i], name))
            return v->to[i];
    return name;
}

static void rename_expr(Versions *v, Expr *e);
static void rename_expr_kind(Versions *v, Expr *e);

static void rename_exprs(Versions *v, Expr **xs, int n)
{
    for (int i = 0; i < n; i++)
        rename_expr(v, xs[i]);
}

static void rename_expr(Versions *v, Expr *e)
{
    /* deeper trees are refused by typing (INFER_MAX_EXPR_DEPTH); do not
     * overflow the stack before it gets to say so */
    if (!e || v->depth > 4000)
        return;
    v->depth++;
    rename_expr_kind(v, e);
    v->depth--;
}

static void rename_expr_kind(Versions *v, Expr *e)
{
    switch (e->kind) {
    case EX_NAME: e->name = current_name(v, e->name); break;
    case EX_ATTR: rename_expr(v, e->attr.obj); break;
    case EX_CALL:
        rename_expr(v, e->call.fn);
        rename_exprs(v, e->call.args, e->call.nargs);
        for (int k = 0; k < e->call.nkw; k++)
            rename_expr(v, e->call.kw[k].value);
        break;
    case EX_SUBSCRIPT: rename_expr(v, e->sub.obj); rename_expr(v, e->sub.index); break;
    case EX_SLICE:
        rename_expr(v, e->slice.lo);
        rename_expr(v, e->slice.hi);
        rename_expr(v, e->slice.step);
        break;
    case EX_BINOP: rename_expr(v, e->bin.l); rename_expr(v, e->bin.r); break;
    case EX_UNARY: rename_expr(v, e->un.x); break;
    case EX_COMPARE: rename_exprs(v, e->cmp.xs, e->cmp.n); break;
    case EX_BOOLOP: rename_expr(v, e->boolop.l); rename_expr(v, e->boolop.r); break;
    case EX_IFEXP:
        rename_expr(v, e->ifexp.cond);
        rename_expr(v, e->ifexp.body);
        rename_expr(v, e->ifexp.orelse);
        break;
    case EX_TUPLE: case EX_LIST: rename_exprs(v, e->tuple.xs, e->tuple.n); break;
    default: break;
    }
}

static void rename_block(Versions *v, Block *b);

static void rename_stmt(Versions *v, Stmt *s)
{
    switch (s->kind) {
    case ST_EXPR: rename_expr(v, s->expr.e); break;
    case ST_ASSIGN:
        rename_expr(v, s->assign.value);
        rename_exprs(v, s->assign.targets, s->assign.ntargets);
        break;
    case ST_AUGASSIGN: rename_expr(v, s->aug.target); rename_expr(v, s->aug.value); break;
    case ST_IF:
        rename_expr(v, s->if_.cond);
        rename_block(v, &s->if_.then);
        rename_block(v, &s->if_.orelse);
        break;
    case ST_WHILE:
        rename_expr(v, s->while_.cond);
        rename_block(v, &s->while_.body);
        rename_block(v, &s->while_.orelse);
        break;
    case ST_FOR:
        rename_expr(v, s->for_.target);
        rename_expr(v, s->for_.iter);
        rename_block(v, &s->for_.body);
        rename_block(v, &s->for_.orelse);
        break;
    case ST_RETURN: rename_expr(v, s->ret.value); break;
    case ST_RAISE: rename_expr(v, s->raise_.exc); break;
    case ST_ASSERT: rename_expr(v, s->assert_.cond); rename_expr(v, s->assert_.msg); break;
    default: break;
    }
}

static void rename_block(Versions *v, Block *b)
{
    for (int i = 0; i < b->n; i++)
        rename_stmt(v, b->stmts[i]);
}

static int simple_targets(const Expr *t)
{
    if (t->kind == EX_NAME)
        return 1;
    if (t->kind != EX_TUPLE)
        return 0;
    for (int i = 0; i < t->tuple.n; i++)
        if (!simple_targets(t->tuple.xs[i]))
            return 0;
    return 1;
}

/* Gives the names bound by target t new versions. */
static void new_versions(Program *p, Versions *v, Expr *t)
{
    if (t->kind == EX_TUPLE) {
        for (int i = 0; i < t->tuple.n; i++)
            new_versions(p, v, t->tuple.xs[i]);
        return;
    }
    int k = 0;
    while (k < v->n && strcmp(v->from[k], t->name))
        k++;
    /* a name already used in nested code is taken: this is version 1 */
    int used = 0;
    for (int i = 0; i < v->nseen && !used; i++)
        used = !strcmp(v->seen[i], t->name);
    if (k == v->n) {
        if (v->n == v->cap) {
            int cap = v->cap ? v->cap * 2 : 16;
            const char **f = arena_array(p->arena, (size_t)cap, sizeof *f);
            const char **to = arena_array(p->arena, (size_t)cap, sizeof *to);
            int *ver = arena_array(p->arena, (size_t)cap, sizeof *ver);
            if (!f || !to || !ver)
                return;
            if (v->n) {
                memcpy(f, v->from, (size_t)v->n * sizeof *f);
                memcpy(to, v->to, (size_t)v->n * sizeof *to);
                memcpy(ver, v->ver, (size_t)v->n * sizeof *ver);
            }
            v->from = f;
            v->to = to;
            v->ver = ver;
            v->cap = cap;
        }
        v->from[k] = t->name;
        v->to[k] = t->name;
        v->ver[k] = 0;
        v->n++;
        if (!used)
            return;   /* the first definition keeps the plain name */
    }
    v->ver[k]++;
    v->to[k] = arena_printf(p->arena, "%s#%d", v->from[k], v->ver[k]);
    t->name = v->to[k];
}

static void version_variables(Program *p, TypedFunc *tf)
{
    Versions v = {0};
    v.arena = p->arena;
    /* parameters are the first versions */
    for (int i = 0; i < tf->def->nparams; i++) {
        Expr name = {.kind = EX_NAME};
        name.name = tf->def->params[i].name;
        new_versions(p, &v, &name);
    }
    Block *b = &tf->def->body;
    for (int i = 0; i < b->n; i++) {
        Stmt *s = b->stmts[i];
        if (s->kind == ST_ASSIGN && s->assign.ntargets == 1 && simple_targets(s->assign.targets[0])) {
            rename_expr(&v, s->assign.value);
            new_versions(p, &v, s->assign.targets[0]);
            continue;
        }
        rename_stmt(&v, s);
    }
}

/* ---------- desugaring of for loops over sequences ----------
 * Before typing, `for T in X:` over anything but range()/prange() becomes a
 * counted loop over X's first axis, so the lowering only knows range loops:
 *     for x in a:               $it = a
 *                               for $k in range(len($it)): x = $it[$k]; ...
 *     for i, x in enumerate(a, s): ... i = $k + s; x = $it[$k]
 *     for x, y in zip(a, b):    ... over range(min(len($it), len($it2)))
 * Range objects in variables work the same way (len and indexing of a
 * range are defined). */

static Expr *mk_expr(Program *p, ExprKind k, Pos pos) { return ast_new_expr(p->arena, k, pos); }
static Expr *mk_name(Program *p, const char *name, Pos pos) { return ast_name(p->arena, name, pos); }
static Expr *mk_call(Program *p, const char *fn, Expr **args, int n, Pos pos)
{
    return ast_call(p->arena, fn, args, n, pos);
}

static Stmt *mk_assign(Program *p, Expr *target, Expr *value, Pos pos)
{
    Stmt *s = arena_alloc(p->arena, sizeof *s);
    Expr **t = arena_array(p->arena, 1, sizeof *t);
    if (!s || !t)
        return NULL;
    s->kind = ST_ASSIGN;
    s->pos = pos;
    t[0] = target;
    s->assign.targets = t;
    s->assign.ntargets = 1;
    s->assign.value = value;
    return s;
}

static int is_call_to(const Expr *e, const char *name)
{
    if (e->kind != EX_CALL)
        return 0;
    const Expr *f = e->call.fn;
    if (f->kind == EX_NAME && f->name[0] == '$') {
        /* a generated call of a qualified builtin: "$numba.prange" */
        const char *dot = strrchr(f->name, '.');
        return !strcmp(dot ? dot + 1 : f->name + 1, name);
    }
    return (f->kind == EX_NAME && !strcmp(f->name, name)) || (f->kind == EX_ATTR && !strcmp(f->attr.name, name));
}

static void desugar_block(Program *p, Block *b);

/* Rewrites one sequence loop; returns the statements replacing it (n in *n). */
static Stmt **desugar_for(Program *p, Stmt *s, int *n)
{
    Expr *it = s->for_.iter, *tg = s->for_.target;
    Pos pos = s->pos;
    Expr *seqs[8];
    int nseq = 0;
    Expr *start = NULL;
    int enumerate = is_call_to(it, "enumerate"), zip = is_call_to(it, "zip");
    if (enumerate) {
        if (it->call.nargs < 1 || it->call.nargs > 2 || tg->kind != EX_TUPLE || tg->tuple.n != 2)
            return NULL;   /* left for the type checker to reject */
        seqs[nseq++] = it->call.args[0];
        start = it->call.nargs == 2 ? it->call.args[1] : NULL;
    } else if (zip) {
        if (it->call.nargs < 1 || it->call.nargs > 8 || tg->kind != EX_TUPLE || tg->tuple.n != it->call.nargs)
            return NULL;
        for (int i = 0; i < it->call.nargs; i++)
            seqs[nseq++] = it->call.args[i];
    } else {
        seqs[nseq++] = it;
    }
    int id = p->desugar_serial++;
    Stmt **out = arena_array(p->arena, (size_t)nseq + 1, sizeof *out);
    Expr *lens[8];
    const char *k = arena_printf(p->arena, "$k%d", id);
    if (!out)
        return NULL;
    for (int i = 0; i < nseq; i++) {
        const char *nm = arena_printf(p->arena, "$it%d_%d", id, i);
        out[i] = mk_assign(p, mk_name(p, nm, seqs[i]->pos), seqs[i], pos);
        Expr *arg = mk_name(p, nm, pos);
        lens[i] = mk_call(p, "len", &arg, 1, pos);
    }
    Expr *count = nseq == 1 ? lens[0] : mk_call(p, "min", lens, nseq, pos);
    Expr *range = mk_call(p, "range", &count, 1, pos);
    /* the loop body: element assignments, then the original body */
    int nb = s->for_.body.n, extra = enumerate ? 2 : zip ? nseq : 1;
    Stmt **body = arena_array(p->arena, (size_t)(nb + extra) + 1, sizeof *body);
    if (!range || !body)
        return NULL;
    for (int i = 0; i < nseq; i++) {
        Expr *elt = mk_expr(p, EX_SUBSCRIPT, pos);
        if (!elt)
            return NULL;
        elt->sub.obj = mk_name(p, arena_printf(p->arena, "$it%d_%d", id, i), pos);
        elt->sub.index = mk_name(p, k, pos);
        Expr *target = enumerate ? tg->tuple.xs[1] : zip ? tg->tuple.xs[i] : tg;
        body[enumerate ? 1 + i : i] = mk_assign(p, target, elt, pos);
    }
    if (enumerate) {
        Expr *kv = mk_name(p, k, pos);
        if (start) {
            Expr *add = mk_expr(p, EX_BINOP, pos);
            if (!add)
                return NULL;
            add->bin.op = OP_ADD;
            add->bin.l = kv;
            add->bin.r = start;
            kv = add;
        }
        body[0] = mk_assign(p, tg->tuple.xs[0], kv, pos);
    }
    for (int i = 0; i < nb; i++)
        body[extra + i] = s->for_.body.stmts[i];
    Stmt *loop = arena_alloc(p->arena, sizeof *loop);
    if (!loop)
        return NULL;
    *loop = *s;
    loop->for_.target = mk_name(p, k, tg->pos);
    loop->for_.iter = range;
    loop->for_.body.stmts = body;
    loop->for_.body.n = nb + extra;
    out[nseq] = loop;
    *n = nseq + 1;
    return out;
}

static void desugar_block(Program *p, Block *b)
{
    for (int i = 0; i < b->n; i++) {
        Stmt *s = b->stmts[i];
        switch (s->kind) {
        case ST_IF:
            desugar_block(p, &s->if_.then);
            desugar_block(p, &s->if_.orelse);
            break;
        case ST_WHILE:
            desugar_block(p, &s->while_.body);
            desugar_block(p, &s->while_.orelse);
            break;
        case ST_FOR: {
            desugar_block(p, &s->for_.body);
            desugar_block(p, &s->for_.orelse);
            if (is_call_to(s->for_.iter, "range") || is_call_to(s->for_.iter, "prange"))
                break;
            int n = 0;
            Stmt **rep = desugar_for(p, s, &n);
            if (!rep)
                break;
            Stmt **ns = arena_array(p->arena, (size_t)(b->n + n), sizeof *ns);
            if (!ns)
                break;
            memcpy(ns, b->stmts, (size_t)i * sizeof *ns);
            memcpy(ns + i, rep, (size_t)n * sizeof *ns);
            memcpy(ns + i + n, b->stmts + i + 1, (size_t)(b->n - i - 1) * sizeof *ns);
            b->stmts = ns;
            b->n += n - 1;
            i += n - 1;
            break;
        }
        default:
            break;
        }
    }
}

/* ---------- driver ---------- */

/* prelude functions are specialized per fast-math and parallel setting of their caller (see SPEC_PARALLEL) */
static TypedFunc *find_spec(Program *p, const FuncDef *f, const Type **args, int nargs, int prelude, unsigned fm)
{
    for (int i = 0; i < p->nfuncs; i++) {
        TypedFunc *tf = p->funcs[i];
        if (tf->src != f || tf->nargs != nargs ||
            (prelude && (tf->opts.fastmath != (fm & ~SPEC_PARALLEL) || !tf->opts.parallel != !(fm & SPEC_PARALLEL))))
            continue;
        int same = 1;
        for (int k = 0; k < nargs && same; k++)
            same = ty_equal(tf->args[k], args[k]);
        if (same)
            return tf;
    }
    return NULL;
}

static int add_spec(Program *p, TypedFunc *tf)
{
    if (p->nfuncs == p->capfuncs) {
        int cap = p->capfuncs ? p->capfuncs * 2 : 8;
        TypedFunc **fs = arena_array(p->arena, (size_t)cap, sizeof *fs);
        if (!fs)
            return -1;
        if (p->nfuncs)
            memcpy(fs, p->funcs, (size_t)p->nfuncs * sizeof *fs);
        p->funcs = fs;
        p->capfuncs = cap;
    }
    tf->id = p->nfuncs;
    p->funcs[p->nfuncs++] = tf;
    return 0;
}

/* Runs the fixpoint and the final pass over tf. */
static void run_inference(Program *p, TypedFunc *tf)
{
    Infer I = {.p = p, .mod = tf->mod, .fn = tf};
    int errors_before = p->diags->count;
    for (int pass = 0; pass < INFER_MAX_PASSES; pass++) {
        I.changed = 0;
        I.unknown = 0;
        ty_block(&I, &tf->def->body);
        if (!I.changed)
            break;
    }
    if (!tf->ret && !falls_through(&tf->def->body) && !has_value_return(&tf->def->body)) {
        tf->ret = ty_none;   /* it only raises */
    } else if (!tf->ret && !falls_through(&tf->def->body)) {
        /* every path returns, but no return type could be found yet:
         * recursion without a base case seen so far */
    } else if (falls_through(&tf->def->body)) {
        if (!tf->ret)
            tf->ret = ty_none;
        else if (tf->ret->kind != TY_NONE) {
            /* falling off the end returns None as well */
            I.final = 1;
            diag_error(p->diags, DK_TYPE, tf->def->pos,
                       "'%s' returns %s on some paths and None when it reaches its end",
                       tf->src->name, ty_str_of(p->arena, tf->ret));
        }
    }
    I.final = 1;
    I.unknown = 0;
    ty_block(&I, &tf->def->body);
    if (I.unknown && p->diags->count == errors_before)
        /* a typing rule gave up without saying why: never lower untyped code */
        diag_error(p->diags, DK_TYPE, tf->def->pos, "internal error: an expression in '%s' could not be "
                   "typed (please report this)", tf->src->name);
    if (!tf->ret && p->diags->count == errors_before)
        diag_error(p->diags, DK_TYPE, tf->def->pos, "cannot determine the return type of '%s'",
                   tf->src->name);
    tf->state = p->diags->count == errors_before ? TF_DONE : TF_FAILED;
}

static TypedFunc *specialize(Program *p, const Module *m, const FuncDef *f, const Type **args, int nargs, Pos pos,
                             unsigned fm)
{
    int prelude = m && m == p->prelude;
    TypedFunc *tf = find_spec(p, f, args, nargs, prelude, fm);
    if (tf)
        return tf->state == TF_FAILED ? NULL : tf;
    if (p->depth >= INFER_MAX_DEPTH) {
        diag_error(p->diags, DK_TYPE, pos, "too many nested specializations of '%s' (limit %d)",
                   f->name, INFER_MAX_DEPTH);
        return NULL;
    }
    if (nargs != f->nparams) {
        diag_error(p->diags, DK_TYPE, pos, "%s() takes %d arguments but %d were given", f->name,
                   f->nparams, nargs);
        return NULL;
    }
    tf = arena_alloc(p->arena, sizeof *tf);
    if (!tf)
        return NULL;
    tf->src = f;
    tf->mod = m;
    tf->def = ast_clone_func(p->arena, f);
    tf->args = arena_array(p->arena, (size_t)nargs + 1, sizeof *tf->args);
    if (!tf->def || !tf->args || add_spec(p, tf))
        return NULL;
    tf->nargs = nargs;
    for (int i = 0; i < nargs; i++)
        tf->args[i] = args[i];
    tf->opts = infer_func_opts(p, f);
    if (f->generated) {
        /* a synthesized loop of a parallel ufunc runs on threads; its
         * indices are in bounds by construction, but the loop versioning
         * of checked code is what proves them non-negative, so that
         * x[i] needs no wraparound and vectorizes (unchecked, a chunk
         * loop of an outlined prange body gathers: 2.3x slower) */
        tf->opts.parallel = (f->generated & UF_GEN_PARALLEL) != 0;
        tf->opts.boundscheck = 1;
    }
    if (prelude) {
        /* NumPy's functions follow the kernel that calls them */
        tf->opts.fastmath = fm & ~SPEC_PARALLEL;
        tf->opts.parallel = !!(fm & SPEC_PARALLEL);
    }
    tf->symbol = arena_printf(p->arena, "%s%s.%d", p->symbol_prefix, f->name, tf->id);
    tf->state = TF_INFERRING;
    for (int i = 0; i < nargs; i++) {
        Var *v = add_var(p, tf, f->params[i].name, f->params[i].pos);
        if (!v)
            return NULL;
        v->is_param = 1;
        v->ty = args[i];
        v->ty_pos = f->params[i].pos;
    }
    desugar_block(p, &tf->def->body);
    version_variables(p, tf);
    collect_locals(p, tf, &tf->def->body);
    p->depth++;
    run_inference(p, tf);
    p->depth--;
    return tf->state == TF_DONE ? tf : NULL;
}

void infer_init(Program *p, Arena *a, Diags *d, const Module *m, const char *symbol_prefix)
{
    memset(p, 0, sizeof *p);
    p->arena = a;
    p->diags = d;
    p->mod = m;
    p->symbol_prefix = symbol_prefix ? symbol_prefix : "";
}

TypedFunc *infer_entry(Program *p, const FuncDef *f, const Type **args, int nargs)
{
    for (int i = 0; i < nargs; i++)
        if (!args[i])
            return NULL;
    UfuncEntry *ue = ufunc_entry(p, f);
    if (ue && ue->uf) {
        /* a ufunc called from C: through a wrapper that calls it once */
        TypedFunc *w = ue->bad ? NULL : ufunc_entry_fn(p, ue->uf, args, nargs);
        return p->diags->count ? NULL : w;
    }
    TypedFunc *tf = specialize(p, p->mod, f, args, nargs, f->pos, 0);
    if (p->diags->count)
        return NULL;
    return tf;
}

/* ---------- the builtin table ---------- */

const Builtin builtin_table[BI__COUNT] = {
#define X(id, name, rule, impl) {id, name, rule, impl},
    BUILTINS(X)
#undef X
};

const Builtin *builtin_find(const char *qualname)
{
    for (int i = 0; i < BI__COUNT; i++)
        if (!strcmp(builtin_table[i].name, qualname))
            return &builtin_table[i];
    return NULL;
}

/* ---------- host functions ---------- */

int infer_extern_decl(Program *p, const Global *g, ExternFn *x)
{
    Expr *v = g->value;
    if (v->kind != EX_CALL)
        return 0;
    Infer I0 = {.p = p, .mod = p->mod, .final = 0};
    TypedFunc none = {0};
    I0.fn = &none;
    const char *last = annot_last_name(p, &I0, v->call.fn);
    if (!last || strcmp(last, "ExternalFunction"))
        return 0;
    memset(x, 0, sizeof *x);
    x->name = g->name;
    x->pos = v->pos;
    if (v->call.nargs != 2 || v->call.nkw || v->call.args[0]->kind != EX_STR) {
        diag_error(p->diags, DK_TYPE, v->pos, "ExternalFunction takes the C symbol's name and its signature: "
                   "ExternalFunction(\"name\", float64(float64))");
        return -1;
    }
    x->symbol = v->call.args[0]->str;
    Expr *s = v->call.args[1];
    const Type *args[256];
    int n;
    if (s->kind == EX_STR) {
        const Type **sa = NULL;
        const char *err = NULL;
        n = ty_parse_sig(p->arena, s->str, &x->ret, &sa, &err);
        if (n < 0) {
            diag_error(p->diags, DK_TYPE, s->pos, "%s", err ? err : "bad signature");
            return -1;
        }
        if (n > 255)
            n = 255;
        for (int i = 0; i < n; i++)
            args[i] = sa[i];
    } else {
        n = object_sig(p, s, args, 255, &x->ret);
        if (n == -1)
            return -1;
    }
    if (n < 0 || !x->ret) {
        diag_error(p->diags, DK_TYPE, s->pos, "the signature of an ExternalFunction names its return type: "
                   "float64(float64) or \"void(int64)\"");
        return -1;
    }
    for (int i = 0; i < n; i++)
        if (!ty_is_scalar(args[i]) && args[i]->kind != TY_CPOINTER) {
            diag_error(p->diags, DK_TYPE, s->pos, "host functions take numbers and C pointers, not %s",
                       ty_str_of(p->arena, args[i]));
            return -1;
        }
    if (!ty_is_scalar(x->ret) && x->ret->kind != TY_CPOINTER && x->ret->kind != TY_NONE) {
        diag_error(p->diags, DK_TYPE, s->pos, "host functions return a number, a C pointer or void, not %s",
                   ty_str_of(p->arena, x->ret));
        return -1;
    }
    x->args = arena_array(p->arena, (size_t)n + 1, sizeof *x->args);
    if (!x->args)
        return -1;
    for (int i = 0; i < n; i++)
        x->args[i] = args[i];
    x->nargs = n;
    return 1;
}
