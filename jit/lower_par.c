/* lower_par.c - prange loops of parallel=True functions on threads.
 *
 * Requires: a typed `for i in prange(...)` statement whose start, stop and
 * step the caller has evaluated. Produces: the loop body outlined into an
 * internal function
 *     i32 @<fn>.prange.N(ptr ctx, i64 klo, i64 khi, i64 chunk)
 * that runs iterations [klo, khi) of the 0-based iteration space, and in the
 * caller a call of rt_par_run (runtime/parallel.c) followed by the combine of
 * the reductions and the copy-out of the loop's last values.
 *
 * Variables, as in Numba:
 *   - read-only in the body: each chunk takes a private copy on entry
 *     (arrays by reference: the elements are shared);
 *   - assigned in the body before any read: private; after the loop they hold
 *     the values of the chunk that ran the last iteration (OpenMP's
 *     lastprivate), like the loop variable itself;
 *   - reductions: every mention is one of `s += e`, `s -= e`, `s = s + e`,
 *     `s *= e`, `s = min(s, e)`, `s = max(s, e)`, `s |= e`, `s &= e`,
 *     `s ^= e` (one kind per variable, e not mentioning s): each chunk
 *     accumulates from the identity, and the caller combines the partials in
 *     chunk order, so a float sum has the same bits on every run with the
 *     same thread count;
 *   - anything else that reads a value an earlier iteration assigned would
 *     race, and is a compile error naming the variable.
 * `return` and a `break` out of the prange loop are compile errors (Numba
 * refuses them too). Array elements written by several iterations
 * (hist[k] += 1) are a data race the compiler does not see: see
 * docs/language.md.
 *
 * Nested prange loops: only the outermost runs on threads; the runtime also
 * runs a loop serially when it is reached inside a running parallel region. */
#include <stdio.h>
#include <string.h>

#include "lower.h"

typedef enum { RED_NONE, RED_ADD, RED_MUL, RED_MIN, RED_MAX, RED_OR, RED_AND, RED_XOR } RedOp;

typedef struct PVar {
    int ref;        /* mentioned in the body */
    int assigned;   /* written (other than by a reduction update) */
    int first;      /* first mention: 1 write, 2 read */
    int other;      /* mentions that are not reduction updates */
    RedOp red;      /* kind of its reduction updates, RED_NONE if none */
    int mixed;      /* reduction updates of more than one kind */
    Pos first_pos;
    int live_out;   /* mentioned outside the loop: its last value is kept */
    Expr *remat;    /* a read-only scalar recomputed in the body from this
                       definition instead of copied (see find_remat) */
} PVar;

typedef struct Scan {
    Lower *L;
    PVar *vars;
    int loop_depth;
    int bad;
} Scan;

static Var *local(Scan *sc, const Expr *e)
{
    if (e->kind != EX_NAME || !e->sym)
        return NULL;
    Var *v = (Var *)e->sym;
    TypedFunc *tf = sc->L->tf;
    return v->index >= 0 && v->index < tf->nvars && tf->vars[v->index] == v ? v : NULL;
}

static void mention(Scan *sc, Var *v, int write, Pos pos)
{
    PVar *p = &sc->vars[v->index];
    if (!p->ref) {
        p->ref = 1;
        p->first = write ? 1 : 2;
        p->first_pos = pos;
    }
}

static void reads(Scan *sc, Expr *e)
{
    if (!e)
        return;
    switch (e->kind) {
    case EX_NAME: {
        Var *v = local(sc, e);
        if (v) {
            mention(sc, v, 0, e->pos);
            sc->vars[v->index].other = 1;
        }
        break;
    }
    case EX_ATTR: reads(sc, e->attr.obj); break;
    case EX_CALL:
        if (e->call.fn->kind == EX_ATTR)
            reads(sc, e->call.fn);
        for (int i = 0; i < e->call.nargs; i++)
            reads(sc, e->call.args[i]);
        for (int i = 0; i < e->call.nkw; i++)
            reads(sc, e->call.kw[i].value);
        break;
    case EX_SUBSCRIPT: reads(sc, e->sub.obj); reads(sc, e->sub.index); break;
    case EX_SLICE: reads(sc, e->slice.lo); reads(sc, e->slice.hi); reads(sc, e->slice.step); break;
    case EX_BINOP: reads(sc, e->bin.l); reads(sc, e->bin.r); break;
    case EX_UNARY: reads(sc, e->un.x); break;
    case EX_COMPARE:
        for (int i = 0; i < e->cmp.n; i++)
            reads(sc, e->cmp.xs[i]);
        break;
    case EX_BOOLOP: reads(sc, e->boolop.l); reads(sc, e->boolop.r); break;
    case EX_IFEXP: reads(sc, e->ifexp.cond); reads(sc, e->ifexp.body); reads(sc, e->ifexp.orelse); break;
    case EX_TUPLE: case EX_LIST:
        for (int i = 0; i < e->tuple.n; i++)
            reads(sc, e->tuple.xs[i]);
        break;
    default: break;
    }
}

static void writes(Scan *sc, Expr *t)
{
    if (t->kind == EX_TUPLE || t->kind == EX_LIST) {
        for (int i = 0; i < t->tuple.n; i++)
            writes(sc, t->tuple.xs[i]);
        return;
    }
    Var *v = local(sc, t);
    if (v) {
        mention(sc, v, 1, t->pos);
        sc->vars[v->index].assigned = 1;
        sc->vars[v->index].other = 1;
    } else {
        reads(sc, t);   /* a[i] = ...: reads a and i */
    }
}

static int mentions_var(const Expr *e, const Var *v)
{
    if (!e)
        return 0;
    switch (e->kind) {
    case EX_NAME: return e->sym == v;
    case EX_ATTR: return mentions_var(e->attr.obj, v);
    case EX_CALL:
        if (e->call.fn->kind == EX_ATTR && mentions_var(e->call.fn, v))
            return 1;
        for (int i = 0; i < e->call.nargs; i++)
            if (mentions_var(e->call.args[i], v))
                return 1;
        for (int i = 0; i < e->call.nkw; i++)
            if (mentions_var(e->call.kw[i].value, v))
                return 1;
        return 0;
    case EX_SUBSCRIPT: return mentions_var(e->sub.obj, v) || mentions_var(e->sub.index, v);
    case EX_SLICE:
        return mentions_var(e->slice.lo, v) || mentions_var(e->slice.hi, v) || mentions_var(e->slice.step, v);
    case EX_BINOP: return mentions_var(e->bin.l, v) || mentions_var(e->bin.r, v);
    case EX_UNARY: return mentions_var(e->un.x, v);
    case EX_COMPARE:
        for (int i = 0; i < e->cmp.n; i++)
            if (mentions_var(e->cmp.xs[i], v))
                return 1;
        return 0;
    case EX_BOOLOP: return mentions_var(e->boolop.l, v) || mentions_var(e->boolop.r, v);
    case EX_IFEXP:
        return mentions_var(e->ifexp.cond, v) || mentions_var(e->ifexp.body, v) || mentions_var(e->ifexp.orelse, v);
    case EX_TUPLE: case EX_LIST:
        for (int i = 0; i < e->tuple.n; i++)
            if (mentions_var(e->tuple.xs[i], v))
                return 1;
        return 0;
    default: return 0;
    }
}

static RedOp red_of_binop(BinOp op)
{
    switch (op) {
    case OP_ADD: case OP_SUB: return RED_ADD;
    case OP_MUL: return RED_MUL;
    case OP_BITOR: return RED_OR;
    case OP_BITAND: return RED_AND;
    case OP_BITXOR: return RED_XOR;
    default: return RED_NONE;
    }
}

/* Records `v <red>= e`; e is read. */
static void update(Scan *sc, Var *v, RedOp r, Expr *e, Pos pos)
{
    mention(sc, v, 0, pos);
    PVar *p = &sc->vars[v->index];
    if (p->red && p->red != r)
        p->mixed = 1;
    p->red = r;
    reads(sc, e);
}

/* Whether statement s (an assignment) is a reduction update; records it. */
static int scan_update(Scan *sc, Stmt *s)
{
    Var *v;
    if (s->kind == ST_AUGASSIGN) {
        RedOp r = red_of_binop(s->aug.op);
        if (!(v = local(sc, s->aug.target)) || !r || mentions_var(s->aug.value, v))
            return 0;
        update(sc, v, r, s->aug.value, s->pos);
        return 1;
    }
    if (s->kind != ST_ASSIGN || s->assign.ntargets != 1 || !(v = local(sc, s->assign.targets[0])))
        return 0;
    Expr *x = s->assign.value;
    if (x->kind == EX_BINOP) {
        RedOp r = red_of_binop(x->bin.op);
        Expr *other = NULL;
        if (r && x->bin.l->kind == EX_NAME && x->bin.l->sym == v)
            other = x->bin.r;
        else if (r && x->bin.op != OP_SUB && x->bin.r->kind == EX_NAME && x->bin.r->sym == v)
            other = x->bin.l;
        if (!other || mentions_var(other, v))
            return 0;
        update(sc, v, r, other, s->pos);
        return 1;
    }
    if (x->kind == EX_CALL && x->sym && x->call.fn->ty && x->call.fn->ty->kind == TY_BUILTIN &&
        x->call.nargs == 2 && x->call.nkw == 0) {
        const Builtin *b = x->sym;
        RedOp r = b->id == BI_MIN ? RED_MIN : b->id == BI_MAX ? RED_MAX : RED_NONE;
        Expr *a0 = x->call.args[0], *a1 = x->call.args[1], *other = NULL;
        if (r && a0->kind == EX_NAME && a0->sym == v)
            other = a1;
        else if (r && a1->kind == EX_NAME && a1->sym == v)
            other = a0;
        if (!other || mentions_var(other, v))
            return 0;
        update(sc, v, r, other, s->pos);
        return 1;
    }
    return 0;
}

static void scan_block(Scan *sc, Block *b);

static void scan_stmt(Scan *sc, Stmt *s)
{
    switch (s->kind) {
    case ST_EXPR: reads(sc, s->expr.e); break;
    case ST_ASSIGN:
        if (scan_update(sc, s))
            break;
        reads(sc, s->assign.value);
        for (int i = 0; i < s->assign.ntargets; i++)
            writes(sc, s->assign.targets[i]);
        break;
    case ST_AUGASSIGN:
        if (scan_update(sc, s))
            break;
        reads(sc, s->aug.target);
        reads(sc, s->aug.value);
        writes(sc, s->aug.target);
        break;
    case ST_IF:
        reads(sc, s->if_.cond);
        scan_block(sc, &s->if_.then);
        scan_block(sc, &s->if_.orelse);
        break;
    case ST_WHILE:
        reads(sc, s->while_.cond);
        sc->loop_depth++;
        scan_block(sc, &s->while_.body);
        sc->loop_depth--;
        scan_block(sc, &s->while_.orelse);
        break;
    case ST_FOR:
        reads(sc, s->for_.iter);
        writes(sc, s->for_.target);
        sc->loop_depth++;
        scan_block(sc, &s->for_.body);
        sc->loop_depth--;
        scan_block(sc, &s->for_.orelse);
        break;
    case ST_BREAK:
        if (sc->loop_depth == 0) {
            diag_error(sc->L->diags, DK_UNSUPPORTED, s->pos, "'break' out of a prange loop is not supported");
            sc->bad = 1;
        }
        break;
    case ST_RETURN:
        diag_error(sc->L->diags, DK_UNSUPPORTED, s->pos, "'return' inside a prange loop is not supported");
        sc->bad = 1;
        break;
    case ST_RAISE: reads(sc, s->raise_.exc); break;
    case ST_ASSERT: reads(sc, s->assert_.cond); reads(sc, s->assert_.msg); break;
    default: break;
    }
}

static void scan_block(Scan *sc, Block *b)
{
    for (int i = 0; i < b->n; i++)
        scan_stmt(sc, b->stmts[i]);
}

static const char *red_name(RedOp r)
{
    static const char *names[] = {"", "+", "*", "min", "max", "|", "&", "^"};
    return names[r];
}

/* Classifies every variable of the body; reports races. 0 on error. */
static int classify(Scan *sc, Stmt *loop)
{
    Var *iv = (Var *)loop->for_.target->sym;
    mention(sc, iv, 1, loop->pos);
    sc->vars[iv->index].assigned = 1;
    sc->vars[iv->index].other = 1;
    scan_block(sc, &loop->for_.body);
    TypedFunc *tf = sc->L->tf;
    for (int i = 0; i < tf->nvars && !sc->bad; i++) {
        PVar *p = &sc->vars[i];
        Var *v = tf->vars[i];
        if (!p->ref)
            continue;
        if (p->red && !p->other) {
            if (p->mixed) {
                diag_error(sc->L->diags, DK_UNSUPPORTED, p->first_pos,
                           "reduction variable '%s' is updated with more than one operator in a prange loop",
                           v->name);
                sc->bad = 1;
            } else if (!v->ty || !ty_is_scalar(v->ty) ||
                       (v->ty->kind == TY_BOOL && p->red != RED_OR && p->red != RED_AND && p->red != RED_XOR) ||
                       (ty_is_float(v->ty) && p->red >= RED_OR)) {
                diag_error(sc->L->diags, DK_UNSUPPORTED, p->first_pos,
                           "'%s' of type %s cannot be a %s reduction in a prange loop", v->name,
                           v->ty ? ty_str_of(sc->L->prog->arena, v->ty) : "?", red_name(p->red));
                sc->bad = 1;
            }
            continue;
        }
        int updated = p->red != RED_NONE;
        p->red = RED_NONE;
        if ((p->assigned || updated) && p->first == 2) {
            diag_error(sc->L->diags, DK_UNSUPPORTED, p->first_pos,
                       "'%s' is read before it is assigned in the prange body, so its value would pass "
                       "between iterations running on different threads; only reductions (s += x, "
                       "s *= x, s = min(s, x), ...) may carry values across prange iterations",
                       v->name);
            sc->bad = 1;
        }
    }
    return !sc->bad;
}

/* ---------- variables used outside the loop ----------
 * Only they need the last iteration's value; keeping it for a temporary
 * that dies with the loop would keep its every update alive in the chunk's
 * loops (a live-out value LLVM may not drop). */

static void live_expr(const Expr *e, PVar *pv, const TypedFunc *tf)
{
    for (int i = 0; i < tf->nvars; i++)
        if (pv[i].ref && !pv[i].live_out && mentions_var(e, tf->vars[i]))
            pv[i].live_out = 1;
}

static void live_block(const Block *b, const Stmt *loop, PVar *pv, const TypedFunc *tf)
{
    for (int i = 0; i < b->n; i++) {
        const Stmt *s = b->stmts[i];
        if (s == loop)
            continue;
        switch (s->kind) {
        case ST_EXPR: live_expr(s->expr.e, pv, tf); break;
        case ST_ASSIGN:
            live_expr(s->assign.value, pv, tf);
            for (int k = 0; k < s->assign.ntargets; k++)
                live_expr(s->assign.targets[k], pv, tf);
            break;
        case ST_AUGASSIGN: live_expr(s->aug.target, pv, tf); live_expr(s->aug.value, pv, tf); break;
        case ST_IF:
            live_expr(s->if_.cond, pv, tf);
            live_block(&s->if_.then, loop, pv, tf);
            live_block(&s->if_.orelse, loop, pv, tf);
            break;
        case ST_WHILE:
            live_expr(s->while_.cond, pv, tf);
            live_block(&s->while_.body, loop, pv, tf);
            live_block(&s->while_.orelse, loop, pv, tf);
            break;
        case ST_FOR:
            live_expr(s->for_.iter, pv, tf);
            live_expr(s->for_.target, pv, tf);
            live_block(&s->for_.body, loop, pv, tf);
            live_block(&s->for_.orelse, loop, pv, tf);
            break;
        case ST_RETURN: live_expr(s->ret.value, pv, tf); break;
        case ST_RAISE: live_expr(s->raise_.exc, pv, tf); break;
        case ST_ASSERT: live_expr(s->assert_.cond, pv, tf); live_expr(s->assert_.msg, pv, tf); break;
        default: break;
        }
    }
}

/* ---------- recomputed scalars ----------
 * `n = a.shape[0]` before `for i in prange(n)`: copied into the outlined
 * body, n would be a value LLVM knows nothing about, and every a[i + 1]
 * would keep its bounds check. Recomputed from a inside the body, n is again
 * a.shape[0] and the checks fold away. Only definitions that cannot change
 * meaning qualify: the variable's one assignment in the function, at its top
 * level, of a pure expression of parameters that are never assigned. */

static void count_assigns_expr(const Expr *t, int *counts, const TypedFunc *tf)
{
    if (t->kind == EX_TUPLE || t->kind == EX_LIST) {
        for (int i = 0; i < t->tuple.n; i++)
            count_assigns_expr(t->tuple.xs[i], counts, tf);
        return;
    }
    if (t->kind == EX_NAME && t->sym) {
        const Var *v = t->sym;
        if (v->index >= 0 && v->index < tf->nvars && tf->vars[v->index] == v)
            counts[v->index]++;
    }
}

static void count_assigns(const Block *b, int *counts, const TypedFunc *tf)
{
    for (int i = 0; i < b->n; i++) {
        const Stmt *s = b->stmts[i];
        switch (s->kind) {
        case ST_ASSIGN:
            for (int k = 0; k < s->assign.ntargets; k++)
                count_assigns_expr(s->assign.targets[k], counts, tf);
            break;
        case ST_AUGASSIGN: count_assigns_expr(s->aug.target, counts, tf); break;
        case ST_IF: count_assigns(&s->if_.then, counts, tf); count_assigns(&s->if_.orelse, counts, tf); break;
        case ST_WHILE:
            count_assigns(&s->while_.body, counts, tf);
            count_assigns(&s->while_.orelse, counts, tf);
            break;
        case ST_FOR:
            count_assigns_expr(s->for_.target, counts, tf);
            count_assigns(&s->for_.body, counts, tf);
            count_assigns(&s->for_.orelse, counts, tf);
            break;
        default: break;
        }
    }
}

/* Whether e can be evaluated again in the body with the same value. */
static int remat_ok(const Expr *e, const int *counts, const TypedFunc *tf)
{
    switch (e->kind) {
    case EX_INT: case EX_FLOAT: case EX_BOOL: return 1;
    case EX_NAME: {
        const Var *v = e->sym;
        return v && v->is_param && v->index < tf->nvars && tf->vars[v->index] == v && counts[v->index] == 0;
    }
    case EX_ATTR:
        return e->attr.obj->ty && e->attr.obj->ty->kind == TY_ARRAY &&
               (!strcmp(e->attr.name, "shape") || !strcmp(e->attr.name, "size") || !strcmp(e->attr.name, "ndim")) &&
               remat_ok(e->attr.obj, counts, tf);
    case EX_SUBSCRIPT:
        return e->sub.obj->kind == EX_ATTR && !strcmp(e->sub.obj->attr.name, "shape") && e->sub.index->kind == EX_INT &&
               e->sub.index->ival >= 0 && remat_ok(e->sub.obj, counts, tf);
    case EX_BINOP:
        return (e->bin.op == OP_ADD || e->bin.op == OP_SUB || e->bin.op == OP_MUL) && e->ty && ty_is_int(e->ty) &&
               remat_ok(e->bin.l, counts, tf) && remat_ok(e->bin.r, counts, tf);
    default: return 0;
    }
}

static void mark_params(const Expr *e, PVar *pv)
{
    if (e->kind == EX_NAME && e->sym)
        pv[((const Var *)e->sym)->index].ref = 1;
    else if (e->kind == EX_ATTR)
        mark_params(e->attr.obj, pv);
    else if (e->kind == EX_SUBSCRIPT)
        mark_params(e->sub.obj, pv);
    else if (e->kind == EX_BINOP) {
        mark_params(e->bin.l, pv);
        mark_params(e->bin.r, pv);
    }
}

static void find_remat(Lower *L, PVar *pv)
{
    TypedFunc *tf = L->tf;
    int *counts = arena_array(L->prog->arena, (size_t)tf->nvars + 1, sizeof *counts);
    if (!counts)
        return;
    count_assigns(&tf->def->body, counts, tf);
    const Block *top = &tf->def->body;
    for (int i = 0; i < top->n; i++) {
        const Stmt *s = top->stmts[i];
        if (s->kind != ST_ASSIGN || s->assign.ntargets != 1 || s->assign.targets[0]->kind != EX_NAME)
            continue;
        const Var *v = s->assign.targets[0]->sym;
        if (!v || v->index >= tf->nvars || tf->vars[v->index] != v || counts[v->index] != 1)
            continue;
        PVar *p = &pv[v->index];
        if (!p->ref || p->assigned || p->red || !v->ty || !ty_is_int(v->ty) ||
            !remat_ok(s->assign.value, counts, tf))
            continue;
        p->remat = s->assign.value;
        mark_params(s->assign.value, pv);
    }
}

/* ---------- code ---------- */

static LLVMValueRef identity(Lower *L, RedOp r, const Type *t, LLVMValueRef start)
{
    LLVMTypeRef lt = lw_type(L, t);
    int fl = ty_is_float(t);
    switch (r) {
    case RED_ADD: case RED_OR: case RED_XOR: return LLVMConstNull(lt);
    case RED_MUL: return fl ? LLVMConstReal(lt, 1.0) : LLVMConstInt(lt, 1, 0);
    case RED_AND: return LLVMConstAllOnes(lt);
    default: return start;   /* min/max: the value before the loop is idempotent */
    }
}

static LLVMValueRef combine(Lower *L, RedOp r, const Type *t, LLVMValueRef a, LLVMValueRef b)
{
    int fl = ty_is_float(t), un = ty_is_unsigned(t);
    switch (r) {
    case RED_ADD: return fl ? LLVMBuildFAdd(L->B, a, b, "") : LLVMBuildAdd(L->B, a, b, "");
    case RED_MUL: return fl ? LLVMBuildFMul(L->B, a, b, "") : LLVMBuildMul(L->B, a, b, "");
    case RED_OR: return LLVMBuildOr(L->B, a, b, "");
    case RED_AND: return LLVMBuildAnd(L->B, a, b, "");
    case RED_XOR: return LLVMBuildXor(L->B, a, b, "");
    case RED_MIN: case RED_MAX: {
        /* Python's min(a, b) keeps a unless b < a (max: b > a) */
        LLVMValueRef better;
        if (fl)
            better = LLVMBuildFCmp(L->B, r == RED_MIN ? LLVMRealOLT : LLVMRealOGT, b, a, "");
        else
            better = LLVMBuildICmp(L->B, r == RED_MIN ? (un ? LLVMIntULT : LLVMIntSLT) : (un ? LLVMIntUGT : LLVMIntSGT),
                                   b, a, "");
        return LLVMBuildSelect(L->B, better, b, a, "");
    }
    default: return a;
    }
}

/* Per-function lowering state, saved while the outlined body is built. */
typedef struct Saved {
    LLVMValueRef fn, out, *slots;
    LLVMBasicBlockRef ret_bb, unwind_bb, entry_bb, insert;
    PtrVec temps, temp_types;
    int temp_mark, nloops, nproven, in_parallel;
    const Expr **proven;
    LLVMMetadataRef di_scope, di_loc;
    const Expr **mod_proven;
    LLVMValueRef *mod_shift;
    int nmod_proven;
} Saved;

static void save_state(Lower *L, Saved *s)
{
    *s = (Saved){L->fn, L->out, L->slots, L->ret_bb, L->unwind_bb, L->entry_bb, LLVMGetInsertBlock(L->B),
                 L->temps, L->temp_types, L->temp_mark, L->nloops, L->nproven, L->in_parallel, L->proven,
                 L->di_scope, lw_dbg_here(L), L->mod_proven, L->mod_shift, L->nmod_proven};
}

static void restore_state(Lower *L, const Saved *s)
{
    L->fn = s->fn;
    L->out = s->out;
    L->slots = s->slots;
    L->ret_bb = s->ret_bb;
    L->unwind_bb = s->unwind_bb;
    L->entry_bb = s->entry_bb;
    L->temps = s->temps;
    L->temp_types = s->temp_types;
    L->temp_mark = s->temp_mark;
    L->nloops = s->nloops;
    L->nproven = s->nproven;
    L->proven = s->proven;
    L->mod_proven = s->mod_proven;
    L->mod_shift = s->mod_shift;
    L->nmod_proven = s->nmod_proven;
    L->in_parallel = s->in_parallel;
    LLVMPositionBuilderAtEnd(L->B, s->insert);
    lw_dbg_set(L, s->di_scope, s->di_loc);
}

/* ctx layout (pointers): [0, nvars) the caller's slot of each variable the
 * body mentions; then the partials buffer, the last-values buffer (one slot
 * per variable, by index), start, step and the trip count (i64 each). */
enum { CTX_PARTIALS, CTX_LAST, CTX_START, CTX_STEP, CTX_TRIPS, CTX__EXTRA };

static LLVMValueRef ctx_ptr(Lower *L, LLVMValueRef ctx, int nvars, int k)
{
    LLVMTypeRef at = LLVMArrayType(L->ptr, (unsigned)(nvars + CTX__EXTRA));
    LLVMValueRef idx[2] = {lw_const_i64(L, 0), lw_const_i64(L, k)};
    LLVMValueRef p = LLVMBuildInBoundsGEP2(L->B, at, ctx, idx, 2, "");
    return LLVMBuildLoad2(L->B, L->ptr, p, "");
}

/* Slot of reduction r of chunk c in the partials buffer (8 bytes each). */
static LLVMValueRef partial_ptr(Lower *L, LLVMValueRef buf, LLVMValueRef c, int nred, int r)
{
    LLVMValueRef k = LLVMBuildAdd(L->B, LLVMBuildMul(L->B, c, lw_const_i64(L, nred), ""), lw_const_i64(L, r), "");
    return LLVMBuildInBoundsGEP2(L->B, L->i64, buf, &k, 1, "");
}

/* Starts the outlined function i32 NAME(ptr ctx, i64 klo, i64 khi, i64 chunk)
 * and leaves the builder in its body; the caller's state is in a Saved.
 * with_slots: fresh private slots for every variable (a prange body); else
 * the body reads only captured values (lw_par_for). */
static LLVMValueRef outline_begin(Lower *L, const char *kind, int with_slots)
{
    TypedFunc *tf = L->tf;
    char name[512];
    snprintf(name, sizeof name, "%s.%s.%d", tf->symbol, kind, L->nprange++);
    LLVMTypeRef pt[4] = {L->ptr, L->i64, L->i64, L->i64};
    LLVMValueRef fn = LLVMAddFunction(L->M, name, LLVMFunctionType(L->i32, pt, 4, 0));
    LLVMSetLinkage(fn, LLVMInternalLinkage);
    L->fn = fn;
    L->out = NULL;
    L->proven = NULL;
    L->nproven = 0;
    L->mod_proven = NULL;
    L->mod_shift = NULL;
    L->nmod_proven = 0;
    L->in_parallel = 1;
    memset(&L->temps, 0, sizeof L->temps);
    memset(&L->temp_types, 0, sizeof L->temp_types);
    L->temp_mark = 0;
    L->entry_bb = lw_block(L, "entry");
    LLVMBasicBlockRef body = lw_block(L, "body");
    L->ret_bb = lw_block(L, "return");
    L->unwind_bb = lw_block(L, "unwind");
    LLVMPositionBuilderAtEnd(L->B, L->entry_bb);
    /* at the prange statement or array expression being outlined */
    lw_dbg_func(L, fn, name, NULL, lw_dbg_pos(L));
    if (with_slots) {
        L->slots = arena_array(L->prog->arena, (size_t)tf->nvars + 1, sizeof *L->slots);
        for (int i = 0; i < tf->nvars; i++) {
            const Type *t = tf->vars[i]->ty ? tf->vars[i]->ty : ty_int64;
            L->slots[i] = LLVMBuildAlloca(L->B, lw_type(L, t), tf->vars[i]->name);
            if (t->kind == TY_ARRAY || t->kind == TY_TUPLE)
                LLVMBuildStore(L->B, LLVMConstNull(lw_type(L, t)), L->slots[i]);
        }
    }
    LLVMBuildBr(L->B, body);
    LLVMPositionBuilderAtEnd(L->B, body);
    return fn;
}

/* Ends the outlined function: return 0, or 1 from the unwind block, after
 * releasing what it holds (its private slots too, with_slots). */
static void outline_end(Lower *L, int with_slots)
{
    if (!LLVMGetBasicBlockTerminator(LLVMGetInsertBlock(L->B)))
        LLVMBuildBr(L->B, L->ret_bb);
    for (int k = 0; k < 2; k++) {
        LLVMPositionBuilderAtEnd(L->B, k ? L->unwind_bb : L->ret_bb);
        if (with_slots)
            lw_release_locals(L);
        else
            lw_release_temps(L, 0);
        LLVMBuildRet(L->B, LLVMConstInt(L->i32, (unsigned)k, 0));
    }
}

/* Runs fn over [0, n) in rt_par_threads(work) chunks; the builder continues
 * where every chunk succeeded (an error unwinds). Returns the chunk count. */
static LLVMValueRef run_chunks(Lower *L, LLVMValueRef fn, LLVMValueRef ctx, LLVMValueRef n, LLVMValueRef work)
{
    LLVMValueRef nthr = LLVMGetNamedGlobal(L->M, "__jit_num_threads");
    if (!nthr) {
        nthr = LLVMAddGlobal(L->M, L->i32, "__jit_num_threads");
        LLVMSetLinkage(nthr, LLVMExternalLinkage);
    }
    LLVMValueRef targs[2] = {work, LLVMBuildLoad2(L->B, L->i32, nthr, "")};
    LLVMValueRef chunks = lw_call_rt(L, "rt_par_threads", L->i64, targs, 2);
    LLVMValueRef rargs[4] = {fn, ctx, n, chunks};
    LLVMValueRef st = lw_call_rt(L, "rt_par_run", L->i32, rargs, 4);
    LLVMBasicBlockRef ok = lw_block(L, "par.ok");
    LLVMBuildCondBr(L->B, LLVMBuildICmp(L->B, LLVMIntEQ, st, LLVMConstInt(L->i32, 0, 0), ""), ok, L->unwind_bb);
    LLVMPositionBuilderAtEnd(L->B, ok);
    return chunks;
}

static LLVMValueRef build_body_fn(Lower *L, Stmt *s, PVar *pv, int nred, LLVMValueRef start, LLVMValueRef step,
                                  int known, int64_t kstep)
{
    TypedFunc *tf = L->tf;
    int nv = tf->nvars;
    LLVMValueRef fn = outline_begin(L, "prange", 1);
    LLVMValueRef ctx = LLVMGetParam(fn, 0), klo = LLVMGetParam(fn, 1), khi = LLVMGetParam(fn, 2),
                 chunk = LLVMGetParam(fn, 3);

    /* private copies: every mentioned variable starts with the caller's value,
     * a reduction with its operator's identity */
    for (int i = 0; i < nv; i++) {
        if (!pv[i].ref)
            continue;
        Var *v = tf->vars[i];
        LLVMTypeRef lt = lw_type(L, v->ty);
        LLVMValueRef val = LLVMBuildLoad2(L->B, lt, ctx_ptr(L, ctx, nv, i), v->name);
        if (pv[i].red)
            val = identity(L, pv[i].red, v->ty, val);
        else if (v->ty->kind == TY_ARRAY || v->ty->kind == TY_TUPLE)
            lw_incref(L, val, v->ty);
        LLVMBuildStore(L->B, val, L->slots[i]);
    }

    for (int i = 0; i < nv; i++)
        if (pv[i].remat) {
            Var *v = tf->vars[i];
            LLVMBuildStore(L->B, lw_cast(L, lw_expr(L, pv[i].remat), pv[i].remat->ty, v->ty), L->slots[i]);
        }

    /* what the runtime guarantees: 0 <= klo < khi <= trips */
    lw_assume(L, LLVMBuildICmp(L->B, LLVMIntSGE, klo, lw_const_i64(L, 0), ""));
    lw_assume(L, LLVMBuildICmp(L->B, LLVMIntSLT, klo, khi, ""));

    /* this chunk's iterations: start + k * step for k in [klo, khi) */
    LLVMValueRef st = known ? step : LLVMBuildLoad2(L->B, L->i64, ctx_ptr(L, ctx, nv, nv + CTX_STEP), "step");
    LLVMValueRef s0 = LLVMIsAConstantInt(start) ? start
                                                : LLVMBuildLoad2(L->B, L->i64, ctx_ptr(L, ctx, nv, nv + CTX_START), "start");
    LLVMValueRef lo = LLVMBuildAdd(L->B, s0, LLVMBuildMul(L->B, klo, st, ""), "lo");
    LLVMValueRef hi = LLVMBuildAdd(L->B, s0, LLVMBuildMul(L->B, khi, st, ""), "hi");
    Block orelse = s->for_.orelse;
    s->for_.orelse = (Block){0};
    lw_for_bounds(L, s, lo, hi, st, known, kstep);
    s->for_.orelse = orelse;

    if (!LLVMGetBasicBlockTerminator(LLVMGetInsertBlock(L->B))) {
        /* partial results, and the last values from the chunk that ran the
         * last iteration */
        LLVMValueRef parts = ctx_ptr(L, ctx, nv, nv + CTX_PARTIALS);
        LLVMValueRef last = ctx_ptr(L, ctx, nv, nv + CTX_LAST);
        LLVMValueRef trips = LLVMBuildLoad2(L->B, L->i64, ctx_ptr(L, ctx, nv, nv + CTX_TRIPS), "trips");
        int r = 0;
        for (int i = 0; i < nv; i++) {
            if (!pv[i].ref || !pv[i].red)
                continue;
            Var *v = tf->vars[i];
            LLVMValueRef val = LLVMBuildLoad2(L->B, lw_type(L, v->ty), L->slots[i], "");
            LLVMBuildStore(L->B, val, partial_ptr(L, parts, chunk, nred, r++));
        }
        LLVMBasicBlockRef is_last = lw_block(L, "last.chunk"), done = lw_block(L, "chunk.done");
        LLVMBuildCondBr(L->B, LLVMBuildICmp(L->B, LLVMIntEQ, khi, trips, ""), is_last, done);
        LLVMPositionBuilderAtEnd(L->B, is_last);
        for (int i = 0; i < nv; i++) {
            if (!pv[i].ref || pv[i].red || !pv[i].assigned || !pv[i].live_out)
                continue;
            Var *v = tf->vars[i];
            LLVMValueRef val = LLVMBuildLoad2(L->B, lw_type(L, v->ty), L->slots[i], "");
            /* the caller takes over this reference */
            if (v->ty->kind == TY_ARRAY || v->ty->kind == TY_TUPLE)
                lw_incref(L, val, v->ty);
            LLVMValueRef idx = lw_const_i64(L, i);
            LLVMValueRef slot = LLVMBuildInBoundsGEP2(L->B, L->ptr, last, &idx, 1, "");
            LLVMBuildStore(L->B, val, LLVMBuildLoad2(L->B, L->ptr, slot, ""));
        }
        LLVMBuildBr(L->B, done);
        LLVMPositionBuilderAtEnd(L->B, done);
    }
    outline_end(L, 1);
    return fn;
}

/* Trip count of range(start, stop, step) (step != 0). */
static LLVMValueRef trip_count(Lower *L, LLVMValueRef start, LLVMValueRef stop, LLVMValueRef step)
{
    LLVMValueRef zero = lw_const_i64(L, 0), one = lw_const_i64(L, 1);
    LLVMValueRef pos = LLVMBuildICmp(L->B, LLVMIntSGT, step, zero, "");
    /* up: (stop - start + step - 1) / step when stop > start;
     * down: (start - stop - step - 1) / -step when start > stop */
    LLVMValueRef span = LLVMBuildSelect(L->B, pos, LLVMBuildSub(L->B, stop, start, ""),
                                        LLVMBuildSub(L->B, start, stop, ""), "");
    LLVMValueRef mag = LLVMBuildSelect(L->B, pos, step, LLVMBuildNeg(L->B, step, ""), "");
    LLVMValueRef n = LLVMBuildSDiv(L->B, LLVMBuildSub(L->B, LLVMBuildAdd(L->B, span, mag, ""), one, ""), mag, "");
    return LLVMBuildSelect(L->B, LLVMBuildICmp(L->B, LLVMIntSGT, span, zero, ""), n, zero, "trips");
}

int lw_prange(Lower *L, Stmt *s, LLVMValueRef start, LLVMValueRef stop, LLVMValueRef step, int known,
              int64_t kstep)
{
    Expr *it = s->for_.iter;
    const Builtin *b = it->sym;
    if (!b || b->id != BI_PRANGE || !L->tf->opts.parallel || !L->target->has_threads || L->in_parallel ||
        !s->for_.target->sym)
        return 0;
    TypedFunc *tf = L->tf;
    int nv = tf->nvars;
    Scan sc = {L, arena_array(L->prog->arena, (size_t)nv + 1, sizeof(PVar)), 0, 0};
    if (!classify(&sc, s))
        return 1;
    PVar *pv = sc.vars;
    live_block(&tf->def->body, s, pv, tf);
    /* the loop's else: block runs after it, in the caller */
    live_block(&s->for_.orelse, NULL, pv, tf);
    find_remat(L, pv);
    int nred = 0;
    for (int i = 0; i < nv; i++)
        nred += pv[i].ref && pv[i].red;

    Saved sv;
    save_state(L, &sv);
    LLVMValueRef body = build_body_fn(L, s, pv, nred, start, step, known, kstep);
    restore_state(L, &sv);

    /* the context: pointers to the caller's slots and buffers */
    LLVMTypeRef at = LLVMArrayType(L->ptr, (unsigned)(nv + CTX__EXTRA));
    LLVMValueRef ctx = lw_alloca(L, at, "par.ctx");
    LLVMValueRef last = lw_alloca(L, LLVMArrayType(L->ptr, (unsigned)nv + 1), "par.last");
    LLVMValueRef parts = nred ? lw_alloca(L, LLVMArrayType(L->i64, (unsigned)(LOWER_MAX_THREADS * nred)), "par.partials")
                              : LLVMConstNull(L->ptr);
    LLVMValueRef vals = lw_alloca(L, LLVMArrayType(L->i64, 3), "par.bounds");
    LLVMValueRef trips = trip_count(L, start, stop, step);
    LLVMValueRef *lastvals = arena_array(L->prog->arena, (size_t)nv + 1, sizeof *lastvals);
    for (int i = 0; i < nv; i++) {
        if (!pv[i].ref)
            continue;
        LLVMValueRef idx[2] = {lw_const_i64(L, 0), lw_const_i64(L, i)};
        LLVMBuildStore(L->B, L->slots[i], LLVMBuildInBoundsGEP2(L->B, at, ctx, idx, 2, ""));
        if (!pv[i].red && pv[i].assigned && pv[i].live_out) {
            lastvals[i] = lw_alloca(L, lw_type(L, tf->vars[i]->ty), "par.lastval");
            LLVMValueRef li[2] = {lw_const_i64(L, 0), lw_const_i64(L, i)};
            LLVMBuildStore(L->B, lastvals[i],
                           LLVMBuildInBoundsGEP2(L->B, LLVMArrayType(L->ptr, (unsigned)nv + 1), last, li, 2, ""));
        }
    }
    LLVMValueRef extra[CTX__EXTRA] = {parts, last, NULL, NULL, NULL};
    LLVMValueRef nums[3] = {start, step, trips};
    for (int k = 0; k < 3; k++) {
        LLVMValueRef idx[2] = {lw_const_i64(L, 0), lw_const_i64(L, k)};
        extra[CTX_START + k] = LLVMBuildInBoundsGEP2(L->B, LLVMArrayType(L->i64, 3), vals, idx, 2, "");
        LLVMBuildStore(L->B, nums[k], extra[CTX_START + k]);
    }
    for (int k = 0; k < CTX__EXTRA; k++) {
        LLVMValueRef idx[2] = {lw_const_i64(L, 0), lw_const_i64(L, nv + k)};
        LLVMBuildStore(L->B, extra[k], LLVMBuildInBoundsGEP2(L->B, at, ctx, idx, 2, ""));
    }

    LLVMValueRef chunks = run_chunks(L, body, ctx, trips, trips);

    /* combine the partials in chunk order */
    if (nred) {
        LLVMValueRef ci = lw_alloca(L, L->i64, "par.c");
        LLVMBuildStore(L->B, lw_const_i64(L, 0), ci);
        LLVMBasicBlockRef head = lw_block(L, "par.combine"), step_bb = lw_block(L, "par.combine.body"),
                          end = lw_block(L, "par.combined");
        LLVMBuildBr(L->B, head);
        LLVMPositionBuilderAtEnd(L->B, head);
        LLVMValueRef c = LLVMBuildLoad2(L->B, L->i64, ci, "");
        LLVMBuildCondBr(L->B, LLVMBuildICmp(L->B, LLVMIntSLT, c, chunks, ""), step_bb, end);
        LLVMPositionBuilderAtEnd(L->B, step_bb);
        int r = 0;
        for (int i = 0; i < nv; i++) {
            if (!pv[i].ref || !pv[i].red)
                continue;
            Var *v = tf->vars[i];
            LLVMTypeRef lt = lw_type(L, v->ty);
            LLVMValueRef acc = LLVMBuildLoad2(L->B, lt, L->slots[i], "");
            LLVMValueRef p = LLVMBuildLoad2(L->B, lt, partial_ptr(L, parts, c, nred, r++), "");
            LLVMBuildStore(L->B, combine(L, pv[i].red, v->ty, acc, p), L->slots[i]);
        }
        LLVMBuildStore(L->B, LLVMBuildAdd(L->B, c, lw_const_i64(L, 1), ""), ci);
        lw_loop(L, LLVMBuildBr(L->B, head), 0);
        LLVMPositionBuilderAtEnd(L->B, end);
    }

    /* the last iteration's values, when there was one */
    LLVMBasicBlockRef copy = lw_block(L, "par.lastprivate"), done = lw_block(L, "par.done");
    LLVMBuildCondBr(L->B, LLVMBuildICmp(L->B, LLVMIntSGT, trips, lw_const_i64(L, 0), ""), copy, done);
    LLVMPositionBuilderAtEnd(L->B, copy);
    for (int i = 0; i < nv; i++) {
        if (!lastvals[i])
            continue;
        Var *v = tf->vars[i];
        LLVMValueRef val = LLVMBuildLoad2(L->B, lw_type(L, v->ty), lastvals[i], "");
        lw_store_var(L, v, val, v->ty);
        if (v->ty->kind == TY_ARRAY || v->ty->kind == TY_TUPLE)
            lw_decref(L, val, v->ty);
    }
    LLVMBuildBr(L->B, done);
    LLVMPositionBuilderAtEnd(L->B, done);
    if (s->for_.orelse.n)
        lw_block_stmts(L, &s->for_.orelse);
    return 1;
}

/* ---------- parallel loops built by lowering itself ----------
 * For loops that have no statement of their own (array expressions): the
 * caller hands over the LLVM values the loop reads (captures), and a
 * callback that emits the loop over [lo, hi) using them. */

int lw_par_available(const Lower *L)
{
    return L->tf->opts.parallel && L->target->has_threads && !L->in_parallel;
}

void lw_par_for(Lower *L, LLVMValueRef n, LLVMValueRef grain, LLVMValueRef *caps, int ncaps, LwParBody body, void *data)
{
    /* the captures travel as pointers to copies in the caller's frame */
    LLVMTypeRef at = LLVMArrayType(L->ptr, (unsigned)ncaps + 1);
    LLVMValueRef ctx = lw_alloca(L, at, "par.caps");
    LLVMTypeRef *types = arena_array(L->prog->arena, (size_t)ncaps + 1, sizeof *types);
    LLVMValueRef *saved = arena_array(L->prog->arena, (size_t)ncaps + 1, sizeof *saved);
    for (int i = 0; i < ncaps; i++) {
        types[i] = LLVMTypeOf(caps[i]);
        saved[i] = caps[i];
        LLVMValueRef slot = lw_alloca(L, types[i], "par.cap");
        LLVMBuildStore(L->B, caps[i], slot);
        LLVMValueRef idx[2] = {lw_const_i64(L, 0), lw_const_i64(L, i)};
        LLVMBuildStore(L->B, slot, LLVMBuildInBoundsGEP2(L->B, at, ctx, idx, 2, ""));
    }

    Saved sv;
    save_state(L, &sv);
    LLVMValueRef fn = outline_begin(L, "parfor", 0);
    LLVMValueRef fctx = LLVMGetParam(fn, 0);
    for (int i = 0; i < ncaps; i++) {
        LLVMValueRef idx[2] = {lw_const_i64(L, 0), lw_const_i64(L, i)};
        LLVMValueRef p = LLVMBuildLoad2(L->B, L->ptr, LLVMBuildInBoundsGEP2(L->B, at, fctx, idx, 2, ""), "");
        caps[i] = LLVMBuildLoad2(L->B, types[i], p, "cap");
    }
    body(L, data, LLVMGetParam(fn, 1), LLVMGetParam(fn, 2));
    outline_end(L, 0);
    restore_state(L, &sv);
    for (int i = 0; i < ncaps; i++)
        caps[i] = saved[i];

    /* chunks of at least `grain` iterations: small arrays stay on the
     * calling thread (rt_par_run runs a single chunk in place) */
    LLVMValueRef g = grain;
    LLVMValueRef work = LLVMBuildSDiv(L->B, LLVMBuildSub(L->B, LLVMBuildAdd(L->B, n, g, ""), lw_const_i64(L, 1), ""),
                                      g, "");
    run_chunks(L, fn, ctx, n, work);
}
