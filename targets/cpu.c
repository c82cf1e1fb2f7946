/* cpu.c - the host CPU target: LLVM intrinsics and libm for math, errors
 * reported through the runtime's thread-local pending error. The machine
 * itself (triple, CPU name and features, ORC) is set up by jit/engine.c. */
#include <stdio.h>
#include <string.h>

#include "../jit/lower.h"

static LLVMValueRef cpu_math(Lower *L, const char *impl, LLVMValueRef *args, int n, LLVMTypeRef ft)
{
    LLVMTypeRef pt[2] = {ft, ft};
    LLVMValueRef r;
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
