/* lower.c - typed AST -> LLVM IR: the driver, types, helpers, function
 * prologue/epilogue and the entry wrappers. Expressions are in
 * lower_expr.c, calls in lower_call.c, arrays in lower_array.c, statements in
 * lower_stmt.c. See lower.h for the conventions. */
#include "lower.h"

#include <stdio.h>
#include <string.h>

#include "../include/jit.h"

/* ---------- types ---------- */

LLVMTypeRef lw_type(Lower *L, const Type *t)
{
    switch (t->kind) {
    case TY_BOOL: return L->i1;
    case TY_INT8: case TY_UINT8: return L->i8;
    case TY_INT16: case TY_UINT16: return LLVMInt16TypeInContext(L->C);
    case TY_INT32: case TY_UINT32: return L->i32;
    case TY_INT64: case TY_UINT64: return L->i64;
    case TY_FLOAT32: return L->f32;
    case TY_FLOAT64: return L->f64;
    case TY_ARRAY: return lw_array_type(L, t->arr.ndim);
    case TY_CPOINTER: return L->ptr;
    case TY_TUPLE: {
        LLVMTypeRef el[64];
        int n = t->tup.n < 64 ? t->tup.n : 64;
        for (int i = 0; i < n; i++)
            el[i] = lw_type(L, t->tup.elems[i]);
        return LLVMStructTypeInContext(L->C, el, (unsigned)n, 0);
    }
    case TY_RANGE: {   /* {start, stop, step} */
        LLVMTypeRef el[3] = {L->i64, L->i64, L->i64};
        return LLVMStructTypeInContext(L->C, el, 3, 0);
    }
    default:
        /* None, modules, strings... carry no data */
        return L->i8;
    }
}

LLVMTypeRef lw_mem_type(Lower *L, const Type *t)
{
    return t->kind == TY_BOOL ? L->i8 : lw_type(L, t);
}

/* ---------- small helpers ---------- */

LLVMValueRef lw_fm(Lower *L, LLVMValueRef inst)
{
    if (L->fmf && LLVMIsAInstruction(inst) && LLVMCanValueUseFastMathFlags(inst))
        LLVMSetFastMathFlags(inst, L->fmf);
    return inst;
}

LLVMValueRef lw_const_i64(Lower *L, int64_t v) { return LLVMConstInt(L->i64, (unsigned long long)v, 1); }

LLVMValueRef lw_cstr(Lower *L, const char *s)
{
    return LLVMBuildGlobalStringPtr(L->B, s, ".str");
}

LLVMBasicBlockRef lw_block(Lower *L, const char *name)
{
    return LLVMAppendBasicBlockInContext(L->C, L->fn, name);
}

LLVMValueRef lw_alloca(Lower *L, LLVMTypeRef t, const char *name)
{
    LLVMBuilderRef b = LLVMCreateBuilderInContext(L->C);
    LLVMValueRef first = LLVMGetFirstInstruction(L->entry_bb);
    if (first)
        LLVMPositionBuilderBefore(b, first);
    else
        LLVMPositionBuilderAtEnd(b, L->entry_bb);
    LLVMValueRef a = LLVMBuildAlloca(b, t, name);
    LLVMDisposeBuilder(b);
    return a;
}

LLVMValueRef lw_call_fn(Lower *L, const char *name, LLVMTypeRef ret, LLVMTypeRef *ptys,
                        LLVMValueRef *args, int n)
{
    LLVMTypeRef ft = LLVMFunctionType(ret, ptys, (unsigned)n, 0);
    LLVMValueRef f = LLVMGetNamedFunction(L->M, name);
    if (!f)
        f = LLVMAddFunction(L->M, name, ft);
    return LLVMBuildCall2(L->B, ft, f, args, (unsigned)n, "");
}

LLVMValueRef lw_call_rt(Lower *L, const char *name, LLVMTypeRef ret, LLVMValueRef *args, int n)
{
    LLVMTypeRef pt[16];
    for (int i = 0; i < n && i < 16; i++)
        pt[i] = LLVMTypeOf(args[i]);
    return lw_call_fn(L, name, ret, pt, args, n);
}

void lw_raise(Lower *L, int kind, const char *msg, int line)
{
    L->target->raise(L, kind, lw_cstr(L, msg), line);
    LLVMBuildBr(L->B, L->unwind_bb);
    LLVMPositionBuilderAtEnd(L->B, lw_block(L, "after.raise"));
}

void lw_check(Lower *L, LLVMValueRef ok, int kind, const char *msg, int line)
{
    /* a check folded to true at lowering (a constant divisor, a literal
     * dimension) leaves no blocks for the optimizer to delete */
    if (LLVMIsAConstantInt(ok) && LLVMConstIntGetZExtValue(ok))
        return;
    LLVMBasicBlockRef bad = lw_block(L, "check.fail"), good = lw_block(L, "check.ok");
    LLVMValueRef br = LLVMBuildCondBr(L->B, ok, good, bad);
    /* failures are cold: tell the optimizer so the hot path stays straight */
    unsigned kid = LLVMGetMDKindIDInContext(L->C, "prof", 4);
    LLVMMetadataRef ops[3] = {
        LLVMMDStringInContext2(L->C, "branch_weights", 14),
        LLVMValueAsMetadata(LLVMConstInt(L->i32, 2000, 0)),
        LLVMValueAsMetadata(LLVMConstInt(L->i32, 1, 0)),
    };
    LLVMSetMetadata(br, kid, LLVMMetadataAsValue(L->C, LLVMMDNodeInContext2(L->C, ops, 3)));
    LLVMPositionBuilderAtEnd(L->B, bad);
    L->target->raise(L, kind, lw_cstr(L, msg), line);
    LLVMBuildBr(L->B, L->unwind_bb);
    LLVMPositionBuilderAtEnd(L->B, good);
}

void lw_assume(Lower *L, LLVMValueRef cond)
{
    unsigned id = LLVMLookupIntrinsicID("llvm.assume", 11);
    LLVMValueRef f = LLVMGetIntrinsicDeclaration(L->M, id, NULL, 0);
    LLVMTypeRef ft = LLVMFunctionType(L->voidt, &L->i1, 1, 0);
    LLVMBuildCall2(L->B, ft, f, &cond, 1, "");
}

/* ---------- functions ---------- */

static LLVMTypeRef internal_fn_type(Lower *L, TypedFunc *tf)
{
    LLVMTypeRef pt[256];
    int n = tf->nargs < 255 ? tf->nargs : 255;
    pt[0] = L->ptr;
    for (int i = 0; i < n; i++)
        pt[i + 1] = lw_type(L, tf->args[i]);
    return LLVMFunctionType(L->i32, pt, (unsigned)n + 1, 0);
}

static void declare_func(Lower *L, TypedFunc *tf)
{
    LLVMValueRef f = LLVMAddFunction(L->M, tf->symbol, internal_fn_type(L, tf));
    LLVMSetLinkage(f, LLVMInternalLinkage);
}

/* ---------- recursion ----------
 * Functions that can reach themselves through calls check the stack on
 * entry (rt_recursion_check), so a runaway recursion is a RecursionError
 * and not a crash; every other function pays nothing. */

static void callees_expr(const Expr *e, PtrVec *out, Arena *a);

static void callees_block(const Block *b, PtrVec *out, Arena *a)
{
    for (int i = 0; i < b->n; i++) {
        const Stmt *s = b->stmts[i];
        switch (s->kind) {
        case ST_EXPR: callees_expr(s->expr.e, out, a); break;
        case ST_ASSIGN:
            callees_expr(s->assign.value, out, a);
            for (int k = 0; k < s->assign.ntargets; k++)
                callees_expr(s->assign.targets[k], out, a);
            break;
        case ST_AUGASSIGN: callees_expr(s->aug.target, out, a); callees_expr(s->aug.value, out, a); break;
        case ST_IF:
            callees_expr(s->if_.cond, out, a);
            callees_block(&s->if_.then, out, a);
            callees_block(&s->if_.orelse, out, a);
            break;
        case ST_WHILE:
            callees_expr(s->while_.cond, out, a);
            callees_block(&s->while_.body, out, a);
            callees_block(&s->while_.orelse, out, a);
            break;
        case ST_FOR:
            callees_expr(s->for_.iter, out, a);
            callees_block(&s->for_.body, out, a);
            callees_block(&s->for_.orelse, out, a);
            break;
        case ST_RETURN: callees_expr(s->ret.value, out, a); break;
        case ST_ASSERT: callees_expr(s->assert_.cond, out, a); break;
        default: break;
        }
    }
}

static void callees_expr(const Expr *e, PtrVec *out, Arena *a)
{
    if (!e)
        return;
    switch (e->kind) {
    case EX_CALL:
        if (e->call.fn->ty && e->call.fn->ty->kind == TY_FUNC && e->sym)
            vec_push(a, out, (void *)e->sym);
        for (int i = 0; i < e->call.nargs; i++)
            callees_expr(e->call.args[i], out, a);
        break;
    case EX_ATTR: callees_expr(e->attr.obj, out, a); break;
    case EX_SUBSCRIPT: callees_expr(e->sub.obj, out, a); callees_expr(e->sub.index, out, a); break;
    case EX_SLICE:
        callees_expr(e->slice.lo, out, a);
        callees_expr(e->slice.hi, out, a);
        callees_expr(e->slice.step, out, a);
        break;
    case EX_BINOP: callees_expr(e->bin.l, out, a); callees_expr(e->bin.r, out, a); break;
    case EX_UNARY: callees_expr(e->un.x, out, a); break;
    case EX_COMPARE:
        for (int i = 0; i < e->cmp.n; i++)
            callees_expr(e->cmp.xs[i], out, a);
        break;
    case EX_BOOLOP: callees_expr(e->boolop.l, out, a); callees_expr(e->boolop.r, out, a); break;
    case EX_IFEXP:
        callees_expr(e->ifexp.cond, out, a);
        callees_expr(e->ifexp.body, out, a);
        callees_expr(e->ifexp.orelse, out, a);
        break;
    case EX_TUPLE: case EX_LIST:
        for (int i = 0; i < e->tuple.n; i++)
            callees_expr(e->tuple.xs[i], out, a);
        break;
    default: break;
    }
}

/* Every specialization's direct callees (launches are not calls). */
static PtrVec *call_graph(Program *p)
{
    PtrVec *calls = arena_array(p->arena, (size_t)p->nfuncs + 1, sizeof *calls);
    for (int i = 0; calls && i < p->nfuncs; i++)
        callees_block(&p->funcs[i]->def->body, &calls[i], p->arena);
    return calls;
}

/* Marks in out[] every specialization reachable from one marked in out[]. */
static void mark_reachable(Program *p, PtrVec *calls, char *out)
{
    for (int changed = 1; changed;) {
        changed = 0;
        for (int i = 0; i < p->nfuncs; i++)
            for (int k = 0; out[i] && k < calls[i].len; k++) {
                int c = ((TypedFunc *)calls[i].items[k])->id;
                if (c >= 0 && c < p->nfuncs && !out[c])
                    out[c] = changed = 1;
            }
    }
}

/* Marks in rec[] every specialization that can call itself. */
static void find_recursive(Program *p, PtrVec *calls, char *rec)
{
    int n = p->nfuncs;
    int *stack = arena_array(p->arena, (size_t)n + 1, sizeof *stack);
    char *seen = arena_alloc(p->arena, (size_t)n + 1);
    if (!calls || !stack || !seen)
        return;
    for (int root = 0; root < n; root++) {
        /* depth-first search from root's callees back to root */
        memset(seen, 0, (size_t)n);
        int sp = 0;
        for (int k = 0; k < calls[root].len; k++)
            stack[sp++] = ((TypedFunc *)calls[root].items[k])->id;
        while (sp > 0 && !rec[root]) {
            int f = stack[--sp];
            if (f == root) {
                rec[root] = 1;
                break;
            }
            if (f < 0 || f >= n || seen[f])
                continue;
            seen[f] = 1;
            for (int k = 0; k < calls[f].len && sp < n; k++)
                stack[sp++] = ((TypedFunc *)calls[f].items[k])->id;
        }
    }
}

static void release_vars(Lower *L)
{
    for (int i = 0; i < L->tf->nvars; i++) {
        Var *v = L->tf->vars[i];
        if (v->ty && (v->ty->kind == TY_ARRAY || v->ty->kind == TY_TUPLE))
            lw_decref(L, LLVMBuildLoad2(L->B, lw_type(L, v->ty), L->slots[i], ""), v->ty);
    }
}

void lw_release_locals(Lower *L)
{
    release_vars(L);
    lw_release_temps(L, 0);
}

static void build_body(Lower *L, TypedFunc *tf, int recursive)
{
    L->tf = tf;
    L->used_barrier = 0;
    /* errors raised in NumPy prelude code name the prelude; the script's
     * call site replaces that position on the way out (call_script) */
    L->file = lw_in_prelude(L, tf) ? LW_PRELUDE_FILE : L->diags->file;
    L->fn = LLVMGetNamedFunction(L->M, tf->symbol);
    L->fmf = tf->opts.fastmath | L->prog->default_fastmath;
    L->boundscheck = tf->opts.boundscheck >= 0 ? tf->opts.boundscheck : L->default_boundscheck;
    if (L->target->default_boundscheck == 0 && tf->opts.boundscheck < 0)
        L->boundscheck = 0;
    L->nloops = 0;
    memset(&L->temps, 0, sizeof L->temps);
    memset(&L->temp_types, 0, sizeof L->temp_types);
    L->temp_mark = 0;
    L->entry_bb = lw_block(L, "entry");
    LLVMBasicBlockRef body = lw_block(L, "body");
    L->ret_bb = lw_block(L, "return");
    L->unwind_bb = lw_block(L, "unwind");
    L->out = LLVMGetParam(L->fn, 0);
    L->slots = arena_array(L->prog->arena, (size_t)tf->nvars + 1, sizeof *L->slots);

    LLVMPositionBuilderAtEnd(L->B, L->entry_bb);
    lw_dbg_func(L, L->fn, tf->src->name, tf, tf->def->pos);
    for (int i = 0; i < tf->nvars; i++) {
        Var *v = tf->vars[i];
        const Type *t = v->ty ? v->ty : ty_int64;
        L->slots[i] = LLVMBuildAlloca(L->B, lw_type(L, t), v->name);
        /* arrays start as "no reference" so releasing an unassigned slot is a no-op */
        if (t->kind == TY_ARRAY || t->kind == TY_TUPLE)
            LLVMBuildStore(L->B, LLVMConstNull(lw_type(L, t)), L->slots[i]);
    }
    LLVMBuildBr(L->B, body);
    LLVMPositionBuilderAtEnd(L->B, body);
    if (recursive && L->target->has_exceptions) {
        LLVMValueRef args[2] = {lw_cstr(L, L->file), LLVMConstInt(L->i32, (unsigned)tf->def->pos.line, 0)};
        LLVMValueRef deep = lw_call_rt(L, "rt_recursion_check", L->i32, args, 2);
        LLVMBasicBlockRef ok = lw_block(L, "stack.ok"), bad = lw_block(L, "stack.exhausted");
        LLVMBuildCondBr(L->B, LLVMBuildICmp(L->B, LLVMIntEQ, deep, LLVMConstInt(L->i32, 0, 0), ""), ok, bad);
        LLVMPositionBuilderAtEnd(L->B, bad);
        LLVMBuildRet(L->B, LLVMConstInt(L->i32, 1, 0));
        LLVMPositionBuilderAtEnd(L->B, ok);
    }
    for (int i = 0; i < tf->nargs; i++) {
        /* lw_store_var without dropping the slot's old value: it has none
         * yet (a decref of null is a run-time call LLVM cannot remove) */
        Var *v = tf->vars[i];
        LLVMValueRef p = lw_cast(L, LLVMGetParam(L->fn, (unsigned)i + 1), tf->args[i], v->ty);
        lw_incref(L, p, v->ty);
        LLVMBuildStore(L->B, p, L->slots[v->index]);
    }
    lw_block_stmts(L, &tf->def->body);
    if (!LLVMGetBasicBlockTerminator(LLVMGetInsertBlock(L->B)))
        LLVMBuildBr(L->B, L->ret_bb);
    lw_dbg_at(L, tf->def->pos);

    LLVMPositionBuilderAtEnd(L->B, L->ret_bb);
    /* every path here released its temporaries already (each statement
     * at its end, `return` before branching): the slots are null, and a
     * decref of null is a call LLVM cannot remove */
    release_vars(L);
    LLVMBuildRet(L->B, LLVMConstInt(L->i32, 0, 0));
    LLVMPositionBuilderAtEnd(L->B, L->unwind_bb);
    lw_release_locals(L);
    LLVMBuildRet(L->B, LLVMConstInt(L->i32, 1, 0));
    if (L->kernel_barrier)
        L->kernel_barrier[tf->id] = (char)L->used_barrier;
}

/* ---------- the C entry wrapper ----------
 * RET name(args...): scalars as C scalars (bool as i8), arrays as
 * const jit_array*, an array result as a new jit_array*, a tuple result
 * through a leading out pointer to a C struct of the elements. */

static LLVMTypeRef jit_array_ctype(Lower *L)
{
    LLVMTypeRef f[6] = {L->ptr, L->i32, L->i32, LLVMArrayType(L->i64, JIT_MAX_NDIM),
                        LLVMArrayType(L->i64, JIT_MAX_NDIM), L->ptr};
    return LLVMStructTypeInContext(L->C, f, 6, 0);
}

static LLVMTypeRef c_type(Lower *L, const Type *t)
{
    if (t->kind == TY_BOOL)
        return L->i8;
    if (t->kind == TY_ARRAY)
        return L->ptr;
    if (t->kind == TY_TUPLE) {
        LLVMTypeRef el[64];
        int n = t->tup.n < 64 ? t->tup.n : 64;
        for (int i = 0; i < n; i++)
            el[i] = c_type(L, t->tup.elems[i]);
        return LLVMStructTypeInContext(L->C, el, (unsigned)n, 0);
    }
    return lw_type(L, t);
}

/* jit_array* -> internal array struct. */
static LLVMValueRef unbox_array(Lower *L, LLVMValueRef p, const Type *t)
{
    LLVMTypeRef jt = jit_array_ctype(L);
    int nd = t->arr.ndim;
    LLVMValueRef v = LLVMGetUndef(lw_array_type(L, nd));
    LLVMValueRef base = LLVMBuildLoad2(L->B, L->ptr, LLVMBuildStructGEP2(L->B, jt, p, 5, ""), "base");
    LLVMValueRef data = LLVMBuildLoad2(L->B, L->ptr, LLVMBuildStructGEP2(L->B, jt, p, 0, ""), "data");
    v = LLVMBuildInsertValue(L->B, v, base, 0, "");
    v = LLVMBuildInsertValue(L->B, v, data, 1, "");
    for (int f = 0; f < 2; f++)
        for (int k = 0; k < nd; k++) {
            LLVMValueRef idx[3] = {LLVMConstInt(L->i32, 0, 0), LLVMConstInt(L->i32, 3 + (unsigned)f, 0),
                                   LLVMConstInt(L->i32, (unsigned)k, 0)};
            LLVMValueRef gp = LLVMBuildInBoundsGEP2(L->B, jt, p, idx, 3, "");
            LLVMValueRef x = LLVMBuildLoad2(L->B, L->i64, gp, "");
            LLVMValueRef agg = LLVMBuildExtractValue(L->B, v, 2 + (unsigned)f, "");
            agg = LLVMBuildInsertValue(L->B, agg, x, (unsigned)k, "");
            v = LLVMBuildInsertValue(L->B, v, agg, 2 + (unsigned)f, "");
        }
    return v;
}

/* Internal value -> C value (arrays get a new owned jit_array*). */
static LLVMValueRef box_value(Lower *L, LLVMValueRef v, const Type *t)
{
    if (t->kind == TY_BOOL)
        return LLVMBuildZExt(L->B, v, L->i8, "");
    if (t->kind == TY_ARRAY) {
        LLVMValueRef ja = lw_to_jit_array(L, v, t);
        LLVMValueRef args[1] = {ja};
        return lw_call_rt(L, "rt_array_box", L->ptr, args, 1);
    }
    if (t->kind == TY_TUPLE) {
        LLVMValueRef r = LLVMGetUndef(c_type(L, t));
        for (int i = 0; i < t->tup.n; i++) {
            LLVMValueRef x = LLVMBuildExtractValue(L->B, v, (unsigned)i, "");
            r = LLVMBuildInsertValue(L->B, r, box_value(L, x, t->tup.elems[i]), (unsigned)i, "");
        }
        return r;
    }
    return v;
}

static void build_c_wrapper(Lower *L, TypedFunc *tf, const char *name)
{
    /* a @cfunc returns its declared C type: the result converts to it */
    const Type *cret = L->prog->entry_cret ? L->prog->entry_cret : tf->ret;
    int tuple_ret = tf->ret->kind == TY_TUPLE;
    int void_ret = cret->kind == TY_NONE || tuple_ret;
    LLVMTypeRef pt[257];
    int np = 0;
    if (tuple_ret)
        pt[np++] = L->ptr;
    for (int i = 0; i < tf->nargs && i < 255; i++)
        pt[np++] = c_type(L, tf->args[i]);
    LLVMTypeRef rt = void_ret ? L->voidt : c_type(L, cret);
    LLVMValueRef w = LLVMAddFunction(L->M, name, LLVMFunctionType(rt, pt, (unsigned)np, 0));
    L->fn = w;
    LLVMBasicBlockRef bb = LLVMAppendBasicBlockInContext(L->C, w, "entry");
    L->entry_bb = bb;
    LLVMPositionBuilderAtEnd(L->B, bb);
    lw_dbg_func(L, w, tf->src->name, tf, tf->def->pos);

    LLVMValueRef args[257];
    int off = tuple_ret ? 1 : 0;
    LLVMValueRef out = LLVMBuildAlloca(L->B, lw_type(L, tf->ret), "ret");
    args[0] = out;
    for (int i = 0; i < tf->nargs && i < 255; i++) {
        LLVMValueRef p = LLVMGetParam(w, (unsigned)(i + off));
        const Type *t = tf->args[i];
        if (t->kind == TY_BOOL)
            p = LLVMBuildICmp(L->B, LLVMIntNE, p, LLVMConstNull(L->i8), "");
        else if (t->kind == TY_ARRAY)
            p = unbox_array(L, p, t);
        args[i + 1] = p;
    }
    LLVMValueRef callee = LLVMGetNamedFunction(L->M, tf->symbol);
    LLVMValueRef st = LLVMBuildCall2(L->B, internal_fn_type(L, tf), callee, args, (unsigned)tf->nargs + 1, "st");
    /* Not inlined here: the inliner would paste the whole body into this
     * wrapper and run the function simplification pipeline over it a second
     * time (3-10% of a cold compile); one call per entry costs nothing. */
    unsigned noinline = LLVMGetEnumAttributeKindForName("noinline", 8);
    LLVMAddCallSiteAttribute(st, LLVMAttributeFunctionIndex, LLVMCreateEnumAttribute(L->C, noinline, 0));
    LLVMBasicBlockRef ok = LLVMAppendBasicBlockInContext(L->C, w, "ok");
    LLVMBasicBlockRef bad = LLVMAppendBasicBlockInContext(L->C, w, "raised");
    LLVMBuildCondBr(L->B, LLVMBuildICmp(L->B, LLVMIntEQ, st, LLVMConstInt(L->i32, 0, 0), ""), ok, bad);

    LLVMPositionBuilderAtEnd(L->B, ok);
    if (cret->kind == TY_NONE) {
        if (tf->ret->kind != TY_NONE)
            lw_decref(L, LLVMBuildLoad2(L->B, lw_type(L, tf->ret), out, ""), tf->ret);
        LLVMBuildRetVoid(L->B);
    } else if (cret != tf->ret && ty_is_scalar(cret) && ty_is_scalar(tf->ret)) {
        LLVMValueRef r = lw_cast(L, LLVMBuildLoad2(L->B, lw_type(L, tf->ret), out, ""), tf->ret, cret);
        LLVMBuildRet(L->B, box_value(L, r, cret));
    } else {
        LLVMValueRef r = box_value(L, LLVMBuildLoad2(L->B, lw_type(L, tf->ret), out, ""), tf->ret);
        /* the internal call handed us one reference per array; the boxed
         * jit_array now owns it */
        if (tuple_ret) {
            LLVMBuildStore(L->B, r, LLVMGetParam(w, 0));
            LLVMBuildRetVoid(L->B);
        } else
            LLVMBuildRet(L->B, r);
    }
    LLVMPositionBuilderAtEnd(L->B, bad);
    if (void_ret)
        LLVMBuildRetVoid(L->B);
    else
        LLVMBuildRet(L->B, LLVMConstNull(rt));
}

/* ---------- the GPU kernel entry ----------
 * void name(params...) with each array expanded to its data pointer, shapes
 * and strides (no meminfo on the device); scalars as themselves. */
static void build_kernel_wrapper(Lower *L, TypedFunc *tf, const char *name)
{
    LLVMTypeRef pt[1024];
    int np = 0;
    for (int i = 0; i < tf->nargs; i++) {
        const Type *t = tf->args[i];
        if (t->kind == TY_ARRAY) {
            pt[np++] = L->ptr;
            for (int k = 0; k < 2 * t->arr.ndim; k++)
                pt[np++] = L->i64;
        } else
            pt[np++] = c_type(L, t);
        if (np > 1000)
            break;
    }
    LLVMValueRef w = LLVMAddFunction(L->M, name, LLVMFunctionType(L->voidt, pt, (unsigned)np, 0));
    LLVMSetFunctionCallConv(w, 71 /* PTX_Kernel */);
    L->fn = w;
    LLVMBasicBlockRef bb = LLVMAppendBasicBlockInContext(L->C, w, "entry");
    L->entry_bb = bb;
    LLVMPositionBuilderAtEnd(L->B, bb);
    lw_dbg_func(L, w, tf->src->name, tf, tf->def->pos);
    LLVMValueRef args[257];
    args[0] = LLVMBuildAlloca(L->B, lw_type(L, tf->ret), "ret");
    int p = 0;
    for (int i = 0; i < tf->nargs && i < 255; i++) {
        const Type *t = tf->args[i];
        if (t->kind == TY_ARRAY) {
            int nd = t->arr.ndim;
            LLVMValueRef v = LLVMConstNull(lw_array_type(L, nd));
            v = LLVMBuildInsertValue(L->B, v, LLVMGetParam(w, (unsigned)p++), 1, "");
            for (int f = 0; f < 2; f++) {
                LLVMValueRef agg = LLVMBuildExtractValue(L->B, v, 2 + (unsigned)f, "");
                for (int k = 0; k < nd; k++)
                    agg = LLVMBuildInsertValue(L->B, agg, LLVMGetParam(w, (unsigned)p++), (unsigned)k, "");
                v = LLVMBuildInsertValue(L->B, v, agg, 2 + (unsigned)f, "");
            }
            args[i + 1] = v;
        } else {
            LLVMValueRef x = LLVMGetParam(w, (unsigned)p++);
            if (t->kind == TY_BOOL)
                x = LLVMBuildICmp(L->B, LLVMIntNE, x, LLVMConstNull(L->i8), "");
            args[i + 1] = x;
        }
    }
    LLVMValueRef callee = LLVMGetNamedFunction(L->M, tf->symbol);
    LLVMBuildCall2(L->B, internal_fn_type(L, tf), callee, args, (unsigned)tf->nargs + 1, "");
    LLVMBuildRetVoid(L->B);
    /* !nvvm.annotations = {ptr @name, !"kernel", i32 1} marks the entry */
    LLVMMetadataRef md[3] = {LLVMValueAsMetadata(w), LLVMMDStringInContext2(L->C, "kernel", 6),
                             LLVMValueAsMetadata(LLVMConstInt(L->i32, 1, 0))};
    LLVMAddNamedMetadataOperand(L->M, "nvvm.annotations",
                                LLVMMetadataAsValue(L->C, LLVMMDNodeInContext2(L->C, md, 3)));
}

int lower_module(Program *prog, Diags *d, const Target *target, LLVMContextRef C,
                 LLVMModuleRef M, const char *entry_name, int boundscheck, LowerDebug *dbg)
{
    Lower L0 = {0}, *L = &L0;
    L->C = C;
    L->M = M;
    L->B = LLVMCreateBuilderInContext(C);
    L->target = target;
    L->prog = prog;
    L->diags = d;
    L->file = d->file;
    L->default_boundscheck = boundscheck;
    L->i1 = LLVMInt1TypeInContext(C);
    L->i8 = LLVMInt8TypeInContext(C);
    L->i32 = LLVMInt32TypeInContext(C);
    L->i64 = LLVMInt64TypeInContext(C);
    L->f32 = LLVMFloatTypeInContext(C);
    L->f64 = LLVMDoubleTypeInContext(C);
    L->ptr = LLVMPointerTypeInContext(C, 0);
    L->voidt = LLVMVoidTypeInContext(C);
    L->dbg = dbg;
    lw_dbg_begin(L);

    L->host_target = target;
    int errors = d->count, n = prog->nfuncs;
    for (int i = 0; i < n; i++)
        declare_func(L, prog->funcs[i]);
    PtrVec *calls = call_graph(prog);
    char *rec = arena_alloc(prog->arena, (size_t)n + 1);
    /* @cuda.jit functions, and everything they call, run on the target's
     * kernel target (the simulator when lowering for the CPU) */
    char *gpu = arena_alloc(prog->arena, (size_t)n + 1);
    L->kernel_barrier = arena_alloc(prog->arena, (size_t)n + 1);
    if (rec)
        find_recursive(prog, calls, rec);
    for (int i = 0; gpu && i < n; i++)
        gpu[i] = prog->funcs[i]->opts.cuda_kernel || prog->funcs[i]->opts.cuda_device;
    if (gpu && calls)
        mark_reachable(prog, calls, gpu);
    for (int i = 0; i < n; i++) {
        L->target = gpu && gpu[i] && target->kernel_target ? target->kernel_target : target;
        build_body(L, prog->funcs[i], rec && rec[i]);
    }
    L->target = target;
    if (calls && L->kernel_barrier) {
        /* a kernel needs the simulator's coroutines if any function it
         * reaches synchronizes */
        for (int i = 0; i < n; i++)
            if (prog->funcs[i]->opts.cuda_kernel && !L->kernel_barrier[i]) {
                char *r = arena_alloc(prog->arena, (size_t)n + 1);
                if (!r)
                    break;
                r[i] = 1;
                mark_reachable(prog, calls, r);
                for (int k = 0; k < n; k++)
                    if (r[k] && L->kernel_barrier[k] && !prog->funcs[k]->opts.cuda_kernel)
                        L->kernel_barrier[i] = 2;
            }
        lw_cuda_finish(L);
    }
    if (entry_name && *entry_name && n) {
        TypedFunc *tf = prog->funcs[0];
        if (tf->opts.cuda_kernel && target->kernel_target)
            lw_cuda_launch_wrapper(L, tf, entry_name, unbox_array, c_type);
        else if (tf->opts.cuda_kernel)
            build_kernel_wrapper(L, tf, entry_name);
        else
            build_c_wrapper(L, tf, entry_name);
    }
    lw_dbg_end(L);
    LLVMDisposeBuilder(L->B);
    return d->count > errors ? -1 : 0;
}
