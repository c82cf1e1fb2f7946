/* nvptx.c - the NVPTX target: @cuda.jit kernels to PTX.
 *
 * Lowering is the CPU's (jit/lower*.c) with these hooks: CUDA special
 * registers through llvm.nvvm.read.ptx.sreg.*, __syncthreads through
 * llvm.nvvm.barrier0, math through libdevice (__nv_sin, __nv_expf, ...;
 * linked from the CUDA toolkit and internalized) except the operations the
 * backend selects natively, and no exceptions: a failed check stops the
 * thread. The entry is a PTX kernel (see build_kernel_wrapper in lower.c). */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <llvm-c/Analysis.h>
#include <llvm-c/BitReader.h>
#include <llvm-c/Linker.h>
#include <llvm-c/Target.h>
#include <llvm-c/TargetMachine.h>

#include "../jit/engine.h"
#include "../jit/jit_int.h"
#include "../jit/lower.h"
#include "../runtime/rt.h"

#define NVPTX_TRIPLE "nvptx64-nvidia-cuda"
#define NVPTX_LAYOUT "e-i64:64-i128:128-v16:16-v32:32-n16:32:64"
/* PTX ISA 8.0 (CUDA 12.0): every sm_80/sm_90 driver of the last years loads it */
#define NVPTX_FEATURES "+ptx80"

static const char *libdevice_paths[] = {
    "/usr/local/cuda/nvvm/libdevice/libdevice.10.bc",
    "/usr/lib/nvidia-cuda-toolkit/libdevice/libdevice.10.bc",
    "/usr/lib/cuda/nvvm/libdevice/libdevice.10.bc",
    NULL,
};

static LLVMValueRef nvptx_math(Lower *L, const char *impl, LLVMValueRef *args, int n, LLVMTypeRef ft)
{
    LLVMTypeRef pt[2] = {ft, ft};
    LLVMValueRef r;
    if (target_exact_op(impl)) {   /* selected natively; the rest is libdevice */
        unsigned id = LLVMLookupIntrinsicID(impl, strlen(impl));
        LLVMValueRef f = LLVMGetIntrinsicDeclaration(L->M, id, &ft, 1);
        r = LLVMBuildCall2(L->B, LLVMFunctionType(ft, pt, (unsigned)n, 0), f, args, (unsigned)n, "");
    } else {
        const char *base = !strncmp(impl, "llvm.", 5) ? impl + 5 : impl;
        char name[64];
        /* under fastmath (afn), float32 takes libdevice's fast variants,
         * the hardware's approximations (as Numba's fastmath=True does) */
        static const char *fast[] = {"exp", "exp10", "log", "log2", "log10", "sin", "cos", "tan", "pow", NULL};
        int use_fast = 0;
        for (int i = 0; fast[i] && ft == L->f32 && (L->fmf & (1u << 6) /* afn */); i++)
            use_fast |= !strcmp(fast[i], base);
        snprintf(name, sizeof name, "__nv_%s%s%s", use_fast ? "fast_" : "", base, ft == L->f32 ? "f" : "");
        r = lw_call_fn(L, name, ft, pt, args, n);
    }
    return lw_fm(L, r);
}

static void nvptx_raise(Lower *L, int kind, LLVMValueRef msg, int line)
{
    (void)L; (void)kind; (void)msg; (void)line;   /* the thread just returns */
}

static LLVMValueRef nvptx_sreg(Lower *L, int which, int axis)
{
    static const char *regs[4] = {"tid", "ctaid", "ntid", "nctaid"};
    char name[64];
    snprintf(name, sizeof name, "llvm.nvvm.read.ptx.sreg.%s.%c", regs[which], 'x' + axis);
    LLVMValueRef v = lw_call_fn(L, name, L->i32, NULL, NULL, 0);
    return LLVMBuildZExt(L->B, v, L->i64, "");
}

static void nvptx_barrier(Lower *L)
{
    L->used_barrier = 1;
    lw_call_fn(L, "llvm.nvvm.barrier0", L->voidt, NULL, NULL, 0);
}

/* A static array in the shared address space (3), used through a generic
 * pointer like every other array. */
static LLVMValueRef nvptx_shared_array(Lower *L, LLVMTypeRef elem, int64_t n)
{
    LLVMTypeRef at = LLVMArrayType2(elem, (uint64_t)n);
    LLVMValueRef g = LLVMAddGlobalInAddressSpace(L->M, at, "cuda.shared", 3);
    LLVMSetLinkage(g, LLVMInternalLinkage);
    LLVMSetInitializer(g, LLVMGetUndef(at));
    LLVMSetAlignment(g, 16);
    return LLVMBuildAddrSpaceCast(L->B, g, L->ptr, "shared");
}

const Target nvptx_target = {
    .name = "nvptx",
    .triple = NVPTX_TRIPLE,
    .datalayout = NVPTX_LAYOUT,
    .default_boundscheck = 0,
    .has_exceptions = 0,
    .math = nvptx_math,
    .raise = nvptx_raise,
    .sreg = nvptx_sreg,
    .barrier = nvptx_barrier,
    .shared_array = nvptx_shared_array,
};

static pthread_once_t nvptx_once = PTHREAD_ONCE_INIT;

static void nvptx_init(void)
{
    LLVMInitializeNVPTXTargetInfo();
    LLVMInitializeNVPTXTarget();
    LLVMInitializeNVPTXTargetMC();
    LLVMInitializeNVPTXAsmPrinter();
}

static int uses_libdevice(LLVMModuleRef m)
{
    for (LLVMValueRef f = LLVMGetFirstFunction(m); f; f = LLVMGetNextFunction(f)) {
        size_t len;
        const char *n = LLVMGetValueName2(f, &len);
        if (LLVMIsDeclaration(f) && !strncmp(n, "__nv_", 5))
            return 1;
    }
    return 0;
}

static int link_libdevice(LLVMContextRef C, LLVMModuleRef m, jit_error *err)
{
    const char *env = getenv("JIT_LIBDEVICE");
    const char *path = NULL;
    if (env)
        path = env;
    for (int i = 0; !path && libdevice_paths[i]; i++) {
        FILE *f = fopen(libdevice_paths[i], "rb");
        if (f) {
            fclose(f);
            path = libdevice_paths[i];
        }
    }
    if (!path) {
        rt_error_set(err, JIT_ERR_CUDA, "", 0, 0, "libdevice.10.bc not found (set JIT_LIBDEVICE); "
                     "math functions on the GPU need the CUDA toolkit's libdevice");
        return -1;
    }
    LLVMMemoryBufferRef buf;
    char *msg = NULL;
    if (LLVMCreateMemoryBufferWithContentsOfFile(path, &buf, &msg)) {
        rt_error_set(err, JIT_ERR_CUDA, "", 0, 0, "cannot read %s: %s", path, msg);
        LLVMDisposeMessage(msg);
        return -1;
    }
    /* read lazily: function bodies are materialized when the linker
     * needs them */
    LLVMModuleRef lib;
    int bad = LLVMGetBitcodeModuleInContext2(C, buf, &lib);
    if (bad)
        LLVMDisposeMemoryBuffer(buf);   /* the module owns it otherwise */
    if (bad) {
        rt_error_set(err, JIT_ERR_CUDA, "", 0, 0, "cannot parse %s", path);
        return -1;
    }
    LLVMSetTarget(lib, NVPTX_TRIPLE);
    LLVMSetDataLayout(lib, NVPTX_LAYOUT);
    /* Only what the kernel calls, and what that calls, is linked (internal
     * definitions are linked only where referenced): the rest of
     * libdevice's ~500 functions would otherwise be read, linked and run
     * through the optimizer before being dropped (most of the compile time
     * of a kernel that calls math). */
    for (LLVMValueRef f = LLVMGetFirstFunction(lib); f; f = LLVMGetNextFunction(f)) {
        size_t len;
        const char *n = LLVMGetValueName2(f, &len);
        LLVMValueRef used = LLVMGetNamedFunction(m, n);
        if (!LLVMIsDeclaration(f) && !(used && LLVMIsDeclaration(used)))
            LLVMSetLinkage(f, LLVMInternalLinkage);
    }
    for (LLVMValueRef g = LLVMGetFirstGlobal(lib); g; g = LLVMGetNextGlobal(g))
        if (!LLVMIsDeclaration(g))
            LLVMSetLinkage(g, LLVMInternalLinkage);
    if (LLVMLinkModules2(m, lib)) {
        rt_error_set(err, JIT_ERR_CUDA, "", 0, 0, "linking libdevice failed");
        return -1;
    }
    return 0;
}

/* Everything but the kernel becomes internal, so unused libdevice code is
 * dropped and the rest inlined. */
static void internalize(LLVMModuleRef m, const char *keep)
{
    for (LLVMValueRef f = LLVMGetFirstFunction(m); f; f = LLVMGetNextFunction(f)) {
        size_t len;
        const char *n = LLVMGetValueName2(f, &len);
        if (!LLVMIsDeclaration(f) && strcmp(n, keep))
            LLVMSetLinkage(f, LLVMInternalLinkage);
    }
    for (LLVMValueRef g = LLVMGetFirstGlobal(m); g; g = LLVMGetNextGlobal(g))
        if (!LLVMIsDeclaration(g))
            LLVMSetLinkage(g, LLVMInternalLinkage);
}

/* A fastmath kernel, as Numba's fastmath=True on CUDA: float32 denormals
 * flushed to zero (.ftz, and libdevice's FTZ paths through NVVMReflect),
 * approximate division and square root. */
static void fast_math_module(LLVMContextRef C, LLVMModuleRef M)
{
    LLVMAddModuleFlag(M, LLVMModuleFlagBehaviorOverride, "nvvm-reflect-ftz", 16,
                      LLVMValueAsMetadata(LLVMConstInt(LLVMInt32TypeInContext(C), 1, 0)));
    static const char *attrs[][2] = {
        {"denormal-fp-math-f32", "preserve-sign,preserve-sign"},
        {"unsafe-fp-math", "true"},
    };
    for (LLVMValueRef f = LLVMGetFirstFunction(M); f; f = LLVMGetNextFunction(f))
        if (!LLVMIsDeclaration(f))
            for (size_t i = 0; i < sizeof attrs / sizeof attrs[0]; i++)
                LLVMAddAttributeAtIndex(f, LLVMAttributeFunctionIndex,
                                           LLVMCreateStringAttribute(C, attrs[i][0], (unsigned)strlen(attrs[i][0]),
                                                                     attrs[i][1], (unsigned)strlen(attrs[i][1])));
}

char *nvptx_emit(Program *p, Diags *d, const char *entry, const char *arch, int debug_info, jit_error *err)
{
    pthread_once(&nvptx_once, nvptx_init);
    if (!p->nfuncs || !p->funcs[0]->opts.cuda_kernel) {
        rt_error_set(err, JIT_ERR_CUDA, d->file, p->nfuncs ? p->funcs[0]->src->pos.line : 0, 0,
                     "'%s' is not a @cuda.jit kernel", entry);
        return NULL;
    }
    char *result = NULL;
    LLVMContextRef C = LLVMContextCreate();
    LLVMModuleRef M = LLVMModuleCreateWithNameInContext(entry, C);
    LLVMSetTarget(M, NVPTX_TRIPLE);
    LLVMSetDataLayout(M, NVPTX_LAYOUT);
    LLVMTargetMachineRef tm = NULL;
    /* positions as .file/.loc lines only: ptxas reads them without -g */
    LowerDebug dbg = {.directives_only = 1};
    if (lower_module(p, d, &nvptx_target, C, M, entry, 0, debug_info ? &dbg : NULL) < 0) {
        diags_to_error(d, err);
        goto out;
    }
    char *msg = NULL;
    if (LLVMVerifyModule(M, LLVMReturnStatusAction, &msg)) {
        rt_error_set(err, JIT_ERR_INTERNAL, d->file, 0, 0, "internal error: invalid NVPTX IR: %.600s", msg);
        LLVMDisposeMessage(msg);
        goto out;
    }
    LLVMDisposeMessage(msg);
    if (uses_libdevice(M) && link_libdevice(C, M, err) < 0)
        goto out;
    internalize(M, entry);
    if (p->funcs[0]->opts.fastmath | p->default_fastmath)
        fast_math_module(C, M);
    LLVMTargetRef t;
    if (LLVMGetTargetFromTriple(NVPTX_TRIPLE, &t, &msg)) {
        rt_error_set(err, JIT_ERR_INTERNAL, "", 0, 0, "no NVPTX target in this LLVM: %s", msg);
        LLVMDisposeMessage(msg);
        goto out;
    }
    tm = LLVMCreateTargetMachine(t, NVPTX_TRIPLE, arch, NVPTX_FEATURES, LLVMCodeGenLevelAggressive,
                                 LLVMRelocDefault, LLVMCodeModelDefault);
    if (engine_run_passes(M, "default<O3>", tm, err) < 0)
        goto out;
    LLVMMemoryBufferRef buf;
    if (LLVMTargetMachineEmitToMemoryBuffer(tm, M, LLVMAssemblyFile, &msg, &buf)) {
        rt_error_set(err, JIT_ERR_INTERNAL, "", 0, 0, "PTX emission failed: %s", msg ? msg : "?");
        LLVMDisposeMessage(msg);
        goto out;
    }
    size_t n = LLVMGetBufferSize(buf);
    result = malloc(n + 1);
    if (result) {
        memcpy(result, LLVMGetBufferStart(buf), n);
        result[n] = 0;
    }
    LLVMDisposeMemoryBuffer(buf);
out:
    if (tm)
        LLVMDisposeTargetMachine(tm);
    LLVMDisposeModule(M);
    LLVMContextDispose(C);
    return result;
}
