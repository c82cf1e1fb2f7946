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
    LLVMBuildBr(L->B, head);
    LLVMPositionBuilderAtEnd(L->B, head);
    LLVMBuildCondBr(L->B, condition(L, s->while_.cond), body, done);
    LLVMPositionBuilderAtEnd(L->B, body);
    if (push_loop(L, done, head, s->pos)) {
        lw_block_stmts(L, &s->while_.body);
        L->nloops--;
    }
    if (!LLVMGetBasicBlockTerminator(LLVMGetInsertBlock(L->B)))
        LLVMBuildBr(L->B, head);
    LLVMPositionBuilderAtEnd(L->B, done);
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
    LLVMValueRef iv = lw_alloca(L, L->i64, "iv");
    LLVMBuildStore(L->B, start, iv);
    LLVMBasicBlockRef head = lw_block(L, "for.cond"), body = lw_block(L, "for.body"),
                      latch = lw_block(L, "for.inc"), done = lw_block(L, "for.end");
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
    LLVMBuildCondBr(L->B, c, body, done);

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
    LLVMBuildBr(L->B, head);
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

static void lower_stmt(Lower *L, Stmt *s)
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
