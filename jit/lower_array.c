/* lower_array.c - arrays in IR: the descriptor struct, element addresses
 * with wraparound and bounds checks, reference counting, allocation.
 *
 * Descriptor of a rank-N array: {ptr meminfo, ptr data, [N x i64] shape,
 * [N x i64] strides} with byte strides (NumPy's layout). For layout 'C' the
 * strides are implied by the shape, so element addresses use the shape only
 * and the innermost step is the element size: that is what lets LLVM see
 * unit-stride accesses and vectorize. */
#include <string.h>

#include "../include/jit.h"
#include "lower.h"

enum { F_MEMINFO, F_DATA, F_SHAPE, F_STRIDES };

LLVMTypeRef lw_array_type(Lower *L, int ndim)
{
    LLVMTypeRef f[4] = {L->ptr, L->ptr, LLVMArrayType(L->i64, (unsigned)ndim),
                        LLVMArrayType(L->i64, (unsigned)ndim)};
    return LLVMStructTypeInContext(L->C, f, 4, 0);
}

/* field: F_MEMINFO/F_DATA (index ignored) or F_SHAPE/F_STRIDES[index]. */
LLVMValueRef lw_array_field(Lower *L, LLVMValueRef arr, int field, int index)
{
    LLVMValueRef v = LLVMBuildExtractValue(L->B, arr, (unsigned)field, "");
    if (field >= F_SHAPE)
        v = LLVMBuildExtractValue(L->B, v, (unsigned)index, field == F_SHAPE ? "dim" : "stride");
    return v;
}

/* Python's negative index wraps once; then, with bounds checks on, the index
 * must lie in [0, size). */
static LLVMValueRef checked_index(Lower *L, LLVMValueRef ix, LLVMValueRef size, int axis, Expr *ixe)
{
    for (int i = 0; i < L->nproven; i++)
        if (L->proven[i] == ixe)
            return ix;
    LLVMValueRef neg = LLVMBuildICmp(L->B, LLVMIntSLT, ix, LLVMConstNull(L->i64), "");
    int known_nonneg = (ixe->kind == EX_INT && ixe->ival >= 0);
    if (!known_nonneg)
        ix = LLVMBuildSelect(L->B, neg, LLVMBuildAdd(L->B, ix, size, ""), ix, "wrap");
    if (L->boundscheck) {
        LLVMValueRef ok = LLVMBuildICmp(L->B, LLVMIntULT, ix, size, "inb");
        LLVMBasicBlockRef bad = lw_block(L, "oob"), good = lw_block(L, "inb");
        LLVMBuildCondBr(L->B, ok, good, bad);
        LLVMPositionBuilderAtEnd(L->B, bad);
        if (L->target->has_exceptions) {
            /* report the index as the user wrote it */
            LLVMValueRef orig = LLVMBuildSelect(L->B, neg, LLVMBuildSub(L->B, ix, size, ""), ix, "");
            LLVMValueRef args[5] = {orig, lw_const_i64(L, axis), size, lw_cstr(L, L->file),
                                    LLVMConstInt(L->i32, (unsigned)ixe->pos.line, 0)};
            lw_call_rt(L, "rt_raise_index", L->voidt, args, 5);
        }
        LLVMBuildBr(L->B, L->unwind_bb);
        LLVMPositionBuilderAtEnd(L->B, good);
    }
    return ix;
}

LLVMValueRef lw_element_ptr(Lower *L, Expr *sub)
{
    const Type *at = sub->sub.obj->ty;
    LLVMValueRef arr = lw_expr(L, sub->sub.obj);
    Expr *ix = sub->sub.index;
    if (at->kind == TY_CPOINTER) {
        /* p[i]: unchecked, as C indexes a pointer */
        LLVMValueRef i = lw_cast(L, lw_expr(L, ix), ix->ty, ty_int64);
        return LLVMBuildGEP2(L->B, lw_mem_type(L, at->ptr.to), arr, &i, 1, "pelt");
    }
    int n = ix->kind == EX_TUPLE ? ix->tuple.n : 1;
    Expr **xs = ix->kind == EX_TUPLE ? ix->tuple.xs : &ix;
    LLVMValueRef idx[TY_MAX_NDIM] = {0};
    for (int k = 0; k < n; k++) {
        LLVMValueRef v = lw_cast(L, lw_expr(L, xs[k]), xs[k]->ty, ty_int64);
        idx[k] = checked_index(L, v, lw_array_field(L, arr, F_SHAPE, k), k, xs[k]);
    }
    LLVMValueRef data = lw_array_field(L, arr, F_DATA, 0);
    LLVMTypeRef et = lw_mem_type(L, at->arr.dtype);
    if (at->arr.layout == 'C') {
        /* row-major linear index, then a typed GEP (unit stride visible) */
        LLVMValueRef lin = idx[0];
        for (int k = 1; k < n; k++)
            lin = LLVMBuildAdd(L->B, LLVMBuildMul(L->B, lin, lw_array_field(L, arr, F_SHAPE, k), ""),
                               idx[k], "");
        return LLVMBuildInBoundsGEP2(L->B, et, data, &lin, 1, "elt");
    }
    LLVMValueRef off = LLVMConstNull(L->i64);
    for (int k = 0; k < n; k++)
        off = LLVMBuildAdd(L->B, off, LLVMBuildMul(L->B, idx[k], lw_array_field(L, arr, F_STRIDES, k), ""), "");
    return LLVMBuildInBoundsGEP2(L->B, L->i8, data, &off, 1, "elt");
}

/* ---------- reference counting ---------- */

static void refop(Lower *L, LLVMValueRef v, const Type *t, const char *fn)
{
    if (t->kind == TY_ARRAY) {
        if (!L->target->has_exceptions)
            return;   /* device code never owns memory */
        LLVMValueRef mi = LLVMBuildExtractValue(L->B, v, F_MEMINFO, "mi");
        lw_call_rt(L, fn, L->voidt, &mi, 1);
    } else if (t->kind == TY_TUPLE) {
        for (int i = 0; i < t->tup.n; i++)
            refop(L, LLVMBuildExtractValue(L->B, v, (unsigned)i, ""), t->tup.elems[i], fn);
    }
}

static int has_refs(const Type *t)
{
    if (t->kind == TY_ARRAY)
        return 1;
    if (t->kind == TY_TUPLE)
        for (int i = 0; i < t->tup.n; i++)
            if (has_refs(t->tup.elems[i]))
                return 1;
    return 0;
}

void lw_incref(Lower *L, LLVMValueRef v, const Type *t)
{
    if (has_refs(t))
        refop(L, v, t, "rt_meminfo_incref");
}

void lw_decref(Lower *L, LLVMValueRef v, const Type *t)
{
    if (has_refs(t))
        refop(L, v, t, "rt_meminfo_decref");
}

void lw_temp(Lower *L, LLVMValueRef v, const Type *t)
{
    if (!has_refs(t))
        return;
    LLVMValueRef slot = lw_alloca(L, lw_type(L, t), "tmp");
    /* the slot must read as "no reference" until this point runs */
    LLVMBuilderRef b = LLVMCreateBuilderInContext(L->C);
    LLVMPositionBuilderBefore(b, LLVMGetBasicBlockTerminator(L->entry_bb));
    LLVMBuildStore(b, LLVMConstNull(lw_type(L, t)), slot);
    LLVMDisposeBuilder(b);
    LLVMBuildStore(L->B, v, slot);
    vec_push(L->prog->arena, &L->temps, slot);
    vec_push(L->prog->arena, &L->temp_types, (void *)t);
    L->last_temp = v;
}

/* Releases the temporaries made since index `from` and clears their slots. */
void lw_release_temps(Lower *L, int from)
{
    L->last_temp = NULL;
    for (int i = from; i < L->temps.len; i++) {
        const Type *t = L->temp_types.items[i];
        LLVMValueRef slot = L->temps.items[i];
        LLVMTypeRef ty = lw_type(L, t);
        lw_decref(L, LLVMBuildLoad2(L->B, ty, slot, ""), t);
        LLVMBuildStore(L->B, LLVMConstNull(ty), slot);
    }
}

/* ---------- allocation ---------- */

/* A loop storing val into n elements of type et at data (LLVM turns it into
 * memset or a vector loop). */
static void fill(Lower *L, LLVMValueRef data, LLVMValueRef n, LLVMTypeRef et, LLVMValueRef val)
{
    LLVMBasicBlockRef pre = LLVMGetInsertBlock(L->B);
    LLVMBasicBlockRef head = lw_block(L, "fill"), body = lw_block(L, "fill.body"), done = lw_block(L, "fill.done");
    LLVMBuildBr(L->B, head);
    LLVMPositionBuilderAtEnd(L->B, head);
    LLVMValueRef i = LLVMBuildPhi(L->B, L->i64, "i");
    LLVMBuildCondBr(L->B, LLVMBuildICmp(L->B, LLVMIntSLT, i, n, ""), body, done);
    LLVMPositionBuilderAtEnd(L->B, body);
    LLVMBuildStore(L->B, val, LLVMBuildInBoundsGEP2(L->B, et, data, &i, 1, ""));
    LLVMValueRef next = LLVMBuildNSWAdd(L->B, i, lw_const_i64(L, 1), "");
    lw_loop(L, LLVMBuildBr(L->B, head), 0);
    LLVMValueRef in[2] = {lw_const_i64(L, 0), next};
    LLVMBasicBlockRef from[2] = {pre, body};
    LLVMAddIncoming(i, in, from, 2);
    LLVMPositionBuilderAtEnd(L->B, done);
}

LLVMValueRef lw_new_array(Lower *L, const Type *at, LLVMValueRef *dims, int line)
{
    int nd = at->arr.ndim;
    for (int k = 0; k < nd; k++)
        lw_check(L, LLVMBuildICmp(L->B, LLVMIntSGE, dims[k], LLVMConstNull(L->i64), ""),
                 JIT_ERR_VALUE, "negative dimensions are not allowed", line);
    /* element count and byte size with overflow checks: a request no
     * machine can satisfy is a MemoryError, never a wrapped small size */
    int esz = ty_size(at->arr.dtype);
    LLVMValueRef count = lw_const_i64(L, 1);
    LLVMValueRef ovf = LLVMConstNull(L->i1);
    LLVMTypeRef pair[2] = {L->i64};
    LLVMTypeRef mulo_t = LLVMFunctionType(LLVMStructTypeInContext(L->C, (LLVMTypeRef[]){L->i64, L->i1}, 2, 0),
                                          (LLVMTypeRef[]){L->i64, L->i64}, 2, 0);
    unsigned mid = LLVMLookupIntrinsicID("llvm.smul.with.overflow", 23);
    LLVMValueRef mulo = LLVMGetIntrinsicDeclaration(L->M, mid, pair, 1);
    /* as in NumPy, the non-zero extents must multiply without overflow even
     * when one is zero ("array is too big"): chk is their product */
    LLVMValueRef chk = count, one = lw_const_i64(L, 1);
    for (int k = 0; k <= nd; k++) {
        LLVMValueRef d = k < nd ? dims[k] : lw_const_i64(L, esz);
        LLVMValueRef nz = LLVMBuildSelect(L->B, LLVMBuildICmp(L->B, LLVMIntEQ, d, LLVMConstNull(L->i64), ""), one, d, "");
        LLVMValueRef args[2] = {chk, nz};
        LLVMValueRef r = LLVMBuildCall2(L->B, mulo_t, mulo, args, 2, "");
        chk = LLVMBuildExtractValue(L->B, r, 0, "");
        ovf = LLVMBuildOr(L->B, ovf, LLVMBuildExtractValue(L->B, r, 1, ""), "");
        count = LLVMBuildMul(L->B, count, d, "");
    }
    lw_check(L, LLVMBuildNot(L->B, ovf, ""), JIT_ERR_MEMORY,
             "cannot allocate array: its size in bytes overflows int64", line);
    LLVMValueRef ra[3] = {count, lw_cstr(L, L->file), LLVMConstInt(L->i32, (unsigned)line, 0)};
    LLVMValueRef mi;
    if (L->device_alloc) {
        /* CUDA device memory (or host memory under the simulator); the
         * runtime raises with the position itself */
        LLVMValueRef host = LLVMConstIntToPtr(
            LLVMConstInt(L->i64, (unsigned long long)(uintptr_t)L->prog->launch_host, 0), L->ptr);
        LLVMValueRef da[4] = {host, count, ra[1], ra[2]};
        mi = lw_call_rt(L, "rt_cuda_alloc", L->ptr, da, 4);
    } else
        mi = lw_call_rt(L, "rt_meminfo_alloc", L->ptr, &count, 1);
    LLVMBasicBlockRef bad = lw_block(L, "alloc.fail"), good = lw_block(L, "alloc.ok");
    LLVMBuildCondBr(L->B, LLVMBuildIsNotNull(L->B, mi, ""), good, bad);
    LLVMPositionBuilderAtEnd(L->B, bad);
    /* the runtime raised MemoryError with the size; add where it happened */
    if (!L->device_alloc)
        lw_call_rt(L, "rt_raise_alloc", L->voidt, ra, 3);
    LLVMBuildBr(L->B, L->unwind_bb);
    LLVMPositionBuilderAtEnd(L->B, good);
    /* RtMemInfo: {i64 refcnt, ptr data, i64 size} */
    LLVMTypeRef mit = LLVMStructTypeInContext(L->C, (LLVMTypeRef[]){L->i64, L->ptr, L->i64}, 3, 0);
    LLVMValueRef data = LLVMBuildLoad2(L->B, L->ptr, LLVMBuildStructGEP2(L->B, mit, mi, 1, ""), "data");
    LLVMValueRef v = LLVMGetUndef(lw_array_type(L, nd));
    v = LLVMBuildInsertValue(L->B, v, mi, F_MEMINFO, "");
    v = LLVMBuildInsertValue(L->B, v, data, F_DATA, "");
    LLVMValueRef stride = lw_const_i64(L, esz);
    LLVMValueRef shape = LLVMGetUndef(LLVMArrayType(L->i64, (unsigned)nd));
    LLVMValueRef strides = LLVMGetUndef(LLVMArrayType(L->i64, (unsigned)nd));
    for (int k = nd - 1; k >= 0; k--) {
        shape = LLVMBuildInsertValue(L->B, shape, dims[k], (unsigned)k, "");
        strides = LLVMBuildInsertValue(L->B, strides, stride, (unsigned)k, "");
        stride = LLVMBuildMul(L->B, stride, dims[k], "");
    }
    v = LLVMBuildInsertValue(L->B, v, shape, F_SHAPE, "");
    v = LLVMBuildInsertValue(L->B, v, strides, F_STRIDES, "");
    lw_temp(L, v, at);
    return v;
}

LLVMValueRef lw_alloc_array(Lower *L, Expr *call, const Builtin *b)
{
    const Type *at = call->ty;
    int nd = at->arr.ndim;
    Expr *shape_e = call->call.args[0];
    LLVMValueRef sv = lw_expr(L, shape_e);
    LLVMValueRef dims[TY_MAX_NDIM];
    for (int k = 0; k < nd; k++) {
        if (shape_e->ty->kind == TY_TUPLE)
            dims[k] = lw_cast(L, LLVMBuildExtractValue(L->B, sv, (unsigned)k, ""), shape_e->ty->tup.elems[k], ty_int64);
        else
            dims[k] = lw_cast(L, sv, shape_e->ty, ty_int64);
    }
    LLVMValueRef fillv = NULL;
    if (b->id == BI_NP_full) {
        Expr *fv = call->call.args[1];
        fillv = lw_cast(L, lw_expr(L, fv), fv->ty, at->arr.dtype);
    }
    LLVMValueRef v = lw_new_array(L, at, dims, call->pos.line);
    LLVMTypeRef et = lw_mem_type(L, at->arr.dtype);
    LLVMValueRef n = lw_const_i64(L, 1);
    for (int k = 0; k < nd; k++)
        n = LLVMBuildMul(L->B, n, dims[k], "");
    if (b->id == BI_NP_zeros)
        fillv = LLVMConstNull(et);
    else if (b->id == BI_NP_ones)
        fillv = lw_cast(L, lw_const_i64(L, 1), ty_int64, at->arr.dtype);
    if (fillv) {
        if (at->arr.dtype->kind == TY_BOOL && LLVMTypeOf(fillv) == L->i1)
            fillv = LLVMBuildZExt(L->B, fillv, L->i8, "");
        fill(L, lw_array_field(L, v, F_DATA, 0), n, et, fillv);
    }
    return v;
}

/* A jit_array on the stack describing arr (the runtime's view of it). */
LLVMValueRef lw_to_jit_array(Lower *L, LLVMValueRef arr, const Type *t)
{
    LLVMTypeRef jt = LLVMStructTypeInContext(L->C, (LLVMTypeRef[]){L->ptr, L->i32, L->i32,
        LLVMArrayType(L->i64, JIT_MAX_NDIM), LLVMArrayType(L->i64, JIT_MAX_NDIM), L->ptr}, 6, 0);
    LLVMValueRef p = lw_alloca(L, jt, "ja");
    LLVMValueRef v = LLVMConstNull(jt);
    v = LLVMBuildInsertValue(L->B, v, lw_array_field(L, arr, F_DATA, 0), 0, "");
    v = LLVMBuildInsertValue(L->B, v, LLVMConstInt(L->i32, (unsigned)t->arr.dtype->kind, 0), 1, "");
    v = LLVMBuildInsertValue(L->B, v, LLVMConstInt(L->i32, (unsigned)t->arr.ndim, 0), 2, "");
    for (int f = 0; f < 2; f++) {
        LLVMValueRef agg = LLVMBuildExtractValue(L->B, v, 3 + (unsigned)f, "");
        for (int k = 0; k < t->arr.ndim; k++)
            agg = LLVMBuildInsertValue(L->B, agg, lw_array_field(L, arr, F_SHAPE + f, k), (unsigned)k, "");
        v = LLVMBuildInsertValue(L->B, v, agg, 3 + (unsigned)f, "");
    }
    v = LLVMBuildInsertValue(L->B, v, lw_array_field(L, arr, F_MEMINFO, 0), 5, "");
    LLVMBuildStore(L->B, v, p);
    return p;
}

/* ---------- views ---------- */

/* Python's slice.indices(size): start and length of lo:hi:step over a
 * dimension of `size` elements, with step != 0 checked. */
static void slice_bounds(Lower *L, Expr *sl, LLVMValueRef size, LLVMValueRef *start, LLVMValueRef *len,
                         LLVMValueRef *step)
{
    LLVMValueRef zero = lw_const_i64(L, 0), one = lw_const_i64(L, 1), m1 = lw_const_i64(L, -1);
    Expr *lo = sl->slice.lo, *hi = sl->slice.hi, *st = sl->slice.step;
    int has_lo = lo && lo->kind != EX_NONE, has_hi = hi && hi->kind != EX_NONE;
    LLVMValueRef s = one;
    int known_pos = 1;
    if (st && st->kind != EX_NONE) {
        s = lw_cast(L, lw_expr(L, st), st->ty, ty_int64);
        known_pos = st->kind == EX_INT && st->ival > 0;
        if (!(st->kind == EX_INT && st->ival != 0))
            lw_check(L, LLVMBuildICmp(L->B, LLVMIntNE, s, zero, ""), JIT_ERR_VALUE, "slice step cannot be zero",
                     sl->pos.line);
    }
    LLVMValueRef pos = known_pos ? LLVMConstInt(L->i1, 1, 0) : LLVMBuildICmp(L->B, LLVMIntSGT, s, zero, "");
    /* clamp bounds: [0, size] going up, [-1, size-1] going down */
    LLVMValueRef lower = LLVMBuildSelect(L->B, pos, zero, m1, "");
    LLVMValueRef upper = LLVMBuildSelect(L->B, pos, size, LLVMBuildSub(L->B, size, one, ""), "");
    LLVMValueRef b[2];
    Expr *parts[2] = {lo, hi};
    int has[2] = {has_lo, has_hi};
    for (int k = 0; k < 2; k++) {
        if (!has[k]) {
            /* defaults: start = up ? 0 : size-1, stop = up ? size : -1 */
            b[k] = k == 0 ? LLVMBuildSelect(L->B, pos, zero, upper, "") : LLVMBuildSelect(L->B, pos, size, m1, "");
            continue;
        }
        LLVMValueRef v = lw_cast(L, lw_expr(L, parts[k]), parts[k]->ty, ty_int64);
        LLVMValueRef neg = LLVMBuildICmp(L->B, LLVMIntSLT, v, zero, "");
        v = LLVMBuildSelect(L->B, neg, LLVMBuildAdd(L->B, v, size, ""), v, "");
        v = LLVMBuildSelect(L->B, LLVMBuildICmp(L->B, LLVMIntSLT, v, lower, ""), lower, v, "");
        v = LLVMBuildSelect(L->B, LLVMBuildICmp(L->B, LLVMIntSGT, v, upper, ""), upper, v, "");
        b[k] = v;
    }
    /* length: up ? ceil((stop-start)/step) : ceil((start-stop)/-step), never negative */
    LLVMValueRef diff = LLVMBuildSelect(L->B, pos, LLVMBuildSub(L->B, b[1], b[0], ""), LLVMBuildSub(L->B, b[0], b[1], ""), "");
    LLVMValueRef as = LLVMBuildSelect(L->B, pos, s, LLVMBuildNeg(L->B, s, ""), "");
    LLVMValueRef n = LLVMBuildSDiv(L->B, LLVMBuildAdd(L->B, diff, LLVMBuildSub(L->B, as, one, ""), ""), as, "");
    n = LLVMBuildSelect(L->B, LLVMBuildICmp(L->B, LLVMIntSGT, diff, zero, ""), n, zero, "slen");
    *start = b[0];
    *len = n;
    *step = s;
}

LLVMValueRef lw_view(Lower *L, Expr *e)
{
    const Type *at = e->sub.obj->ty;
    LLVMValueRef arr = lw_expr(L, e->sub.obj);
    Expr *ix = e->sub.index;
    int n = ix->kind == EX_TUPLE ? ix->tuple.n : 1;
    Expr **xs = ix->kind == EX_TUPLE ? ix->tuple.xs : &ix;
    int rnd = e->ty->arr.ndim, od = 0;
    LLVMValueRef data = lw_array_field(L, arr, F_DATA, 0);
    LLVMValueRef off = lw_const_i64(L, 0);
    LLVMValueRef shape = LLVMGetUndef(LLVMArrayType(L->i64, (unsigned)rnd));
    LLVMValueRef strides = LLVMGetUndef(LLVMArrayType(L->i64, (unsigned)rnd));
    for (int k = 0; k < at->arr.ndim; k++) {
        LLVMValueRef size = lw_array_field(L, arr, F_SHAPE, k);
        LLVMValueRef stride = lw_array_field(L, arr, F_STRIDES, k);
        if (k < n && xs[k]->kind != EX_SLICE) {
            LLVMValueRef v = lw_cast(L, lw_expr(L, xs[k]), xs[k]->ty, ty_int64);
            v = checked_index(L, v, size, k, xs[k]);
            off = LLVMBuildAdd(L->B, off, LLVMBuildMul(L->B, v, stride, ""), "");
            continue;
        }
        LLVMValueRef len = size, step = NULL;
        if (k < n) {
            LLVMValueRef start;
            slice_bounds(L, xs[k], size, &start, &len, &step);
            off = LLVMBuildAdd(L->B, off, LLVMBuildMul(L->B, start, stride, ""), "");
            stride = LLVMBuildMul(L->B, stride, step, "");
        }
        shape = LLVMBuildInsertValue(L->B, shape, len, (unsigned)od, "");
        strides = LLVMBuildInsertValue(L->B, strides, stride, (unsigned)od, "");
        od++;
    }
    LLVMValueRef v = LLVMGetUndef(lw_array_type(L, rnd));
    v = LLVMBuildInsertValue(L->B, v, lw_array_field(L, arr, F_MEMINFO, 0), F_MEMINFO, "");
    v = LLVMBuildInsertValue(L->B, v, LLVMBuildGEP2(L->B, L->i8, data, &off, 1, "view"), F_DATA, "");
    v = LLVMBuildInsertValue(L->B, v, shape, F_SHAPE, "");
    v = LLVMBuildInsertValue(L->B, v, strides, F_STRIDES, "");
    return v;
}

/* ---------- reshape, flattening, literals ---------- */

/* A C-contiguous view of arr (rank from its type) with new dimensions. */
static LLVMValueRef with_shape(Lower *L, LLVMValueRef arr, const Type *et, LLVMValueRef *dims, int nd)
{
    int esz = ty_size(et);
    LLVMValueRef v = LLVMGetUndef(lw_array_type(L, nd));
    v = LLVMBuildInsertValue(L->B, v, lw_array_field(L, arr, F_MEMINFO, 0), F_MEMINFO, "");
    v = LLVMBuildInsertValue(L->B, v, lw_array_field(L, arr, F_DATA, 0), F_DATA, "");
    LLVMValueRef shape = LLVMGetUndef(LLVMArrayType(L->i64, (unsigned)nd));
    LLVMValueRef strides = LLVMGetUndef(LLVMArrayType(L->i64, (unsigned)nd));
    LLVMValueRef stride = lw_const_i64(L, esz);
    for (int k = nd - 1; k >= 0; k--) {
        shape = LLVMBuildInsertValue(L->B, shape, dims[k], (unsigned)k, "");
        strides = LLVMBuildInsertValue(L->B, strides, stride, (unsigned)k, "");
        stride = LLVMBuildMul(L->B, stride, dims[k], "");
    }
    v = LLVMBuildInsertValue(L->B, v, shape, F_SHAPE, "");
    return LLVMBuildInsertValue(L->B, v, strides, F_STRIDES, "");
}

static LLVMValueRef total_size(Lower *L, LLVMValueRef arr, int nd)
{
    LLVMValueRef n = lw_const_i64(L, 1);
    for (int k = 0; k < nd; k++)
        n = LLVMBuildMul(L->B, n, lw_array_field(L, arr, F_SHAPE, k), "");
    return n;
}

LLVMValueRef lw_reshape(Lower *L, Expr *e)
{
    Expr *a0 = e->call.args[0];
    LLVMValueRef arr = lw_expr(L, a0);
    int nd = e->ty->arr.ndim;
    LLVMValueRef dims[TY_MAX_NDIM];
    if (e->call.nargs == 2 && e->call.args[1]->ty->kind == TY_TUPLE) {
        LLVMValueRef t = lw_expr(L, e->call.args[1]);
        for (int k = 0; k < nd; k++)
            dims[k] = lw_cast(L, LLVMBuildExtractValue(L->B, t, (unsigned)k, ""), e->call.args[1]->ty->tup.elems[k], ty_int64);
    } else {
        for (int k = 0; k < nd; k++)
            dims[k] = lw_cast(L, lw_expr(L, e->call.args[k + 1]), e->call.args[k + 1]->ty, ty_int64);
    }
    /* one dimension may be -1: whatever makes the sizes match */
    LLVMValueRef size = total_size(L, arr, a0->ty->arr.ndim);
    LLVMValueRef known = lw_const_i64(L, 1), unknown = LLVMConstNull(L->i64);
    for (int k = 0; k < nd; k++) {
        LLVMValueRef m1 = LLVMBuildICmp(L->B, LLVMIntEQ, dims[k], lw_const_i64(L, -1), "");
        unknown = LLVMBuildAdd(L->B, unknown, LLVMBuildZExt(L->B, m1, L->i64, ""), "");
        known = LLVMBuildMul(L->B, known, LLVMBuildSelect(L->B, m1, lw_const_i64(L, 1), dims[k], ""), "");
    }
    LLVMValueRef safe = LLVMBuildSelect(L->B, LLVMBuildICmp(L->B, LLVMIntEQ, known, LLVMConstNull(L->i64), ""),
                                        lw_const_i64(L, 1), known, "");
    LLVMValueRef fillv = LLVMBuildSDiv(L->B, size, safe, "");
    for (int k = 0; k < nd; k++) {
        LLVMValueRef m1 = LLVMBuildICmp(L->B, LLVMIntEQ, dims[k], lw_const_i64(L, -1), "");
        dims[k] = LLVMBuildSelect(L->B, m1, fillv, dims[k], "");
        lw_check(L, LLVMBuildICmp(L->B, LLVMIntSGE, dims[k], LLVMConstNull(L->i64), ""), JIT_ERR_VALUE,
                 "reshape(): negative dimensions are not allowed", e->pos.line);
    }
    LLVMValueRef newsize = lw_const_i64(L, 1);
    for (int k = 0; k < nd; k++)
        newsize = LLVMBuildMul(L->B, newsize, dims[k], "");
    lw_check(L, LLVMBuildAnd(L->B, LLVMBuildICmp(L->B, LLVMIntULE, unknown, lw_const_i64(L, 1), ""),
                             LLVMBuildICmp(L->B, LLVMIntEQ, newsize, size, ""), ""),
             JIT_ERR_VALUE, "cannot reshape array into the requested shape (sizes differ)", e->pos.line);
    return with_shape(L, arr, e->ty->arr.dtype, dims, nd);
}

LLVMValueRef lw_flat(Lower *L, Expr *e)
{
    Expr *a0 = e->call.args[0];
    const Type *at = a0->ty;
    LLVMValueRef arr = lw_expr(L, a0);
    if (at->arr.layout != 'C') {
        /* a strided array is copied into a new C array first */
        LLVMValueRef dims[TY_MAX_NDIM];
        for (int k = 0; k < at->arr.ndim; k++)
            dims[k] = lw_array_field(L, arr, F_SHAPE, k);
        const Type *ct = ty_array(L->prog->arena, at->arr.dtype, at->arr.ndim, 'C');
        LLVMValueRef copy = lw_new_array(L, ct, dims, e->pos.line);
        lw_copy_value(L, copy, ct, arr, at, e->pos);
        arr = copy;
    }
    if (at->arr.ndim == 1 && at->arr.layout == 'C')
        return arr;
    LLVMValueRef n = total_size(L, arr, at->arr.ndim);
    return with_shape(L, arr, at->arr.dtype, &n, 1);
}

static void store_literal(Lower *L, Expr *x, LLVMValueRef data, LLVMValueRef *idx, const Type *et)
{
    if (x->kind == EX_LIST || x->kind == EX_TUPLE) {
        for (int i = 0; i < x->tuple.n; i++)
            store_literal(L, x->tuple.xs[i], data, idx, et);
        return;
    }
    LLVMValueRef v = lw_cast(L, lw_expr(L, x), x->ty, et);
    if (et->kind == TY_BOOL)
        v = LLVMBuildZExt(L->B, v, L->i8, "");
    LLVMValueRef k = lw_const_i64(L, LLVMConstIntGetSExtValue(*idx));
    LLVMBuildStore(L->B, v, LLVMBuildInBoundsGEP2(L->B, lw_mem_type(L, et), data, &k, 1, ""));
    *idx = lw_const_i64(L, LLVMConstIntGetSExtValue(*idx) + 1);
}

LLVMValueRef lw_array_literal(Lower *L, Expr *e)
{
    Expr *x = e->call.args[0];
    const Type *at = e->ty;
    int nd = at->arr.ndim;
    LLVMValueRef dims[TY_MAX_NDIM];
    if (x->kind != EX_LIST) {
        LLVMValueRef src = lw_expr(L, x);
        for (int k = 0; k < nd; k++)
            dims[k] = lw_array_field(L, src, F_SHAPE, k);
        LLVMValueRef out = lw_new_array(L, at, dims, e->pos.line);
        lw_copy_value(L, out, at, src, x->ty, e->pos);
        return out;
    }
    Expr *row = x;
    for (int k = 0; k < nd; k++) {
        dims[k] = lw_const_i64(L, row->tuple.n);
        row = row->tuple.xs[0];
    }
    LLVMValueRef out = lw_new_array(L, at, dims, e->pos.line);
    LLVMValueRef idx = lw_const_i64(L, 0);
    store_literal(L, x, lw_array_field(L, out, F_DATA, 0), &idx, at->arr.dtype);
    return out;
}

/* Lowest and one-past-highest byte an array value can touch (an empty
 * array touches none: lo == hi). */
void lw_byte_range(Lower *L, LLVMValueRef a, const Type *t, LLVMValueRef *lo, LLVMValueRef *hi)
{
    LLVMValueRef base = LLVMBuildPtrToInt(L->B, lw_array_field(L, a, F_DATA, 0), L->i64, "");
    LLVMValueRef neg = lw_const_i64(L, 0), pos = lw_const_i64(L, ty_size(t->arr.dtype));
    LLVMValueRef empty = LLVMConstInt(L->i1, 0, 0);
    for (int k = 0; k < t->arr.ndim; k++) {
        LLVMValueRef n = lw_array_field(L, a, F_SHAPE, k);
        empty = LLVMBuildOr(L->B, empty, LLVMBuildICmp(L->B, LLVMIntSLE, n, lw_const_i64(L, 0), ""), "");
        LLVMValueRef ext = LLVMBuildMul(L->B, LLVMBuildSub(L->B, n, lw_const_i64(L, 1), ""),
                                        lw_array_field(L, a, F_STRIDES, k), "");
        LLVMValueRef isneg = LLVMBuildICmp(L->B, LLVMIntSLT, ext, lw_const_i64(L, 0), "");
        neg = LLVMBuildAdd(L->B, neg, LLVMBuildSelect(L->B, isneg, ext, lw_const_i64(L, 0), ""), "");
        pos = LLVMBuildAdd(L->B, pos, LLVMBuildSelect(L->B, isneg, lw_const_i64(L, 0), ext, ""), "");
    }
    *lo = LLVMBuildAdd(L->B, base, neg, "");
    *hi = LLVMBuildSelect(L->B, empty, *lo, LLVMBuildAdd(L->B, base, pos, ""), "");
}

/* carray(ptr, shape[, dtype]) / farray(...): an array over C memory that
 * libjit does not own (no meminfo), with C or Fortran strides. */
LLVMValueRef lw_carray(Lower *L, Expr *call)
{
    const Type *t = call->ty;
    int nd = t->arr.ndim, fortran = ((const Builtin *)call->sym)->id == BI_FARRAY;
    Expr *sh = call->call.args[1];
    LLVMValueRef ptr = lw_expr(L, call->call.args[0]);
    LLVMValueRef shv = lw_expr(L, sh);
    LLVMValueRef dims[TY_MAX_NDIM];
    for (int k = 0; k < nd; k++) {
        dims[k] = sh->ty->kind == TY_TUPLE
                      ? lw_cast(L, LLVMBuildExtractValue(L->B, shv, (unsigned)k, ""), sh->ty->tup.elems[k], ty_int64)
                      : lw_cast(L, shv, sh->ty, ty_int64);
        lw_check(L, LLVMBuildICmp(L->B, LLVMIntSGE, dims[k], LLVMConstNull(L->i64), ""), JIT_ERR_VALUE,
                 "negative dimensions are not allowed", call->pos.line);
    }
    LLVMValueRef v = LLVMConstNull(lw_array_type(L, nd));
    v = LLVMBuildInsertValue(L->B, v, ptr, F_DATA, "");
    LLVMValueRef shape = LLVMGetUndef(LLVMArrayType(L->i64, (unsigned)nd));
    LLVMValueRef strides = LLVMGetUndef(LLVMArrayType(L->i64, (unsigned)nd));
    LLVMValueRef s = lw_const_i64(L, ty_size(t->arr.dtype));
    for (int j = 0; j < nd; j++) {
        int k = fortran ? j : nd - 1 - j;
        shape = LLVMBuildInsertValue(L->B, shape, dims[k], (unsigned)k, "");
        strides = LLVMBuildInsertValue(L->B, strides, s, (unsigned)k, "");
        s = LLVMBuildMul(L->B, s, dims[k], "");
    }
    v = LLVMBuildInsertValue(L->B, v, shape, F_SHAPE, "");
    return LLVMBuildInsertValue(L->B, v, strides, F_STRIDES, "carray");
}
