/* lower_stmt.c - statements to IR: assignment (with unpacking and array
 * element stores), augmented assignment, if/while/for-range, break/continue,
 * return, raise and assert.
 *
 * Owned array temporaries made while evaluating a statement are released at
 * its end (see lower.h). A `for` over range() keeps its counter in a slot of
 * its own and assigns the loop variable at the top of each iteration, so the
 * variable keeps its last value after the loop, as in Python. */
#include <string.h>

#include "../include/jit.h"

#include "lower.h"

static void new_block_after_jump(Lower *L, const char *name)
{
    LLVMPositionBuilderAtEnd(L->B, lw_block(L, name));
}

void lw_store_var(Lower *L, Var *v, LLVMValueRef val, const Type *from)
{
    val = lw_cast(L, val, from, v->ty);
    LLVMValueRef slot = L->slots[v->index];
    LLVMTypeRef t = lw_type(L, v->ty);
    /* take the new reference before dropping the old: x = x must not free */
    if (v->ty->kind == TY_ARRAY || v->ty->kind == TY_TUPLE) {
        int n = L->temps.len;
        if (val == L->last_temp && n > L->temp_mark && ty_equal(from, v->ty) &&
            ty_equal(L->temp_types.items[n - 1], v->ty)) {
            /* x = <new array>: the variable takes over the temporary's
             * reference (nothing can raise between the two, so the slot
             * never needs releasing) instead of an incref now and a
             * decref at the end of the statement */
            L->temps.len = --L->temp_types.len;
            L->last_temp = NULL;
        } else
            lw_incref(L, val, v->ty);
        lw_decref(L, LLVMBuildLoad2(L->B, t, slot, ""), v->ty);
    }
    LLVMBuildStore(L->B, val, slot);
}

static void store_element(Lower *L, LLVMValueRef p, LLVMValueRef val, const Type *from, const Type *dtype)
{
    val = lw_cast(L, val, from, dtype);
    if (dtype->kind == TY_BOOL)
        val = LLVMBuildZExt(L->B, val, L->i8, "");
    LLVMBuildStore(L->B, val, p);
}

static void assign(Lower *L, Expr *t, LLVMValueRef val, const Type *from)
{
    switch (t->kind) {
    case EX_NAME:
        lw_store_var(L, (Var *)t->sym, val, from);
        break;
    case EX_TUPLE:
        for (int i = 0; i < t->tuple.n; i++)
            assign(L, t->tuple.xs[i], LLVMBuildExtractValue(L->B, val, (unsigned)i, ""), from->tup.elems[i]);
        break;
    case EX_SUBSCRIPT: {
        LLVMValueRef p = lw_element_ptr(L, t);
        store_element(L, p, val, from, t->ty);
        break;
    }
    default:
        break;
    }
}

static void lower_augassign(Lower *L, Stmt *s)
{
    Expr *t = s->aug.target, *v = s->aug.value;
    if (t->ty->kind == TY_ARRAY) {
        /* in place, element-wise, like NumPy */
        LLVMValueRef dst = lw_expr(L, t);
        lw_update_into(L, dst, t->ty, s->aug.op, t, v, s->pos);
        return;
    }
    if (t->kind == EX_NAME) {
        Var *var = (Var *)t->sym;
        LLVMValueRef cur = LLVMBuildLoad2(L->B, lw_type(L, var->ty), L->slots[var->index], "");
        LLVMValueRef rhs = lw_expr(L, v);
        const Type *res = infer_arith_type(s->aug.op, var->ty, v->ty);
        LLVMValueRef r = lw_binop_values(L, s->aug.op, cur, var->ty, rhs, v->ty, res, s->pos.line);
        lw_store_var(L, var, r, res);
        return;
    }
    /* a[i] op= v: the element address is computed once */
    LLVMValueRef p = lw_element_ptr(L, t);
    const Type *et = t->ty;
    LLVMValueRef cur = LLVMBuildLoad2(L->B, lw_mem_type(L, et), p, "");
    if (et->kind == TY_BOOL)
        cur = LLVMBuildICmp(L->B, LLVMIntNE, cur, LLVMConstNull(L->i8), "");
    LLVMValueRef rhs = lw_expr(L, v);
    const Type *res = infer_arith_type(s->aug.op, et, v->ty);
    LLVMValueRef r = lw_binop_values(L, s->aug.op, cur, et, rhs, v->ty, res, s->pos.line);
    store_element(L, p, r, res, et);
}

/* The condition of an if/while as i1; temporaries of the condition are
 * released before branching. */
static LLVMValueRef condition(Lower *L, Expr *c)
{
    int mark = L->temps.len;
    LLVMValueRef v = lw_truth(L, lw_expr(L, c), c->ty);
    lw_release_temps(L, mark);
    return v;
}

static void lower_if(Lower *L, Stmt *s)
{
    LLVMValueRef c = condition(L, s->if_.cond);
    LLVMBasicBlockRef bt = lw_block(L, "if.then"), done = lw_block(L, "if.end");
    LLVMBasicBlockRef bf = s->if_.orelse.n ? lw_block(L, "if.else") : done;
    LLVMBuildCondBr(L->B, c, bt, bf);
    LLVMPositionBuilderAtEnd(L->B, bt);
    lw_block_stmts(L, &s->if_.then);
    if (!LLVMGetBasicBlockTerminator(LLVMGetInsertBlock(L->B)))
        LLVMBuildBr(L->B, done);
    if (s->if_.orelse.n) {
        LLVMPositionBuilderAtEnd(L->B, bf);
        lw_block_stmts(L, &s->if_.orelse);
        if (!LLVMGetBasicBlockTerminator(LLVMGetInsertBlock(L->B)))
            LLVMBuildBr(L->B, done);
    }
    LLVMPositionBuilderAtEnd(L->B, done);
}

static int push_loop(Lower *L, LLVMBasicBlockRef brk, LLVMBasicBlockRef cont, Pos pos)
{
    if (L->nloops >= LOWER_MAX_LOOPS) {
        diag_error(L->diags, DK_UNSUPPORTED, pos, "loops nested more than %d deep", LOWER_MAX_LOOPS);
        return 0;
    }
    L->loops[L->nloops].brk = brk;
    L->loops[L->nloops].cont = cont;
    L->nloops++;
    return 1;
}

static void lower_while(Lower *L, Stmt *s)
{
    LLVMBasicBlockRef head = lw_block(L, "while.cond"), body = lw_block(L, "while.body"),
                      done = lw_block(L, "while.end");
    LLVMBasicBlockRef exit = s->while_.orelse.n ? lw_block(L, "while.else") : done;
    LLVMBuildBr(L->B, head);
    LLVMPositionBuilderAtEnd(L->B, head);
    LLVMBuildCondBr(L->B, condition(L, s->while_.cond), body, exit);
    LLVMPositionBuilderAtEnd(L->B, body);
    if (push_loop(L, done, head, s->pos)) {
        lw_block_stmts(L, &s->while_.body);
        L->nloops--;
    }
    if (!LLVMGetBasicBlockTerminator(LLVMGetInsertBlock(L->B)))
        lw_loop(L, LLVMBuildBr(L->B, head), 0);
    if (s->while_.orelse.n) {
        /* reached when the condition fails, not by break */
        LLVMPositionBuilderAtEnd(L->B, exit);
        lw_block_stmts(L, &s->while_.orelse);
        if (!LLVMGetBasicBlockTerminator(LLVMGetInsertBlock(L->B)))
            LLVMBuildBr(L->B, done);
    }
    LLVMPositionBuilderAtEnd(L->B, done);
}

/* ---------- bounds-check elimination by loop versioning ----------
 * In an innermost `for i in range(start, stop[, step > 0])` loop, an access
 * X[..., i + c, ...] to an array variable X that the loop does not assign
 * stays in bounds for every iteration when start + c >= 0 and
 * stop - 1 + c < X.shape[k]. That is tested once before the loop; when it
 * holds, a copy of the loop without those checks runs (so it vectorizes),
 * otherwise the checked loop runs and raises at the right iteration.
 * Without bounds checks the same versioning tests only start + c >= 0: the
 * copy for non-negative indices has no wraparound select, so its accesses
 * stay affine (contiguous vector loads instead of gathers); the other copy
 * keeps Python's negative indexing.
 *
 * The same test covers the wrap-around of periodic grids: `x % d` (int64)
 * where x is the loop variable plus loop-invariant terms ((j - 1 + m) % m,
 * (j + 1) % m) and d is loop-invariant and not a constant. When d > 0 and
 * x stays in [-d, 2d) over the whole range (x is monotonic in i, so its
 * values at the first and last iteration decide), every x % d is x + d, x
 * or x - d: the copy computes it with two selects instead of a divide and
 * tells the optimizer the result lies in [0, d) (lower_expr.c). A
 * non-constant divisor is the case that matters: the extent of an array
 * passed in (an outlined prange body always sees its extents at run time),
 * where LLVM can only divide; a constant one it already turns into a mask
 * or a multiply. */

#define BCE_MAX 64

typedef struct Access {
    Expr *index;      /* the index expression (i, i + c, i - c), or an
                         invariant variable or constant */
    Var *array;
    int axis;
    int64_t c;
    int invariant;    /* index does not change in the loop: 0 <= it < size */
    int mod;          /* k + 1: index is mods[k] (x % d) or a variable the
                         body set to it: in bounds when d <= size */
} Access;

typedef struct BCE {
    Var *iv;
    Access acc[BCE_MAX];
    int n;
    Expr *mods[BCE_MAX];   /* x % d nodes, x = iv + invariant, d invariant */
    int nmods;
    Var *modvar[BCE_MAX];  /* `v = mods[k]` at the top of the body, v's only
                              assignment there: from then on v is mods[k] */
    int modvar_k[BCE_MAX];
    int nmodvars;
    int bad;          /* the body has a loop, or assigns the loop variable */
} BCE;

static int assigns(const Expr *t, const Var *v)
{
    if (t->kind == EX_NAME)
        return t->sym == v;
    if (t->kind == EX_TUPLE)
        for (int i = 0; i < t->tuple.n; i++)
            if (assigns(t->tuple.xs[i], v))
                return 1;
    return 0;
}

static int block_assigns(const Block *b, const Var *v);

static int stmt_assigns(const Stmt *s, const Var *v)
{
    switch (s->kind) {
    case ST_ASSIGN:
        for (int k = 0; k < s->assign.ntargets; k++)
            if (assigns(s->assign.targets[k], v))
                return 1;
        return 0;
    case ST_AUGASSIGN: return assigns(s->aug.target, v);
    case ST_IF: return block_assigns(&s->if_.then, v) || block_assigns(&s->if_.orelse, v);
    case ST_WHILE: return block_assigns(&s->while_.body, v);
    case ST_FOR: return assigns(s->for_.target, v) || block_assigns(&s->for_.body, v);
    default: return 0;
    }
}

static int block_assigns(const Block *b, const Var *v)
{
    for (int i = 0; i < b->n; i++)
        if (stmt_assigns(b->stmts[i], v))
            return 1;
    return 0;
}

/* i, i + c, c + i, i - c with a constant c: fills *c. */
static int offset_of(const Expr *x, const Var *iv, int64_t *c)
{
    if (x->kind == EX_NAME && x->sym == iv) {
        *c = 0;
        return 1;
    }
    if (x->kind != EX_BINOP || (x->bin.op != OP_ADD && x->bin.op != OP_SUB))
        return 0;
    const Expr *l = x->bin.l, *r = x->bin.r;
    if (l->kind == EX_NAME && l->sym == iv && r->kind == EX_INT && r->ival > -1000000 && r->ival < 1000000) {
        *c = x->bin.op == OP_ADD ? r->ival : -r->ival;
        return 1;
    }
    if (x->bin.op == OP_ADD && r->kind == EX_NAME && r->sym == iv && l->kind == EX_INT &&
        l->ival > -1000000 && l->ival < 1000000) {
        *c = l->ival;
        return 1;
    }
    return 0;
}

/* An int64 expression that has the same value in every iteration of a loop
 * whose body is `body` and whose variable is iv, and that can be evaluated
 * before the loop without effects: constants, variables the body does not
 * assign, shapes of arrays it does not assign, and + - * of those. */
static int loop_invariant(const Expr *e, const Block *body, const Var *iv)
{
    if (!e->ty || !ty_is_int(e->ty))
        return 0;
    switch (e->kind) {
    case EX_INT: return 1;
    case EX_NAME: return e->sym && e->sym != iv && !block_assigns(body, e->sym);
    case EX_SUBSCRIPT: {
        const Expr *o = e->sub.obj;
        return o->kind == EX_ATTR && !strcmp(o->attr.name, "shape") && o->attr.obj->kind == EX_NAME &&
               o->attr.obj->sym && o->attr.obj->ty && o->attr.obj->ty->kind == TY_ARRAY &&
               !block_assigns(body, o->attr.obj->sym) && e->sub.index->kind == EX_INT && e->sub.index->ival >= 0 &&
               e->sub.index->ival < o->attr.obj->ty->arr.ndim;
    }
    case EX_BINOP:
        return e->ty == ty_int64 && (e->bin.op == OP_ADD || e->bin.op == OP_SUB || e->bin.op == OP_MUL) &&
               loop_invariant(e->bin.l, body, iv) && loop_invariant(e->bin.r, body, iv);
    default: return 0;
    }
}

/* iv plus loop-invariant terms (iv once, with a + sign), in int64. */
static int iv_plus_invariant(const Expr *e, const Block *body, const Var *iv)
{
    if (e->ty != ty_int64)
        return 0;
    if (e->kind == EX_NAME)
        return e->sym == iv;
    if (e->kind != EX_BINOP || (e->bin.op != OP_ADD && e->bin.op != OP_SUB))
        return 0;
    if (iv_plus_invariant(e->bin.l, body, iv))
        return loop_invariant(e->bin.r, body, iv);
    return e->bin.op == OP_ADD && loop_invariant(e->bin.l, body, iv) && iv_plus_invariant(e->bin.r, body, iv);
}

/* k + 1 if e is a periodic remainder (recorded now if new), else 0. */
static int note_mod(BCE *b, const Block *body, Expr *e)
{
    if (e->kind != EX_BINOP || e->bin.op != OP_MOD || e->ty != ty_int64 || e->bin.r->ty != ty_int64 ||
        e->bin.r->kind == EX_INT)
        return 0;
    for (int k = 0; k < b->nmods; k++)
        if (b->mods[k] == e)
            return k + 1;
    if (b->nmods >= BCE_MAX || !iv_plus_invariant(e->bin.l, body, b->iv) || !loop_invariant(e->bin.r, body, b->iv))
        return 0;
    b->mods[b->nmods++] = e;
    return b->nmods;
}

static int count_assigns(const Expr *t, const Var *v)
{
    if (t->kind == EX_NAME)
        return t->sym == v;
    int n = 0;
    if (t->kind == EX_TUPLE || t->kind == EX_LIST)
        for (int i = 0; i < t->tuple.n; i++)
            n += count_assigns(t->tuple.xs[i], v);
    return n;
}

static int block_count_assigns(const Block *b, const Var *v)
{
    int n = 0;
    for (int i = 0; i < b->n; i++) {
        const Stmt *s = b->stmts[i];
        switch (s->kind) {
        case ST_ASSIGN:
            for (int k = 0; k < s->assign.ntargets; k++)
                n += count_assigns(s->assign.targets[k], v);
            break;
        case ST_AUGASSIGN: n += count_assigns(s->aug.target, v); break;
        case ST_IF: n += block_count_assigns(&s->if_.then, v) + block_count_assigns(&s->if_.orelse, v); break;
        case ST_WHILE: n += 1 + block_count_assigns(&s->while_.body, v); break;
        case ST_FOR: n += count_assigns(s->for_.target, v) + block_count_assigns(&s->for_.body, v); break;
        default: break;
        }
    }
    return n;
}

static void scan_expr(BCE *b, const Block *body, Expr *e);

static void scan_subscript(BCE *b, const Block *body, Expr *e)
{
    Expr *obj = e->sub.obj, *ix = e->sub.index;
    if (obj->kind == EX_NAME && obj->ty && obj->ty->kind == TY_ARRAY && obj->sym &&
        !block_assigns(body, obj->sym)) {
        int n = ix->kind == EX_TUPLE ? ix->tuple.n : 1;
        Expr **xs = ix->kind == EX_TUPLE ? ix->tuple.xs : &ix;
        for (int k = 0; k < n && b->n < BCE_MAX; k++) {
            int64_t c;
            Expr *x = xs[k];
            int mk = note_mod(b, body, x);
            for (int v = 0; v < b->nmodvars && !mk; v++)
                if (x->kind == EX_NAME && x->sym == b->modvar[v])
                    mk = b->modvar_k[v];
            if (mk)
                b->acc[b->n++] = (Access){x, (Var *)obj->sym, k, 0, 0, mk};
            else if (x->kind != EX_SLICE && offset_of(x, b->iv, &c))
                b->acc[b->n++] = (Access){x, (Var *)obj->sym, k, c, 0, 0};
            else if ((x->kind == EX_NAME && x->sym && x->ty && ty_is_int(x->ty) && !block_assigns(body, x->sym)) ||
                     (x->kind == EX_INT && x->ival >= 0))
                b->acc[b->n++] = (Access){x, (Var *)obj->sym, k, 0, 1, 0};
        }
    }
    scan_expr(b, body, obj);
    scan_expr(b, body, ix);
}

static void scan_expr(BCE *b, const Block *body, Expr *e)
{
    if (!e)
        return;
    switch (e->kind) {
    case EX_SUBSCRIPT: scan_subscript(b, body, e); break;
    case EX_ATTR: scan_expr(b, body, e->attr.obj); break;
    case EX_CALL:
        for (int i = 0; i < e->call.nargs; i++)
            scan_expr(b, body, e->call.args[i]);
        break;
    case EX_SLICE:
        scan_expr(b, body, e->slice.lo);
        scan_expr(b, body, e->slice.hi);
        scan_expr(b, body, e->slice.step);
        break;
    case EX_BINOP:
        note_mod(b, body, e);
        scan_expr(b, body, e->bin.l);
        scan_expr(b, body, e->bin.r);
        break;
    case EX_UNARY: scan_expr(b, body, e->un.x); break;
    case EX_COMPARE:
        for (int i = 0; i < e->cmp.n; i++)
            scan_expr(b, body, e->cmp.xs[i]);
        break;
    case EX_BOOLOP: scan_expr(b, body, e->boolop.l); scan_expr(b, body, e->boolop.r); break;
    case EX_IFEXP:
        scan_expr(b, body, e->ifexp.cond);
        scan_expr(b, body, e->ifexp.body);
        scan_expr(b, body, e->ifexp.orelse);
        break;
    case EX_TUPLE: case EX_LIST:
        for (int i = 0; i < e->tuple.n; i++)
            scan_expr(b, body, e->tuple.xs[i]);
        break;
    default: break;
    }
}

static void scan_block(BCE *b, const Block *body, const Block *blk)
{
    for (int i = 0; i < blk->n; i++) {
        Stmt *s = blk->stmts[i];
        switch (s->kind) {
        case ST_EXPR: scan_expr(b, body, s->expr.e); break;
        case ST_ASSIGN: {
            scan_expr(b, body, s->assign.value);
            for (int k = 0; k < s->assign.ntargets; k++)
                scan_expr(b, body, s->assign.targets[k]);
            /* v = x % d at the top of the body, v assigned nowhere else: the
             * statements after this one see v in [0, d) */
            Expr *t = s->assign.targets[0];
            int mk;
            if (blk == body && s->assign.ntargets == 1 && t->kind == EX_NAME && t->sym && t->ty == ty_int64 &&
                b->nmodvars < BCE_MAX && (mk = note_mod(b, body, s->assign.value)) &&
                block_count_assigns(body, t->sym) == 1) {
                b->modvar[b->nmodvars] = (Var *)t->sym;
                b->modvar_k[b->nmodvars++] = mk;
            }
            break;
        }
        case ST_AUGASSIGN: scan_expr(b, body, s->aug.target); scan_expr(b, body, s->aug.value); break;
        case ST_IF:
            scan_expr(b, body, s->if_.cond);
            scan_block(b, body, &s->if_.then);
            scan_block(b, body, &s->if_.orelse);
            break;
        case ST_RETURN: scan_expr(b, body, s->ret.value); break;
        case ST_ASSERT: scan_expr(b, body, s->assert_.cond); break;
        case ST_WHILE: case ST_FOR: b->bad = 1; break;   /* innermost loops only */
        default: break;
        }
    }
}

/* The condition under which every collected access is in bounds. */
static LLVMValueRef bce_condition(Lower *L, BCE *b, LLVMValueRef start, LLVMValueRef stop)
{
    LLVMValueRef ok = LLVMConstInt(L->i1, 1, 0);
    LLVMValueRef last = LLVMBuildSub(L->B, stop, lw_const_i64(L, 1), "");
    for (int i = 0; i < b->n; i++) {
        Access *a = &b->acc[i];
        LLVMValueRef arr = LLVMBuildLoad2(L->B, lw_type(L, a->array->ty), L->slots[a->array->index], "");
        LLVMValueRef size = lw_array_field(L, arr, 2, a->axis);
        if (a->mod) {
            /* x % d lies in [0, d) (d > 0 is tested below) */
            if (L->boundscheck) {
                LLVMValueRef d = lw_expr(L, b->mods[a->mod - 1]->bin.r);
                ok = LLVMBuildAnd(L->B, ok, LLVMBuildICmp(L->B, LLVMIntSLE, d, size, ""), "");
            }
            continue;
        }
        if (a->invariant) {
            /* the value it has before the loop is the value it has in it */
            LLVMValueRef v = lw_cast(L, lw_expr(L, a->index), a->index->ty, ty_int64);
            ok = LLVMBuildAnd(L->B, ok, LLVMBuildICmp(L->B, L->boundscheck ? LLVMIntULT : LLVMIntSGE, v,
                                                      L->boundscheck ? size : lw_const_i64(L, 0), ""), "");
            continue;
        }
        LLVMValueRef c = lw_const_i64(L, a->c);
        LLVMValueRef lo = LLVMBuildICmp(L->B, LLVMIntSGE, LLVMBuildAdd(L->B, start, c, ""), lw_const_i64(L, 0), "");
        /* without bounds checks only the sign matters: a non-negative index
         * needs no wraparound, so the accesses stay affine and vectorize */
        LLVMValueRef hi = L->boundscheck ? LLVMBuildICmp(L->B, LLVMIntSLT, LLVMBuildAdd(L->B, last, c, ""), size, "")
                                         : LLVMConstInt(L->i1, 1, 0);
        ok = LLVMBuildAnd(L->B, ok, LLVMBuildAnd(L->B, lo, hi, ""), "");
    }
    /* x % d: d > 0, and x(first) >= -d, x(last) < 2d, x(first) <= x(last)
     * (x did not wrap around int64) */
    if (b->nmods) {
        Var *iv = b->iv;
        LLVMValueRef slot = L->slots[iv->index];
        LLVMValueRef saved = LLVMBuildLoad2(L->B, L->i64, slot, "");
        LLVMValueRef zero = lw_const_i64(L, 0);
        for (int i = 0; i < b->nmods; i++) {
            Expr *e = b->mods[i];
            LLVMValueRef d = lw_expr(L, e->bin.r);
            LLVMBuildStore(L->B, start, slot);
            LLVMValueRef x0 = lw_expr(L, e->bin.l);
            LLVMBuildStore(L->B, last, slot);
            LLVMValueRef x1 = lw_expr(L, e->bin.l);
            LLVMValueRef pos = LLVMBuildICmp(L->B, LLVMIntSGT, d, zero, "");
            LLVMValueRef lo = LLVMBuildICmp(L->B, LLVMIntSGE, x0, LLVMBuildSub(L->B, zero, d, ""), "");
            LLVMValueRef mono = LLVMBuildICmp(L->B, LLVMIntSLE, x0, x1, "");
            /* x1 < 2d without overflow: x1 < d, or x1 - d < d (x1 >= d > 0) */
            LLVMValueRef hi = LLVMBuildOr(L->B, LLVMBuildICmp(L->B, LLVMIntSLT, x1, d, ""),
                                          LLVMBuildICmp(L->B, LLVMIntSLT, LLVMBuildSub(L->B, x1, d, ""), d, ""), "");
            LLVMValueRef m = LLVMBuildAnd(L->B, LLVMBuildAnd(L->B, pos, lo, ""), LLVMBuildAnd(L->B, mono, hi, ""), "");
            ok = LLVMBuildAnd(L->B, ok, m, "mod.ok");
        }
        /* the loop stores its variable itself; an empty one leaves it as it was */
        LLVMBuildStore(L->B, saved, slot);
    }
    /* an empty range touches nothing */
    return LLVMBuildOr(L->B, ok, LLVMBuildICmp(L->B, LLVMIntSGE, start, stop, ""), "bce.ok");
}

static void lower_range_loop(Lower *L, Stmt *s, LLVMValueRef start, LLVMValueRef stop, LLVMValueRef step,
                             int known, int64_t kstep, int cold);

static int try_interchange(Lower *L, Stmt *s, LLVMValueRef start, LLVMValueRef stop);
static void lower_stmt(Lower *L, Stmt *s);
static void lower_for_versioned(Lower *L, Stmt *s, LLVMValueRef start, LLVMValueRef stop, LLVMValueRef step,
                                int known, int64_t kstep);
static void lower_range_loop_checked(Lower *L, Stmt *s, LLVMValueRef start, LLVMValueRef stop);

/* ---------- reductions over the inner loop, vectorized along the outer one ----------
 * The naive matrix product
 *     for j in range(n):
 *         acc = init
 *         for k in range(m):
 *             acc += a[i, k] * b[k, j]
 *         c[i, j] = acc
 * reads b[k, j] with a stride of a whole row in the inner loop, which LLVM
 * vectorizes badly or not at all (PERF_NOTES.md section 2). Here the loops
 * are interchanged through a scratch row of accumulators (scalar expansion):
 *     s[j] = init for every j
 *     for k in range(m): for j in range(n): s[j] += a[i, k] * b[k, j]
 *     for j in range(n): acc = s[j]; c[i, j] = acc
 * so the innermost loop walks b's row with unit stride and vectorizes. Every
 * s[j] still adds its terms in the order k = 0, 1, ..., so the results are
 * bit-identical to the original loop's. It applies only when nothing the
 * j loop's tail writes can be read by the reduction (checked by variable and,
 * at run time, by address ranges) and every index is proven in bounds before
 * the loops; otherwise the loop runs as written. */

typedef struct XChg {
    Var *j, *k, *acc;
    Stmt *init, *kloop, *update;
    Stmt **post;
    int npost;
    Var *reads[16];
    int nreads;
    Var *writes[16];
    int nwrites;
    Expr *idx[BCE_MAX];      /* index expressions to prove */
    Var *arr[BCE_MAX];
    int axis[BCE_MAX];
    int kind[BCE_MAX];       /* 0: j + c, 1: k + c, 2: invariant */
    int64_t c[BCE_MAX];
    int nidx;
    int unit_j;              /* some C array is indexed by j in its last axis */
} XChg;

static int mentions(const Expr *e, const Var *v)
{
    if (!e)
        return 0;
    switch (e->kind) {
    case EX_NAME: return e->sym == v;
    case EX_ATTR: return mentions(e->attr.obj, v);
    case EX_CALL:
        for (int i = 0; i < e->call.nargs; i++)
            if (mentions(e->call.args[i], v))
                return 1;
        return 0;
    case EX_SUBSCRIPT: return mentions(e->sub.obj, v) || mentions(e->sub.index, v);
    case EX_BINOP: return mentions(e->bin.l, v) || mentions(e->bin.r, v);
    case EX_UNARY: return mentions(e->un.x, v);
    case EX_COMPARE:
        for (int i = 0; i < e->cmp.n; i++)
            if (mentions(e->cmp.xs[i], v))
                return 1;
        return 0;
    case EX_BOOLOP: return mentions(e->boolop.l, v) || mentions(e->boolop.r, v);
    case EX_IFEXP: return mentions(e->ifexp.cond, v) || mentions(e->ifexp.body, v) || mentions(e->ifexp.orelse, v);
    case EX_TUPLE: case EX_SLICE: return 1;   /* not in the pattern */
    default: return 0;
    }
}

static void add_var(Var **set, int *n, Var *v)
{
    for (int i = 0; i < *n; i++)
        if (set[i] == v)
            return;
    if (*n < 16)
        set[(*n)++] = v;
}

/* Whether e can be evaluated for any j, k order (no raise, no side effect
 * but bounds-checked loads), collecting the arrays it reads and the
 * indices to prove. */
static int reorderable(XChg *x, Expr *e)
{
    switch (e->kind) {
    case EX_INT: case EX_FLOAT: case EX_BOOL:
        return 1;
    case EX_NAME:
        return e->ty && ty_is_scalar(e->ty);
    case EX_BINOP:
        if (!ty_is_float(e->ty) && (e->bin.op == OP_FLOORDIV || e->bin.op == OP_MOD || e->bin.op == OP_POW ||
                                    e->bin.op == OP_LSHIFT || e->bin.op == OP_RSHIFT))
            return 0;
        return e->ty && ty_is_scalar(e->ty) && reorderable(x, e->bin.l) && reorderable(x, e->bin.r);
    case EX_UNARY:
        return e->ty && ty_is_scalar(e->ty) && reorderable(x, e->un.x);
    case EX_CALL: {
        if (!e->ty || !ty_is_scalar(e->ty))
            return 0;
        const Type *ft = e->call.fn->ty;
        if (ft->kind == TY_BUILTIN && e->sym) {
            const Builtin *b = e->sym;
            if (b->rule != R_FLOAT1 && b->rule != R_FLOAT2 && b->rule != R_ABS && b->rule != R_CAST &&
                b->rule != R_PRED && !(b->rule == R_MINMAX && e->call.nargs == 2))
                return 0;
        } else if (ft->kind != TY_DTYPE)
            return 0;
        for (int i = 0; i < e->call.nargs; i++)
            if (!reorderable(x, e->call.args[i]))
                return 0;
        return 1;
    }
    case EX_SUBSCRIPT: {
        Expr *o = e->sub.obj, *ix = e->sub.index;
        if (o->kind != EX_NAME || !o->ty || o->ty->kind != TY_ARRAY || !ty_is_scalar(e->ty))
            return 0;
        add_var(x->reads, &x->nreads, (Var *)o->sym);
        int n = ix->kind == EX_TUPLE ? ix->tuple.n : 1;
        Expr **xs = ix->kind == EX_TUPLE ? ix->tuple.xs : &ix;
        for (int k = 0; k < n; k++) {
            int64_t c = 0;
            int kind;
            if (offset_of(xs[k], x->j, &c))
                kind = 0;
            else if (offset_of(xs[k], x->k, &c))
                kind = 1;
            else if ((xs[k]->kind == EX_NAME && xs[k]->sym && ty_is_int(xs[k]->ty) && xs[k]->sym != x->acc) ||
                     (xs[k]->kind == EX_INT && xs[k]->ival >= 0))
                kind = 2;
            else
                return 0;
            if (x->nidx >= BCE_MAX)
                return 0;
            if (kind == 0 && k == n - 1 && o->ty->arr.layout == 'C')
                x->unit_j = 1;
            x->idx[x->nidx] = xs[k];
            x->arr[x->nidx] = (Var *)o->sym;
            x->axis[x->nidx] = k;
            x->kind[x->nidx] = kind;
            x->c[x->nidx] = c;
            x->nidx++;
        }
        return 1;
    }
    default:
        return 0;
    }
}

static int match_interchange(Lower *L, Stmt *s, XChg *x)
{
    Block *b = &s->for_.body;
    x->j = (Var *)s->for_.target->sym;
    if (!L->target->has_exceptions || !x->j || x->j->ty != ty_int64 || s->for_.orelse.n || b->n < 2)
        return 0;
    /* acc = init; for k in range(...): acc op= E; then element stores */
    x->init = b->stmts[0];
    x->kloop = b->stmts[1];
    if (x->init->kind != ST_ASSIGN || x->init->assign.ntargets != 1 || x->init->assign.targets[0]->kind != EX_NAME)
        return 0;
    x->acc = (Var *)x->init->assign.targets[0]->sym;
    if (!x->acc || !x->acc->ty || !ty_is_scalar(x->acc->ty) || x->acc->ty->kind == TY_BOOL)
        return 0;
    Stmt *kl = x->kloop;
    if (kl->kind != ST_FOR || kl->for_.orelse.n || kl->for_.body.n != 1 || kl->for_.target->kind != EX_NAME ||
        kl->for_.iter->kind != EX_CALL || !kl->for_.iter->sym || kl->for_.iter->call.fn->ty->kind != TY_BUILTIN ||
        ((const Builtin *)kl->for_.iter->sym)->rule != R_RANGE || kl->for_.iter->call.nargs > 2)
        return 0;
    x->k = (Var *)kl->for_.target->sym;
    x->update = kl->for_.body.stmts[0];
    Stmt *u = x->update;
    if (!x->k || x->k->ty != ty_int64 || u->kind != ST_AUGASSIGN || u->aug.target->kind != EX_NAME ||
        u->aug.target->sym != x->acc || (u->aug.op != OP_ADD && u->aug.op != OP_SUB && u->aug.op != OP_MUL))
        return 0;
    for (int i = 0; i < kl->for_.iter->call.nargs; i++) {
        Expr *a = kl->for_.iter->call.args[i];
        if (mentions(a, x->j) || mentions(a, x->acc) || mentions(a, x->k))
            return 0;
    }
    if (mentions(x->init->assign.value, x->k) || mentions(x->init->assign.value, x->acc) ||
        !reorderable(x, x->init->assign.value) || !reorderable(x, u->aug.value))
        return 0;
    /* the tail: element stores that do not feed the reduction */
    x->post = b->stmts + 2;
    x->npost = b->n - 2;
    for (int i = 0; i < x->npost; i++) {
        Stmt *p = x->post[i];
        if (p->kind == ST_PASS)
            continue;
        if (p->kind != ST_ASSIGN || p->assign.ntargets != 1 || p->assign.targets[0]->kind != EX_SUBSCRIPT)
            return 0;
        Expr *t = p->assign.targets[0];
        if (t->sub.obj->kind != EX_NAME || !t->ty || !ty_is_scalar(t->ty))
            return 0;
        add_var(x->writes, &x->nwrites, (Var *)t->sub.obj->sym);
    }
    for (int i = 0; i < x->nwrites; i++)
        for (int r = 0; r < x->nreads; r++)
            if (x->writes[i] == x->reads[r])
                return 0;
    /* scalars the reduction reads must not change inside the j loop */
    for (int i = 0; i < x->nidx; i++)
        if (x->kind[i] == 2 && x->idx[i]->kind == EX_NAME && block_assigns(b, x->idx[i]->sym))
            return 0;
    return x->unit_j;
}

/* [lo, hi): the bytes an array variable's elements occupy. */
static void var_range(Lower *L, Var *v, LLVMValueRef *lo, LLVMValueRef *hi)
{
    LLVMValueRef a = LLVMBuildLoad2(L->B, lw_type(L, v->ty), L->slots[v->index], "");
    lw_byte_range(L, a, v->ty, lo, hi);
}

typedef struct CLoop {
    LLVMBasicBlockRef head, done;
    LLVMValueRef slot;
} CLoop;

/* for v in range(lo, hi) with v stored into var's slot; builder in the body */
static void cloop_begin(Lower *L, CLoop *c, Var *var, LLVMValueRef lo, LLVMValueRef hi)
{
    c->slot = lw_alloca(L, L->i64, "xi");
    LLVMBuildStore(L->B, lo, c->slot);
    c->head = lw_block(L, "xchg.cond");
    LLVMBasicBlockRef body = lw_block(L, "xchg.body");
    c->done = lw_block(L, "xchg.end");
    LLVMBuildBr(L->B, c->head);
    LLVMPositionBuilderAtEnd(L->B, c->head);
    LLVMValueRef i = LLVMBuildLoad2(L->B, L->i64, c->slot, "");
    LLVMBuildCondBr(L->B, LLVMBuildICmp(L->B, LLVMIntSLT, i, hi, ""), body, c->done);
    LLVMPositionBuilderAtEnd(L->B, body);
    LLVMBuildStore(L->B, i, L->slots[var->index]);
}

static void cloop_end(Lower *L, CLoop *c)
{
    LLVMValueRef i = LLVMBuildLoad2(L->B, L->i64, c->slot, "");
    LLVMBuildStore(L->B, LLVMBuildNSWAdd(L->B, i, lw_const_i64(L, 1), ""), c->slot);
    lw_loop(L, LLVMBuildBr(L->B, c->head), 0);
    LLVMPositionBuilderAtEnd(L->B, c->done);
}

static LLVMValueRef scratch_ptr(Lower *L, LLVMValueRef scratch, const Type *t, Var *j, LLVMValueRef start)
{
    LLVMValueRef i = LLVMBuildSub(L->B, LLVMBuildLoad2(L->B, L->i64, L->slots[j->index], ""), start, "");
    return LLVMBuildInBoundsGEP2(L->B, lw_type(L, t), lw_array_field(L, scratch, 1, 0), &i, 1, "acc");
}

static int try_interchange(Lower *L, Stmt *s, LLVMValueRef start, LLVMValueRef stop)
{
    XChg *x = arena_alloc(L->prog->arena, sizeof *x);
    if (!x || !match_interchange(L, s, x))
        return 0;
    Expr *kr = x->kloop->for_.iter;
    LLVMValueRef k0 = kr->call.nargs == 2 ? lw_cast(L, lw_expr(L, kr->call.args[0]), kr->call.args[0]->ty, ty_int64)
                                           : lw_const_i64(L, 0);
    Expr *ke = kr->call.args[kr->call.nargs - 1];
    LLVMValueRef k1 = lw_cast(L, lw_expr(L, ke), ke->ty, ty_int64);
    /* when: a non-empty j range, no overlap, every index in bounds */
    LLVMValueRef ok = LLVMBuildICmp(L->B, LLVMIntSLT, start, stop, "");
    for (int w = 0; w < x->nwrites; w++)
        for (int r = 0; r < x->nreads; r++) {
            LLVMValueRef wl, wh, rl, rh;
            var_range(L, x->writes[w], &wl, &wh);
            var_range(L, x->reads[r], &rl, &rh);
            LLVMValueRef over = LLVMBuildAnd(L->B, LLVMBuildICmp(L->B, LLVMIntULT, wl, rh, ""),
                                             LLVMBuildICmp(L->B, LLVMIntULT, rl, wh, ""), "");
            ok = LLVMBuildAnd(L->B, ok, LLVMBuildNot(L->B, over, ""), "");
        }
    LLVMValueRef kempty = LLVMBuildICmp(L->B, LLVMIntSGE, k0, k1, "");
    for (int i = 0; i < x->nidx; i++) {
        LLVMValueRef arr = LLVMBuildLoad2(L->B, lw_type(L, x->arr[i]->ty), L->slots[x->arr[i]->index], "");
        LLVMValueRef size = lw_array_field(L, arr, 2, x->axis[i]);
        LLVMValueRef in;
        if (x->kind[i] == 2) {
            LLVMValueRef v = lw_cast(L, lw_expr(L, x->idx[i]), x->idx[i]->ty, ty_int64);
            in = LLVMBuildICmp(L->B, LLVMIntULT, v, size, "");
        } else {
            LLVMValueRef lo = x->kind[i] == 0 ? start : k0, hi = x->kind[i] == 0 ? stop : k1;
            LLVMValueRef c = lw_const_i64(L, x->c[i]);
            in = LLVMBuildAnd(L->B,
                LLVMBuildICmp(L->B, LLVMIntSGE, LLVMBuildAdd(L->B, lo, c, ""), lw_const_i64(L, 0), ""),
                LLVMBuildICmp(L->B, LLVMIntSLT, LLVMBuildAdd(L->B, LLVMBuildSub(L->B, hi, lw_const_i64(L, 1), ""), c, ""),
                              size, ""), "");
            if (x->kind[i] == 1)
                in = LLVMBuildOr(L->B, in, kempty, "");   /* no k: the load never happens */
        }
        ok = LLVMBuildAnd(L->B, ok, in, "");
    }
    LLVMBasicBlockRef fast = lw_block(L, "xchg"), slow = lw_block(L, "xchg.no"), done = lw_block(L, "xchg.done");
    LLVMBuildCondBr(L->B, ok, fast, slow);

    LLVMPositionBuilderAtEnd(L->B, fast);
    const Expr **saved = L->proven;
    int nsaved = L->nproven;
    L->proven = (const Expr **)x->idx;
    L->nproven = x->nidx;
    const Type *at = x->acc->ty;
    LLVMValueRef n = LLVMBuildSub(L->B, stop, start, "");
    LLVMValueRef scratch = lw_new_array(L, ty_array(L->prog->arena, at, 1, 'C'), &n, s->pos.line);
    CLoop c1, ck, c2, c3;
    cloop_begin(L, &c1, x->j, start, stop);
    Expr *iv = x->init->assign.value;
    LLVMBuildStore(L->B, lw_cast(L, lw_expr(L, iv), iv->ty, at), scratch_ptr(L, scratch, at, x->j, start));
    cloop_end(L, &c1);
    cloop_begin(L, &ck, x->k, k0, k1);
    cloop_begin(L, &c2, x->j, start, stop);
    LLVMValueRef p = scratch_ptr(L, scratch, at, x->j, start);
    Expr *ue = x->update->aug.value;
    LLVMValueRef cur = LLVMBuildLoad2(L->B, lw_type(L, at), p, "");
    LLVMValueRef r = lw_binop_values(L, x->update->aug.op, cur, at, lw_expr(L, ue), ue->ty,
                                     infer_arith_type(x->update->aug.op, at, ue->ty), x->update->pos.line);
    LLVMBuildStore(L->B, lw_cast(L, r, infer_arith_type(x->update->aug.op, at, ue->ty), at), p);
    cloop_end(L, &c2);
    cloop_end(L, &ck);
    L->proven = saved;
    L->nproven = nsaved;
    /* the loop variables end as the original loops leave them */
    LLVMValueRef klast = LLVMBuildSub(L->B, k1, lw_const_i64(L, 1), "");
    cloop_begin(L, &c3, x->j, start, stop);
    LLVMBuildStore(L->B, LLVMBuildLoad2(L->B, lw_type(L, at), scratch_ptr(L, scratch, at, x->j, start), ""),
                   L->slots[x->acc->index]);
    LLVMBasicBlockRef setk = lw_block(L, "xchg.k"), after = lw_block(L, "xchg.post");
    LLVMBuildCondBr(L->B, kempty, after, setk);
    LLVMPositionBuilderAtEnd(L->B, setk);
    LLVMBuildStore(L->B, klast, L->slots[x->k->index]);
    LLVMBuildBr(L->B, after);
    LLVMPositionBuilderAtEnd(L->B, after);
    for (int i = 0; i < x->npost; i++)
        lower_stmt(L, x->post[i]);
    cloop_end(L, &c3);
    LLVMBuildBr(L->B, done);

    LLVMPositionBuilderAtEnd(L->B, slow);
    lower_range_loop_checked(L, s, start, stop);
    LLVMBuildBr(L->B, done);
    LLVMPositionBuilderAtEnd(L->B, done);
    return 1;
}

static void lower_for_range(Lower *L, Stmt *s)
{
    Expr *it = s->for_.iter;
    int n = it->call.nargs;
    LLVMValueRef a[3] = {0};
    for (int i = 0; i < n; i++)
        a[i] = lw_cast(L, lw_expr(L, it->call.args[i]), it->call.args[i]->ty, ty_int64);
    LLVMValueRef start = n == 1 ? lw_const_i64(L, 0) : a[0];
    LLVMValueRef stop = n == 1 ? a[0] : a[1];
    LLVMValueRef step = n == 3 ? a[2] : lw_const_i64(L, 1);
    int known = n < 3 || LLVMIsAConstantInt(step);
    int64_t kstep = known ? LLVMConstIntGetSExtValue(step) : 0;
    if (known && kstep == 0) {
        lw_raise(L, JIT_ERR_VALUE, "range() arg 3 must not be zero", s->pos.line);
        return;
    }
    if (!known)
        lw_check(L, LLVMBuildICmp(L->B, LLVMIntNE, step, LLVMConstNull(L->i64), ""), JIT_ERR_VALUE,
                 "range() arg 3 must not be zero", s->pos.line);
    if (lw_prange(L, s, start, stop, step, known, kstep))
        return;
    if (known && kstep == 1 && try_interchange(L, s, start, stop))
        return;
    lower_for_versioned(L, s, start, stop, step, known, kstep);
}

void lw_for_bounds(Lower *L, Stmt *s, LLVMValueRef start, LLVMValueRef stop, LLVMValueRef step, int known,
                   int64_t kstep)
{
    lower_for_versioned(L, s, start, stop, step, known, kstep);
}

static void lower_range_loop_checked(Lower *L, Stmt *s, LLVMValueRef start, LLVMValueRef stop)
{
    lower_for_versioned(L, s, start, stop, lw_const_i64(L, 1), 1, 1);
}

/* Whether a loop body (with no inner loop: the BCE's) breaks out. */
static int block_breaks(const Block *b)
{
    for (int i = 0; i < b->n; i++) {
        const Stmt *s = b->stmts[i];
        if (s->kind == ST_BREAK ||
            (s->kind == ST_IF && (block_breaks(&s->if_.then) || block_breaks(&s->if_.orelse))))
            return 1;
    }
    return 0;
}

/* The proven copy of a step-1 loop with x % d terms, split into segments
 * in which no x crosses 0 or d, so that each x % d is x plus a shift that
 * is constant within the segment (d, 0 or -d): the index stays affine and
 * the loop vectorizes. Each x crosses at most twice (it stays in [-d, 2d)),
 * so there are at most 2 * nmods + 1 segments; (j - 1 + m) % m and
 * (j + 1) % m over range(m) give [0, 1), [1, m - 1), [m - 1, m). */
static void lower_segmented(Lower *L, Stmt *s, BCE *b, LLVMValueRef start, LLVMValueRef stop)
{
    LLVMValueRef cur_slot = lw_alloca(L, L->i64, "seg.start");
    LLVMValueRef *shift = arena_array(L->prog->arena, (size_t)b->nmods, sizeof *shift);
    if (!shift) {
        lower_range_loop(L, s, start, stop, lw_const_i64(L, 1), 1, 1, 0);
        return;
    }
    for (int k = 0; k < b->nmods; k++)
        shift[k] = lw_alloca(L, L->i64, "mod.shift");
    LLVMBuildStore(L->B, start, cur_slot);
    LLVMBasicBlockRef head = lw_block(L, "seg.cond"), body = lw_block(L, "seg.body"), done = lw_block(L, "seg.end");
    LLVMBuildBr(L->B, head);
    LLVMPositionBuilderAtEnd(L->B, head);
    LLVMValueRef cur = LLVMBuildLoad2(L->B, L->i64, cur_slot, "seg.lo");
    LLVMBuildCondBr(L->B, LLVMBuildICmp(L->B, LLVMIntSLT, cur, stop, ""), body, done);
    LLVMPositionBuilderAtEnd(L->B, body);

    LLVMValueRef slot = L->slots[b->iv->index];
    LLVMValueRef saved = LLVMBuildLoad2(L->B, L->i64, slot, "");
    LLVMValueRef zero = lw_const_i64(L, 0);
    /* iterations in this segment: stop - cur (unsigned: cur < stop), cut at
     * the first iteration where some x leaves its part of [-d, 2d) */
    LLVMValueRef n = LLVMBuildSub(L->B, stop, cur, "");
    for (int k = 0; k < b->nmods; k++) {
        Expr *e = b->mods[k];
        LLVMValueRef d = lw_expr(L, e->bin.r);
        LLVMBuildStore(L->B, cur, slot);
        LLVMValueRef x = lw_expr(L, e->bin.l);
        LLVMValueRef neg = LLVMBuildICmp(L->B, LLVMIntSLT, x, zero, "");
        LLVMValueRef big = LLVMBuildICmp(L->B, LLVMIntSGE, x, d, "");
        LLVMValueRef sh = LLVMBuildSelect(L->B, neg, d, LLVMBuildSelect(L->B, big, LLVMBuildSub(L->B, zero, d, ""), zero, ""),
                                          "");
        /* until x reaches 0, d or 2d: in (0, d] */
        LLVMValueRef left = LLVMBuildSub(L->B, d, LLVMBuildAdd(L->B, x, sh, ""), "");
        LLVMValueRef shorter = LLVMBuildICmp(L->B, LLVMIntULT, left, n, "");
        n = LLVMBuildSelect(L->B, shorter, left, n, "");
        LLVMBuildStore(L->B, sh, shift[k]);
    }
    LLVMBuildStore(L->B, saved, slot);
    LLVMValueRef hi = LLVMBuildAdd(L->B, cur, n, "seg.hi");
    LLVMValueRef *saved_shift = L->mod_shift;
    L->mod_shift = shift;
    lower_range_loop(L, s, cur, hi, lw_const_i64(L, 1), 1, 1, 0);
    L->mod_shift = saved_shift;
    LLVMBuildStore(L->B, hi, cur_slot);
    LLVMBuildBr(L->B, head);
    LLVMPositionBuilderAtEnd(L->B, done);
}

/* A range loop, with a bounds-check-free copy when its accesses can be
 * proven in bounds up front (see above). */
static void lower_for_versioned(Lower *L, Stmt *s, LLVMValueRef start, LLVMValueRef stop, LLVMValueRef step,
                                int known, int64_t kstep)
{
    Var *iv = (Var *)s->for_.target->sym;
    BCE *b = NULL;
    if (known && kstep > 0 && iv && iv->ty == ty_int64 &&
        (b = arena_alloc(L->prog->arena, sizeof *b))) {
        b->iv = iv;
        scan_block(b, &s->for_.body, &s->for_.body);
        int varying = 0;
        for (int i = 0; i < b->n; i++)
            varying |= !b->acc[i].invariant && !b->acc[i].mod;
        if (b->bad || (!varying && !b->nmods) || block_assigns(&s->for_.body, iv))
            b = NULL;
    }
    if (!b) {
        lower_range_loop(L, s, start, stop, step, known, kstep, 0);
        return;
    }
    LLVMBasicBlockRef fast = lw_block(L, "bce.fast"), slow = lw_block(L, "bce.checked"),
                      done = lw_block(L, "bce.done");
    LLVMBuildCondBr(L->B, bce_condition(L, b, start, stop), fast, slow);
    LLVMPositionBuilderAtEnd(L->B, fast);
    const Expr *proven[BCE_MAX];
    const Expr **saved = L->proven;
    int nsaved = L->nproven;
    for (int i = 0; i < b->n; i++)
        proven[i] = b->acc[i].index;
    const Expr **saved_mods = L->mod_proven;
    int nsaved_mods = L->nmod_proven;
    L->proven = proven;
    L->nproven = b->n;
    LLVMValueRef *saved_shift = L->mod_shift;
    L->mod_proven = (const Expr **)b->mods;
    L->nmod_proven = b->nmods;
    L->mod_shift = NULL;
    if (b->nmods && kstep == 1 && !s->for_.orelse.n && !block_breaks(&s->for_.body))
        lower_segmented(L, s, b, start, stop);
    else
        lower_range_loop(L, s, start, stop, step, known, kstep, 0);
    L->mod_shift = saved_shift;
    L->proven = saved;
    L->nproven = nsaved;
    L->mod_proven = saved_mods;
    L->nmod_proven = nsaved_mods;
    LLVMBuildBr(L->B, done);
    LLVMPositionBuilderAtEnd(L->B, slow);
    lower_range_loop(L, s, start, stop, step, known, kstep, 1);
    LLVMBuildBr(L->B, done);
    LLVMPositionBuilderAtEnd(L->B, done);
}

static void lower_range_loop(Lower *L, Stmt *s, LLVMValueRef start, LLVMValueRef stop, LLVMValueRef step,
                             int known, int64_t kstep, int cold)
{
    LLVMValueRef iv = lw_alloca(L, L->i64, "iv");
    LLVMBuildStore(L->B, start, iv);
    LLVMBasicBlockRef head = lw_block(L, "for.cond"), body = lw_block(L, "for.body"),
                      latch = lw_block(L, "for.inc"), done = lw_block(L, "for.end");
    LLVMBasicBlockRef exit = s->for_.orelse.n ? lw_block(L, "for.else") : done;
    LLVMBuildBr(L->B, head);
    LLVMPositionBuilderAtEnd(L->B, head);
    LLVMValueRef i = LLVMBuildLoad2(L->B, L->i64, iv, "i");
    LLVMValueRef up = LLVMBuildICmp(L->B, LLVMIntSLT, i, stop, "");
    LLVMValueRef down = LLVMBuildICmp(L->B, LLVMIntSGT, i, stop, "");
    LLVMValueRef c;
    if (known)
        c = kstep > 0 ? up : down;
    else
        c = LLVMBuildSelect(L->B, LLVMBuildICmp(L->B, LLVMIntSGT, step, LLVMConstNull(L->i64), ""), up, down, "");
    LLVMBuildCondBr(L->B, c, body, exit);

    LLVMPositionBuilderAtEnd(L->B, body);
    lw_store_var(L, (Var *)s->for_.target->sym, i, ty_int64);
    if (push_loop(L, done, latch, s->pos)) {
        lw_block_stmts(L, &s->for_.body);
        L->nloops--;
    }
    if (!LLVMGetBasicBlockTerminator(LLVMGetInsertBlock(L->B)))
        LLVMBuildBr(L->B, latch);
    LLVMPositionBuilderAtEnd(L->B, latch);
    LLVMValueRef cur = LLVMBuildLoad2(L->B, L->i64, iv, "");
    /* i < stop guarantees i + 1 does not overflow: nsw lets SCEV count trips */
    LLVMValueRef next = (known && (kstep == 1 || kstep == -1)) ? LLVMBuildNSWAdd(L->B, cur, step, "")
                                                               : LLVMBuildAdd(L->B, cur, step, "");
    LLVMBuildStore(L->B, next, iv);
    /* the checked copy of a versioned loop runs only when an index error is
     * coming: not vectorizing or unrolling it halves the optimizer's work */
    lw_loop(L, LLVMBuildBr(L->B, head), cold);
    if (s->for_.orelse.n) {
        /* reached when the range is exhausted, not by break */
        LLVMPositionBuilderAtEnd(L->B, exit);
        lw_block_stmts(L, &s->for_.orelse);
        if (!LLVMGetBasicBlockTerminator(LLVMGetInsertBlock(L->B)))
            LLVMBuildBr(L->B, done);
    }
    LLVMPositionBuilderAtEnd(L->B, done);
}

static void lower_return(Lower *L, Stmt *s)
{
    const Type *rt = L->tf->ret;
    if (s->ret.value && rt->kind != TY_NONE) {
        LLVMValueRef v = lw_cast(L, lw_expr(L, s->ret.value), s->ret.value->ty, rt);
        /* the caller receives its own reference */
        lw_incref(L, v, rt);
        LLVMBuildStore(L->B, v, L->out);
    } else if (s->ret.value) {
        lw_expr(L, s->ret.value);
    }
    lw_release_temps(L, 0);
    LLVMBuildBr(L->B, L->ret_bb);
    new_block_after_jump(L, "after.return");
}

static int exc_kind(const char *name)
{
    static const struct { const char *n; int k; } map[] = {
        {"ValueError", JIT_ERR_VALUE}, {"IndexError", JIT_ERR_INDEX},
        {"ZeroDivisionError", JIT_ERR_ZERO_DIVISION}, {"RuntimeError", JIT_ERR_RUNTIME},
        {"AssertionError", JIT_ERR_ASSERTION}, {"MemoryError", JIT_ERR_MEMORY},
        {"OverflowError", JIT_ERR_OVERFLOW},
    };
    for (size_t i = 0; i < sizeof map / sizeof map[0]; i++)
        if (!strcmp(map[i].n, name))
            return map[i].k;
    return JIT_ERR_RUNTIME;
}

static void lower_raise(Lower *L, Stmt *s)
{
    Expr *x = s->raise_.exc;
    const char *cls = x->ty->builtin.name;
    const char *msg = "";
    if (x->kind == EX_CALL && x->call.nargs >= 1 && x->call.args[0]->kind == EX_STR)
        msg = x->call.args[0]->str;
    int kind = exc_kind(cls);
    if (kind == JIT_ERR_RUNTIME && strcmp(cls, "RuntimeError"))
        msg = arena_printf(L->prog->arena, "%s: %s", cls, msg);
    lw_raise(L, kind, msg, s->pos.line);
}

static void lower_assert(Lower *L, Stmt *s)
{
    LLVMValueRef c = condition(L, s->assert_.cond);
    const char *msg = s->assert_.msg && s->assert_.msg->kind == EX_STR ? s->assert_.msg->str : "";
    lw_check(L, c, JIT_ERR_ASSERTION, msg, s->pos.line);
}

static void lower_stmt_at(Lower *L, Stmt *s);

/* A statement, its code at its position (nested statements at theirs; what
 * follows them, such as a loop's increment, back at the enclosing one's). */
static void lower_stmt(Lower *L, Stmt *s)
{
    LLVMMetadataRef scope = L->di_scope, outer = lw_dbg_here(L);
    lw_dbg_at(L, s->pos);
    lower_stmt_at(L, s);
    lw_dbg_set(L, scope, outer);
}

static void lower_stmt_at(Lower *L, Stmt *s)
{
    int mark = L->temps.len;
    L->temp_mark = mark;
    switch (s->kind) {
    case ST_EXPR:
        if (s->expr.e->kind != EX_STR)   /* docstrings */
            lw_expr(L, s->expr.e);
        break;
    case ST_ASSIGN: {
        Expr *t0 = s->assign.targets[0];
        if (s->assign.ntargets == 1 && t0->kind == EX_SUBSCRIPT && t0->ty && t0->ty->kind == TY_ARRAY) {
            /* a[1:-1] = expr: evaluated straight into the view */
            LLVMValueRef dst = lw_view(L, t0);
            lw_store_into(L, dst, t0->ty, s->assign.value);
            break;
        }
        LLVMValueRef v = lw_expr(L, s->assign.value);
        if (s->assign.ntargets > 1 || t0->kind == EX_TUPLE) {
            /* a, b = b, a: hold the values' references until every target is
             * stored, or the first store could free what the second stores */
            lw_incref(L, v, s->assign.value->ty);
            lw_temp(L, v, s->assign.value->ty);
        }
        for (int k = 0; k < s->assign.ntargets; k++)
            assign(L, s->assign.targets[k], v, s->assign.value->ty);
        break;
    }
    case ST_AUGASSIGN: lower_augassign(L, s); break;
    case ST_IF: lower_if(L, s); break;
    case ST_WHILE: lower_while(L, s); break;
    case ST_FOR: lower_for_range(L, s); break;
    case ST_BREAK: case ST_CONTINUE:
        if (L->nloops) {
            LLVMBuildBr(L->B, s->kind == ST_BREAK ? L->loops[L->nloops - 1].brk : L->loops[L->nloops - 1].cont);
            new_block_after_jump(L, "after.jump");
        }
        break;
    case ST_RETURN: lower_return(L, s); return;
    case ST_PASS: break;
    case ST_RAISE: lower_raise(L, s); break;
    case ST_ASSERT: lower_assert(L, s); break;
    }
    lw_release_temps(L, mark);
}

void lw_block_stmts(Lower *L, Block *b)
{
    for (int i = 0; i < b->n; i++)
        lower_stmt(L, b->stmts[i]);
}
