/* cpu.c - the host CPU target: LLVM intrinsics and libm for math, errors
 * reported through the runtime's thread-local pending error. The machine
 * itself (triple, CPU name and features, ORC) is set up by jit/engine.c. */
#include <stdio.h>
#include <string.h>

#include "../jit/lower.h"

/* Operations that are exact in hardware: always LLVM intrinsics. */
static int exact_op(const char *impl)
{
    static const char *ops[] = {"llvm.sqrt", "llvm.fabs", "llvm.floor", "llvm.ceil", "llvm.trunc",
                                "llvm.copysign", "llvm.roundeven", "llvm.fma", NULL};
    for (int i = 0; ops[i]; i++)
        if (!strcmp(ops[i], impl))
            return 1;
    return 0;
}

static LLVMValueRef cpu_math(Lower *L, const char *impl, LLVMValueRef *args, int n, LLVMTypeRef ft)
{
    LLVMTypeRef pt[2] = {ft, ft};
    LLVMValueRef r;
    if (!strncmp(impl, "llvm.", 5) && !exact_op(impl) && !(L->fmf & (1u << 6) /* afn */)) {
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
    }
    return lw_fm(L, r);
}

static void cpu_raise(Lower *L, int kind, LLVMValueRef msg, int line)
{
    LLVMValueRef args[4] = {LLVMConstInt(L->i32, (unsigned)kind, 0), msg, lw_cstr(L, L->file),
                            LLVMConstInt(L->i32, (unsigned)line, 0)};
    lw_call_rt(L, "rt_raise", L->voidt, args, 4);
}

const Target cpu_target = {
    .name = "cpu",
    .default_boundscheck = -1,
    .has_exceptions = 1,
    .math = cpu_math,
    .raise = cpu_raise,
};
