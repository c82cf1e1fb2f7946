/* engine.c - host target machine, pass pipeline and ORC LLJIT; see engine.h. */
#include "engine.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <llvm-c/Analysis.h>
#include <llvm-c/Core.h>
#include <llvm-c/Error.h>
#include <llvm-c/Support.h>
#include <llvm-c/Target.h>
#include <llvm-c/Transforms/PassBuilder.h>

#include "../runtime/rt.h"
#include "perfmap.h"

static pthread_once_t llvm_once = PTHREAD_ONCE_INIT;
static pthread_once_t mvec_once = PTHREAD_ONCE_INIT;

/* Process-wide LLVM set-up: the host target, and JIT_LLVM_ARGS. */
static void llvm_init(void)
{
    LLVMInitializeNativeTarget();
    LLVMInitializeNativeAsmPrinter();
    /* developers' hook: JIT_LLVM_ARGS="-time-passes ..." reaches LLVM's
     * own options (see docs/performance.md) */
    const char *extra = getenv("JIT_LLVM_ARGS");
    if (extra && *extra) {
        enum { MAXARGS = 32 };
        static char buf[1024];
        const char *argv[MAXARGS + 1] = {"libjit"};
        int argc = 1;
        snprintf(buf, sizeof buf, "%s", extra);
        for (char *p = strtok(buf, " "); p && argc < MAXARGS; p = strtok(NULL, " "))
            argv[argc++] = p;
        LLVMParseCommandLineOptions(argc, argv, NULL);
    }
}

/* Vectorized loops call glibc's libmvec for exp/log/sin/... (PERF_NOTES.md
 * section 3): the vectorizer learns the mapping from -vector-library, and
 * ORC finds the _ZGV* symbols in the process once libmvec is loaded. Only
 * functions with the `afn` fast-math flag use these (see cpu_math): they
 * differ from libm by a few ULPs. Done before the first compile and before
 * linking cached code that calls libmvec, not at start-up: a process whose
 * code comes from the disk cache seldom needs it (loading it is ~0.1 ms). */
static void mvec_init(void)
{
    if (dlopen("libmvec.so.1", RTLD_NOW | RTLD_GLOBAL)) {
        const char *extra = getenv("JIT_LLVM_ARGS");
        if (extra && strstr(extra, "-vector-library"))
            return;   /* the developer's choice stands */
        const char *argv[] = {"libjit", "-vector-library=LIBMVEC-X86"};
        LLVMParseCommandLineOptions(2, argv, NULL);
    }
}

void engine_llvm_error(LLVMErrorRef e, const char *what, jit_error *err)
{
    char *msg = LLVMGetErrorMessage(e);
    rt_error_set(err, JIT_ERR_INTERNAL, "", 0, 0, "%s: %s", what, msg);
    LLVMDisposeErrorMessage(msg);
}

static LLVMTargetMachineRef target_machine(Engine *e, const char *cpu, const char *features, jit_error *err)
{
    LLVMTargetRef t;
    char *msg = NULL;
    if (LLVMGetTargetFromTriple(e->triple, &t, &msg)) {
        rt_error_set(err, JIT_ERR_INTERNAL, "", 0, 0, "no LLVM target for %s: %s", e->triple, msg);
        LLVMDisposeMessage(msg);
        return NULL;
    }
    return LLVMCreateTargetMachine(t, e->triple, cpu, features, LLVMCodeGenLevelAggressive, LLVMRelocPIC,
                                   LLVMCodeModelJITDefault);
}

/* Makes every rt_* function callable from generated code by name. */
static int define_runtime(Engine *e, jit_error *err)
{
    const RtSymbol *s = rt_symbols();
    size_t n = 0;
    while (s[n].name)
        n++;
    LLVMOrcCSymbolMapPair *pairs = rt_calloc(n + 1, sizeof *pairs);
    if (!pairs) {
        rt_error_set(err, JIT_ERR_MEMORY, "", 0, 0, "out of memory");
        return -1;
    }
    for (size_t i = 0; i < n; i++) {
        pairs[i].Name = LLVMOrcLLJITMangleAndIntern(e->jit, s[i].name);
        pairs[i].Sym.Address = (LLVMOrcExecutorAddress)(uintptr_t)s[i].addr;
        pairs[i].Sym.Flags.GenericFlags = LLVMJITSymbolGenericFlagsExported | LLVMJITSymbolGenericFlagsCallable;
        pairs[i].Sym.Flags.TargetFlags = 0;
    }
    pairs[n].Name = LLVMOrcLLJITMangleAndIntern(e->jit, "__jit_num_threads");
    pairs[n].Sym.Address = (LLVMOrcExecutorAddress)(uintptr_t)&e->num_threads;
    pairs[n].Sym.Flags.GenericFlags = LLVMJITSymbolGenericFlagsExported;
    n++;
    LLVMOrcMaterializationUnitRef mu = LLVMOrcAbsoluteSymbols(pairs, n);
    rt_free(pairs);
    LLVMErrorRef le = LLVMOrcJITDylibDefine(e->jd, mu);
    if (le) {
        engine_llvm_error(le, "defining runtime symbols", err);
        return -1;
    }
    /* libm and libc come from the process itself */
    LLVMOrcDefinitionGeneratorRef gen;
    le = LLVMOrcCreateDynamicLibrarySearchGeneratorForProcess(&gen, LLVMOrcLLJITGetGlobalPrefix(e->jit), NULL, NULL);
    if (le) {
        engine_llvm_error(le, "process symbol search", err);
        return -1;
    }
    LLVMOrcJITDylibAddGenerator(e->jd, gen);
    return 0;
}

/* ORC reports failed lookups through the session's reporter, which prints
 * to stderr by default; the library never prints, and every failure also
 * comes back as an LLVMErrorRef where it matters. */
static void quiet_reporter(void *ctx, LLVMErrorRef err)
{
    (void)ctx;
    LLVMConsumeError(err);
}

int engine_init(Engine *e, jit_error *err)
{
    memset(e, 0, sizeof *e);
    pthread_once(&llvm_once, llvm_init);
    e->triple = LLVMGetDefaultTargetTriple();
    e->cpu = LLVMGetHostCPUName();
    e->features = LLVMGetHostCPUFeatures();
    /* The JIT's own target machine only names the target: LLJIT takes the
     * data layout and the object format from it, and makes a compiler from
     * it that never runs (modules reach ORC as object code made with e->tm,
     * see engine_add). Without the host CPU's name and features it is cheap
     * to create (parsing ~100 features costs ~0.8M instructions), and LLJIT
     * creates it twice more. e->tm, for the passes and code generation, is
     * made on the first compile: a run whose code all comes from the disk
     * cache needs none. */
    LLVMTargetMachineRef jtm = target_machine(e, "", "", err);
    if (!jtm)
        return -1;
    LLVMOrcLLJITBuilderRef b = LLVMOrcCreateLLJITBuilder();
    LLVMOrcLLJITBuilderSetJITTargetMachineBuilder(b, LLVMOrcJITTargetMachineBuilderCreateFromTargetMachine(jtm));
    LLVMErrorRef le = LLVMOrcCreateLLJIT(&e->jit, b);
    if (le) {
        engine_llvm_error(le, "creating the JIT", err);
        e->jit = NULL;
        return -1;
    }
    e->jd = LLVMOrcLLJITGetMainJITDylib(e->jit);
    LLVMOrcExecutionSessionSetErrorReporter(LLVMOrcLLJITGetExecutionSession(e->jit), quiet_reporter, NULL);
    return define_runtime(e, err);
}

void engine_free(Engine *e)
{
    if (e->jit) {
        LLVMErrorRef le = LLVMOrcDisposeLLJIT(e->jit);
        if (le)
            LLVMConsumeError(le);
    }
    if (e->tm)
        LLVMDisposeTargetMachine(e->tm);
    for (int i = 0; i < e->nlinked; i++)
        rt_free(e->linked[i]);
    rt_free(e->linked);
    LLVMDisposeMessage(e->triple);
    LLVMDisposeMessage(e->cpu);
    LLVMDisposeMessage(e->features);
    memset(e, 0, sizeof *e);
}

/* The target machine of compiles, made on first use (callers hold the
 * context's compile lock). */
static LLVMTargetMachineRef engine_tm(Engine *e, jit_error *err)
{
    pthread_once(&mvec_once, mvec_init);
    if (!e->tm)
        e->tm = target_machine(e, e->cpu, e->features, err);
    return e->tm;
}

void engine_prepare_module(Engine *e, LLVMModuleRef m)
{
    LLVMSetTarget(m, e->triple);
    if (!engine_tm(e, NULL))
        return;   /* reported again by the optimizer or the emitter */
    LLVMTargetDataRef dl = LLVMCreateTargetDataLayout(e->tm);
    LLVMSetModuleDataLayout(m, dl);
    LLVMDisposeTargetData(dl);
}

int engine_run_passes(LLVMModuleRef m, const char *passes, LLVMTargetMachineRef tm, jit_error *err)
{
    LLVMPassBuilderOptionsRef o = LLVMCreatePassBuilderOptions();
    LLVMPassBuilderOptionsSetLoopVectorization(o, 1);
    LLVMPassBuilderOptionsSetSLPVectorization(o, 1);
    LLVMPassBuilderOptionsSetLoopInterleaving(o, 1);
    LLVMPassBuilderOptionsSetLoopUnrolling(o, 1);
    LLVMErrorRef le = LLVMRunPasses(m, passes, tm, o);
    LLVMDisposePassBuilderOptions(o);
    if (le) {
        engine_llvm_error(le, "optimizer", err);
        return -1;
    }
    return 0;
}

int engine_optimize(Engine *e, LLVMModuleRef m, int level, jit_error *err)
{
    char passes[32];
    snprintf(passes, sizeof passes, "default<O%d>", level < 0 ? 0 : level > 3 ? 3 : level);
    if (!engine_tm(e, err))
        return -1;
    return engine_run_passes(m, passes, e->tm, err);
}

int engine_define_symbol(Engine *e, const char *name, void *addr, jit_error *err)
{
    LLVMOrcCSymbolMapPair pair;
    pair.Name = LLVMOrcLLJITMangleAndIntern(e->jit, name);
    pair.Sym.Address = (LLVMOrcExecutorAddress)(uintptr_t)addr;
    pair.Sym.Flags.GenericFlags = LLVMJITSymbolGenericFlagsExported | LLVMJITSymbolGenericFlagsCallable;
    pair.Sym.Flags.TargetFlags = 0;
    LLVMErrorRef le = LLVMOrcJITDylibDefine(e->jd, LLVMOrcAbsoluteSymbols(&pair, 1));
    if (le) {
        engine_llvm_error(le, "defining a host function", err);
        return -1;
    }
    return 0;
}

void *engine_lookup(Engine *e, const char *name, jit_error *err)
{
    LLVMOrcExecutorAddress addr = 0;
    LLVMErrorRef le = LLVMOrcLLJITLookup(e->jit, &addr, name);
    if (le) {
        engine_llvm_error(le, "code generation", err);
        return NULL;
    }
    return (void *)(uintptr_t)addr;
}

/* Machine code of the module (assembly or object) into *buf. */
static int emit(Engine *e, LLVMModuleRef m, LLVMCodeGenFileType kind, LLVMMemoryBufferRef *buf, jit_error *err)
{
    char *msg = NULL;
    *buf = NULL;
    if (!engine_tm(e, err))
        return -1;
    if (LLVMTargetMachineEmitToMemoryBuffer(e->tm, m, kind, &msg, buf)) {
        rt_error_set(err, JIT_ERR_INTERNAL, "", 0, 0, "emitting %s: %s",
                     kind == LLVMAssemblyFile ? "assembly" : "object code", msg ? msg : "?");
        LLVMDisposeMessage(msg);
        return -1;
    }
    return 0;
}

char *engine_asm(Engine *e, LLVMModuleRef m, jit_error *err)
{
    LLVMMemoryBufferRef buf;
    if (emit(e, m, LLVMAssemblyFile, &buf, err) < 0)
        return NULL;
    size_t n = LLVMGetBufferSize(buf);
    char *s = malloc(n + 1);
    if (s) {
        memcpy(s, LLVMGetBufferStart(buf), n);
        s[n] = 0;
    }
    LLVMDisposeMemoryBuffer(buf);
    return s;
}

int engine_emit_object(Engine *e, LLVMModuleRef m, void **obj, size_t *len, jit_error *err)
{
    LLVMMemoryBufferRef buf;
    if (emit(e, m, LLVMObjectFile, &buf, err) < 0)
        return -1;
    *len = LLVMGetBufferSize(buf);
    *obj = rt_malloc(*len ? *len : 1);
    if (*obj)
        memcpy(*obj, LLVMGetBufferStart(buf), *len);
    LLVMDisposeMemoryBuffer(buf);
    if (!*obj) {
        rt_error_set(err, JIT_ERR_MEMORY, "", 0, 0, "out of memory");
        return -1;
    }
    return 0;
}

/* Whether an object named `name` was linked already (the same cached code
 * loaded twice: a script loaded by two modules). Asked of this list, not of
 * ORC: a lookup that fails costs a search of the whole process. */
static int linked(const Engine *e, const char *name)
{
    for (int i = 0; name && i < e->nlinked; i++)
        if (!strcmp(e->linked[i], name))
            return 1;
    return 0;
}

/* Hands object code to ORC (which owns buf from here), which links it on the
 * first lookup of one of its symbols. */
static int link_object(Engine *e, LLVMMemoryBufferRef buf, const char *name, jit_error *err)
{
    /* code that calls libmvec (its symbols are all _ZGV...) needs it loaded */
    if (memmem(LLVMGetBufferStart(buf), LLVMGetBufferSize(buf), "_ZGV", 4))
        pthread_once(&mvec_once, mvec_init);
    if (name) {
        char **l = e->nlinked % 16 ? e->linked : rt_realloc(e->linked, (size_t)(e->nlinked + 16) * sizeof *l);
        char *copy = rt_malloc(strlen(name) + 1);
        if (!l || !copy) {
            if (l)
                e->linked = l;
            rt_free(copy);
            LLVMDisposeMemoryBuffer(buf);
            rt_error_set(err, JIT_ERR_MEMORY, "", 0, 0, "out of memory");
            return -1;
        }
        e->linked = l;
        e->linked[e->nlinked++] = strcpy(copy, name);
    }
    /* the perf map's names are read before ORC owns (and may free) buf */
    PerfSyms ps = {0};
    if (e->perf_map)
        perfmap_collect(&ps, buf);
    LLVMErrorRef le = LLVMOrcLLJITAddObjectFile(e->jit, e->jd, buf);
    if (le) {
        engine_llvm_error(le, "adding object code", err);
        if (name)
            rt_free(e->linked[--e->nlinked]);
        perfmap_write(NULL, &ps);
        return -1;
    }
    if (e->perf_map)
        perfmap_write(e, &ps);
    return 0;
}

int engine_add_object(Engine *e, const void *obj, size_t len, const char *name, jit_error *err)
{
    if (linked(e, name))
        return 0;
    return link_object(e, LLVMCreateMemoryBufferWithMemoryRangeCopy(obj, len, name ? name : "object"), name, err);
}

int engine_add(Engine *e, LLVMModuleRef m, jit_error *err)
{
    LLVMMemoryBufferRef buf;
    int rc = emit(e, m, LLVMObjectFile, &buf, err);
    LLVMDisposeModule(m);
    return rc < 0 ? -1 : link_object(e, buf, NULL, err);
}

void *engine_find(Engine *e, const char *name)
{
    LLVMOrcExecutorAddress addr = 0;
    LLVMErrorRef le = LLVMOrcLLJITLookup(e->jit, &addr, name);
    if (le) {
        LLVMConsumeError(le);
        return NULL;
    }
    return (void *)(uintptr_t)addr;
}

/* Optimization remarks are switched on process-wide through LLVM's own
 * options (-pass-remarks*), once, by the first context that asks. */
static pthread_once_t remarks_once = PTHREAD_ONCE_INIT;

static void remarks_init(void)
{
    const char *argv[] = {"libjit", "-pass-remarks=loop-vectorize|slp-vectorizer|loop-unroll",
                          "-pass-remarks-missed=loop-vectorize", "-pass-remarks-analysis=loop-vectorize"};
    LLVMParseCommandLineOptions(4, argv, NULL);
}

void engine_enable_remarks(void)
{
    pthread_once(&llvm_once, llvm_init);
    pthread_once(&remarks_once, remarks_init);
}
