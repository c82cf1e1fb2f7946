/* lower_arrexpr.c - array expressions: element-wise operators and ufuncs
 * over arrays with NumPy's broadcasting, computed in one fused loop.
 *
 * An expression tree such as `a * 2.0 + np.sqrt(b)` is split into its
 * element-wise nodes and its leaves (arrays and scalars that are not
 * themselves element-wise: names, calls, views). The leaves are evaluated
 * once, the broadcast shape is computed and checked, and one loop nest
 * evaluates the whole tree per element into the destination: a new
 * C-contiguous array, or an existing view for `a[1:-1] = expr` and
 * `a += expr`. No temporary array is made per operator. When every array
 * leaf is C-contiguous with exactly the destination's shape (the common
 * case), a single flat loop with unit-stride accesses is used, which LLVM
 * vectorizes; otherwise a loop nest with byte strides (stride 0 on
 * broadcast dimensions). */
#include <string.h>

#include "../include/jit.h"
#include "lower.h"

enum { F_MEMINFO, F_DATA, F_SHAPE, F_STRIDES };

/* Leaves of one expression: arrays and scalars feeding the element-wise tree. */
#define AE_MAX_LEAVES 64

typedef struct Leaf {
    Expr *e;
    const Type *t;           /* the leaf's type (array or scalar) */
    LLVMValueRef val;        /* evaluated once before the loop */
    LLVMValueRef cur;        /* element value inside the loop body */
} Leaf;

typedef struct AE {
    Leaf leaves[AE_MAX_LEAVES];
    int n;
    int overflow;
} AE;

int lw_is_elementwise(const Expr *e)
{
    if (!e->ty || e->ty->kind != TY_ARRAY)
        return 0;
    switch (e->kind) {
    case EX_BINOP: case EX_UNARY: case EX_COMPARE:
        return 1;
    case EX_CALL: {
        if (e->call.fn->ty && e->call.fn->ty->kind == TY_FUNC && e->call.fn->sym) {
            /* a @vectorize ufunc computed inline (cpu target, no out=) */
            const UfuncCall *uc = e->call.fn->sym;
            return !uc->loopfn && !uc->has_out;
        }
        if (!e->call.fn->ty || e->call.fn->ty->kind != TY_BUILTIN || !e->sym)
            return 0;
        const Builtin *b = e->sym;
        return b->rule == R_FLOAT1 || b->rule == R_FLOAT2 || b->rule == R_PRED || b->rule == R_WHERE ||
               b->rule == R_ABS || b->id == BI_NP_minimum || b->id == BI_NP_maximum;
    }
    default:
        return 0;
    }
}

static void collect(Lower *L, AE *ae, Expr *e)
{
    if (lw_is_elementwise(e)) {
        switch (e->kind) {
        case EX_BINOP: collect(L, ae, e->bin.l); collect(L, ae, e->bin.r); return;
        case EX_UNARY: collect(L, ae, e->un.x); return;
        case EX_COMPARE: collect(L, ae, e->cmp.xs[0]); collect(L, ae, e->cmp.xs[1]); return;
        default:
            for (int i = 0; i < e->call.nargs; i++)
                collect(L, ae, e->call.args[i]);
            return;
        }
    }
    if (ae->n >= AE_MAX_LEAVES) {
        ae->overflow = 1;
        return;
    }
    Leaf *lf = &ae->leaves[ae->n++];
    lf->e = e;
    lf->t = e->ty;
    lf->val = lw_expr(L, e);
}

static Leaf *find_leaf(AE *ae, const Expr *e)
{
    for (int i = 0; i < ae->n; i++)
        if (ae->leaves[i].e == e)
            return &ae->leaves[i];
    return NULL;
}

/* The value of e for the current element, of type infer_elem_type(e->ty). */
static LLVMValueRef eval(Lower *L, AE *ae, Expr *e)
{
    if (!lw_is_elementwise(e))
        return find_leaf(ae, e)->cur;
    const Type *rt = e->ty->arr.dtype;
    switch (e->kind) {
    case EX_BINOP: {
        const Type *in[2] = {infer_elem_type(e->bin.l->ty), infer_elem_type(e->bin.r->ty)}, *loop = NULL;
        UfuncKind k = e->bin.op == OP_DIV ? UF_DIV
                      : (e->bin.op >= OP_BITAND && e->bin.op <= OP_RSHIFT) ? UF_BITWISE : UF_ARITH;
        infer_ufunc_type(k, e->bin.op, in, 2, &loop);
        LLVMValueRef l = lw_cast(L, eval(L, ae, e->bin.l), in[0], loop);
        LLVMValueRef r = lw_cast(L, eval(L, ae, e->bin.r), in[1], loop);
        int saved = L->elementwise;
        L->elementwise = 1;
        LLVMValueRef v = lw_binop_values(L, e->bin.op, l, loop, r, loop, rt, e->pos.line);
        L->elementwise = saved;
        return v;
    }
    case EX_UNARY: {
        const Type *in = infer_elem_type(e->un.x->ty);
        LLVMValueRef x = lw_cast(L, eval(L, ae, e->un.x), in, rt);
        if (e->un.op == UOP_NEG)
            return ty_is_float(rt) ? lw_fm(L, LLVMBuildFNeg(L->B, x, "")) : LLVMBuildNeg(L->B, x, "");
        if (e->un.op == UOP_INVERT)
            return LLVMBuildNot(L->B, x, "");
        return x;
    }
    case EX_COMPARE: {
        const Type *in[2] = {infer_elem_type(e->cmp.xs[0]->ty), infer_elem_type(e->cmp.xs[1]->ty)}, *loop = NULL;
        infer_ufunc_type(UF_COMPARE, OP_ADD, in, 2, &loop);
        LLVMValueRef l = lw_cast(L, eval(L, ae, e->cmp.xs[0]), in[0], loop);
        LLVMValueRef r = lw_cast(L, eval(L, ae, e->cmp.xs[1]), in[1], loop);
        return lw_compare_values(L, e->cmp.ops[0], l, loop, r, loop);
    }
    default: {
        if (e->call.fn->ty->kind == TY_FUNC) {
            const UfuncCall *uc = e->call.fn->sym;
            LLVMValueRef v[UF_MAX_ARGS];
            for (int i = 0; i < e->call.nargs; i++)
                v[i] = lw_cast(L, eval(L, ae, e->call.args[i]), infer_elem_type(e->call.args[i]->ty), uc->loop[i]);
            return lw_cast(L, lw_call_typed(L, uc->kernel, v, e->pos.line), uc->kernel->ret, rt);
        }
        const Builtin *b = e->sym;
        int n = e->call.nargs;
        const Type *in[3], *loop = NULL;
        LLVMValueRef v[3];
        for (int i = 0; i < n; i++) {
            in[i] = infer_elem_type(e->call.args[i]->ty);
            v[i] = eval(L, ae, e->call.args[i]);
        }
        if (b->rule == R_WHERE) {
            infer_ufunc_type(UF_SAME, OP_ADD, in + 1, 2, &loop);
            LLVMValueRef c = lw_truth(L, v[0], in[0]);
            return LLVMBuildSelect(L->B, c, lw_cast(L, v[1], in[1], rt), lw_cast(L, v[2], in[2], rt), "where");
        }
        UfuncKind k = b->rule == R_PRED ? UF_PRED : (b->rule == R_FLOAT1 || b->rule == R_FLOAT2) ? UF_FLOAT : UF_SAME;
        infer_ufunc_type(k, OP_ADD, in, n, &loop);
        for (int i = 0; i < n; i++)
            v[i] = lw_cast(L, v[i], in[i], loop);
        return lw_scalar_builtin(L, b, v, n, loop, rt);
    }
    }
}

/* ---------- the loops ---------- */

/* Address of element idx (per dimension of the destination) of array leaf
 * lf, with broadcast dimensions (size 1) read at index 0. */
static LLVMValueRef leaf_ptr(Lower *L, Leaf *lf, LLVMValueRef *idx, int nd)
{
    int ld = lf->t->arr.ndim;
    LLVMValueRef off = lw_const_i64(L, 0);
    for (int k = 0; k < ld; k++) {
        LLVMValueRef size = lw_array_field(L, lf->val, F_SHAPE, k);
        LLVMValueRef i = idx[nd - ld + k];
        i = LLVMBuildSelect(L->B, LLVMBuildICmp(L->B, LLVMIntEQ, size, lw_const_i64(L, 1), ""),
                            lw_const_i64(L, 0), i, "");
        off = LLVMBuildAdd(L->B, off, LLVMBuildMul(L->B, i, lw_array_field(L, lf->val, F_STRIDES, k), ""), "");
    }
    return LLVMBuildGEP2(L->B, L->i8, lw_array_field(L, lf->val, F_DATA, 0), &off, 1, "");
}

static LLVMValueRef load_elem(Lower *L, LLVMValueRef p, const Type *dt)
{
    LLVMValueRef v = LLVMBuildLoad2(L->B, lw_mem_type(L, dt), p, "");
    return dt->kind == TY_BOOL ? LLVMBuildICmp(L->B, LLVMIntNE, v, LLVMConstNull(L->i8), "") : v;
}

static void store_elem(Lower *L, LLVMValueRef p, LLVMValueRef v, const Type *dt)
{
    if (dt->kind == TY_BOOL)
        v = LLVMBuildZExt(L->B, v, L->i8, "");
    LLVMBuildStore(L->B, v, p);
}

/* A counted loop i = 0 .. n-1; returns i and leaves the builder in the
 * body; *latch_out and *done_out finish it (see loop_end). */
typedef struct Loop {
    LLVMBasicBlockRef head, body, done;
    LLVMValueRef slot, i;
} Loop;

static void loop_from(Lower *L, Loop *lp, LLVMValueRef lo, LLVMValueRef n, const char *name)
{
    lp->slot = lw_alloca(L, L->i64, name);
    LLVMBuildStore(L->B, lo, lp->slot);
    lp->head = lw_block(L, name);
    lp->body = lw_block(L, "ae.body");
    lp->done = lw_block(L, "ae.done");
    LLVMBuildBr(L->B, lp->head);
    LLVMPositionBuilderAtEnd(L->B, lp->head);
    lp->i = LLVMBuildLoad2(L->B, L->i64, lp->slot, "i");
    LLVMBuildCondBr(L->B, LLVMBuildICmp(L->B, LLVMIntSLT, lp->i, n, ""), lp->body, lp->done);
    LLVMPositionBuilderAtEnd(L->B, lp->body);
}

static void loop_begin(Lower *L, Loop *lp, LLVMValueRef n, const char *name)
{
    loop_from(L, lp, lw_const_i64(L, 0), n, name);
}

static void loop_end(Lower *L, Loop *lp)
{
    LLVMValueRef i = LLVMBuildLoad2(L->B, L->i64, lp->slot, "");
    LLVMBuildStore(L->B, LLVMBuildNSWAdd(L->B, i, lw_const_i64(L, 1), ""), lp->slot);
    lw_loop(L, LLVMBuildBr(L->B, lp->head), 0);
    LLVMPositionBuilderAtEnd(L->B, lp->done);
}

/* Elements per thread at least when an array expression of a parallel=True
 * function runs on threads: below that the fork/join (a few microseconds)
 * costs more than the loop. */
#define AE_PAR_GRAIN 16384

static void fill_part(Lower *L, AE *ae, Expr *e, LLVMValueRef dst, const Type *dt, int flat, LLVMValueRef n,
                      LLVMValueRef grain);

/* Evaluates e (an element-wise array expression, or any array or scalar
 * to broadcast) into dst, an array value of type dt whose shape is the
 * broadcast shape. */
static void fill_from(Lower *L, AE *ae, Expr *e, LLVMValueRef dst, const Type *dt)
{
    int nd = dt->arr.ndim;
    LLVMValueRef dims[TY_MAX_NDIM];
    for (int k = 0; k < nd; k++)
        dims[k] = lw_array_field(L, dst, F_SHAPE, k);
    /* every array leaf must broadcast to the destination */
    LLVMValueRef same = LLVMConstInt(L->i1, dt->arr.layout == 'C', 0);
    for (int i = 0; i < ae->n; i++) {
        Leaf *lf = &ae->leaves[i];
        if (lf->t->kind != TY_ARRAY)
            continue;
        int ld = lf->t->arr.ndim;
        for (int k = 0; k < ld; k++) {
            LLVMValueRef s = lw_array_field(L, lf->val, F_SHAPE, k), d = dims[nd - ld + k];
            LLVMValueRef eq = LLVMBuildICmp(L->B, LLVMIntEQ, s, d, "");
            LLVMValueRef one = LLVMBuildICmp(L->B, LLVMIntEQ, s, lw_const_i64(L, 1), "");
            lw_check(L, LLVMBuildOr(L->B, eq, one, ""), JIT_ERR_VALUE,
                     "operands could not be broadcast together", e->pos.line);
            same = LLVMBuildAnd(L->B, same, eq, "");
        }
        if (ld != nd || lf->t->arr.layout != 'C')
            same = LLVMConstInt(L->i1, 0, 0);
    }
    LLVMBasicBlockRef flat = lw_block(L, "ae.flat"), nest = lw_block(L, "ae.nest"), done = lw_block(L, "ae.end");
    LLVMBuildCondBr(L->B, same, flat, nest);

    /* flat: one loop over every element, unit stride everywhere */
    LLVMPositionBuilderAtEnd(L->B, flat);
    LLVMValueRef total = lw_const_i64(L, 1);
    for (int k = 0; k < nd; k++)
        total = LLVMBuildMul(L->B, total, dims[k], "");
    fill_part(L, ae, e, dst, dt, 1, total, lw_const_i64(L, AE_PAR_GRAIN));
    LLVMBuildBr(L->B, done);

    /* nest: one loop per dimension, byte strides, broadcasting; parallel
     * over the first dimension, in chunks of about AE_PAR_GRAIN elements */
    LLVMPositionBuilderAtEnd(L->B, nest);
    LLVMValueRef inner = lw_const_i64(L, 1);
    for (int k = 1; k < nd; k++)
        inner = LLVMBuildMul(L->B, inner, dims[k], "");
    inner = LLVMBuildSelect(L->B, LLVMBuildICmp(L->B, LLVMIntSGT, inner, lw_const_i64(L, 0), ""), inner,
                            lw_const_i64(L, 1), "");
    LLVMValueRef rows = LLVMBuildAdd(L->B, LLVMBuildSDiv(L->B, lw_const_i64(L, AE_PAR_GRAIN), inner, ""),
                                     lw_const_i64(L, 1), "");
    fill_part(L, ae, e, dst, dt, 0, nd ? dims[0] : lw_const_i64(L, 1), rows);
    LLVMBuildBr(L->B, done);
    LLVMPositionBuilderAtEnd(L->B, done);
}

/* The flat loop over elements [lo, hi). */
static void fill_flat(Lower *L, AE *ae, Expr *e, LLVMValueRef dst, const Type *dt, LLVMValueRef lo, LLVMValueRef hi)
{
    const Type *et = dt->arr.dtype;
    Loop lp;
    loop_from(L, &lp, lo, hi, "ae.i");
    for (int i = 0; i < ae->n; i++) {
        Leaf *lf = &ae->leaves[i];
        if (lf->t->kind != TY_ARRAY) {
            lf->cur = lf->val;
            continue;
        }
        LLVMValueRef p = LLVMBuildInBoundsGEP2(L->B, lw_mem_type(L, lf->t->arr.dtype),
                                               lw_array_field(L, lf->val, F_DATA, 0), &lp.i, 1, "");
        lf->cur = load_elem(L, p, lf->t->arr.dtype);
    }
    LLVMValueRef v = lw_cast(L, eval(L, ae, e), infer_elem_type(e->ty), et);
    store_elem(L, LLVMBuildInBoundsGEP2(L->B, lw_mem_type(L, et), lw_array_field(L, dst, F_DATA, 0), &lp.i, 1, ""),
               v, et);
    loop_end(L, &lp);
}

/* The loop nest over rows [lo, hi) of the first dimension. */
static void fill_nest(Lower *L, AE *ae, Expr *e, LLVMValueRef dst, const Type *dt, LLVMValueRef lo, LLVMValueRef hi)
{
    int nd = dt->arr.ndim;
    const Type *et = dt->arr.dtype;
    Loop loops[TY_MAX_NDIM];
    LLVMValueRef idx[TY_MAX_NDIM];
    for (int k = 0; k < nd; k++) {
        if (k == 0)
            loop_from(L, &loops[k], lo, hi, "ae.k");
        else
            loop_begin(L, &loops[k], lw_array_field(L, dst, F_SHAPE, k), "ae.k");
        idx[k] = loops[k].i;
    }
    for (int i = 0; i < ae->n; i++) {
        Leaf *lf = &ae->leaves[i];
        lf->cur = lf->t->kind == TY_ARRAY ? load_elem(L, leaf_ptr(L, lf, idx, nd), lf->t->arr.dtype) : lf->val;
    }
    LLVMValueRef v = lw_cast(L, eval(L, ae, e), infer_elem_type(e->ty), et);
    Leaf dl = {.t = dt, .val = dst};
    store_elem(L, leaf_ptr(L, &dl, idx, nd), v, et);
    for (int k = nd - 1; k >= 0; k--)
        loop_end(L, &loops[k]);
}

/* In a parallel=True function the loop runs on threads: its leaves and the
 * destination are the values captured into the outlined body. */
typedef struct Part {
    AE *ae;
    Expr *e;
    const Type *dt;
    LLVMValueRef caps[AE_MAX_LEAVES + 1];
    int flat;
} Part;

static void part_body(Lower *L, void *data, LLVMValueRef lo, LLVMValueRef hi)
{
    Part *p = data;
    LLVMValueRef saved[AE_MAX_LEAVES];
    for (int i = 0; i < p->ae->n; i++) {
        saved[i] = p->ae->leaves[i].val;
        p->ae->leaves[i].val = p->caps[i];
    }
    if (p->flat)
        fill_flat(L, p->ae, p->e, p->caps[p->ae->n], p->dt, lo, hi);
    else
        fill_nest(L, p->ae, p->e, p->caps[p->ae->n], p->dt, lo, hi);
    for (int i = 0; i < p->ae->n; i++)
        p->ae->leaves[i].val = saved[i];
}

static void fill_part(Lower *L, AE *ae, Expr *e, LLVMValueRef dst, const Type *dt, int flat, LLVMValueRef n,
                      LLVMValueRef grain)
{
    if (!lw_par_available(L)) {
        if (flat)
            fill_flat(L, ae, e, dst, dt, lw_const_i64(L, 0), n);
        else
            fill_nest(L, ae, e, dst, dt, lw_const_i64(L, 0), n);
        return;
    }
    Part p = {ae, e, dt, {0}, flat};
    for (int i = 0; i < ae->n; i++)
        p.caps[i] = ae->leaves[i].val;
    p.caps[ae->n] = dst;
    lw_par_for(L, n, grain, p.caps, ae->n + 1, part_body, &p);
}

static int gather(Lower *L, AE *ae, Expr *e)
{
    memset(ae, 0, sizeof *ae);
    collect(L, ae, e);
    if (ae->overflow) {
        diag_error(L->diags, DK_UNSUPPORTED, e->pos, "array expression with more than %d operands",
                   AE_MAX_LEAVES);
        return -1;
    }
    return 0;
}

LLVMValueRef lw_array_expr(Lower *L, Expr *e)
{
    AE *ae = arena_alloc(L->prog->arena, sizeof *ae);
    if (!ae || gather(L, ae, e) < 0)
        return LLVMGetUndef(lw_type(L, e->ty));
    /* the broadcast shape: per dimension from the right, the size that is not 1 */
    int nd = e->ty->arr.ndim;
    LLVMValueRef dims[TY_MAX_NDIM];
    for (int k = 0; k < nd; k++) {
        LLVMValueRef d = lw_const_i64(L, 1);
        for (int i = 0; i < ae->n; i++) {
            Leaf *lf = &ae->leaves[i];
            if (lf->t->kind != TY_ARRAY)
                continue;
            int ld = lf->t->arr.ndim, j = k - (nd - ld);
            if (j < 0)
                continue;
            LLVMValueRef s = lw_array_field(L, lf->val, F_SHAPE, j);
            d = LLVMBuildSelect(L->B, LLVMBuildICmp(L->B, LLVMIntEQ, d, lw_const_i64(L, 1), ""), s, d, "bdim");
        }
        dims[k] = d;
    }
    LLVMValueRef out = lw_new_array(L, e->ty, dims, e->pos.line);
    fill_from(L, ae, e, out, e->ty);
    return out;
}

/* Whether some array leaf (from index `first`) shares memory with dst in a
 * way that element-by-element copying would read already-written elements
 * (a[1:] = a[:-1]). The same view read at the same index is safe. */
static LLVMValueRef overlaps(Lower *L, AE *ae, int first, LLVMValueRef dst, const Type *dt)
{
    LLVMValueRef dlo, dhi, any = LLVMConstInt(L->i1, 0, 0);
    lw_byte_range(L, dst, dt, &dlo, &dhi);
    for (int i = first; i < ae->n; i++) {
        Leaf *lf = &ae->leaves[i];
        if (lf->t->kind != TY_ARRAY)
            continue;
        LLVMValueRef lo, hi;
        lw_byte_range(L, lf->val, lf->t, &lo, &hi);
        LLVMValueRef o = LLVMBuildAnd(L->B, LLVMBuildICmp(L->B, LLVMIntULT, lo, dhi, ""),
                                      LLVMBuildICmp(L->B, LLVMIntULT, dlo, hi, ""), "");
        if (lf->t->arr.ndim == dt->arr.ndim) {
            LLVMValueRef same = LLVMBuildICmp(L->B, LLVMIntEQ, lw_array_field(L, lf->val, F_DATA, 0),
                                              lw_array_field(L, dst, F_DATA, 0), "");
            for (int k = 0; k < dt->arr.ndim; k++) {
                same = LLVMBuildAnd(L->B, same, LLVMBuildICmp(L->B, LLVMIntEQ, lw_array_field(L, lf->val, F_STRIDES, k),
                                                              lw_array_field(L, dst, F_STRIDES, k), ""), "");
                same = LLVMBuildAnd(L->B, same, LLVMBuildICmp(L->B, LLVMIntEQ, lw_array_field(L, lf->val, F_SHAPE, k),
                                                              lw_array_field(L, dst, F_SHAPE, k), ""), "");
            }
            o = LLVMBuildAnd(L->B, o, LLVMBuildNot(L->B, same, ""), "");
        }
        any = LLVMBuildOr(L->B, any, o, "");
    }
    return any;
}

void lw_copy_value(Lower *L, LLVMValueRef dst, const Type *dt, LLVMValueRef src, const Type *st, Pos pos)
{
    /* an already evaluated array is the one leaf of a copy */
    Expr *se = arena_alloc(L->prog->arena, sizeof *se);
    AE *copy = arena_alloc(L->prog->arena, sizeof *copy);
    if (!se || !copy)
        return;
    se->kind = EX_NAME;
    se->pos = pos;
    se->ty = st;
    copy->leaves[0] = (Leaf){.e = se, .t = st, .val = src};
    copy->n = 1;
    fill_from(L, copy, se, dst, dt);
}

/* Fills dst from e, going through a temporary when operands overlap dst. */
static void fill_safely(Lower *L, AE *ae, int first, Expr *e, LLVMValueRef dst, const Type *dt)
{
    LLVMValueRef ov = overlaps(L, ae, first, dst, dt);
    LLVMBasicBlockRef direct = lw_block(L, "ae.direct"), viatmp = lw_block(L, "ae.overlap"),
                      done = lw_block(L, "ae.stored");
    LLVMBuildCondBr(L->B, ov, viatmp, direct);
    LLVMPositionBuilderAtEnd(L->B, direct);
    fill_from(L, ae, e, dst, dt);
    LLVMBuildBr(L->B, done);
    LLVMPositionBuilderAtEnd(L->B, viatmp);
    /* as NumPy does: compute into a temporary, then copy */
    LLVMValueRef dims[TY_MAX_NDIM];
    for (int k = 0; k < dt->arr.ndim; k++)
        dims[k] = lw_array_field(L, dst, F_SHAPE, k);
    const Type *tt = ty_array(L->prog->arena, dt->arr.dtype, dt->arr.ndim, 'C');
    LLVMValueRef tmp = lw_new_array(L, tt, dims, e->pos.line);
    fill_from(L, ae, e, tmp, tt);
    lw_copy_value(L, dst, dt, tmp, tt, e->pos);
    LLVMBuildBr(L->B, done);
    LLVMPositionBuilderAtEnd(L->B, done);
}

void lw_store_into(Lower *L, LLVMValueRef dst, const Type *dt, Expr *src)
{
    AE *ae = arena_alloc(L->prog->arena, sizeof *ae);
    if (!ae || gather(L, ae, src) < 0)
        return;
    fill_safely(L, ae, 0, src, dst, dt);
}

void lw_update_into(Lower *L, LLVMValueRef dst, const Type *dt, BinOp op, Expr *target, Expr *src, Pos pos)
{
    /* dst op= src is dst[...] = dst op src, with dst read through the same view */
    Expr bin = {.kind = EX_BINOP, .pos = pos};
    bin.bin.op = op;
    bin.bin.l = target;
    bin.bin.r = src;
    const Type *ts[2] = {infer_elem_type(target->ty), infer_elem_type(src->ty)};
    UfuncKind k = op == OP_DIV ? UF_DIV : (op >= OP_BITAND && op <= OP_RSHIFT) ? UF_BITWISE : UF_ARITH;
    const Type *r = infer_ufunc_type(k, op, ts, 2, NULL);
    bin.ty = ty_array(L->prog->arena, r, dt->arr.ndim, 'C');
    AE *ae = arena_alloc(L->prog->arena, sizeof *ae);
    if (!ae)
        return;
    memset(ae, 0, sizeof *ae);
    /* the target is a leaf whose value is the destination itself */
    ae->leaves[0] = (Leaf){.e = target, .t = dt, .val = dst};
    ae->n = 1;
    collect(L, ae, src);
    /* element by element in place, as Numba does (a[1:] += a[:-1]
     * accumulates; NumPy would buffer the overlap) */
    fill_from(L, ae, &bin, dst, dt);
}
