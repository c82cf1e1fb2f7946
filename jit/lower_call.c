/* lower_call.c - calls: script functions (internal convention, status
 * checked after each call), the builtin table's functions, dtype casts,
 * print(), and attributes of arrays and of CUDA's special registers. */
#include <string.h>

#include "../include/jit.h"
#include "lower.h"

LLVMValueRef lw_call_typed(Lower *L, TypedFunc *callee, LLVMValueRef *vals, int line)
{
    LLVMValueRef f = LLVMGetNamedFunction(L->M, callee->symbol);
    LLVMTypeRef ft = LLVMGlobalGetValueType(f);
    LLVMValueRef args[256];
    int n = callee->nargs < 255 ? callee->nargs : 255;
    LLVMValueRef out = lw_alloca(L, lw_type(L, callee->ret), "callret");
    args[0] = out;
    for (int i = 0; i < n; i++)
        args[i + 1] = vals[i];
    LLVMValueRef st = LLVMBuildCall2(L->B, ft, f, args, (unsigned)n + 1, "");
    LLVMBasicBlockRef ok = lw_block(L, "call.ok"), bad = lw_block(L, "call.raised");
    LLVMBuildCondBr(L->B, LLVMBuildICmp(L->B, LLVMIntEQ, st, LLVMConstInt(L->i32, 0, 0), ""), ok, bad);
    LLVMPositionBuilderAtEnd(L->B, bad);
    if (lw_in_prelude(L, callee) && !lw_in_prelude(L, L->tf) && L->target->has_exceptions) {
        /* an error inside np.xxx is reported at the script's call */
        LLVMValueRef at[2] = {lw_cstr(L, L->file), LLVMConstInt(L->i32, (unsigned)line, 0)};
        lw_call_rt(L, "rt_error_locate", L->voidt, at, 2);
    }
    LLVMBuildBr(L->B, L->unwind_bb);
    LLVMPositionBuilderAtEnd(L->B, ok);
    LLVMValueRef r = LLVMBuildLoad2(L->B, lw_type(L, callee->ret), out, "");
    lw_temp(L, r, callee->ret);
    return r;
}

static LLVMValueRef call_script(Lower *L, Expr *e)
{
    TypedFunc *callee = (TypedFunc *)e->sym;
    LLVMValueRef args[256];
    int n = e->call.nargs < 255 ? e->call.nargs : 255;
    for (int k = 0; k < n; k++) {
        /* in the order the call was written (keywords may be out of order) */
        int i = e->call.order ? e->call.order[k] : k;
        args[i] = lw_cast(L, lw_expr(L, e->call.args[i]), e->call.args[i]->ty, callee->args[i]);
    }
    /* the call at its own column: an inlined callee's inlinedAt */
    LLVMMetadataRef outer = lw_dbg_here(L);
    lw_dbg_at(L, e->pos);
    lw_dbg_call(L, callee, e);
    LLVMValueRef r = lw_call_typed(L, callee, args, e->pos.line);
    lw_dbg_set(L, L->di_scope, outer);
    return r;
}

/* A ufunc call that is not an element-wise array expression: scalars (the
 * kernel, its result cast to the loop's output type), a synthesized loop,
 * or an array expression stored into the given output array. */
static LLVMValueRef ufunc_call(Lower *L, Expr *e)
{
    const UfuncCall *uc = e->call.fn->sym;
    if (uc->loopfn)
        return call_script(L, e);
    if (!uc->has_out)
        return lw_cast(L, call_script(L, e), uc->kernel->ret, e->ty);
    Arena *a = L->prog->arena;
    Expr *oe = e->call.args[uc->uf->nin];
    Expr *ew = arena_alloc(a, sizeof *ew), *fn = arena_alloc(a, sizeof *fn);
    UfuncCall *u2 = arena_alloc(a, sizeof *u2);
    if (!ew || !fn || !u2)
        return LLVMGetUndef(lw_type(L, e->ty));
    /* the same call without its output: an element-wise node */
    *u2 = *uc;
    u2->has_out = 0;
    *fn = *e->call.fn;
    fn->sym = u2;
    *ew = *e;
    ew->call.fn = fn;
    ew->call.nargs = uc->uf->nin;
    ew->ty = ty_array(a, uc->ret, oe->ty->arr.ndim, 'C');
    LLVMValueRef dst = lw_expr(L, oe);
    lw_store_into(L, dst, oe->ty, ew);
    /* the result is the output array itself, as NumPy returns it */
    lw_incref(L, dst, oe->ty);
    lw_temp(L, dst, oe->ty);
    return dst;
}

/* ---------- print ---------- */

/* in_tuple: Python prints a tuple's items with repr (arrays as array([...])) */
static void print_value(Lower *L, LLVMValueRef v, const Type *t, int in_tuple)
{
    if (t->kind == TY_TUPLE) {
        LLVMValueRef s = lw_cstr(L, "(");
        lw_call_rt(L, "rt_print_str", L->voidt, &s, 1);
        for (int i = 0; i < t->tup.n; i++) {
            if (i) {
                s = lw_cstr(L, ", ");
                lw_call_rt(L, "rt_print_str", L->voidt, &s, 1);
            }
            print_value(L, LLVMBuildExtractValue(L->B, v, (unsigned)i, ""), t->tup.elems[i], 1);
        }
        s = lw_cstr(L, t->tup.n == 1 ? ",)" : ")");
        lw_call_rt(L, "rt_print_str", L->voidt, &s, 1);
        return;
    }
    if (t->kind == TY_ARRAY) {
        LLVMValueRef ja = lw_to_jit_array(L, v, t);
        lw_call_rt(L, in_tuple ? "rt_print_array_repr" : "rt_print_array", L->voidt, &ja, 1);
        return;
    }
    if (t->kind == TY_NONE) {
        lw_call_rt(L, "rt_print_none", L->voidt, NULL, 0);
        return;
    }
    if (t->kind == TY_BOOL) {
        LLVMValueRef x = LLVMBuildZExt(L->B, v, L->i32, "");
        lw_call_rt(L, "rt_print_bool", L->voidt, &x, 1);
        return;
    }
    if (ty_is_float(t)) {
        const char *fn = t->kind == TY_FLOAT32 ? "rt_print_f32" : "rt_print_f64";
        lw_call_rt(L, fn, L->voidt, &v, 1);
        return;
    }
    if (t->kind == TY_UINT64) {
        lw_call_rt(L, "rt_print_u64", L->voidt, &v, 1);
        return;
    }
    LLVMValueRef x = lw_cast(L, v, t, ty_int64);
    lw_call_rt(L, "rt_print_i64", L->voidt, &x, 1);
}

static LLVMValueRef lower_print(Lower *L, Expr *e)
{
    if (!L->target->has_exceptions)
        return LLVMConstNull(L->i8);   /* print on the device: dropped (see docs) */
    /* every argument is evaluated before anything is printed (a call in
     * an argument may print itself) */
    int n = e->call.nargs;
    LLVMValueRef *vals = arena_array(L->prog->arena, (size_t)n + 1, sizeof *vals);
    if (!vals)
        return LLVMConstNull(L->i8);
    for (int i = 0; i < n; i++)
        vals[i] = e->call.args[i]->kind == EX_STR ? NULL : lw_expr(L, e->call.args[i]);
    for (int i = 0; i < n; i++) {
        Expr *a = e->call.args[i];
        if (i)
            lw_call_rt(L, "rt_print_sep", L->voidt, NULL, 0);
        if (a->kind == EX_STR) {
            LLVMValueRef s = lw_cstr(L, a->str);
            lw_call_rt(L, "rt_print_str", L->voidt, &s, 1);
            continue;
        }
        print_value(L, vals[i], a->ty, 0);
    }
    lw_call_rt(L, "rt_print_end", L->voidt, NULL, 0);
    return LLVMConstNull(L->i8);
}

/* ---------- builtins ---------- */

static LLVMValueRef minmax(Lower *L, Expr *e, int is_max)
{
    const Type *t = e->ty;
    LLVMValueRef acc = lw_cast(L, lw_expr(L, e->call.args[0]), e->call.args[0]->ty, t);
    for (int i = 1; i < e->call.nargs; i++) {
        LLVMValueRef x = lw_cast(L, lw_expr(L, e->call.args[i]), e->call.args[i]->ty, t);
        LLVMValueRef c;
        /* Python keeps the first of equal values and, for floats, compares
         * with < so a NaN in the later argument is skipped */
        if (ty_is_float(t))
            c = lw_fm(L, LLVMBuildFCmp(L->B, is_max ? LLVMRealOGT : LLVMRealOLT, x, acc, ""));
        else if (ty_is_signed(t) || t->kind == TY_BOOL)
            c = LLVMBuildICmp(L->B, is_max ? LLVMIntSGT : LLVMIntSLT, x, acc, "");
        else
            c = LLVMBuildICmp(L->B, is_max ? LLVMIntUGT : LLVMIntULT, x, acc, "");
        acc = LLVMBuildSelect(L->B, c, x, acc, is_max ? "max" : "min");
    }
    return acc;
}

static LLVMValueRef lower_abs(Lower *L, Expr *e)
{
    Expr *a = e->call.args[0];
    LLVMValueRef x = lw_cast(L, lw_expr(L, a), a->ty, e->ty);
    if (ty_is_float(e->ty)) {
        LLVMValueRef args[1] = {x};
        return L->target->math(L, "llvm.fabs", args, 1, lw_type(L, e->ty));
    }
    if (!ty_is_signed(e->ty))
        return x;
    LLVMValueRef neg = LLVMBuildICmp(L->B, LLVMIntSLT, x, LLVMConstNull(LLVMTypeOf(x)), "");
    return LLVMBuildSelect(L->B, neg, LLVMBuildNeg(L->B, x, ""), x, "abs");
}

static LLVMValueRef lower_pred(Lower *L, Expr *e, const Builtin *b)
{
    Expr *a = e->call.args[0];
    if (!ty_is_float(a->ty))
        return LLVMConstInt(L->i1, b->id == BI_MATH_isfinite || b->id == BI_NP_isfinite, 0);
    LLVMValueRef x = lw_expr(L, a);
    /* no fast-math flags here: nnan would fold the test away */
    if (b->id == BI_MATH_isnan || b->id == BI_NP_isnan)
        return LLVMBuildFCmp(L->B, LLVMRealUNO, x, x, "isnan");
    LLVMValueRef args[1] = {x};
    unsigned saved = L->fmf;
    L->fmf = 0;
    LLVMValueRef ax = L->target->math(L, "llvm.fabs", args, 1, LLVMTypeOf(x));
    L->fmf = saved;
    LLVMValueRef inf = LLVMConstReal(LLVMTypeOf(x), __builtin_inf());
    if (b->id == BI_MATH_isinf || b->id == BI_NP_isinf)
        return LLVMBuildFCmp(L->B, LLVMRealOEQ, ax, inf, "isinf");
    return LLVMBuildFCmp(L->B, LLVMRealOLT, ax, inf, "isfinite");
}

static LLVMValueRef lower_math(Lower *L, Expr *e, const Builtin *b)
{
    const Type *ft = b->rule == R_ROUND ? (e->call.args[0]->ty->kind == TY_FLOAT32 ? ty_float32 : ty_float64) : e->ty;
    LLVMValueRef args[2];
    for (int i = 0; i < e->call.nargs && i < 2; i++)
        args[i] = lw_cast(L, lw_expr(L, e->call.args[i]), e->call.args[i]->ty, ft);
    if (b->rule == R_ROUND && ty_is_int(e->call.args[0]->ty))
        return lw_cast(L, lw_expr(L, e->call.args[0]), e->call.args[0]->ty, ty_int64);
    LLVMValueRef r = L->target->math(L, b->impl, args, e->call.nargs, lw_type(L, ft));
    return b->rule == R_ROUND ? lw_cast(L, r, ft, ty_int64) : r;
}

/* CUDA's grid position: threadIdx + blockIdx * blockDim per axis. */
static LLVMValueRef cuda_grid(Lower *L, Expr *e, int size)
{
    int n = (int)e->call.args[0]->ival;
    if (!L->target->sreg) {
        lw_raise(L, JIT_ERR_CUDA, "cuda.grid() is only available in @cuda.jit kernels", e->pos.line);
        return LLVMGetUndef(lw_type(L, e->ty));
    }
    LLVMValueRef v[3];
    for (int k = 0; k < n; k++) {
        if (size)
            v[k] = LLVMBuildMul(L->B, L->target->sreg(L, 2, k), L->target->sreg(L, 3, k), "");
        else
            v[k] = LLVMBuildAdd(L->B, L->target->sreg(L, 0, k),
                                LLVMBuildMul(L->B, L->target->sreg(L, 1, k), L->target->sreg(L, 2, k), ""), "");
    }
    if (n == 1)
        return v[0];
    LLVMValueRef t = LLVMGetUndef(lw_type(L, e->ty));
    for (int k = 0; k < n; k++)
        t = LLVMBuildInsertValue(L->B, t, v[k], (unsigned)k, "");
    return t;
}

static LLVMValueRef call_builtin(Lower *L, Expr *e, const Builtin *b)
{
    switch (b->rule) {
    case R_PRINT: return lower_print(L, e);
    case R_ABS: return lower_abs(L, e);
    case R_MINMAX: return minmax(L, e, b->id == BI_MAX || b->id == BI_NP_maximum);
    case R_CAST: {
        Expr *a = e->call.args[0];
        return lw_cast(L, lw_expr(L, a), a->ty, e->ty);
    }
    case R_FLOAT1: case R_FLOAT2: case R_ROUND: return lower_math(L, e, b);
    case R_PRED: return lower_pred(L, e, b);
    case R_ALLOC: return lw_alloc_array(L, e, b);
    case R_LEN: {
        Expr *a = e->call.args[0];
        if (a->ty->kind == TY_TUPLE)
            return lw_const_i64(L, a->ty->tup.n);
        if (a->ty->kind == TY_RANGE)
            return lw_range_len(L, lw_expr(L, a));
        return lw_array_field(L, lw_expr(L, a), 2, 0);
    }
    case R_CUDA_GRID: return cuda_grid(L, e, b->id == BI_CUDA_gridsize);
    case R_CUDA_SYNC:
        if (b->id == BI_CUDA_syncthreads && L->target->barrier)
            L->target->barrier(L);
        return LLVMConstNull(L->i8);
    case R_CUDA_ARRAY: return lw_cuda_array(L, e);
    case R_CUDA_ATOMIC: return lw_cuda_atomic(L, e, b);
    case R_CUDA_MEM: return lw_cuda_mem(L, e, b);
    case R_WHERE: {
        Expr **a = e->call.args;
        LLVMValueRef c = lw_truth(L, lw_expr(L, a[0]), a[0]->ty);
        LLVMValueRef x = lw_cast(L, lw_expr(L, a[1]), a[1]->ty, e->ty);
        LLVMValueRef y = lw_cast(L, lw_expr(L, a[2]), a[2]->ty, e->ty);
        return LLVMBuildSelect(L->B, c, x, y, "where");
    }
    case R_RESHAPE: return lw_reshape(L, e);
    case R_ARRAYLIT: return lw_array_literal(L, e);
    case R_FLAT: return lw_flat(L, e);
    case R_CARRAY: return lw_carray(L, e);
    case R_SUMZERO: return LLVMConstNull(lw_type(L, e->ty));
    case R_DTYPEOF: case R_PRELUDE: return LLVMConstNull(L->i8);
    case R_RANGE: {
        /* a range object as a value (for loops over range() are lowered by the loop) */
        LLVMValueRef a[3] = {0};
        int n = e->call.nargs;
        for (int i = 0; i < n; i++)
            a[i] = lw_cast(L, lw_expr(L, e->call.args[i]), e->call.args[i]->ty, ty_int64);
        LLVMValueRef start = n == 1 ? lw_const_i64(L, 0) : a[0], stop = n == 1 ? a[0] : a[1];
        LLVMValueRef step = n == 3 ? a[2] : lw_const_i64(L, 1);
        lw_check(L, LLVMBuildICmp(L->B, LLVMIntNE, step, lw_const_i64(L, 0), ""), JIT_ERR_VALUE,
                 "range() arg 3 must not be zero", e->pos.line);
        LLVMValueRef r = LLVMGetUndef(lw_type(L, ty_range));
        r = LLVMBuildInsertValue(L->B, r, start, 0, "");
        r = LLVMBuildInsertValue(L->B, r, stop, 1, "");
        return LLVMBuildInsertValue(L->B, r, step, 2, "range");
    }
    }
    return LLVMGetUndef(lw_type(L, e->ty));
}

/* len(range(start, stop, step)): the number of values, never negative. */
LLVMValueRef lw_range_len(Lower *L, LLVMValueRef r)
{
    LLVMValueRef start = LLVMBuildExtractValue(L->B, r, 0, ""), stop = LLVMBuildExtractValue(L->B, r, 1, "");
    LLVMValueRef step = LLVMBuildExtractValue(L->B, r, 2, "");
    LLVMValueRef zero = lw_const_i64(L, 0), one = lw_const_i64(L, 1);
    LLVMValueRef up = LLVMBuildICmp(L->B, LLVMIntSGT, step, zero, "");
    LLVMValueRef diff = LLVMBuildSelect(L->B, up, LLVMBuildSub(L->B, stop, start, ""), LLVMBuildSub(L->B, start, stop, ""), "");
    LLVMValueRef as = LLVMBuildSelect(L->B, up, step, LLVMBuildNeg(L->B, step, ""), "");
    LLVMValueRef n = LLVMBuildSDiv(L->B, LLVMBuildAdd(L->B, diff, LLVMBuildSub(L->B, as, one, ""), ""), as, "");
    return LLVMBuildSelect(L->B, LLVMBuildICmp(L->B, LLVMIntSGT, diff, zero, ""), n, zero, "rlen");
}

LLVMValueRef lw_scalar_builtin(Lower *L, const Builtin *b, LLVMValueRef *v, int n, const Type *in, const Type *out)
{
    switch (b->rule) {
    case R_FLOAT1: case R_FLOAT2:
        return L->target->math(L, b->impl, v, n, lw_type(L, in));
    case R_PRED: {
        if (!ty_is_float(in))
            return LLVMConstInt(L->i1, b->id == BI_MATH_isfinite || b->id == BI_NP_isfinite, 0);
        if (b->id == BI_MATH_isnan || b->id == BI_NP_isnan)
            return LLVMBuildFCmp(L->B, LLVMRealUNO, v[0], v[0], "isnan");
        unsigned saved = L->fmf;
        L->fmf = 0;
        LLVMValueRef ax = L->target->math(L, "llvm.fabs", v, 1, LLVMTypeOf(v[0]));
        L->fmf = saved;
        LLVMValueRef inf = LLVMConstReal(LLVMTypeOf(v[0]), __builtin_inf());
        if (b->id == BI_MATH_isinf || b->id == BI_NP_isinf)
            return LLVMBuildFCmp(L->B, LLVMRealOEQ, ax, inf, "isinf");
        return LLVMBuildFCmp(L->B, LLVMRealOLT, ax, inf, "isfinite");
    }
    case R_ABS:
        if (ty_is_float(in))
            return L->target->math(L, "llvm.fabs", v, 1, lw_type(L, in));
        if (!ty_is_signed(in))
            return v[0];
        return LLVMBuildSelect(L->B, LLVMBuildICmp(L->B, LLVMIntSLT, v[0], LLVMConstNull(LLVMTypeOf(v[0])), ""),
                               LLVMBuildNeg(L->B, v[0], ""), v[0], "abs");
    case R_MINMAX: {
        int is_max = b->id == BI_NP_maximum || b->id == BI_MAX;
        LLVMValueRef c;
        if (ty_is_float(in)) {
            /* NumPy's minimum/maximum propagate NaN */
            LLVMValueRef lt = lw_fm(L, LLVMBuildFCmp(L->B, is_max ? LLVMRealUGT : LLVMRealULT, v[0], v[1], ""));
            c = LLVMBuildOr(L->B, lt, LLVMBuildFCmp(L->B, LLVMRealUNO, v[0], v[0], ""), "");
        } else if (ty_is_signed(in) || in->kind == TY_BOOL)
            c = LLVMBuildICmp(L->B, is_max ? LLVMIntSGT : LLVMIntSLT, v[0], v[1], "");
        else
            c = LLVMBuildICmp(L->B, is_max ? LLVMIntUGT : LLVMIntULT, v[0], v[1], "");
        return LLVMBuildSelect(L->B, c, v[0], v[1], "");
    }
    default:
        (void)out;
        return v[0];
    }
}

/* A host C function, called directly by its symbol (ORC resolves it to the
 * address the host registered or a loaded library holds): arguments in the
 * declared C types, bool as a byte. */
static LLVMValueRef call_extern(Lower *L, Expr *e, const ExternFn *x)
{
    LLVMTypeRef pt[256];
    LLVMValueRef av[256];
    int n = x->nargs < 255 ? x->nargs : 255;
    for (int i = 0; i < n; i++) {
        Expr *a = e->call.args[i];
        const Type *t = x->args[i];
        LLVMValueRef v = lw_expr(L, a);
        if (t->kind != TY_CPOINTER)
            v = lw_cast(L, v, a->ty, t);
        if (t->kind == TY_BOOL)
            v = LLVMBuildZExt(L->B, v, L->i8, "");
        av[i] = v;
        pt[i] = lw_mem_type(L, t);
    }
    LLVMTypeRef rt = x->ret->kind == TY_NONE ? L->voidt : lw_mem_type(L, x->ret);
    LLVMValueRef r = lw_call_fn(L, x->symbol, rt, pt, av, n);
    if (x->ret->kind == TY_NONE)
        return LLVMConstNull(L->i8);
    if (x->ret->kind == TY_BOOL)
        return LLVMBuildICmp(L->B, LLVMIntNE, r, LLVMConstNull(L->i8), "");
    return r;
}

LLVMValueRef lw_call(Lower *L, Expr *e)
{
    const Type *ft = e->call.fn->ty;
    if (e->call.fn->kind == EX_SUBSCRIPT && ft == ty_none && e->sym)
        return lw_cuda_launch(L, e);
    if (ft->kind == TY_FUNC && e->call.fn->sym)
        return ufunc_call(L, e);
    if (ft->kind == TY_FUNC)
        return call_script(L, e);
    if (ft->kind == TY_DTYPE) {
        Expr *a = e->call.args[0];
        return lw_cast(L, lw_expr(L, a), a->ty, e->ty);
    }
    if (ft->kind == TY_BUILTIN && e->sym)
        return call_builtin(L, e, e->sym);
    if (ft->kind == TY_EXTERN && e->sym)
        return call_extern(L, e, e->sym);
    return LLVMGetUndef(lw_type(L, e->ty));
}

LLVMValueRef lw_attr(Lower *L, Expr *e)
{
    if (e->sym) {   /* cuda.threadIdx.x and friends */
        const CudaSreg *s = e->sym;
        if (!L->target->sreg) {
            lw_raise(L, JIT_ERR_CUDA, "CUDA thread indices are only available in @cuda.jit kernels", e->pos.line);
            return lw_const_i64(L, 0);
        }
        return L->target->sreg(L, s->which, s->axis);
    }
    const Type *ot = e->attr.obj->ty;
    LLVMValueRef a = lw_expr(L, e->attr.obj);
    const char *n = e->attr.name;
    if (!strcmp(n, "T")) {
        /* the transpose: the same memory with shape and strides reversed */
        int nd = ot->arr.ndim;
        LLVMValueRef v = a;
        for (int f = 2; f <= 3; f++) {
            LLVMValueRef agg = LLVMBuildExtractValue(L->B, a, (unsigned)f, "");
            LLVMValueRef rev = agg;
            for (int k = 0; k < nd; k++)
                rev = LLVMBuildInsertValue(L->B, rev, LLVMBuildExtractValue(L->B, agg, (unsigned)(nd - 1 - k), ""),
                                           (unsigned)k, "");
            v = LLVMBuildInsertValue(L->B, v, rev, (unsigned)f, "");
        }
        return v;
    }
    if (!strcmp(n, "ndim"))
        return lw_const_i64(L, ot->arr.ndim);
    if (!strcmp(n, "size")) {
        LLVMValueRef s = lw_array_field(L, a, 2, 0);
        for (int k = 1; k < ot->arr.ndim; k++)
            s = LLVMBuildMul(L->B, s, lw_array_field(L, a, 2, k), "");
        return s;
    }
    /* shape */
    LLVMValueRef t = LLVMGetUndef(lw_type(L, e->ty));
    for (int k = 0; k < ot->arr.ndim; k++)
        t = LLVMBuildInsertValue(L->B, t, lw_array_field(L, a, 2, k), (unsigned)k, "");
    return t;
}
