/* lower_cuda.c - CUDA in the typed IR: kernel launches from host code,
 * cuda.shared.array / cuda.local.array, cuda.atomic.*, device memory.
 *
 * A launch kernel[blocks, threads](args) in host (CPU) code becomes
 *     status = rt_cuda_launch(ref, tramp, syncs, dims, argv, file, line)
 * where dims is {gx, gy, gz, bx, by, bz}, argv points at one slot per
 * argument holding its internal value (lower.h), tramp is the kernel compiled
 * for the simulator behind `i32 tramp(ptr argv)`, syncs says whether the
 * kernel reaches syncthreads() (the simulator then runs each thread as a
 * coroutine), and ref is the run-time handle the pipeline made for the
 * kernel (it compiles PTX for the driver on first launch). Whether a launch
 * runs on the GPU or on the simulator is decided at run time
 * (targets/cuda.c), so one compiled host function does both. */
#include <string.h>

#include "../include/jit.h"
#include "lower.h"

/* "<kernel>.syncs": 1 if the kernel reaches syncthreads(), set once every
 * body has been lowered (lw_cuda_finish). */
static LLVMValueRef syncs_global(Lower *L, const TypedFunc *k)
{
    char name[256];
    snprintf(name, sizeof name, "%s.syncs", k->symbol);
    LLVMValueRef g = LLVMGetNamedGlobal(L->M, name);
    if (!g) {
        g = LLVMAddGlobal(L->M, L->i32, name);
        LLVMSetLinkage(g, LLVMPrivateLinkage);
        LLVMSetInitializer(g, LLVMConstInt(L->i32, 1, 0));
    }
    return g;
}

void lw_cuda_finish(Lower *L)
{
    for (int i = 0; i < L->prog->nfuncs; i++) {
        TypedFunc *k = L->prog->funcs[i];
        char name[256];
        snprintf(name, sizeof name, "%s.syncs", k->symbol);
        LLVMValueRef g = LLVMGetNamedGlobal(L->M, name);
        if (g) {
            LLVMSetInitializer(g, LLVMConstInt(L->i32, L->kernel_barrier[i] != 0, 0));
            LLVMSetGlobalConstant(g, 1);
        }
    }
}

/* i32 "<kernel>.sim"(ptr argv): the kernel called with the values argv
 * points at; returns its status (1: an exception is pending). */
static LLVMValueRef trampoline(Lower *L, TypedFunc *k)
{
    char name[256];
    snprintf(name, sizeof name, "%s.sim", k->symbol);
    LLVMValueRef f = LLVMGetNamedFunction(L->M, name);
    if (f)
        return f;
    LLVMTypeRef pt[1] = {L->ptr};
    f = LLVMAddFunction(L->M, name, LLVMFunctionType(L->i32, pt, 1, 0));
    LLVMSetLinkage(f, LLVMInternalLinkage);
    LLVMBuilderRef saved = L->B;
    LLVMMetadataRef scope = L->di_scope, loc = lw_dbg_here(L), file = L->di_file;
    L->B = LLVMCreateBuilderInContext(L->C);
    LLVMPositionBuilderAtEnd(L->B, LLVMAppendBasicBlockInContext(L->C, f, "entry"));
    lw_dbg_func(L, f, k->src->name, k, k->def->pos);
    LLVMValueRef args[257];
    args[0] = LLVMBuildAlloca(L->B, lw_type(L, k->ret), "ret");
    LLVMValueRef argv = LLVMGetParam(f, 0);
    for (int i = 0; i < k->nargs && i < 255; i++) {
        LLVMValueRef ix = LLVMConstInt(L->i64, (unsigned)i, 0);
        LLVMValueRef slot = LLVMBuildLoad2(L->B, L->ptr, LLVMBuildInBoundsGEP2(L->B, L->ptr, argv, &ix, 1, ""), "");
        args[i + 1] = LLVMBuildLoad2(L->B, lw_type(L, k->args[i]), slot, "");
    }
    LLVMValueRef callee = LLVMGetNamedFunction(L->M, k->symbol);
    LLVMValueRef st = LLVMBuildCall2(L->B, LLVMGlobalGetValueType(callee), callee, args, (unsigned)k->nargs + 1, "");
    LLVMBuildRet(L->B, st);
    LLVMDisposeBuilder(L->B);
    L->B = saved;
    L->di_file = file;
    lw_dbg_set(L, scope, loc);
    return f;
}

static LLVMValueRef host_ptr(Lower *L, void *p)
{
    return LLVMConstIntToPtr(LLVMConstInt(L->i64, (unsigned long long)(uintptr_t)p, 0), L->ptr);
}

/* Stores the values into a fresh argv array of slots. */
static LLVMValueRef build_argv(Lower *L, TypedFunc *k, LLVMValueRef *vals)
{
    int n = k->nargs;
    LLVMValueRef argv = lw_alloca(L, LLVMArrayType2(L->ptr, (uint64_t)(n ? n : 1)), "argv");
    for (int i = 0; i < n; i++) {
        LLVMValueRef slot = lw_alloca(L, lw_type(L, k->args[i]), "arg");
        LLVMBuildStore(L->B, vals[i], slot);
        LLVMValueRef ix = LLVMConstInt(L->i64, (unsigned)i, 0);
        LLVMBuildStore(L->B, slot, LLVMBuildInBoundsGEP2(L->B, L->ptr, argv, &ix, 1, ""));
    }
    return argv;
}

static LLVMValueRef call_launch(Lower *L, TypedFunc *k, LLVMValueRef dims, LLVMValueRef argv, int line)
{
    void *ref = L->prog->launch_ref ? L->prog->launch_ref(L->prog->launch_host, k) : NULL;
    LLVMValueRef syncs = LLVMBuildLoad2(L->B, L->i32, syncs_global(L, k), "syncs");
    LLVMValueRef a[7] = {host_ptr(L, ref), trampoline(L, k), syncs, dims, argv, lw_cstr(L, L->file),
                         LLVMConstInt(L->i32, (unsigned)line, 0)};
    return lw_call_rt(L, "rt_cuda_launch", L->i32, a, 7);
}

LLVMValueRef lw_cuda_launch(Lower *L, Expr *e)
{
    TypedFunc *k = (TypedFunc *)e->sym;
    Expr *cfg = e->call.fn->sub.index;
    LLVMValueRef dims = lw_alloca(L, LLVMArrayType2(L->i64, 6), "dims");
    for (int g = 0; g < 2; g++) {
        Expr *x = cfg->tuple.xs[g];
        LLVMValueRef v = lw_expr(L, x);
        for (int d = 0; d < 3; d++) {
            LLVMValueRef dv;
            if (x->ty->kind == TY_TUPLE)
                dv = d < x->ty->tup.n ? lw_cast(L, LLVMBuildExtractValue(L->B, v, (unsigned)d, ""),
                                                x->ty->tup.elems[d], ty_int64) : lw_const_i64(L, 1);
            else
                dv = d == 0 ? lw_cast(L, v, x->ty, ty_int64) : lw_const_i64(L, 1);
            LLVMValueRef ix = LLVMConstInt(L->i64, (unsigned)(g * 3 + d), 0);
            LLVMBuildStore(L->B, dv, LLVMBuildInBoundsGEP2(L->B, L->i64, dims, &ix, 1, ""));
        }
    }
    LLVMValueRef vals[256];
    int n = k->nargs < 255 ? k->nargs : 255;
    for (int j = 0; j < n; j++) {
        int i = e->call.order ? e->call.order[j] : j;
        vals[i] = lw_cast(L, lw_expr(L, e->call.args[i]), e->call.args[i]->ty, k->args[i]);
    }
    LLVMValueRef st = call_launch(L, k, dims, build_argv(L, k, vals), e->pos.line);
    LLVMBasicBlockRef ok = lw_block(L, "launch.ok"), bad = lw_block(L, "launch.failed");
    LLVMBuildCondBr(L->B, LLVMBuildICmp(L->B, LLVMIntEQ, st, LLVMConstInt(L->i32, 0, 0), ""), ok, bad);
    LLVMPositionBuilderAtEnd(L->B, bad);
    LLVMBuildBr(L->B, L->unwind_bb);
    LLVMPositionBuilderAtEnd(L->B, ok);
    return LLVMConstNull(L->i8);
}

/* void name(C args...): the C entry of a kernel compiled for the CPU. The
 * launch configuration comes from jit_cuda_launch (dims NULL: the runtime
 * takes the calling thread's pending configuration). */
void lw_cuda_launch_wrapper(Lower *L, TypedFunc *tf, const char *name,
                            LLVMValueRef (*unbox)(Lower *, LLVMValueRef, const Type *),
                            LLVMTypeRef (*ctype)(Lower *, const Type *))
{
    LLVMTypeRef pt[256];
    int n = tf->nargs < 255 ? tf->nargs : 255;
    for (int i = 0; i < n; i++)
        pt[i] = ctype(L, tf->args[i]);
    LLVMValueRef w = LLVMAddFunction(L->M, name, LLVMFunctionType(L->voidt, pt, (unsigned)n, 0));
    L->fn = w;
    L->entry_bb = LLVMAppendBasicBlockInContext(L->C, w, "entry");
    LLVMPositionBuilderAtEnd(L->B, L->entry_bb);
    lw_dbg_func(L, w, tf->src->name, tf, tf->def->pos);
    LLVMValueRef vals[256];
    for (int i = 0; i < n; i++) {
        LLVMValueRef p = LLVMGetParam(w, (unsigned)i);
        const Type *t = tf->args[i];
        if (t->kind == TY_BOOL)
            p = LLVMBuildICmp(L->B, LLVMIntNE, p, LLVMConstNull(L->i8), "");
        else if (t->kind == TY_ARRAY)
            p = unbox(L, p, t);
        vals[i] = p;
    }
    call_launch(L, tf, LLVMConstNull(L->ptr), build_argv(L, tf, vals), tf->def->pos.line);
    LLVMBuildRetVoid(L->B);
}

/* cuda.shared.array / cuda.local.array: {NULL, data, shape, strides} over
 * static storage; the shape's constants were checked by inference. */
LLVMValueRef lw_cuda_array(Lower *L, Expr *e)
{
    const Builtin *b = e->sym;
    const Type *at = e->ty;
    int nd = at->arr.ndim;
    Expr *sh = e->call.args[0];
    LLVMValueRef sv = lw_expr(L, sh);
    int64_t dims[TY_MAX_NDIM], total = 1;
    for (int k = 0; k < nd; k++) {
        LLVMValueRef d = sh->ty->kind == TY_TUPLE ? LLVMBuildExtractValue(L->B, sv, (unsigned)k, "") : sv;
        dims[k] = LLVMIsAConstantInt(d) ? LLVMConstIntGetSExtValue(d) : 0;
        total *= dims[k];
    }
    LLVMTypeRef et = lw_mem_type(L, at->arr.dtype);
    LLVMValueRef data;
    if (b->id == BI_CUDA_shared_array && L->target->shared_array)
        data = L->target->shared_array(L, et, total);
    else
        data = lw_alloca(L, LLVMArrayType2(et, (uint64_t)(total ? total : 1)), "local");
    LLVMValueRef v = LLVMConstNull(lw_array_type(L, nd));
    v = LLVMBuildInsertValue(L->B, v, data, 1, "");
    int64_t stride = ty_size(at->arr.dtype);
    LLVMValueRef shape = LLVMBuildExtractValue(L->B, v, 2, ""), strides = LLVMBuildExtractValue(L->B, v, 3, "");
    for (int k = nd - 1; k >= 0; k--) {
        shape = LLVMBuildInsertValue(L->B, shape, lw_const_i64(L, dims[k]), (unsigned)k, "");
        strides = LLVMBuildInsertValue(L->B, strides, lw_const_i64(L, stride), (unsigned)k, "");
        stride *= dims[k];
    }
    v = LLVMBuildInsertValue(L->B, v, shape, 2, "");
    return LLVMBuildInsertValue(L->B, v, strides, 3, b->id == BI_CUDA_shared_array ? "shared" : "local");
}

/* cuda.atomic.add/max/min(ary, idx, val): the old value; relaxed ordering,
 * as CUDA's atomicAdd. Indices are checked like ary[idx]. */
LLVMValueRef lw_cuda_atomic(Lower *L, Expr *e, const Builtin *b)
{
    const Type *dt = e->ty;
    Expr sub = {.kind = EX_SUBSCRIPT, .pos = e->pos, .ty = dt};
    sub.sub.obj = e->call.args[0];
    sub.sub.index = e->call.args[1];
    LLVMValueRef p = lw_element_ptr(L, &sub);
    Expr *ve = e->call.args[2];
    LLVMValueRef v = lw_cast(L, lw_expr(L, ve), ve->ty, dt);
    int fl = ty_is_float(dt), sg = ty_is_signed(dt);
    LLVMAtomicRMWBinOp op;
    if (!strcmp(b->impl, "add"))
        op = fl ? LLVMAtomicRMWBinOpFAdd : LLVMAtomicRMWBinOpAdd;
    else if (!strcmp(b->impl, "max"))
        op = fl ? LLVMAtomicRMWBinOpFMax : sg ? LLVMAtomicRMWBinOpMax : LLVMAtomicRMWBinOpUMax;
    else
        op = fl ? LLVMAtomicRMWBinOpFMin : sg ? LLVMAtomicRMWBinOpMin : LLVMAtomicRMWBinOpUMin;
    return LLVMBuildAtomicRMW(L->B, op, p, v, LLVMAtomicOrderingMonotonic, 0);
}

/* cuda.device_array / cuda.to_device / d.copy_to_host(): new C arrays,
 * in device memory for the first two (see rt_cuda_alloc). */
LLVMValueRef lw_cuda_mem(Lower *L, Expr *e, const Builtin *b)
{
    if (b->id == BI_CUDA_device_array) {
        L->device_alloc = 1;
        LLVMValueRef v = lw_alloc_array(L, e, b);
        L->device_alloc = 0;
        return v;
    }
    Expr *src = e->call.args[0];
    LLVMValueRef a = lw_expr(L, src);
    LLVMValueRef dims[TY_MAX_NDIM];
    for (int k = 0; k < e->ty->arr.ndim; k++)
        dims[k] = lw_array_field(L, a, 2, k);
    L->device_alloc = b->id == BI_CUDA_to_device;
    LLVMValueRef v = lw_new_array(L, e->ty, dims, e->pos.line);
    L->device_alloc = 0;
    lw_copy_value(L, v, e->ty, a, src->ty, e->pos);
    return v;
}
