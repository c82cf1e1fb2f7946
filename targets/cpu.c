/* cpu.c - the host CPU target: LLVM intrinsics and libm for math, errors
 * reported through the runtime's thread-local pending error. The machine
 * itself (triple, CPU name and features, ORC) is set up by jit/engine.c. */
#include <stdio.h>
#include <string.h>

#include "../jit/lower.h"

/* glibc's libmvec has AVX2 versions of these that LLVM's own table of the
 * library (-vector-library) lacks; naming them on the call lets the loop
 * vectorizer use them too (with `afn` only: they differ from libm by a few
 * ULPs). */
static void add_vector_variant(Lower *L, LLVMValueRef call, const char *name, LLVMTypeRef ft, int n)
{
    static const char *have[] = {"erf", "erfc", "tan", "asin", "acos", "atan", "sinh", "cosh", "tanh",
                                 "asinh", "acosh", "atanh", "expm1", "log1p", "atan2", "hypot", NULL};
    size_t len = strlen(name) - (ft == L->f32);
    int found = 0;
    for (int i = 0; have[i] && !found; i++)
        found = strlen(have[i]) == len && !strncmp(have[i], name, len);
    if (!found)
        return;
    int lanes = ft == L->f32 ? 8 : 4;
    const char *params = n == 2 ? "vv" : "v";
    char vname[96], attr[256];
    snprintf(vname, sizeof vname, "_ZGVdN%d%s_%s", lanes, params, name);
    snprintf(attr, sizeof attr, "_ZGV_LLVM_N%d%s_%s(%s)", lanes, params, name, vname);
    if (!LLVMGetNamedFunction(L->M, vname)) {
        LLVMTypeRef vt = LLVMVectorType(ft, (unsigned)lanes);
        LLVMTypeRef ps[2] = {vt, vt};
        LLVMValueRef vf = LLVMAddFunction(L->M, vname, LLVMFunctionType(vt, ps, (unsigned)n, 0));
        /* keep the declaration alive until the vectorizer has looked at
         * it: one @llvm.compiler.used array listing every variant */
        LLVMValueRef used[32];
        unsigned nu = 0;
        LLVMValueRef old = LLVMGetNamedGlobal(L->M, "llvm.compiler.used");
        if (old) {
            LLVMValueRef init = LLVMGetInitializer(old);
            for (unsigned i = 0; init && i < (unsigned)LLVMGetNumOperands(init) && nu < 31; i++)
                used[nu++] = LLVMGetOperand(init, i);
            LLVMDeleteGlobal(old);
        }
        used[nu++] = vf;
        LLVMValueRef arr = LLVMConstArray(L->ptr, used, nu);
        LLVMValueRef g = LLVMAddGlobal(L->M, LLVMTypeOf(arr), "llvm.compiler.used");
        LLVMSetLinkage(g, LLVMAppendingLinkage);
        LLVMSetInitializer(g, arr);
        LLVMSetSection(g, "llvm.metadata");
    }
    /* with afn errno does not matter: the call reads and writes no memory,
     * which is what lets the vectorizer replace it */
    unsigned mem = LLVMGetEnumAttributeKindForName("memory", 6);
    LLVMAddCallSiteAttribute(call, LLVMAttributeFunctionIndex, LLVMCreateEnumAttribute(L->C, mem, 0));
    unsigned nu2 = LLVMGetEnumAttributeKindForName("nounwind", 8);
    LLVMAddCallSiteAttribute(call, LLVMAttributeFunctionIndex, LLVMCreateEnumAttribute(L->C, nu2, 0));
    unsigned wr = LLVMGetEnumAttributeKindForName("willreturn", 10);
    LLVMAddCallSiteAttribute(call, LLVMAttributeFunctionIndex, LLVMCreateEnumAttribute(L->C, wr, 0));
    LLVMAttributeRef a = LLVMCreateStringAttribute(L->C, "vector-function-abi-variant", 27, attr,
                                                   (unsigned)strlen(attr));
    LLVMAddCallSiteAttribute(call, LLVMAttributeFunctionIndex, a);
}

static LLVMValueRef cpu_math(Lower *L, const char *impl, LLVMValueRef *args, int n, LLVMTypeRef ft)
{
    LLVMTypeRef pt[2] = {ft, ft};
    LLVMValueRef r;
    if (!strncmp(impl, "llvm.", 5) && !target_exact_op(impl) && !(L->fmf & (1u << 6) /* afn */)) {
        /* without `afn` results must be libm's, bit for bit: a plain call
         * the optimizer may not replace by a vector-library routine */
        char name[64];
        snprintf(name, sizeof name, "%s%s", impl + 5, ft == L->f32 ? "f" : "");
        r = lw_call_fn(L, name, ft, pt, args, n);
        unsigned kind = LLVMGetEnumAttributeKindForName("nobuiltin", 9);
        LLVMAddCallSiteAttribute(r, LLVMAttributeFunctionIndex, LLVMCreateEnumAttribute(L->C, kind, 0));
        return lw_fm(L, r);
    }
    if (!strncmp(impl, "llvm.", 5)) {
        unsigned id = LLVMLookupIntrinsicID(impl, strlen(impl));
        LLVMValueRef f = LLVMGetIntrinsicDeclaration(L->M, id, &ft, 1);
        r = LLVMBuildCall2(L->B, LLVMFunctionType(ft, pt, (unsigned)n, 0), f, args, (unsigned)n, "");
    } else {
        char name[64];
        snprintf(name, sizeof name, "%s%s", impl, ft == L->f32 ? "f" : "");
        r = lw_call_fn(L, name, ft, pt, args, n);
        if (L->fmf & (1u << 6) /* afn */)
            add_vector_variant(L, r, name, ft, n);
    }
    return lw_fm(L, r);
}

static void cpu_raise(Lower *L, int kind, LLVMValueRef msg, int line)
{
    LLVMValueRef args[4] = {LLVMConstInt(L->i32, (unsigned)kind, 0), msg, lw_cstr(L, L->file),
                            LLVMConstInt(L->i32, (unsigned)line, 0)};
    lw_call_rt(L, "rt_raise", L->voidt, args, 4);
}

/* ---- the CUDA simulator: @cuda.jit code on the CPU ----
 * The CPU target's code with CUDA's special registers and barrier as calls
 * into runtime/cudasim.c, which knows the current simulated thread. The
 * calls are opaque to LLVM (they may read and write memory), so a read of
 * threadIdx is never moved across a syncthreads(). */

static LLVMValueRef sim_sreg(Lower *L, int which, int axis)
{
    LLVMValueRef code = LLVMConstInt(L->i32, (unsigned)(which * 3 + axis), 0);
    return lw_call_rt(L, "rt_cuda_sreg", L->i64, &code, 1);
}

static void sim_barrier(Lower *L)
{
    L->used_barrier = 1;
    lw_call_rt(L, "rt_cuda_syncthreads", L->voidt, NULL, 0);
}

/* One block's copy, found by the call site's key (a private global) in the
 * simulator's table of the running block. */
static LLVMValueRef sim_shared_array(Lower *L, LLVMTypeRef elem, int64_t n)
{
    LLVMValueRef key = LLVMAddGlobal(L->M, L->i8, "cuda.shared.key");
    LLVMSetLinkage(key, LLVMPrivateLinkage);
    LLVMSetInitializer(key, LLVMConstNull(L->i8));
    LLVMValueRef size = LLVMSizeOf(elem);
    size = LLVMBuildMul(L->B, LLVMBuildZExtOrBitCast(L->B, size, L->i64, ""), lw_const_i64(L, n), "");
    LLVMValueRef args[2] = {key, size};
    return lw_call_rt(L, "rt_cuda_shared", L->ptr, args, 2);
}

const Target cudasim_target = {
    .name = "cudasim",
    .default_boundscheck = -1,
    .has_exceptions = 1,
    .math = cpu_math,
    .raise = cpu_raise,
    .sreg = sim_sreg,
    .barrier = sim_barrier,
    .shared_array = sim_shared_array,
};

const Target cpu_target = {
    .name = "cpu",
    .default_boundscheck = -1,
    .has_exceptions = 1,
    .has_threads = 1,
    .math = cpu_math,
    .raise = cpu_raise,
    .kernel_target = &cudasim_target,
};
