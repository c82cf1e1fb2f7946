/* lower_narrow.c - integer expressions computed in a narrower width when
 * their values provably fit.
 *
 * Numba's typing (which the kernel language follows) widens integer
 * arithmetic to int64: uint8 + uint8 is int64. Lowered literally, the sum of
 * eight uint8 neighbours in the Game of Life is eight zexts to i64 and seven
 * i64 adds, and the vectorizer then computes in 64-bit lanes: 8 lanes per
 * AVX-512 register where gcc uses 32 (16-bit lanes), and a huge vector body
 * that is slow to compile. LLVM itself does not shrink such trees: its
 * narrowing (the vectorizer's minimal bit widths, aggressive-instcombine)
 * starts from a trunc, and `s == 3` demands all 64 bits.
 *
 * So lowering does it from the typed AST, where the ranges are evident: a
 * value-range analysis (interval arithmetic) over an int64 expression tree
 *
 *     leaves    an expression of type bool, (u)int8, (u)int16 or int32 (its
 *               type's range: array loads, narrow locals, narrowing casts,
 *               anything), an integer literal, an int64/uint64 local whose
 *               every assignment is such a tree (see analyze_vars)
 *     interior  + - * & | ^, unary - + ~, min/max of two or more scalars,
 *               abs, int()/np.int64() of an integer or bool, and // % << >>
 *               by a literal (see const_op_range)
 *
 * gives every node an interval. When every node's interval lies in the
 * signed range of 8, 16 or 32 bits, the whole tree is lowered in the
 * smallest such width (leaves zero- or sign-extended by their own
 * signedness) and sign-extended to i64 once at the root. No intermediate
 * value can wrap in the narrow width, so each one equals the exact integer
 * value, and the 64-bit result is bit-identical to the one int64 (or uint64,
 * modulo 2^64) arithmetic gives.
 *
 * The extension at the root alone does not keep the code narrow: instcombine
 * evaluates a single-use tree under a zext/sext in the wide type again
 * (canEvaluateZExtd), and the vectorizer only narrows below truncs. So
 * comparisons are narrowed too (lw_narrow_compare): `s == 3` with s a local
 * of range [0, 2040] compares trunc(s) to 3 in i16, and the trunc pulls the
 * whole tree back to i16 for good. A comparison is exact in the narrow width
 * when both operands' language values are their exact values: a uint64
 * operand must be non-negative (u8 - u8 is a huge uint64, not -1).
 *
 * A tree with an int64 or uint64 leaf (a local int64 variable, a loop index,
 * a uint32 or wider load), with an operator outside the list (**, and // %
 * or shifts by a variable or of a negative dividend: their edge cases are
 * defined at the type's width), or whose interval leaves 32 bits is lowered
 * as before; its subtrees are considered again on their own as lw_expr
 * reaches them.
 *
 * Requires: a typed AST. The narrowed lowering evaluates the same leaves in
 * the same order as lower_expr.c would, so side effects, bounds checks and
 * errors are unchanged. */
#include <stdint.h>

#include "lower.h"

/* Intervals are kept in int64: every leaf fits in 32 bits and a node that
 * leaves 32 bits stops the analysis, so products of two in-range intervals
 * (at most 2^62) cannot overflow. */
#define NR_MAX INT32_MAX
#define NR_MIN INT32_MIN

typedef struct { int64_t lo, hi; } Range;

typedef enum { NK_NONE, NK_CONST, NK_LEAF, NK_VAR, NK_BINOP, NK_UNARY, NK_CAST, NK_MINMAX, NK_ABS } NarrowKind;

/* Per function: the range of each int64/uint64 local, when known. */
typedef enum { VS_OPEN, VS_KNOWN, VS_NO } VarState;
struct NarrowVars {
    VarState *state;
    Range *range;
    int nvars;
};

static const Var *local_var(const Lower *L, const Expr *e)
{
    const Var *v = e->sym;
    const TypedFunc *tf = L->tf;
    if (e->kind != EX_NAME || !v || !tf || v->index < 0 || v->index >= tf->nvars || tf->vars[v->index] != v)
        return NULL;
    return v;
}

static const Builtin *call_builtin_of(const Expr *e)
{
    const Type *ft = e->call.fn->ty;
    return ft && ft->kind == TY_BUILTIN && e->sym ? e->sym : NULL;
}

static int int_or_bool(const Type *t)
{
    return t && (ty_is_int(t) || t->kind == TY_BOOL);
}

/* How the analysis and the narrowed lowering treat e: one classification for
 * both, so that they cannot disagree. */
static NarrowKind nr_kind(const Lower *L, const Expr *e)
{
    const Type *t = e->ty;
    if (!t)
        return NK_NONE;
    if (e->kind == EX_INT && ty_is_int(t))
        return NK_CONST;
    if (t->kind == TY_BOOL || (ty_is_int(t) && t->kind != TY_UINT32 && ty_bits(t) <= 32))
        return NK_LEAF;
    if (t->kind != TY_INT64 && t->kind != TY_UINT64)
        return NK_NONE;
    switch (e->kind) {
    case EX_NAME: {
        const Var *v = local_var(L, e);
        return v && L->narrow && v->index < L->narrow->nvars && L->narrow->state[v->index] == VS_KNOWN
               ? NK_VAR : NK_NONE;
    }
    case EX_BINOP:
        switch (e->bin.op) {
        case OP_ADD: case OP_SUB: case OP_MUL: case OP_BITAND: case OP_BITOR: case OP_BITXOR:
            return int_or_bool(e->bin.l->ty) && int_or_bool(e->bin.r->ty) ? NK_BINOP : NK_NONE;
        case OP_FLOORDIV: case OP_MOD: case OP_LSHIFT: case OP_RSHIFT:
            /* by a literal only (nr_range checks its value): a divisor
               that is a variable might be zero, a shift count negative */
            return int_or_bool(e->bin.l->ty) && e->bin.r->kind == EX_INT && ty_is_int(e->bin.r->ty)
                   ? NK_BINOP : NK_NONE;
        default:
            return NK_NONE;
        }
    case EX_UNARY:
        return e->un.op != UOP_NOT && int_or_bool(e->un.x->ty) ? NK_UNARY : NK_NONE;
    case EX_CALL: {
        if (e->call.nkw != 0)
            return NK_NONE;
        const Builtin *b = call_builtin_of(e);
        const Type *ft = e->call.fn->ty;
        if (e->call.nargs == 1 && int_or_bool(e->call.args[0]->ty) &&
            ((ft && ft->kind == TY_DTYPE) || (b && b->rule == R_CAST)))
            return NK_CAST;
        if (b && b->rule == R_ABS && e->call.nargs == 1 && int_or_bool(e->call.args[0]->ty))
            return NK_ABS;
        if (b && b->rule == R_MINMAX && e->call.nargs >= 2) {
            for (int i = 0; i < e->call.nargs; i++)
                if (!int_or_bool(e->call.args[i]->ty))
                    return NK_NONE;
            return NK_MINMAX;
        }
        return NK_NONE;
    }
    default:
        return NK_NONE;
    }
}

static Range type_range(const Type *t)
{
    if (t->kind == TY_BOOL)
        return (Range){0, 1};
    int bits = ty_bits(t);
    if (ty_is_signed(t))
        return (Range){-(INT64_C(1) << (bits - 1)), (INT64_C(1) << (bits - 1)) - 1};
    return (Range){0, (INT64_C(1) << bits) - 1};
}

/* Bits of the smallest two's complement width holding every value of r. */
static int signed_bits(Range r)
{
    int k = 1;
    while (k < 64 && (r.lo < -(INT64_C(1) << (k - 1)) || r.hi > (INT64_C(1) << (k - 1)) - 1))
        k++;
    return k;
}

static int64_t min2(int64_t a, int64_t b) { return a < b ? a : b; }
static int64_t max2(int64_t a, int64_t b) { return a > b ? a : b; }

/* The interval of a & b, a | b or a ^ b. In k-bit two's complement, with k
 * large enough for both operands, every bitwise result is a k-bit value;
 * non-negative operands give tighter bounds. */
static Range bitwise_range(BinOp op, Range a, Range b)
{
    if (op == OP_BITAND && (a.lo >= 0 || b.lo >= 0)) {
        int64_t hi = a.lo >= 0 && b.lo >= 0 ? min2(a.hi, b.hi) : a.lo >= 0 ? a.hi : b.hi;
        return (Range){0, hi};
    }
    if (a.lo >= 0 && b.lo >= 0) {
        int k = signed_bits((Range){0, max2(a.hi, b.hi)}) - 1;   /* magnitude bits */
        return (Range){0, (INT64_C(1) << k) - 1};
    }
    int k = max2(signed_bits(a), signed_bits(b));
    return (Range){-(INT64_C(1) << (k - 1)), (INT64_C(1) << (k - 1)) - 1};
}

static Range mul_range(Range a, Range b)
{
    int64_t p[4] = {a.lo * b.lo, a.lo * b.hi, a.hi * b.lo, a.hi * b.hi};
    Range r = {p[0], p[0]};
    for (int i = 1; i < 4; i++) {
        r.lo = min2(r.lo, p[i]);
        r.hi = max2(r.hi, p[i]);
    }
    return r;
}

static int64_t floor_div(int64_t x, int64_t c)   /* c > 0 */
{
    return x >= 0 ? x / c : -((-x + c - 1) / c);
}

/* The interval of a // c, a % c, a << c or a >> c for a literal c, when the
 * narrow lowering computes it exactly: // and % of a non-negative dividend
 * by a positive divisor (truncation is then Python's floor), shifts by 0..31
 * (>> floors like an arithmetic shift; a uint64 >> is logical, so its
 * operand must be non-negative). */
static int const_op_range(const Expr *e, Range a, int64_t c, Range *r)
{
    switch (e->bin.op) {
    case OP_FLOORDIV:
        if (c <= 0 || a.lo < 0)
            return 0;
        *r = (Range){a.lo / c, a.hi / c};
        return 1;
    case OP_MOD:
        if (c <= 0 || a.lo < 0)
            return 0;
        *r = a.hi < c ? a : (Range){0, c - 1};
        return 1;
    case OP_LSHIFT:
        if (c < 0 || c > 31)
            return 0;
        *r = (Range){a.lo * (INT64_C(1) << c), a.hi * (INT64_C(1) << c)};
        return 1;
    default:   /* OP_RSHIFT */
        if (c < 0 || c > 31 || (!ty_is_signed(e->ty) && a.lo < 0))
            return 0;
        *r = (Range){floor_div(a.lo, INT64_C(1) << c), floor_div(a.hi, INT64_C(1) << c)};
        return 1;
    }
}

/* What an analysis collects: the widest node's signed width, and a budget
 * of nodes that keeps the work linear (lw_expr tries every int64 subtree of
 * a tree that failed again, and a long chain `x + a + b + ...` nests
 * deeply); a larger tree is narrowed in parts or not at all. */
#define NARROW_MAX_NODES 256
typedef struct { int bits, budget; } Acc;
#define ACC_INIT {1, NARROW_MAX_NODES}

/* The interval of e into *r; returns 0 when e is not narrowable or some node
 * leaves the 32-bit range. acc->bits grows to the widest node's signed width. */
static int nr_range(const Lower *L, const Expr *e, Range *r, Acc *acc)
{
    Range a, b;
    if (--acc->budget < 0)
        return 0;
    switch (nr_kind(L, e)) {
    case NK_NONE:
        return 0;
    case NK_CONST:
        *r = (Range){e->ival, e->ival};
        if (!ty_is_signed(e->ty) && e->ival < 0)   /* a uint64 literal past INT64_MAX */
            return 0;
        break;
    case NK_LEAF:
        *r = type_range(e->ty);
        break;
    case NK_VAR:
        *r = L->narrow->range[((const Var *)e->sym)->index];
        break;
    case NK_BINOP:
        if (!nr_range(L, e->bin.l, &a, acc) || !nr_range(L, e->bin.r, &b, acc))
            return 0;
        switch (e->bin.op) {
        case OP_ADD: *r = (Range){a.lo + b.lo, a.hi + b.hi}; break;
        case OP_SUB: *r = (Range){a.lo - b.hi, a.hi - b.lo}; break;
        case OP_MUL: *r = mul_range(a, b); break;
        case OP_FLOORDIV: case OP_MOD: case OP_LSHIFT: case OP_RSHIFT:
            if (!const_op_range(e, a, b.lo, r))
                return 0;
            break;
        default: *r = bitwise_range(e->bin.op, a, b); break;
        }
        break;
    case NK_UNARY:
        if (!nr_range(L, e->un.x, &a, acc))
            return 0;
        *r = e->un.op == UOP_NEG ? (Range){-a.hi, -a.lo}
           : e->un.op == UOP_INVERT ? (Range){-a.hi - 1, -a.lo - 1} : a;
        break;
    case NK_CAST:
        if (!nr_range(L, e->call.args[0], r, acc))
            return 0;
        break;
    case NK_ABS:
        if (!nr_range(L, e->call.args[0], &a, acc))
            return 0;
        if (!ty_is_signed(e->ty))   /* abs of an unsigned value is the value */
            *r = a;
        else
            *r = a.lo >= 0 ? a : a.hi <= 0 ? (Range){-a.hi, -a.lo} : (Range){0, max2(-a.lo, a.hi)};
        break;
    case NK_MINMAX: {
        int is_max = ((const Builtin *)e->sym)->id == BI_MAX || ((const Builtin *)e->sym)->id == BI_NP_maximum;
        for (int i = 0; i < e->call.nargs; i++) {
            /* a uint64 min/max compares unsigned: a negative operand would
               be a huge value there, not the smallest */
            if (!nr_range(L, e->call.args[i], &a, acc) || (!ty_is_signed(e->ty) && a.lo < 0))
                return 0;
            if (i == 0)
                *r = a;
            else if (is_max)
                *r = (Range){max2(r->lo, a.lo), max2(r->hi, a.hi)};
            else
                *r = (Range){min2(r->lo, a.lo), min2(r->hi, a.hi)};
        }
        break;
    }
    }
    if (r->lo < NR_MIN || r->hi > NR_MAX)
        return 0;
    int k = signed_bits(*r);
    if (k > acc->bits)
        acc->bits = k;
    return 1;
}

/* e lowered in the integer type w; the mirror of nr_range (same kinds, same
 * evaluation order as lower_expr.c and lower_call.c). */
static LLVMValueRef nr_lower(Lower *L, Expr *e, LLVMTypeRef w)
{
    LLVMValueRef a, b;
    switch (nr_kind(L, e)) {
    case NK_CONST:
        return LLVMConstInt(w, (unsigned long long)e->ival, 1);
    case NK_LEAF: {
        LLVMValueRef v = lw_expr(L, e);
        unsigned from = LLVMGetIntTypeWidth(LLVMTypeOf(v)), to = LLVMGetIntTypeWidth(w);
        if (from == to)
            return v;
        if (from > to)   /* cannot happen: the leaf's range fits in w */
            return LLVMBuildTrunc(L->B, v, w, "");
        return ty_is_signed(e->ty) ? LLVMBuildSExt(L->B, v, w, "") : LLVMBuildZExt(L->B, v, w, "");
    }
    case NK_VAR:   /* an i64 whose value fits w: trunc is exact */
        return LLVMBuildTrunc(L->B, lw_expr(L, e), w, "");
    case NK_BINOP:
        a = nr_lower(L, e->bin.l, w);
        b = nr_lower(L, e->bin.r, w);
        switch (e->bin.op) {
        case OP_ADD: return LLVMBuildAdd(L->B, a, b, "");
        case OP_SUB: return LLVMBuildSub(L->B, a, b, "");
        case OP_MUL: return LLVMBuildMul(L->B, a, b, "");
        case OP_BITAND: return LLVMBuildAnd(L->B, a, b, "");
        case OP_BITOR: return LLVMBuildOr(L->B, a, b, "");
        case OP_BITXOR: return LLVMBuildXor(L->B, a, b, "");
        /* non-negative dividend, positive literal divisor */
        case OP_FLOORDIV: return LLVMBuildUDiv(L->B, a, b, "");
        case OP_MOD: return LLVMBuildURem(L->B, a, b, "");
        default: {
            /* a count of at least the width would be poison: the range says
               the result is 0 (<<) or the sign (>>), which the shift by
               width - 1 gives */
            unsigned bits = LLVMGetIntTypeWidth(w);
            unsigned long long c = (unsigned long long)e->bin.r->ival;
            if (e->bin.op == OP_LSHIFT)
                return c >= bits ? LLVMConstNull(w) : LLVMBuildShl(L->B, a, LLVMConstInt(w, c, 0), "");
            return LLVMBuildAShr(L->B, a, LLVMConstInt(w, c >= bits ? bits - 1 : c, 0), "");
        }
        }
    case NK_UNARY:
        a = nr_lower(L, e->un.x, w);
        return e->un.op == UOP_NEG ? LLVMBuildNeg(L->B, a, "") : e->un.op == UOP_INVERT ? LLVMBuildNot(L->B, a, "") : a;
    case NK_CAST:
        return nr_lower(L, e->call.args[0], w);
    case NK_ABS:
        a = nr_lower(L, e->call.args[0], w);
        if (!ty_is_signed(e->ty))
            return a;
        return LLVMBuildSelect(L->B, LLVMBuildICmp(L->B, LLVMIntSLT, a, LLVMConstNull(w), ""),
                               LLVMBuildNeg(L->B, a, ""), a, "abs");
    case NK_MINMAX: {
        int is_max = ((const Builtin *)e->sym)->id == BI_MAX || ((const Builtin *)e->sym)->id == BI_NP_maximum;
        LLVMValueRef acc = nr_lower(L, e->call.args[0], w);
        for (int i = 1; i < e->call.nargs; i++) {
            LLVMValueRef x = nr_lower(L, e->call.args[i], w);
            LLVMValueRef c = LLVMBuildICmp(L->B, is_max ? LLVMIntSGT : LLVMIntSLT, x, acc, "");
            acc = LLVMBuildSelect(L->B, c, x, acc, is_max ? "max" : "min");
        }
        return acc;
    }
    case NK_NONE:
        break;
    }
    return LLVMGetUndef(w);   /* unreachable: nr_range accepted the tree */
}

static unsigned width_of(int bits)
{
    return bits <= 8 ? 8 : bits <= 16 ? 16 : 32;
}

/* ---------- ranges of locals ---------- */

/* Every write to a local, found by walking the function's statements: a
 * plain `v = e` records e; any other write (augmented assignment, for-loop
 * target, tuple unpacking) and parameters make v unknowable. The other
 * writes lowering makes (prange private copies and lastprivate values, loop
 * interchange's accumulator and indices) store values of these same writes
 * or of unknowable variables; a slot's initial zero fits any range. */
typedef struct { Var *v; Expr *value; } Def;
typedef struct { Def *defs; int n, cap; Arena *a; struct NarrowVars *nv; const Lower *L; } DefList;

static void mark_targets_unknown(DefList *d, const Expr *t)
{
    if (t->kind == EX_TUPLE || t->kind == EX_LIST) {
        for (int i = 0; i < t->tuple.n; i++)
            mark_targets_unknown(d, t->tuple.xs[i]);
        return;
    }
    const Var *v = local_var(d->L, t);
    if (v)
        d->nv->state[v->index] = VS_NO;
}

static void add_def(DefList *d, Expr *t, Expr *value)
{
    Var *v = (Var *)local_var(d->L, t);
    if (!v)
        return;
    if (d->n == d->cap) {
        int cap = d->cap ? 2 * d->cap : 16;
        Def *nd = arena_array(d->a, (size_t)cap, sizeof *nd);
        if (!nd) {   /* out of memory: nothing is known */
            d->nv->state[v->index] = VS_NO;
            return;
        }
        for (int i = 0; i < d->n; i++)
            nd[i] = d->defs[i];
        d->defs = nd;
        d->cap = cap;
    }
    d->defs[d->n++] = (Def){v, value};
}

static void collect_defs(DefList *d, const Block *b)
{
    for (int i = 0; i < b->n; i++) {
        const Stmt *s = b->stmts[i];
        switch (s->kind) {
        case ST_ASSIGN:
            for (int k = 0; k < s->assign.ntargets; k++) {
                Expr *t = s->assign.targets[k];
                if (t->kind == EX_NAME)
                    add_def(d, t, s->assign.value);
                else
                    mark_targets_unknown(d, t);
            }
            break;
        case ST_AUGASSIGN:
            mark_targets_unknown(d, s->aug.target);
            break;
        case ST_FOR:
            mark_targets_unknown(d, s->for_.target);
            collect_defs(d, &s->for_.body);
            collect_defs(d, &s->for_.orelse);
            break;
        case ST_WHILE:
            collect_defs(d, &s->while_.body);
            collect_defs(d, &s->while_.orelse);
            break;
        case ST_IF:
            collect_defs(d, &s->if_.then);
            collect_defs(d, &s->if_.orelse);
            break;
        default:
            break;
        }
    }
}

/* Ranges of L->tf's int64/uint64 locals. A local becomes known once every
 * value assigned to it has a range (which may use locals known before), its
 * range the union; rounds repeat while some local becomes known, so a local
 * that depends on itself (s = s + x) never does. */
#define NARROW_MAX_ROUNDS 8   /* chains of locals deeper than this stay wide */
static void analyze_vars(Lower *L)
{
    const TypedFunc *tf = L->tf;
    if (L->narrow_tf == tf)
        return;
    L->narrow_tf = tf;
    L->narrow = NULL;
    if (!tf || !tf->def || tf->nvars == 0)
        return;
    Arena *a = L->prog->arena;
    struct NarrowVars *nv = arena_alloc(a, sizeof *nv);
    if (!nv || !(nv->state = arena_array(a, (size_t)tf->nvars, sizeof *nv->state)) ||
        !(nv->range = arena_array(a, (size_t)tf->nvars, sizeof *nv->range)))
        return;
    nv->nvars = tf->nvars;
    for (int i = 0; i < tf->nvars; i++) {
        const Var *v = tf->vars[i];
        int wide = v->ty && (v->ty->kind == TY_INT64 || v->ty->kind == TY_UINT64);
        nv->state[i] = wide && !v->is_param ? VS_OPEN : VS_NO;
    }
    DefList d = {.a = a, .nv = nv, .L = L};
    collect_defs(&d, &tf->def->body);
    L->narrow = nv;   /* nr_kind sees the locals known so far */
    for (int round = 0, changed = 1; changed && round < NARROW_MAX_ROUNDS; round++) {
        changed = 0;
        for (int i = 0; i < tf->nvars; i++) {
            if (nv->state[i] != VS_OPEN)
                continue;
            Range u = {0, 0};
            int ok = 1, first = 1;
            for (int k = 0; k < d.n && ok; k++) {
                if (d.defs[k].v->index != i)
                    continue;
                Range r;
                Acc acc = ACC_INIT;
                ok = nr_range(L, d.defs[k].value, &r, &acc);
                u = first ? r : (Range){min2(u.lo, r.lo), max2(u.hi, r.hi)};
                first = 0;
            }
            if (ok && !first) {
                nv->range[i] = u;
                nv->state[i] = VS_KNOWN;
                changed = 1;
            }
        }
    }
}

/* ---------- comparisons ---------- */

/* The range of an operand whose language value is exactly its integer value:
 * signed, bool, or unsigned and never negative. */
static int compare_range(const Lower *L, const Expr *e, Range *r, Acc *acc)
{
    if (!nr_range(L, e, r, acc))
        return 0;
    return ty_is_signed(e->ty) || e->ty->kind == TY_BOOL || r->lo >= 0;
}

static int is_wide(const Type *t)
{
    return t->kind == TY_INT64 || t->kind == TY_UINT64;
}

static LLVMValueRef to_width(Lower *L, LLVMValueRef v, const Type *t, LLVMTypeRef w)
{
    unsigned from = LLVMGetIntTypeWidth(LLVMTypeOf(v)), to = LLVMGetIntTypeWidth(w);
    if (from == to)
        return v;
    if (from > to)   /* exact: the value fits w */
        return LLVMBuildTrunc(L->B, v, w, "");
    return ty_is_signed(t) ? LLVMBuildSExt(L->B, v, w, "") : LLVMBuildZExt(L->B, v, w, "");
}

LLVMValueRef lw_narrow_compare(Lower *L, CmpOp op, Expr *a, LLVMValueRef va, Expr *b, LLVMValueRef vb)
{
    if (L->narrow_off || op == CMP_IS || op == CMP_ISNOT || !a->ty || !b->ty || (!is_wide(a->ty) && !is_wide(b->ty)))
        return NULL;
    analyze_vars(L);
    Range ra, rb;
    Acc acc = ACC_INIT;
    if (!compare_range(L, a, &ra, &acc) || !compare_range(L, b, &rb, &acc))
        return NULL;
    LLVMTypeRef w = LLVMIntTypeInContext(L->C, width_of(acc.bits));
    static const LLVMIntPredicate ip[6] = {LLVMIntEQ, LLVMIntNE, LLVMIntSLT, LLVMIntSLE, LLVMIntSGT, LLVMIntSGE};
    return LLVMBuildICmp(L->B, ip[op], to_width(L, va, a->ty, w), to_width(L, vb, b->ty, w), "");
}

/* The value of the int64 expression e computed in a narrower width and
 * sign-extended, or NULL when its range does not allow it (the caller
 * lowers e as usual). Only an operation is worth narrowing at the root: a
 * lone cast or leaf already is its own narrow value. */
LLVMValueRef lw_narrow(Lower *L, Expr *e)
{
    if (L->narrow_off)
        return NULL;
    analyze_vars(L);
    NarrowKind k = nr_kind(L, e);
    if (k != NK_BINOP && k != NK_UNARY && k != NK_MINMAX && k != NK_ABS)
        return NULL;
    Range r;
    Acc acc = ACC_INIT;
    if (!nr_range(L, e, &r, &acc))
        return NULL;
    /* A uint64 that may be negative (-(u8 + u8) wraps) stays 64-bit, and so
     * do its parts: converted to float it is uitofp(x) of an x with many
     * sign bits, and LLVM 19's SLP vectorizer computes such a conversion in
     * the narrow width (its minimal bit-width analysis of uitofp operands
     * counts sign bits), a miscompile that a random-program comparison found
     * (tests/scripts/narrow_int.py, wrapped_to_float). The tree is lowered
     * exactly as without narrowing; the bug itself is older (it hits
     * float(-np.uint64(u8[k])) in four unrolled iterations too). */
    if (!ty_is_signed(e->ty) && r.lo < 0) {
        L->narrow_off++;
        LLVMValueRef v = lw_expr(L, e);
        L->narrow_off--;
        return v;
    }
    unsigned w = width_of(acc.bits);
    LLVMValueRef v = nr_lower(L, e, LLVMIntTypeInContext(L->C, w));
    /* zext where the value is non-negative: the same bits, and LLVM knows
       more about a zext */
    return r.lo >= 0 ? LLVMBuildZExt(L->B, v, L->i64, "narrow") : LLVMBuildSExt(L->B, v, L->i64, "narrow");
}
